package vn.hatang.console.pages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import vn.hatang.console.Console;
import vn.hatang.console.Names;
import vn.hatang.console.Reply;
import vn.hatang.console.Req;
import vn.hatang.coverage.CoverageService;
import vn.hatang.links.LinkService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Page;
import vn.hatang.security.Scope;
import vn.hatang.snmp.service.SnmpModule;

/**
 * {@code /network}: every link with class, provider, circuit and bandwidth ({@code listLinks}), the units whose
 * special-use link is not working and why — inventory status or live SNMP ({@code getKpiGaps} of WAN_CONNECTED) —
 * and the SNMP profiles without their secrets ({@code listSnmpProfiles}).
 */
public final class NetworkPage implements Console.Page {
    private final Db db;
    private final LinkService links;
    private final CoverageService coverage;
    private final SnmpModule snmp;

    public NetworkPage(Db db, LinkService links, CoverageService coverage, SnmpModule snmp) {
        this.db = db;
        this.links = links;
        this.coverage = coverage;
        this.snmp = snmp;
    }

    @Override
    public void addRoutes(Console.Pages console) {
        console.get("/network", this::network);
        console.get("/network/links/:id", this::link);
    }

    private Future<Reply> network(Req r) {
        var scope = r.scope("listLinks");
        Map<String, String> filters = r.filters("under", "kind", "status", "q");
        Future<Page> page = links.list(scope, filters, Page.Request.of("100", r.query("cursor")));
        var gapScope = r.scope("getKpiGaps");
        Future<JsonObject> down = linksDown(db, coverage, gapScope);
        Future<JsonArray> profiles = snmp == null ? Future.succeededFuture(new JsonArray())
                : snmp.service().listProfiles(r.scope("listSnmpProfiles"));
        return Future.all(page, down, profiles).map(x -> Reply.ok(r.render("network.jte", "v", r.view("network"),
                "links", page.result(), "filters", filters, "down", down.result(), "profiles", profiles.result(),
                "kinds", LinkService.KINDS, "states", LinkService.STATUSES)));
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
        var scope = r.scope("getLink");
        return links.get(scope, id).compose(l -> db.read(scope, dsl -> Names.of(dsl, scope, l)).map(names ->
                Reply.ok(r.render("link.jte", "v", r.view("network"), "link", l, "names", names))));
    }
}
