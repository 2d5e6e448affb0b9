package vn.hatang.console.pages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.hatang.console.Console;
import vn.hatang.console.Form;
import vn.hatang.console.Names;
import vn.hatang.console.Reply;
import vn.hatang.console.Req;
import vn.hatang.coverage.CoverageService;
import vn.hatang.links.LinkService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.json.Input;
import vn.hatang.units.UnitRepository;
import vn.hatang.security.Scope;
import vn.hatang.snmp.service.SnmpService;

/**
 * {@code /network}: every link with class, provider, circuit and bandwidth ({@code listLinks}) and its live state
 * ({@code listSnmpLinks}), the units whose special-use link is not working and why — inventory status or live SNMP
 * ({@code getKpiGaps} of WAN_CONNECTED) —, the latest SNMP events ({@code listSnmpEvents}) and the SNMP profiles
 * without their secrets ({@code listSnmpProfiles}), the units' default profiles ({@code listUnitSnmpProfiles}) and,
 * for network operators, setting one ({@code setUnitSnmpProfile}). A link's page adds its live state
 * ({@code getSnmpLink}) and its utilisation over the last day or week ({@code getSnmpLinkUtilisation}).
 */
public final class NetworkPage implements Console.Page {
    static final int EVENTS = 20;
    /** The chart's ranges: the last day (raw samples) and the last week (hourly roll-ups). */
    static final Map<String, Duration> RANGES = Map.of("day", Duration.ofDays(1), "week", Duration.ofDays(7));
    private final Db db;
    private final LinkService links;
    private final CoverageService coverage;
    private final SnmpService snmp;

    /** @param snmp null when SNMP is off */
    public NetworkPage(Db db, LinkService links, CoverageService coverage, SnmpService snmp) {
        this.db = db;
        this.links = links;
        this.coverage = coverage;
        this.snmp = snmp;
    }

    @Override
    public void addRoutes(Console.Pages console) {
        console.get("/network", r -> network(r, Form.NONE));
        console.post("/network/unit-profile", r -> {
            Map<String, String> form = r.form();
            var scope = r.scope("setUnitSnmpProfile");
            return Forms.submit(r, "unit-profile", Forms.attempt(() -> snmpOn().compose(s -> db.read(scope, dsl ->
                    UnitRepository.byRef(dsl, scope, form.getOrDefault("unit_code", ""), "unit_code").getId())
                    .compose(unit -> s.unitProfile(scope, unit, Input.ofStrings(form.containsKey("profile_id")
                            ? Map.of("profile_id", form.get("profile_id")) : Map.of()))))),
                    "/network?done=unit_profile#unit-profiles-h", f -> network(r, f));
        });
        console.get("/network/links/:id", this::link);
    }

    private Future<SnmpService> snmpOn() {
        return snmp == null ? Future.failedFuture(ApiException.notFound("snmp", "")) : Future.succeededFuture(snmp);
    }

    private Future<Reply> network(Req r, Form form) {
        var scope = r.scope("listLinks");
        Map<String, String> filters = r.filters("under", "kind", "status", "q");
        Future<Page> page = links.list(scope, filters, Page.Request.of("100", r.query("cursor")));
        Future<Map<Long, JsonObject>> live = page.compose(p -> live(r, snmp, p.items()));
        var gapScope = r.scope("getKpiGaps");
        Future<JsonObject> down = linksDown(db, coverage, gapScope);
        Future<JsonArray> profiles = snmp == null ? Future.succeededFuture(new JsonArray())
                : snmp.listProfiles(r.scope("listSnmpProfiles"));
        Future<JsonArray> unitProfiles = snmp == null ? Future.succeededFuture(new JsonArray())
                : snmp.unitProfiles(r.scope("listUnitSnmpProfiles"));
        Future<JsonArray> events = Future.succeededFuture(new JsonArray());
        Future<Names> names = Future.succeededFuture(Names.NONE);
        if (snmp != null) {
            var eventScope = r.scope("listSnmpEvents");
            events = snmp.events(eventScope, Map.of("limit", String.valueOf(EVENTS)));
            names = events.compose(e -> db.read(eventScope, dsl -> Names.of(dsl, eventScope,
                    e.stream().map(JsonObject.class::cast).toList())));
        }
        Future<JsonArray> shownEvents = events;
        Future<Names> eventNames = names;
        return Future.all(List.of(page, live, down, profiles, shownEvents, eventNames, unitProfiles)).map(x -> Reply.ok(r.render(
                "network.jte", "v", r.view("network").simulated(simulated(live.result().values())),
                "links", page.result(), "live", live.result(), "filters", filters, "down", down.result(),
                "profiles", profiles.result(), "events", shownEvents.result(), "names", eventNames.result(),
                "kinds", LinkService.KINDS, "states", LinkService.STATUSES, "unitProfiles", unitProfiles.result(),
                "form", form, "canSetProfile", snmp != null && r.may("setUnitSnmpProfile"))));
    }

    /** The live state of the links shown, by id (none when SNMP is off). */
    static Future<Map<Long, JsonObject>> live(Req r, SnmpService snmp, List<JsonObject> shown) {
        return snmp == null ? Future.succeededFuture(Map.of()) : snmp.linkStates(r.scope("listSnmpLinks"),
                shown.stream().map(l -> l.getLong("id")).toList(), r.text().locale());
    }

    static boolean simulated(java.util.Collection<JsonObject> states) {
        return states.stream().anyMatch(s -> Boolean.TRUE.equals(s.getBoolean("simulated")));
    }

    /**
     * The units of the caller's subtree whose special-use link is not working, and why (WAN_CONNECTED's gap list);
     * none before the office has loaded its KPI targets (the KPI is then not defined).
     */
    static Future<JsonObject> linksDown(Db db, CoverageService coverage, Scope scope) {
        return db.read(scope, dsl -> coverage.gaps(dsl, scope, "WAN_CONNECTED", null, false)).recover(e ->
                e instanceof ApiException a && a.status() == 404
                        ? Future.succeededFuture(new JsonObject().put("count", 0).put("items", new JsonArray()))
                        : Future.failedFuture(e));
    }

    private Future<Reply> link(Req r) {
        long id = r.id("id");
        String range = "week".equals(r.query("range")) ? "week" : "day";
        var scope = r.scope("getLink");
        return links.get(scope, id).compose(l -> {
            Future<Names> names = db.read(scope, dsl -> Names.of(dsl, scope, l));
            Future<JsonObject> live = snmp == null ? Future.succeededFuture(null)
                    : snmp.link(r.scope("getSnmpLink"), id, r.text().locale());
            Instant to = Instant.now();
            Future<JsonObject> use = snmp == null ? Future.succeededFuture(null)
                    : snmp.utilisation(r.scope("getSnmpLinkUtilisation"), id, Map.of("from",
                            to.minus(RANGES.get(range)).toString(), "to", to.toString()));
            return Future.all(names, live, use).map(x -> Reply.ok(r.render("link.jte", "v", r.view("network")
                    .simulated(live.result() != null && simulated(List.of(live.result()))), "link", l,
                    "names", names.result(), "live", live.result(), "range", range,
                    "chart", use.result() == null ? null : chart(use.result(), "day".equals(range),
                            r.text().english()),
                    "peaks", use.result() == null ? null : peaks(use.result()))));
        });
    }

    /** uPlot's columns: times (epoch seconds), utilisation in and out as a percentage of the contracted bandwidth. */
    static JsonObject chart(JsonObject utilisation, boolean clock, boolean english) {
        JsonArray times = new JsonArray();
        JsonArray in = new JsonArray();
        JsonArray out = new JsonArray();
        for (Object o : utilisation.getJsonArray("points")) {
            JsonObject p = (JsonObject) o;
            times.add(Instant.parse(p.getString("ts")).getEpochSecond());
            in.add(percent(p.getValue("utilisation_in")));
            out.add(percent(p.getValue("utilisation_out")));
        }
        return new JsonObject().put("unit", " %").put("clock", clock)
                .put("series", new JsonArray().add(english ? "In" : "Vào").add(english ? "Out" : "Ra"))
                .put("data", new JsonArray().add(times).add(in).add(out));
    }

    private static Double percent(Object ratio) {
        return ratio instanceof Number n ? Math.round(n.doubleValue() * 1000) / 10.0 : null;
    }

    /** The chart in words, for those who do not see it: points, highest and mean use in and out. */
    static JsonObject peaks(JsonObject utilisation) {
        JsonObject o = new JsonObject().put("points", utilisation.getJsonArray("points").size());
        for (String dir : List.of("in", "out")) {
            var values = utilisation.getJsonArray("points").stream().map(JsonObject.class::cast)
                    .map(p -> p.getValue("utilisation_" + dir)).filter(Number.class::isInstance)
                    .mapToDouble(n -> ((Number) n).doubleValue()).summaryStatistics();
            if (values.getCount() > 0) {
                o.put("max_" + dir, values.getMax()).put("mean_" + dir, values.getAverage());
            }
        }
        return o;
    }
}
