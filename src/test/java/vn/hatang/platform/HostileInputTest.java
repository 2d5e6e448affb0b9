package vn.hatang.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.platform.http.Operation;
import vn.hatang.testing.ServerTest;
import vn.hatang.testing.TestDatabase;

/**
 * The defect classes of the hostile-input trial that the platform fixes once for every route, each shown by the
 * request that used to break it (a 500, or a silent change of meaning) and the 400 problem naming the field it gets
 * now, with nothing stored. Plus the REST conventions the trial found missing (Allow, HEAD, Location, reads by code,
 * Accept-Language).
 */
class HostileInputTest extends ServerTest {

    @BeforeEach
    void units() {
        created("/api/v1/units", new JsonObject().put("code", "TU").put("name", "Tỉnh ủy").put("kind", "provincial_committee"));
        created("/api/v1/units", new JsonObject().put("code", "X01").put("name", "Xã Một").put("kind", "commune")
                .put("parent_code", "TU"));
        created("/api/v1/devices", new JsonObject().put("serial", "PC-1").put("category", "pc").put("unit_code", "X01")
                .put("ram_gb", 8).put("acquired_on", "2024-05-01"));
    }

    private static JsonObject created(String uri, JsonObject body) {
        var r = server.post(uri, body);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    private static void assertProblem(HttpResponse<Buffer> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertTrue(r.getHeader("Content-Type").startsWith("application/problem+json"), r.getHeader("Content-Type"));
        assertEquals(field, r.bodyAsJsonObject().getString("field"), r.bodyAsString());
    }

    private static HttpResponse<Buffer> raw(HttpMethod method, String uri, String body) {
        try {
            var req = server.client().request(method, uri).putHeader("Content-Type", "application/json");
            return (body == null ? req.send() : req.sendBuffer(Buffer.buffer(body))).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Class 1: an empty body on any write that takes one was a NullPointerException (500); now 400 naming "body". */
    @Test
    void testEmptyBodyOnEveryWriteIsA400NamingTheBody() {
        List<String> wrong = new ArrayList<>();
        for (Operation op : server.app().operations()) {
            if (op.body() == null || op.bodyOptional()) {
                continue;
            }
            String uri = "/api/v1" + op.path().replaceAll(":[a-z_]+", "1");
            if (!op.pathValues().isEmpty()) {
                for (var e : op.pathValues().entrySet()) {
                    uri = "/api/v1" + op.path().replace(":" + e.getKey(), e.getValue().get(0)).replaceAll(":[a-z_]+", "1");
                }
            }
            var r = raw(op.method(), uri, "");
            if (r.statusCode() != 400 || !"body".equals(r.bodyAsJsonObject().getString("field"))) {
                wrong.add(op.operationId() + " → " + r.statusCode() + " " + r.bodyAsString());
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** Class 2: query strings that used to reach a decoder or PostgreSQL and answer 500. */
    @Test
    void testMalformedQueryStringsAreRefusedNamingTheParameter() {
        assertProblem(server.get("/api/v1/devices?q=%"), 400, "q");
        assertProblem(server.get("/api/v1/devices?q=a%zzb"), 400, "q");
        assertProblem(server.get("/api/v1/devices?%=x"), 400, "query");
        assertProblem(server.get("/api/v1/devices?limit=99999999999999999999"), 400, "limit");
        assertProblem(server.get("/api/v1/devices?under=X%0001"), 400, "under");
        assertProblem(server.get("/api/v1/devices?q=%C0%AF"), 400, "q");
        assertProblem(server.get("/api/v1/devices/1/location?at=9999-12-31T00:00:00Z"), 400, "at");
        assertProblem(server.get("/api/v1/devices/1/location?at=0001-01-01T00:00:00Z"), 400, "at");
        assertProblem(server.get("/api/v1/devices?colour=red"), 400, "colour");
        assertProblem(server.get("/api/v1/devices?category=pc&category=laptop"), 400, "category");
        // Ids beyond a long: a 400 for a write, "no such device" for a read by id or serial.
        assertProblem(server.patch("/api/v1/devices/9223372036854775808", new JsonObject().put("model", "x"), Map.of()),
                400, "id");
        assertEquals(404, server.get("/api/v1/devices/9223372036854775808").statusCode());
        // A NUL in a body string never reaches PostgreSQL ("invalid byte sequence").
        assertProblem(server.post("/api/v1/devices", new JsonObject().put("serial", "A\u0000B").put("category", "pc")
                .put("unit_code", "X01")), 400, "serial");
        assertEquals(1, TestDatabase.dsl().fetchCount(vn.hatang.db.Tables.DEVICE));
    }

    /** Class 3: values that used to be stored with another meaning are refused, and nothing changes. */
    @Test
    void testOutOfRangeValuesAreRefusedNotStoredWithAnotherMeaning() {
        var device = server.get("/api/v1/devices/PC-1").bodyAsJsonObject();
        for (String huge : List.of("18446744073709551617", "18446744073709551619", "2147483656", "1e400")) {
            var r = raw(HttpMethod.PATCH, "/api/v1/devices/" + device.getLong("id"), "{\"ram_gb\": " + huge + "}");
            assertProblem(r, 400, "ram_gb");
        }
        for (String date : List.of("01/01/0000", "31/12/9999", "0000-01-01", "9999-12-31", "31/02/2026")) {
            var r = server.patch("/api/v1/devices/" + device.getLong("id"), new JsonObject().put("acquired_on", date), Map.of());
            assertProblem(r, 400, "acquired_on");
        }
        var now = server.get("/api/v1/devices/PC-1").bodyAsJsonObject();
        assertEquals(8, now.getInteger("ram_gb"));
        assertEquals("2024-05-01", now.getString("acquired_on"));
        assertEquals(device.getInteger("version"), now.getInteger("version"));

        assertProblem(server.post("/api/v1/units", new JsonObject().put("code", "TU2").put("name", "Tỉnh ủy khác")
                .put("kind", "provincial_committee")), 400, "kind");
        String parent = "X01";
        HttpResponse<Buffer> last = null;
        for (int depth = 2; depth <= 14 && (last == null || last.statusCode() == 201); depth++) {
            last = server.post("/api/v1/units", new JsonObject().put("code", "D" + depth).put("name", "Chi bộ " + depth)
                    .put("kind", "cell").put("parent_code", parent));
            parent = "D" + depth;
        }
        assertProblem(last, 400, "parent_code");
    }

    /** Class 6: the actor of a write comes from the credentials; an X-Actor header is not believed. */
    @Test
    void testTheActorIsTheAuthenticatedCallerNotAHeader() {
        var r = server.send(HttpMethod.POST, "/api/v1/people", new JsonObject().put("code", "P1").put("unit_code", "X01")
                .put("full_name", "Lê Văn Một"), Map.of("X-Actor", "someone-else"));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        String actor = TestDatabase.dsl().select(vn.hatang.db.Tables.AUDIT_LOG.ACTOR).from(vn.hatang.db.Tables.AUDIT_LOG)
                .where(vn.hatang.db.Tables.AUDIT_LOG.REQUEST_ID.eq(r.getHeader("X-Request-Id"))).fetchOne(0, String.class);
        assertEquals("test-admin", actor);
    }

    /** REST conventions: Allow on 405, HEAD on every GET, Location on 201, reads by code, Accept-Language ranges. */
    @Test
    void testRestConventions() {
        var wrongMethod = server.send(HttpMethod.DELETE, "/api/v1/units", null, Map.of());
        assertProblem(wrongMethod, 405, null);
        assertEquals("GET, HEAD, POST", wrongMethod.getHeader("Allow"));

        var head = server.send(HttpMethod.HEAD, "/api/v1/units/X01", null, Map.of());
        assertEquals(200, head.statusCode());
        assertTrue(head.body() == null || head.body().length() == 0);

        var made = server.post("/api/v1/devices", new JsonObject().put("serial", "SW-1").put("category", "switch")
                .put("unit_code", "X01"));
        String location = made.getHeader("Location");
        assertEquals("/api/v1/devices/" + made.bodyAsJsonObject().getLong("id"), location);
        assertEquals(made.bodyAsJsonObject().getLong("id"), server.get(location).bodyAsJsonObject().getLong("id"));

        var byCode = server.get("/api/v1/units/X01").bodyAsJsonObject();
        assertEquals(byCode, server.get("/api/v1/units/" + byCode.getLong("id")).bodyAsJsonObject());
        assertEquals("SW-1", server.get("/api/v1/devices/SW-1").bodyAsJsonObject().getString("serial"));

        var english = server.send(HttpMethod.GET, "/api/v1/devices?colour=red", null, Map.of("Accept-Language", "fr, en;q=0.9"));
        assertTrue(english.bodyAsJsonObject().getString("detail").startsWith("Unknown"), english.bodyAsString());
        var vietnamese = server.send(HttpMethod.GET, "/api/v1/devices?colour=red", null, Map.of("Accept-Language", "fr"));
        assertFalse(vietnamese.bodyAsJsonObject().getString("detail").startsWith("Unknown"), vietnamese.bodyAsString());
    }

    /** Lists and reads name what a row refers to: the unit's code and name beside unit_id, the holder's, the rack's. */
    @Test
    void testAnswersCarryTheCodesAndNamesOfWhatTheyReferTo() {
        created("/api/v1/people", new JsonObject().put("code", "P7").put("unit_code", "X01").put("full_name", "Trần Thị Bảy"));
        created("/api/v1/racks", new JsonObject().put("code", "R1").put("name", "Tủ mạng").put("unit_code", "X01"));
        var d = created("/api/v1/devices", new JsonObject().put("serial", "RT-9").put("category", "router")
                .put("unit_code", "X01").put("person_code", "P7").put("rack_code", "R1").put("rack_u", 3)
                .put("rack_height_u", 1));
        for (JsonObject row : List.of(d, server.get("/api/v1/devices/RT-9").bodyAsJsonObject(),
                server.get("/api/v1/devices?q=RT-9").bodyAsJsonObject().getJsonArray("items").getJsonObject(0))) {
            assertEquals("X01", row.getString("unit_code"), row.encode());
            assertEquals("Xã Một", row.getString("unit_name"));
            assertEquals("P7", row.getString("person_code"));
            assertEquals("Trần Thị Bảy", row.getString("person_name"));
            assertEquals("R1", row.getString("rack_code"));
            assertEquals("Tủ mạng", row.getString("rack_name"));
        }
        var unit = server.get("/api/v1/units/X01").bodyAsJsonObject();
        assertEquals("TU", unit.getString("parent_code"));
        assertEquals("Tỉnh ủy", unit.getString("parent_name"));
        assertNotNull(server.get("/api/v1/units?under=TU").bodyAsJsonObject().getJsonArray("items"));
        // A GET answer may be sent back as a PATCH: the shown codes and names are ignored.
        var person = server.get("/api/v1/people/P7").bodyAsJsonObject();
        var back = server.patch("/api/v1/people/" + person.getLong("id"), person.copy().put("title", "Văn thư"), Map.of());
        assertEquals(200, back.statusCode(), back.bodyAsString());
        assertEquals("Văn thư", back.bodyAsJsonObject().getString("title"));
    }
}
