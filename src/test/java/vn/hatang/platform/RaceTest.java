package vn.hatang.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.PKI_TOKEN_EVENT;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.db.tables.records.UnitRecord;
import vn.hatang.testing.ServerTest;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * Races, with real HTTP clients in parallel: reorganisations of related units, two devices into one rack slot, two
 * hand-overs of one token, PATCHes from the same stale version. Verifies that each request gets a success or a 4xx
 * (409 or 412, or 400 when the other's success made it invalid), never a 5xx; that what the successes did is
 * consistent (the tree has no cycle and its paths and depths agree with the parents; no rack slot holds two devices;
 * a token has one holder); and that every success left its audit row.
 */
class RaceTest extends ServerTest {

    @BeforeEach
    void tree() {
        ok(server.post("/api/v1/units", new JsonObject().put("code", "TU").put("name", "Tỉnh ủy").put("kind", "provincial_committee")));
        for (int i = 1; i <= 6; i++) {
            ok(server.post("/api/v1/units", new JsonObject().put("code", "B" + i).put("name", "Ban " + i).put("kind", "office")
                    .put("parent_code", "TU")));
        }
    }

    private static JsonObject ok(HttpResponse<Buffer> r) {
        assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    /** Sends all requests at once and waits for every answer. */
    private static List<HttpResponse<Buffer>> together(List<Supplier<Future<HttpResponse<Buffer>>>> requests) {
        List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
        requests.forEach(r -> sent.add(r.get()));
        List<HttpResponse<Buffer>> out = new ArrayList<>();
        for (var f : sent) {
            try {
                out.add(f.await(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new AssertionError("no answer", e);
            }
        }
        return out;
    }

    private static Supplier<Future<HttpResponse<Buffer>>> call(HttpMethod method, String uri, JsonObject body,
            Map<String, String> headers) {
        return () -> {
            var req = server.client().request(method, uri);
            headers.forEach(req::putHeader);
            return req.sendJsonObject(body);
        };
    }

    private static Supplier<Future<HttpResponse<Buffer>>> post(String uri, JsonObject body) {
        return call(HttpMethod.POST, uri, body, Map.of());
    }

    /** No 5xx; every 2xx left exactly one audit row. Returns the statuses. */
    private static List<Integer> settle(HttpMethod method, List<HttpResponse<Buffer>> answers) {
        List<Integer> statuses = new ArrayList<>();
        for (var a : answers) {
            assertTrue(a.statusCode() < 500, a.statusCode() + " " + a.bodyAsString());
            if (a.statusCode() >= 400) {
                assertTrue(a.getHeader("Content-Type").startsWith("application/problem+json"), a.bodyAsString());
            }
            TestServer.checkAudited(method, "race", a);
            statuses.add(a.statusCode());
        }
        return statuses;
    }

    private static long id(String code) {
        return TestDatabase.dsl().select(UNIT.ID).from(UNIT).where(UNIT.CODE.eq(code)).fetchOne(UNIT.ID);
    }

    /** The tree is one tree: every path is the parent's path plus the id, every depth the parent's plus one. */
    private static void assertTreeConsistent() {
        Map<Long, UnitRecord> units = new HashMap<>();
        TestDatabase.dsl().selectFrom(UNIT).forEach(u -> units.put(u.getId(), u));
        for (UnitRecord u : units.values()) {
            UnitRecord p = u.getParentId() == null ? null : units.get(u.getParentId());
            String expected = (p == null ? "/" : p.getPath()) + u.getId() + "/";
            assertEquals(expected, u.getPath(), "path of " + u.getCode());
            assertEquals(p == null ? 0 : p.getDepth() + 1, u.getDepth(), "depth of " + u.getCode());
        }
        // With the paths consistent, a cycle would need an infinite path: walk up from each unit to the root.
        for (UnitRecord u : units.values()) {
            int steps = 0;
            for (UnitRecord at = u; at.getParentId() != null; at = units.get(at.getParentId())) {
                assertTrue(++steps <= units.size(), "cycle through " + u.getCode());
            }
        }
    }

    /** Two units moved under each other at once: one move wins, the other would make a cycle and is refused. */
    @Test
    void testCrossedMovesOfTwoUnits() {
        for (int round = 0; round < 5; round++) {
            var answers = together(List.of(post("/api/v1/units/" + id("B1") + "/move", new JsonObject().put("parent_code", "B2")),
                    post("/api/v1/units/" + id("B2") + "/move", new JsonObject().put("parent_code", "B1"))));
            List<Integer> statuses = settle(HttpMethod.POST, answers);
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertTreeConsistent();
            ok(server.post("/api/v1/units/" + id("B1") + "/move", new JsonObject().put("parent_code", "TU")));
            ok(server.post("/api/v1/units/" + id("B2") + "/move", new JsonObject().put("parent_code", "TU")));
        }
    }

    /** Two units merged into each other at once: one merge happens, the other finds its target merged away. */
    @Test
    void testCrossedMergesOfTwoUnits() {
        ok(server.post("/api/v1/units", new JsonObject().put("code", "C1").put("name", "Chi bộ").put("kind", "cell")
                .put("parent_code", "B3")));
        var answers = together(List.of(
                post("/api/v1/units/merge", new JsonObject().put("source_codes", new JsonArray().add("B3")).put("target_code", "B4")),
                post("/api/v1/units/merge", new JsonObject().put("source_codes", new JsonArray().add("B4")).put("target_code", "B3"))));
        List<Integer> statuses = settle(HttpMethod.POST, answers);
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, TestDatabase.dsl().fetchCount(UNIT, UNIT.CODE.in("B3", "B4").and(UNIT.STATUS.eq("merged"))));
        assertTreeConsistent();
    }

    /** Many clients reorganising the same branch at once, by move, PATCH of the parent and merge: no 5xx, one tree. */
    @Test
    void testManyConcurrentReorganisationsKeepOneTree() {
        Random random = new Random(42);
        List<String> codes = List.of("B1", "B2", "B3", "B4", "B5", "B6");
        Map<Integer, Integer> seen = new TreeMap<>();
        for (int round = 0; round < 6; round++) {
            List<Supplier<Future<HttpResponse<Buffer>>>> requests = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String a = codes.get(random.nextInt(codes.size()));
                String b = codes.get(random.nextInt(codes.size()));
                requests.add(random.nextBoolean()
                        ? post("/api/v1/units/" + id(a) + "/move", new JsonObject().put("parent_code", b))
                        : call(HttpMethod.PATCH, "/api/v1/units/" + id(a), new JsonObject().put("parent_code", b), Map.of()));
            }
            for (int s : settle(HttpMethod.POST, together(requests))) {
                seen.merge(s, 1, Integer::sum);
            }
            assertTreeConsistent();
        }
        assertTrue(seen.containsKey(200), seen.toString());
    }

    /** Two devices PATCHed into the same rack slot at once: one gets it, the other 409; no slot holds two. */
    @Test
    void testTwoDevicesIntoOneRackSlot() {
        ok(server.post("/api/v1/racks", new JsonObject().put("code", "R1").put("name", "Tủ 1").put("unit_code", "B1")));
        List<Long> devices = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            devices.add(ok(server.post("/api/v1/devices", new JsonObject().put("serial", "SV-" + i).put("category", "server")
                    .put("unit_code", "B1"))).getLong("id"));
        }
        for (int u = 1; u <= 3; u++) {
            JsonObject slot = new JsonObject().put("rack_code", "R1").put("rack_u", u * 10).put("rack_height_u", 2);
            var answers = together(List.of(call(HttpMethod.PATCH, "/api/v1/devices/" + devices.get(2 * u - 2), slot, Map.of()),
                    call(HttpMethod.PATCH, "/api/v1/devices/" + devices.get(2 * u - 1), slot.copy().put("rack_u", u * 10 + 1),
                            Map.of())));
            List<Integer> statuses = settle(HttpMethod.PATCH, answers);
            assertEquals(List.of(200, 409), statuses.stream().sorted().toList());
        }
        // And a POST racing a PATCH for the same place.
        var answers = together(List.of(call(HttpMethod.PATCH, "/api/v1/devices/" + devices.get(0),
                        new JsonObject().put("rack_u", 40), Map.of()),
                post("/api/v1/devices", new JsonObject().put("serial", "SV-X").put("category", "server").put("unit_code", "B1")
                        .put("rack_code", "R1").put("rack_u", 41).put("rack_height_u", 1))));
        assertEquals(1, settle(HttpMethod.POST, answers).stream().filter(s -> s < 300).count());
        var rows = TestDatabase.dsl().selectFrom(DEVICE).where(DEVICE.RACK_ID.isNotNull()).fetch();
        for (var a : rows) {
            for (var b : rows) {
                boolean overlap = !a.getId().equals(b.getId()) && a.getRackU() <= b.getRackU() + b.getRackHeightU() - 1
                        && b.getRackU() <= a.getRackU() + a.getRackHeightU() - 1;
                assertTrue(!overlap, a.getSerial() + " and " + b.getSerial() + " share a slot");
            }
        }
    }

    /** One token handed over to two people at once: one hand-over is recorded, the other is a 409. */
    @Test
    void testTwoHandoversOfOneToken() {
        for (String p : List.of("P1", "P2")) {
            ok(server.post("/api/v1/people", new JsonObject().put("code", p).put("unit_code", "B1").put("full_name", "Người " + p)));
        }
        long token = ok(server.post("/api/v1/tokens", new JsonObject().put("serial", "TK-1").put("kind", "usb_token")
                .put("unit_code", "B1"))).getLong("id");
        JsonObject handover = new JsonObject().put("document_no", "01/BB").put("document_date", "2026-03-01")
                .put("handed_by", "Văn thư");
        var answers = together(List.of(post("/api/v1/tokens/" + token + "/assign", handover.copy().put("person_code", "P1")),
                post("/api/v1/tokens/" + token + "/assign", handover.copy().put("person_code", "P2"))));
        assertEquals(List.of(200, 409), settle(HttpMethod.POST, answers).stream().sorted().toList());
        assertEquals(1, TestDatabase.dsl().fetchCount(PKI_TOKEN_EVENT, PKI_TOKEN_EVENT.TOKEN_ID.eq(token)
                .and(PKI_TOKEN_EVENT.TO_STATE.eq("assigned"))));
    }

    /** Ten PATCHes from the same version at once: exactly one is applied, nine are 412; no update is lost silently. */
    @Test
    void testConcurrentPatchesFromOneVersion() {
        var person = ok(server.post("/api/v1/people", new JsonObject().put("code", "P9").put("unit_code", "B1")
                .put("full_name", "Người chín")));
        String etag = "\"" + person.getInteger("version") + "\"";
        List<Supplier<Future<HttpResponse<Buffer>>>> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(call(HttpMethod.PATCH, "/api/v1/people/" + person.getLong("id"),
                    new JsonObject().put("title", "Chức danh " + i), Map.of("If-Match", etag)));
        }
        List<HttpResponse<Buffer>> answers = together(requests);
        List<Integer> statuses = settle(HttpMethod.PATCH, answers);
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(9, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        String winner = answers.stream().filter(a -> a.statusCode() == 200).findFirst().orElseThrow().bodyAsJsonObject()
                .getString("title");
        var now = server.get("/api/v1/people/P9").bodyAsJsonObject();
        assertEquals(winner, now.getString("title"));
        assertEquals(person.getInteger("version") + 1, now.getInteger("version"));
    }
}
