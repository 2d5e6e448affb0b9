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
import vn.hatang.documents.HandoverService;
import vn.hatang.platform.http.ApiException;
import vn.hatang.people.PersonService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.json.Input;

/**
 * {@code /devices}: search and filters ({@code listDevices}); a device's page with its lifecycle as buttons for the
 * legal next steps only ({@code transitionDevice}: a refused one shows the gate's message), the security check
 * ({@code recordSecurityCheck}), handing it to an official with the handover record and its minutes
 * ({@code recordDeviceHandover}, {@code listDeviceHandovers}) and its history ({@code getDeviceHistory}).
 */
public final class DevicesPage implements Console.Page {
    public static final int PAGE = 50;
    static final List<String> FILTERS = List.of("q", "under", "category", "status", "person_code");
    private final Db db;
    private final DeviceService devices;
    private final PersonService people;
    private final HandoverService handovers;

    public DevicesPage(Db db, DeviceService devices, PersonService people, HandoverService handovers) {
        this.db = db;
        this.devices = devices;
        this.people = people;
        this.handovers = handovers;
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
        console.post("/devices/:id/handover", r -> {
            long id = r.id("id");
            Map<String, String> form = r.form();
            JsonObject body = new JsonObject().put("kind", "handover").put("person_code", form.get("person_code"))
                    .put("document_no", form.get("document_no")).put("document_date", form.get("document_date"))
                    .put("office_official", form.get("office_official"))
                    .put("items", new io.vertx.core.json.JsonArray().add(new JsonObject().put("device_id", id)
                            .put("condition", form.get("condition"))));
            // The service names an item's field "items[0].condition": the form's field is "condition".
            return Forms.submit(r, "handover", Forms.attempt(() -> handovers.record(r.scope("recordDeviceHandover"),
                    body)).recover(e -> Future.failedFuture(e instanceof ApiException a && a.field() != null
                            && a.field().startsWith("items[0].") ? ApiException.invalid(a.field().substring(9),
                            a.messageKey(), java.util.Arrays.copyOfRange(a.args(), 1, a.args().length)) : e)),
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
            Future<io.vertx.core.json.JsonArray> given = handovers.ofDevice(r.scope("listDeviceHandovers"), id);
            Future<Page> holders = r.may("recordDeviceHandover") ? people.list(r.scope("listPeople"),
                    Map.of("under", String.valueOf(d.getLong("unit_id")), "status", "active"), new Page.Request(500, 0))
                    : Future.succeededFuture(new Page(List.of(), null));
            return Future.all(holders, given).compose(x -> db.read(scope, dsl -> Names.of(dsl, scope, List.of(d))))
                    .map(names -> Reply.ok(r.render("device.jte", "v", r.view("devices"), "device", d, "history", h,
                            "names", names, "next", Lifecycle.next(d.getString("status")), "holders",
                            holders.result().items(), "handovers", given.result(), "form", form,
                            "canWrite", r.may("transitionDevice"), "canHandOver", r.may("recordDeviceHandover"))));
        });
    }
}
