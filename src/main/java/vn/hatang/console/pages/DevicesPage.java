package vn.hatang.console.pages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import vn.hatang.console.Console;
import vn.hatang.console.Form;
import vn.hatang.console.Names;
import vn.hatang.console.Reply;
import vn.hatang.console.Req;
import vn.hatang.devices.DeviceCategory;
import vn.hatang.devices.DeviceService;
import vn.hatang.devices.Lifecycle;
import vn.hatang.people.PersonService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.json.Input;

/**
 * {@code /devices}: search and filters ({@code listDevices}); a device's page with its lifecycle as buttons for the
 * legal next steps only ({@code transitionDevice}: a refused one shows the gate's message), the security check
 * ({@code recordSecurityCheck}), handing it to an official ({@code updateDevice} with {@code person_code}) and its
 * history ({@code getDeviceHistory}).
 */
public final class DevicesPage implements Console.Page {
    public static final int PAGE = 50;
    static final List<String> FILTERS = List.of("q", "under", "category", "status", "person_code");
    private final Db db;
    private final DeviceService devices;
    private final PersonService people;

    public DevicesPage(Db db, DeviceService devices, PersonService people) {
        this.db = db;
        this.devices = devices;
        this.people = people;
    }

    @Override
    public void addRoutes(Console.Pages console) {
        console.get("/devices", this::list);
        console.get("/devices/:id", r -> device(r, Form.NONE));
        console.post("/devices/:id/transition", r -> {
            long id = r.id("id");
            return Forms.submit(r, "transition", Forms.attempt(() -> devices.transition(r.scope("transitionDevice"),
                    id, null, Input.ofStrings(r.form()))), "/devices/" + id + "?done=transition", f -> device(r, f));
        });
        console.post("/devices/:id/assign", r -> {
            long id = r.id("id");
            Map<String, String> form = r.form();
            return Forms.submit(r, "assign", Forms.attempt(() -> devices.update(r.scope("updateDevice"), id, null,
                    Input.of(new JsonObject().put("person_code", form.get("person_code"))))),
                    "/devices/" + id + "?done=assigned", f -> device(r, f));
        });
        console.post("/devices/:id/security-check", r -> {
            long id = r.id("id");
            return Forms.submit(r, "check", Forms.attempt(() -> devices.recordSecurityCheck(
                    r.scope("recordSecurityCheck"), id, Input.ofStrings(withPassed(r.form())))),
                    "/devices/" + id + "?done=checked", f -> device(r, f));
        });
    }

    /** An unticked checkbox sends nothing: "passed" is then no. */
    private static Map<String, String> withPassed(Map<String, String> form) {
        var m = new java.util.LinkedHashMap<>(form);
        m.putIfAbsent("passed", "false");
        return m;
    }

    private Future<Reply> list(Req r) {
        var scope = r.scope("listDevices");
        Map<String, String> filters = r.filters(FILTERS.toArray(String[]::new));
        Page.Request page = Page.Request.of(String.valueOf(PAGE), r.query("cursor"));
        return devices.list(scope, filters, page).compose(p -> db.read(scope, dsl -> Names.of(dsl, scope, p.items()))
                .map(names -> Reply.ok(r.render("devices.jte", "v", r.view("devices"), "filters", filters, "page", p,
                        "names", names, "categories", DeviceCategory.ALL, "states", Lifecycle.STATES))));
    }

    Future<Reply> device(Req r, Form form) {
        long id = r.id("id");
        var scope = r.scope("getDevice");
        return devices.history(r.scope("getDeviceHistory"), id).compose(h -> {
            JsonObject d = h.getJsonObject("device");
            Future<Page> holders = r.may("updateDevice") ? people.list(r.scope("listPeople"),
                    Map.of("under", String.valueOf(d.getLong("unit_id")), "status", "active"), new Page.Request(500, 0))
                    : Future.succeededFuture(new Page(List.of(), null));
            return holders.compose(hs -> db.read(scope, dsl -> Names.of(dsl, scope, List.of(d)))
                    .map(names -> Reply.ok(r.render("device.jte", "v", r.view("devices"), "device", d, "history", h,
                            "names", names, "next", Lifecycle.next(d.getString("status")), "holders", hs.items(),
                            "form", form, "canWrite", r.may("updateDevice")))));
        });
    }
}
