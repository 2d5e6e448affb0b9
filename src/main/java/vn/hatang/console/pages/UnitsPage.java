package vn.hatang.console.pages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.hatang.console.Console;
import vn.hatang.console.Reply;
import vn.hatang.console.Req;
import vn.hatang.coverage.CoverageService;
import vn.hatang.links.LinkService;
import vn.hatang.people.PersonService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.Page;
import vn.hatang.snmp.service.SnmpService;
import vn.hatang.units.UnitService;

/**
 * {@code /units}: the tree coloured by one KPI's status ({@code getKpiUnitTable}), and a unit's page: its units,
 * people, devices, links with their live state ({@code listSnmpLinks}), the reachability of its monitored devices
 * ({@code getSnmpUnitReachability}), KPIs with their gap lists, and its history.
 */
public final class UnitsPage implements Console.Page {
    /** A unit of the tree with the units under it. */
    public record Node(JsonObject unit, List<Node> children) {
    }

    private final Db db;
    private final CoverageService coverage;
    private final UnitService units;
    private final PersonService people;
    private final LinkService links;
    private final SnmpService snmp;

    /** @param snmp null when SNMP is off */
    public UnitsPage(Db db, CoverageService coverage, UnitService units, PersonService people, LinkService links,
            SnmpService snmp) {
        this.db = db;
        this.coverage = coverage;
        this.units = units;
        this.people = people;
        this.links = links;
        this.snmp = snmp;
    }

    @Override
    public void addRoutes(Console.Pages console) {
        console.get("/units", this::tree);
        console.get("/units/:code", this::unit);
    }

    private Future<Reply> tree(Req r) {
        var scope = r.scope("getKpiUnitTable");
        String unit = r.query("unit");
        return db.read(scope, dsl -> {
            // The selector lists the KPIs defined; only the chosen one is computed over the tree.
            JsonArray all = new JsonArray();
            coverage.targets().definitions(dsl).forEach(k -> all.add(k.toJson()));
            String kpi = r.query("kpi") != null ? r.query("kpi")
                    : all.isEmpty() ? null : all.getJsonObject(0).getString("code");
            JsonObject table = coverage.unitTable(dsl, scope, unit, kpi, 2, null);
            return Reply.ok(r.render("units.jte", "v", r.view("units"), "kpis", all, "kpi", kpi,
                    "root", tree(table.getJsonArray("items"))));
        });
    }

    /** The rows (parents first, each naming its parent) as a tree. */
    static Node tree(JsonArray rows) {
        Map<String, Node> byCode = new LinkedHashMap<>();
        Node root = null;
        for (Object o : rows) {
            JsonObject u = (JsonObject) o;
            Node n = new Node(u, new ArrayList<>());
            byCode.put(u.getString("code"), n);
            Node parent = u.getString("parent_code") == null ? null : byCode.get(u.getString("parent_code"));
            if (parent == null && root == null) {
                root = n;
            } else if (parent != null) {
                parent.children().add(n);
            }
        }
        return root;
    }

    private Future<Reply> unit(Req r) {
        String code = r.path("code");
        var scope = r.scope("getUnit");
        Future<JsonObject> unit = units.get(scope, code);
        return unit.compose(u -> {
            long id = u.getLong("id");
            var kpiScope = r.sharedScope("getKpiValues", "getKpiUnitTable");
            Future<JsonObject[]> computed = db.read(kpiScope, dsl -> {
                var c = coverage.compute(dsl, kpiScope, code, null, 1);
                return new JsonObject[] {coverage.values(dsl, c, true), coverage.unitTable(dsl, c, null)};
            });
            Future<JsonObject> values = computed.map(c -> c[0]);
            Future<JsonObject> children = computed.map(c -> c[1]);
            Future<Page> staff = people.list(r.scope("listPeople"), Map.of("under", code, "status", "active"),
                    new Page.Request(50, 0));
            Future<Page> carried = links.list(r.scope("listLinks"), Map.of("under", code), new Page.Request(100, 0));
            Future<JsonObject> holdings = units.holdingsAt(r.scope("getUnitHoldings"), id, Instant.now());
            Future<JsonArray> history = units.history(r.scope("getUnitHistory"), id);
            Future<Map<Long, JsonObject>> live = carried.compose(p -> NetworkPage.live(r, snmp, p.items()));
            Future<JsonObject> reach = snmp == null ? Future.succeededFuture(null)
                    : snmp.reachability(r.scope("getSnmpUnitReachability"), id);
            return Future.all(List.of(values, children, staff, carried, holdings, history, live, reach)).map(x ->
                    Reply.ok(r.render("unit.jte", "v", r.view("units").simulated(reach.result() != null
                            && reach.result().getBoolean("simulated")), "unit", u, "values", values.result(),
                            "children", children.result(), "staff", staff.result(), "links", carried.result(),
                            "live", live.result(), "reach", reach.result(), "holdings", holdings.result(),
                            "history", history.result())));
        });
    }
}
