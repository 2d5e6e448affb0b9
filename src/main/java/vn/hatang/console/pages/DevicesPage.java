package vn.hatang.console.pages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
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
import vn.hatang.snmp.service.SnmpService;

/**
 * {@code /devices}: search and filters ({@code listDevices}); a device's page with its lifecycle as buttons for the
 * legal next steps only ({@code transitionDevice}: a refused one shows the gate's message), the security check
 * ({@code recordSecurityCheck}), handing it to an official with the handover record and its minutes
 * ({@code recordDeviceHandover}, {@code listDeviceHandovers}) and its history ({@code getDeviceHistory}); for a network
 * device its SNMP state, identity as read against the inventory, interfaces and events ({@code getSnmpDevice},
 * {@code listSnmpFindings}, {@code listSnmpInterfaces}, {@code listSnmpEvents}) and its profile
 * ({@code assignSnmpProfile}).
 */
public final class DevicesPage implements Console.Page {
    public static final int PAGE = 50;
    static final List<String> FILTERS = List.of("q", "under", "category", "status", "modern", "person_code");
    private final Db db;
    private final DeviceService devices;
    private final PersonService people;
    private final HandoverService handovers;
    private final SnmpService snmp;

    /**
     * What a device's page shows of SNMP; {@code profiles} only for a caller who may assign one, {@code canDiscover}
     * for one who may have it read now.
     */
    public record DeviceSnmp(JsonObject status, JsonArray interfaces, JsonArray findings, JsonArray events,
                             JsonArray profiles, boolean canDiscover) {
    }

    /** @param snmp null when SNMP is off */
    public DevicesPage(Db db, DeviceService devices, PersonService people, HandoverService handovers,
            SnmpService snmp) {
        this.db = db;
        this.devices = devices;
        this.people = people;
        this.handovers = handovers;
        this.snmp = snmp;
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
                    .put("items", new JsonArray().add(new JsonObject().put("device_id", id)
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
        console.post("/devices/:id/snmp", r -> {
            long id = r.id("id");
            return Forms.submit(r, "snmp", Forms.attempt(() -> snmpOn(r).assign(r.scope("assignSnmpProfile"), id,
                    Input.ofStrings(unticked(r.form(), "enabled")))), "/devices/" + id + "?done=snmp_assigned",
                    f -> device(r, f));
        });
        console.post("/devices/:id/snmp/discover", r -> {
            long id = r.id("id");
            // The device not answering is the answer to this button, shown beside it (not an error page).
            return Forms.submit(r, "discover", Forms.attempt(() -> snmpOn(r).discoverNow(r.ctx().vertx(),
                    r.scope("discoverSnmpDevice"), id, r.text().locale())).recover(e -> Future.failedFuture(
                            e instanceof ApiException a && a.type() != null && a.type().startsWith("snmp-")
                                    ? ApiException.stateConflict(a.messageKey(), a.args()) : e)),
                    "/devices/" + id + "?done=snmp_discovered", f -> device(r, f));
        });
    }

    private SnmpService snmpOn(Req r) {
        if (snmp == null) {
            throw ApiException.notFound("path", r.ctx().request().path());
        }
        return snmp;
    }

    /** The SNMP side of a device's page: for network devices and any device SNMP knows; null otherwise. */
    private Future<DeviceSnmp> snmp(Req r, JsonObject d) {
        if (snmp == null) {
            return Future.succeededFuture(null);
        }
        long id = d.getLong("id");
        Locale locale = r.text().locale();
        return snmp.status(r.scope("getSnmpDevice"), id, locale).compose(s -> {
            boolean known = s.getBoolean("polled") || s.containsKey("blocked") || s.containsKey("last_poll")
                    || s.containsKey("discovered_at");
            if (!known && !SnmpService.NETWORK_CATEGORIES.contains(d.getString("category"))) {
                return Future.succeededFuture(null);
            }
            Future<JsonArray> ifs = snmp.interfaces(r.scope("listSnmpInterfaces"), id);
            Future<JsonArray> found = snmp.findings(r.scope("listSnmpFindings"), id, locale);
            Future<JsonArray> events = snmp.events(r.scope("listSnmpEvents"), Map.of("device_id", String.valueOf(id),
                    "limit", "10"));
            Future<JsonArray> profiles = r.may("assignSnmpProfile") ? snmp.listProfiles(r.scope("listSnmpProfiles"))
                    : Future.succeededFuture(null);
            return Future.all(ifs, found, events, profiles).map(x -> new DeviceSnmp(s, ifs.result(), found.result(),
                    events.result(), profiles.result(), r.may("discoverSnmpDevice")));
        });
    }

    /** An unticked checkbox sends nothing: "passed" is then no. */
    private static Map<String, String> withPassed(Map<String, String> form) {
        return unticked(form, "passed");
    }

    static Map<String, String> unticked(Map<String, String> form, String checkbox) {
        var m = new java.util.LinkedHashMap<>(form);
        m.putIfAbsent(checkbox, "false");
        return m;
    }

    private Future<Reply> list(Req r) {
        var scope = r.scope("listDevices");
        Map<String, String> filters = r.filters(FILTERS.toArray(String[]::new));
        String sort = r.query("sort");
        Page.Request page = Page.Request.of(String.valueOf(PAGE), r.query("cursor"), sort);
        return devices.list(scope, filters, page).compose(p -> db.read(scope, dsl -> Names.of(dsl, scope, p.items()))
                .map(names -> Reply.ok(r.render("devices.jte", "v", r.view("devices"), "filters", filters, "sort",
                        sort, "page", p, "names", names, "categories", DeviceCategory.ALL, "states",
                        Lifecycle.STATES))));
    }

    Future<Reply> device(Req r, Form form) {
        long id = r.id("id");
        var scope = r.scope("getDevice");
        return devices.history(r.scope("getDeviceHistory"), id).compose(h -> {
            JsonObject d = h.getJsonObject("device");
            Future<JsonArray> given = handovers.ofDevice(r.scope("listDeviceHandovers"), id);
            Future<Page> holders = r.may("recordDeviceHandover") ? people.list(r.scope("listPeople"),
                    Map.of("under", String.valueOf(d.getLong("unit_id")), "status", "active"), new Page.Request(500, 0))
                    : Future.succeededFuture(new Page(List.of(), null));
            Future<DeviceSnmp> monitored = snmp(r, d);
            return Future.all(holders, given, monitored).compose(x -> db.read(scope, dsl -> Names.of(dsl, scope,
                    List.of(d)))).map(names -> Reply.ok(r.render("device.jte", "v", r.view("devices")
                            .simulated(monitored.result() != null
                                    && monitored.result().status().getBoolean("simulated")), "device", d,
                            "history", h, "names", names, "next", Lifecycle.next(d.getString("status")), "holders",
                            holders.result().items(), "handovers", given.result(), "form", form,
                            "canWrite", r.may("transitionDevice"), "canHandOver", r.may("recordDeviceHandover"),
                            "snmp", monitored.result())));
        });
    }
}
