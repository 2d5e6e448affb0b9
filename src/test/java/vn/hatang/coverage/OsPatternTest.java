package vn.hatang.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Row1;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import vn.hatang.platform.http.ApiException;
import vn.hatang.testing.ServerTest;
import vn.hatang.testing.TestDatabase;

/**
 * Class 11, a regular expression as a weapon: {@code ^(.*a){12}$} against forty {@code a}s and a {@code b} takes
 * Java's backtracking engine minutes (and PostgreSQL's seconds per row); a GET of the gap list stalled. Verifies that
 * patterns are evaluated in linear time and decide the same in Java and SQL, that patterns beyond the budget or
 * beyond what a linear engine can run are refused naming the field, and that the hostile pattern through the API
 * answers the gap list promptly with the right devices.
 */
class OsPatternTest extends ServerTest {
    private static final String HOSTILE = "^(.*a){12}$";
    private static final String MATCHES = "a".repeat(40);
    private static final String FAILS = "a".repeat(40) + "b";

    @Test
    void testTheHostilePatternIsDecidedWithoutBacktracking() {
        OsPattern p = OsPattern.compile(HOSTILE, "pattern");
        assertTrue(p.matches(MATCHES));
        assertFalse(p.matches(FAILS));
        assertFalse(p.matches(null));
    }

    @Test
    void testPatternsOverTheBudgetOrNotLinearAreRefusedNamingTheField() {
        for (String bad : List.of("((a{100}){100}){100}", "(x{999}){3}", "a".repeat(OsPattern.MAX_LENGTH + 1),
                "(a)\\1", "^(?=Windows)", "(?<=x)y", "[", "a{2,1}")) {
            ApiException e = assertThrows(ApiException.class, () -> OsPattern.compile(bad, "modern_device[0].supported_os[1].pattern"),
                    bad);
            assertEquals("modern_device[0].supported_os[1].pattern", e.field(), bad);
        }
        assertTrue(OsPattern.size("^Windows 1[01]") < 20);
        assertEquals(OsPattern.size("a{10}"), OsPattern.size("aaaaaaaaaa"));
    }

    /** Java's answer and SQL's answer are one: the query asks for the OS values the Java pattern matched. */
    @Test
    void testJavaAndSqlDecideAlike() {
        List<String> os = List.of("Windows 11 Pro", "windows 10", "Android 14", "Android 9", "ANDROID 15", "iPadOS 17.2",
                "Ubuntu 22.04.3 LTS", "Điện thoại OS 1", MATCHES, FAILS, "");
        DSLContext dsl = TestDatabase.dsl();
        @SuppressWarnings("unchecked")
        Row1<String>[] rows = os.stream().map(DSL::row).toArray(Row1[]::new);
        var values = DSL.values(rows).as("v", "os");
        Field<String> f = DSL.field(DSL.name("v", "os"), String.class);
        for (String source : List.of("^Windows 1[01]", "^Android (1[4-9]|[2-9][0-9])", "^iPadOS (1[7-9]|[2-9][0-9])",
                "^Ubuntu 22\\.04", "^Windows 11", "ĐIỆN", HOSTILE, "os")) {
            OsPattern p = OsPattern.compile(source, "pattern");
            List<String> java = os.stream().filter(p::matches).sorted().toList();
            List<String> sql = dsl.select(f).from(values).where(p.condition(f, () -> os)).fetch(f).stream().sorted().toList();
            assertEquals(java, sql, source);
        }
    }

    /** Through the API: the rules take the hostile pattern, and the gap list answers with exactly the device that fails it. */
    @Test
    void testTheGapListAnswersWithAHostilePatternInTheRules() {
        post("/api/v1/units", new JsonObject().put("code", "TU").put("name", "Tỉnh ủy").put("kind", "provincial_committee"));
        post("/api/v1/units", new JsonObject().put("code", "X1").put("name", "Xã Một").put("kind", "commune").put("parent_code", "TU"));
        for (String[] p : new String[][] {{"P1", MATCHES}, {"P2", FAILS}}) {
            post("/api/v1/people", new JsonObject().put("code", p[0]).put("unit_code", "X1").put("full_name", "Cán bộ " + p[0])
                    .put("signs_documents", true));
            long id = post("/api/v1/devices", new JsonObject().put("serial", "PC-" + p[0]).put("category", "pc")
                    .put("unit_code", "X1").put("person_code", p[0]).put("os", p[1]).put("ram_gb", 16)
                    .put("acquired_on", "2026-01-10").put("status", "received")).getLong("id");
            post("/api/v1/devices/" + id + "/security-checks", new JsonObject().put("checked_on", "2026-01-11")
                    .put("checked_by", "Phòng CĐS").put("passed", true));
            post("/api/v1/devices/" + id + "/transitions", new JsonObject().put("to", "in_service"));
        }
        var rules = server.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/kpis/rules", new JsonObject()
                .put("modern_device", new JsonArray().add(new JsonObject().put("category", "pc").put("min_ram_gb", 8)
                        .put("supported_os", new JsonArray().add(new JsonObject().put("name", "Hostile").put("pattern", HOSTILE)))))
                .put("equipment_rule", new JsonObject()), Map.of());
        assertEquals(200, rules.statusCode(), rules.bodyAsString());
        var tooLarge = server.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/kpis/rules", new JsonObject()
                .put("modern_device", new JsonArray().add(new JsonObject().put("category", "pc")
                        .put("supported_os", new JsonArray().add(new JsonObject().put("name", "Big").put("pattern", "((a{100}){100}){100}")))))
                .put("equipment_rule", new JsonObject()), Map.of());
        assertEquals(400, tooLarge.statusCode(), tooLarge.bodyAsString());
        assertEquals("modern_device[0].supported_os[0].pattern", tooLarge.bodyAsJsonObject().getString("field"));
        post("/api/v1/kpis", new JsonObject().put("code", "STAFF_HOSTILE").put("title_vi", "Cán bộ có máy hiện đại")
                .put("title_en", "Staff with a modern PC").put("kind", "person_device").put("threshold", 100)
                .put("params", new JsonObject().put("categories", new JsonArray().add("pc")).put("modern", true)
                        .put("duties", new JsonArray().add("signs_documents"))));

        var gaps = server.get("/api/v1/kpis/STAFF_HOSTILE/gaps?unit=TU");
        assertEquals(200, gaps.statusCode(), gaps.bodyAsString());
        JsonArray items = gaps.bodyAsJsonObject().getJsonArray("items");
        assertEquals(1, items.size(), items.encode());
        assertEquals("P2", items.getJsonObject(0).getString("code"));
        assertTrue(items.getJsonObject(0).getJsonArray("reason_keys").contains("reason.os_unsupported"), items.encode());
        var values = server.get("/api/v1/kpis/values?unit=TU").bodyAsJsonObject().getJsonArray("kpis");
        JsonObject k = values.stream().map(JsonObject.class::cast).filter(o -> o.getString("code").equals("STAFF_HOSTILE"))
                .findFirst().orElseThrow();
        assertEquals(1, k.getJsonObject("rollup").getInteger("num"));
        assertEquals(2, k.getJsonObject("rollup").getInteger("den"));
    }

    private static JsonObject post(String uri, JsonObject body) {
        var r = server.post(uri, body);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 201, uri + " " + r.bodyAsString());
        return r.bodyAsJsonObject();
    }
}
