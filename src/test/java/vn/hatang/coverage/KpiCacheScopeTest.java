package vn.hatang.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * Verifies that the roll-up table and the values served from the per-unit cache (the API's {@code getKpiUnitTable}
 * and {@code getKpiValues}, the console's dashboard and unit page) are, for a caller granted one province, exactly
 * a full computation of that province's subtree: every unit of it and no other, every KPI's figure equal, before and
 * after writes inside and outside the province.
 */
class KpiCacheScopeTest {
    private static TestServer server;
    private static String province;
    private static String token;

    @BeforeAll
    static void start() {
        CoverageFixture.generated();
        server = TestServer.start();
        DSLContext dsl = TestDatabase.dsl();
        // The province with the most units below it.
        province = dsl.fetchValue("select p.code from unit p join unit u on u.parent_id = p.id where p.depth = 1 "
                + "group by p.code order by count(*) desc, p.code limit 1").toString();
        var u = server.post("/api/v1/users", new JsonObject().put("login", "kpi-operator").put("full_name", "Cán bộ tỉnh")
                .put("unit_code", province).put("grants", new JsonArray()
                        .add(new JsonObject().put("role", "operator").put("unit_code", province)))).bodyAsJsonObject();
        token = server.post("/api/v1/users/" + u.getLong("id") + "/api-tokens", new JsonObject().put("name", "t"))
                .bodyAsJsonObject().getString("token");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonObject asOperator(String uri) {
        var r = server.send(HttpMethod.GET, uri, null, Map.of("Authorization", "Bearer " + token));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    /** The operator's table and values (no unit named: the top of their scope) against a full computation. */
    private static void assertOperatorSeesAFullComputationOfTheProvince(String after) {
        CoverageService service = server.app().module(CoverageModule.class).service();
        DSLContext raw = TestDatabase.dsl();
        List<KpiDefinition> kpis = service.targets().definitions(raw);
        UnitRef top = service.unit(raw, TestDatabase.SYSTEM, province);
        KpiCalculator.Values full = service.calculator().compute(raw, kpis, service.targets().rules(raw),
                service.today(), top.path());

        JsonObject table = asOperator("/api/v1/kpis/units?depth=20");
        assertEquals(province, table.getJsonObject("unit").getString("code"));
        Set<String> rows = new HashSet<>();
        for (Object o : table.getJsonArray("items")) {
            JsonObject row = (JsonObject) o;
            rows.add(row.getString("code"));
            long id = ((Number) raw.fetchValue("select id from unit where code = ?", row.getString("code"))).longValue();
            for (KpiDefinition k : kpis) {
                JsonObject f = row.getJsonObject("figures").getJsonObject(k.code());
                Figure expected = full.get(k.code(), id).rollup();
                assertEquals(expected, new Figure(f.getInteger("num"), f.getInteger("den")),
                        k.code() + " at " + row.getString("code") + after);
            }
        }
        assertEquals(new HashSet<>(raw.fetch("select code from unit where status = 'active' and path like ?",
                top.path() + "%").getValues(0, String.class)), rows, "the province's units and no other" + after);

        JsonObject values = asOperator("/api/v1/kpis/values");
        assertEquals(province, values.getJsonObject("unit").getString("code"));
        for (Object o : values.getJsonArray("kpis")) {
            JsonObject v = (JsonObject) o;
            KpiCalculator.Value expected = full.get(v.getString("code"), top.id());
            assertEquals(expected.own().toJson(), v.getJsonObject("own"), v.getString("code") + after);
            assertEquals(expected.rollup().toJson(), v.getJsonObject("rollup"), v.getString("code") + after);
        }
    }

    @Test
    void testScopedTableAndValuesEqualAFullComputationBeforeAndAfterWrites() {
        assertOperatorSeesAFullComputationOfTheProvince("");
        DSLContext raw = TestDatabase.dsl();
        String inside = "(select id from unit where path like (select path || '_%' from unit where code = '" + province
                + "') order by id limit 1)";
        // Inside the province: a device leaves service, a person moves in from elsewhere; outside: a unit closes.
        assertTrue(raw.execute("update device set status = 'retired' where id = (select min(id) from device "
                + "where status = 'in_service' and unit_id = " + inside + ")") + raw.execute("update person set unit_id = "
                + inside + " where id = (select min(p.id) from person p join unit u on u.id = p.unit_id "
                + "where u.path not like (select path || '%' from unit where code = '" + province + "'))") > 0);
        raw.execute("update unit set status = 'merged' where id = (select max(id) from unit where kind = 'commune' "
                + "and path not like (select path || '%' from unit where code = '" + province + "'))");
        assertOperatorSeesAFullComputationOfTheProvince(" after the writes");
        // And the whole tree's table shows the province with the figures the operator sees.
        JsonObject whole = server.get("/api/v1/kpis/units?depth=1").bodyAsJsonObject();
        JsonObject mine = asOperator("/api/v1/kpis/units?depth=0");
        JsonObject row = whole.getJsonArray("items").stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("code").equals(province)).findFirst().orElseThrow();
        assertEquals(mine.getJsonArray("items").getJsonObject(0).getJsonObject("figures"), row.getJsonObject("figures"));
    }
}
