package vn.hatang.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.platform.http.Page;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * A commune's staff see their commune and nothing else, through every side door: lists, free-text search, forged
 * cursors, ids guessed by counting, KPI values and gap lists, the downloaded reports (read back), the PKI exports,
 * SNMP events, account lists and the audit.
 */
class ScopeLeakTest {
    static TestServer server;
    static String commune;
    static String other;
    static Set<Long> inside;
    static final Map<String, String> tokens = new java.util.HashMap<>();

    @BeforeAll
    static void start() {
        TestDatabase.reset();
        server = TestServer.start(Path.of("inventory"));
        var dsl = TestDatabase.dsl();
        // The commune with the most people, and another one.
        List<String> communes = dsl.fetch("select u.code from unit u join person p on p.unit_id = u.id where "
                + "u.kind = 'commune' group by u.code order by count(*) desc, u.code limit 2").getValues(0, String.class);
        commune = communes.get(0);
        other = communes.get(1);
        inside = new HashSet<>(dsl.fetch("select id from unit where path like (select path from unit where code = ?) "
                + "|| '%'", commune).getValues(0, Long.class));
        for (String role : List.of("operator", "auditor", "unit_admin", "pki_officer")) {
            var u = server.post("/api/v1/users", new JsonObject().put("login", "leak-" + role.replace('_', '-'))
                    .put("full_name", role).put("unit_code", commune).put("grants", new JsonArray()
                            .add(new JsonObject().put("role", role).put("unit_code", commune)))).bodyAsJsonObject();
            tokens.put(role, server.post("/api/v1/users/" + u.getLong("id") + "/api-tokens",
                    new JsonObject().put("name", "t")).bodyAsJsonObject().getString("token"));
        }
        // Someone in the other commune, for the search and the account list.
        server.post("/api/v1/users", new JsonObject().put("login", "leak-other").put("full_name", "Người xã khác")
                .put("unit_code", other));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<Buffer> as(String role, String uri) {
        return server.send(HttpMethod.GET, uri, null, Map.of("Authorization", "Bearer " + tokens.get(role)));
    }

    static long unitOf(String table, long id) {
        String column = table.equals("information_system") ? "owner_unit_id" : "unit_id";
        return ((Number) TestDatabase.dsl().fetchValue("select " + column + " from " + table + " where id = ?", id))
                .longValue();
    }

    @Test
    void listsPagedToTheEndHoldOnlyTheCommune() {
        for (String[] list : new String[][] {{"/api/v1/devices", "device"}, {"/api/v1/people", "person"},
                {"/api/v1/links", "link"}, {"/api/v1/tokens", "pki_token"}}) {
            String cursor = null;
            int seen = 0;
            do {
                var page = as("operator", list[0] + "?limit=50" + (cursor == null ? "" : "&cursor=" + cursor))
                        .bodyAsJsonObject();
                for (Object o : page.getJsonArray("items")) {
                    assertTrue(inside.contains(unitOf(list[1], ((JsonObject) o).getLong("id"))), list[0] + " " + o);
                    seen++;
                }
                cursor = page.getString("next");
            } while (cursor != null);
            long expected = (Long) TestDatabase.dsl().fetchValue("select count(*) from " + list[1] + " where unit_id in ("
                    + String.join(",", inside.stream().map(String::valueOf).toList()) + ")");
            assertEquals(expected, seen, list[0]);
        }
    }

    @Test
    void aForgedCursorAndGuessedIdsFindNothingOutside() {
        var fromZero = as("operator", "/api/v1/devices?limit=500&cursor=" + Page.cursor(0)).bodyAsJsonObject();
        var plain = as("operator", "/api/v1/devices?limit=500").bodyAsJsonObject();
        assertEquals(plain.getJsonArray("items"), fromZero.getJsonArray("items"));
        long max = (Long) TestDatabase.dsl().fetchValue("select max(id) from device");
        int found = 0;
        for (long id = 1; id <= max; id += 7) {
            int status = as("operator", "/api/v1/devices/" + id).statusCode();
            boolean in = inside.contains(unitOf("device", id));
            assertEquals(in ? 200 : 404, status, "device " + id);
            found += in ? 1 : 0;
        }
        assertTrue(found > 0);
    }

    @Test
    void searchingForSomeoneElsewhereFindsNobody() {
        String name = (String) TestDatabase.dsl().fetchValue("select full_name from person p join unit u on "
                + "u.id = p.unit_id where u.code = ? limit 1", other);
        var r = as("operator", "/api/v1/people?q=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8));
        for (Object o : r.bodyAsJsonObject().getJsonArray("items")) {
            assertTrue(inside.contains(((JsonObject) o).getLong("unit_id")));
        }
        assertEquals(400, as("operator", "/api/v1/people?under=" + other).statusCode(), "as unknown as a typo");
        assertEquals(400, as("operator", "/api/v1/people?under=NO-SUCH-UNIT").statusCode());
    }

    @Test
    void kpisAndGapListsAreOfTheCommune() {
        var values = as("operator", "/api/v1/kpis/values").bodyAsJsonObject();
        assertEquals(commune, values.getJsonObject("unit").getString("code"), "the default unit is the grant's");
        assertEquals(as("operator", "/api/v1/kpis/values?unit=NO-SUCH-UNIT").statusCode(),
                as("operator", "/api/v1/kpis/values?unit=" + other).statusCode());
        var gaps = as("operator", "/api/v1/kpis/STAFF_MODERN/gaps").bodyAsJsonObject();
        for (Object o : gaps.getJsonArray("items")) {
            String code = ((JsonObject) o).getString("code");
            long unit = (Long) TestDatabase.dsl().fetchValue("select unit_id from person where code = ?", code);
            assertTrue(inside.contains(unit), code);
        }
        var signers = as("pki_officer", "/api/v1/signers-without-valid-certificate").bodyAsJsonObject();
        for (Object o : signers.getJsonArray("items")) {
            assertEquals(commune, ((JsonObject) o).getString("unit_code"));
        }
    }

    @Test
    void downloadedReportsAndExportsHoldOnlyTheCommune() throws Exception {
        Set<String> allowedCodes = new HashSet<>(TestDatabase.dsl().fetch("select code from unit where id in ("
                + String.join(",", inside.stream().map(String::valueOf).toList()) + ")").getValues(0, String.class));
        Set<String> otherNames = new HashSet<>(TestDatabase.dsl().fetch("select name from unit where id not in ("
                + String.join(",", inside.stream().map(String::valueOf).toList()) + ") and kind = 'commune'")
                .getValues(0, String.class));
        var xlsx = as("operator", "/api/v1/reports/coverage?format=xlsx");
        assertEquals(200, xlsx.statusCode());
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body().getBytes()))) {
            wb.getSheets().forEach(sheet -> {
                try {
                    sheet.read().forEach(row -> row.forEach(cell -> {
                        String text = cell == null ? null : cell.getText();
                        assertFalse(text != null && otherNames.contains(text), "another commune in the report: " + text);
                    }));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertTrue(allowedCodes.contains(commune));
        String csv = as("pki_officer", "/api/v1/exports/pki/handovers.csv").bodyAsString();
        for (String name : otherNames) {
            assertFalse(csv.contains(name), name);
        }
    }

    @Test
    void accountsAuditAndSnmpEventsStayInside() {
        var users = as("unit_admin", "/api/v1/users").bodyAsJsonObject().getJsonArray("items");
        assertFalse(users.isEmpty());
        for (Object o : users) {
            assertTrue(inside.contains(((JsonObject) o).getLong("unit_id")), o.toString());
        }
        var audit = as("auditor", "/api/v1/audit?limit=500").bodyAsJsonObject().getJsonArray("items");
        assertFalse(audit.isEmpty(), "the users made for the commune are in its audit");
        for (Object o : audit) {
            assertTrue(inside.contains(((JsonObject) o).getLong("unit_id")), o.toString());
        }
        assertEquals(403, as("operator", "/api/v1/audit").statusCode(), "an operator does not read the audit");
        var events = as("operator", "/api/v1/snmp/events?limit=1000").bodyAsJsonArray();
        for (Object o : events) {
            assertTrue(inside.contains(unitOf("device", ((JsonObject) o).getLong("device_id"))));
        }
    }
}
