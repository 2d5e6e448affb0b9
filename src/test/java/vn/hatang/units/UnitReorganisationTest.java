package vn.hatang.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.ServerTest;

/** Verifies the unit tree over HTTP: subtree queries and the 2025-style reorganisations, with their history. */
class UnitReorganisationTest extends ServerTest {
    @BeforeEach
    void emptyTree() {
        unit("TU", "Tỉnh ủy", "provincial_committee", null);
        unit("VP", "Văn phòng Tỉnh ủy", "office", "TU");
        unit("XA", "Đảng ủy xã An Bình", "commune", "TU");
        unit("XB", "Đảng ủy xã Bình Minh", "commune", "TU");
        unit("CB-XA", "Chi bộ thôn 1", "cell", "XA");
    }

    static long unit(String code, String name, String kind, String parent) {
        JsonObject body = new JsonObject().put("code", code).put("name", name).put("kind", kind);
        if (parent != null) {
            body.put("parent_code", parent);
        }
        var r = server.post("/api/v1/units", body);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getLong("id");
    }

    private static long id(String path, String key, String value) {
        var items = server.get(path + "?limit=500").bodyAsJsonObject().getJsonArray("items");
        for (Object o : items) {
            if (value.equals(((JsonObject) o).getValue(key))) {
                return ((JsonObject) o).getLong("id");
            }
        }
        throw new AssertionError(value + " not found in " + path);
    }

    @Test
    void subtreeFilterListsOnlyUnitsUnderTheGivenUnit() {
        var items = server.get("/api/v1/units?under=XA").bodyAsJsonObject().getJsonArray("items");
        assertEquals(2, items.size());
        assertEquals("XA", items.getJsonObject(0).getString("code"));
        assertEquals("CB-XA", items.getJsonObject(1).getString("code"));
        var communes = server.get("/api/v1/units?kind=commune").bodyAsJsonObject().getJsonArray("items");
        assertEquals(2, communes.size());
    }

    @Test
    void paginationWalksTheWholeListWithCursors() {
        var first = server.get("/api/v1/units?limit=2").bodyAsJsonObject();
        assertEquals(2, first.getJsonArray("items").size());
        var second = server.get("/api/v1/units?limit=2&cursor=" + first.getString("next")).bodyAsJsonObject();
        var third = server.get("/api/v1/units?limit=2&cursor=" + second.getString("next")).bodyAsJsonObject();
        assertEquals(1, third.getJsonArray("items").size());
        assertNull(third.getString("next"));
        assertEquals(400, server.get("/api/v1/units?limit=501").statusCode());
        assertEquals(400, server.get("/api/v1/units?cursor=garbage!").statusCode());
    }

    @Test
    void mergingTwoCommunesMovesPeopleDevicesLinksAndKeepsWhereTheyWere() {
        long xa = id("/api/v1/units", "code", "XA");
        server.post("/api/v1/people", new JsonObject().put("code", "P1").put("unit_code", "XB").put("full_name", "Lê Văn Một"));
        var dev = server.post("/api/v1/devices", new JsonObject().put("category", "router").put("serial", "R-XB")
                .put("unit_code", "XB"));
        assertEquals(201, dev.statusCode(), dev.bodyAsString());
        long deviceId = dev.bodyAsJsonObject().getLong("id");
        var link = server.post("/api/v1/links", new JsonObject().put("code", "L-XB").put("kind", "special_use")
                .put("unit_code", "XB").put("bandwidth_mbps", 100).put("device_serial", "R-XB").put("interface_name", "Gi0/0"));
        assertEquals(201, link.statusCode(), link.bodyAsString());

        var merge = server.post("/api/v1/units/merge", new JsonObject().put("source_codes", new JsonArray().add("XB"))
                .put("target_code", "XA").put("decision_no", "15-QĐ/TU").put("effective_at", "2030-07-01T00:00:00Z"));
        assertEquals(200, merge.statusCode(), merge.bodyAsString());

        assertEquals(xa, server.get("/api/v1/people/" + id("/api/v1/people", "code", "P1")).bodyAsJsonObject().getLong("unit_id"));
        assertEquals(xa, server.get("/api/v1/devices/" + deviceId).bodyAsJsonObject().getLong("unit_id"));
        assertEquals(xa, server.get("/api/v1/links/" + id("/api/v1/links", "code", "L-XB")).bodyAsJsonObject().getLong("unit_id"));
        var xb = server.get("/api/v1/units/" + id("/api/v1/units", "code", "XB")).bodyAsJsonObject();
        assertEquals("merged", xb.getString("status"));
        assertEquals(xa, xb.getLong("successor_id"));

        // Where was the router before the merge took effect, and after?
        var before = server.get("/api/v1/devices/" + deviceId + "/location?at=2030-06-30T12:00:00Z").bodyAsJsonObject();
        assertEquals("XB", before.getString("unit_code"));
        var after = server.get("/api/v1/devices/" + deviceId + "/location?at=2030-07-02T00:00:00Z").bodyAsJsonObject();
        assertEquals("XA", after.getString("unit_code"));
        var history = server.get("/api/v1/units/" + xb.getLong("id") + "/history").bodyAsJsonArray();
        assertTrue(history.stream().anyMatch(e -> "merged".equals(((JsonObject) e).getString("kind"))
                && "15-QĐ/TU".equals(((JsonObject) e).getString("decision_no"))));
        var heldBefore = server.get("/api/v1/units/" + xb.getLong("id") + "/holdings?at=2030-06-30T00:00:00Z").bodyAsJsonObject();
        assertEquals(new JsonArray().add(deviceId), heldBefore.getJsonArray("device_ids"));
    }

    @Test
    void mergingAUnitIntoItsOwnDescendantIsRefused() {
        var r = server.post("/api/v1/units/merge", new JsonObject().put("source_codes", new JsonArray().add("XA"))
                .put("target_code", "CB-XA"));
        assertEquals(400, r.statusCode());
        assertEquals("application/problem+json; charset=utf-8", r.getHeader("Content-Type"));
        assertEquals("source_codes", r.bodyAsJsonObject().getString("field"));
    }

    @Test
    void splittingMovesListedHoldingsAndRefusesToDissolveAUnitThatStillHoldsSome() {
        server.post("/api/v1/people", new JsonObject().put("code", "P1").put("unit_code", "XA").put("full_name", "Một"));
        server.post("/api/v1/people", new JsonObject().put("code", "P2").put("unit_code", "XA").put("full_name", "Hai"));
        long xa = id("/api/v1/units", "code", "XA");
        var parts = new JsonArray().add(new JsonObject().put("code", "XA1").put("name", "Xã An Bình 1")
                .put("people", new JsonArray().add("P1")));
        var refused = server.post("/api/v1/units/" + xa + "/split", new JsonObject().put("parts", parts).put("dissolve_source", true));
        assertEquals(409, refused.statusCode(), refused.bodyAsString());
        assertEquals(2, server.get("/api/v1/people?under=XA").bodyAsJsonObject().getJsonArray("items").size(),
                "a refused split changes nothing");

        var ok = server.post("/api/v1/units/" + xa + "/split", new JsonObject().put("parts", parts));
        assertEquals(200, ok.statusCode(), ok.bodyAsString());
        var moved = server.get("/api/v1/people?under=XA1").bodyAsJsonObject().getJsonArray("items");
        assertEquals(1, moved.size());
        assertEquals("P1", moved.getJsonObject(0).getString("code"));
    }

    @Test
    void movingAUnitUnderItsOwnSubtreeIsRefusedAndRenameKeepsTheOldName() {
        long xa = id("/api/v1/units", "code", "XA");
        var cycle = server.post("/api/v1/units/" + xa + "/move", new JsonObject().put("parent_code", "CB-XA"));
        assertEquals(400, cycle.statusCode());
        assertEquals("parent_code", cycle.bodyAsJsonObject().getString("field"));

        var moved = server.post("/api/v1/units/" + xa + "/move", new JsonObject().put("parent_code", "VP"));
        assertEquals(200, moved.statusCode(), moved.bodyAsString());
        assertEquals(3, server.get("/api/v1/units?under=VP").bodyAsJsonObject().getJsonArray("items").size(),
                "the cell moves with its commune");

        server.post("/api/v1/units/" + xa + "/rename", new JsonObject().put("name", "Đảng ủy phường An Bình"));
        var history = server.get("/api/v1/units/" + xa + "/history").bodyAsJsonArray();
        assertTrue(history.stream().anyMatch(e -> "Đảng ủy xã An Bình".equals(
                ((JsonObject) e).getJsonObject("details").getString("old_name"))));
    }

    @Test
    void staleWritesAreRefusedWith412() {
        long xa = id("/api/v1/units", "code", "XA");
        String etag = server.get("/api/v1/units/" + xa).getHeader("ETag");
        var first = server.patch("/api/v1/units/" + xa, new JsonObject().put("address", "Thôn 1"), Map.of("If-Match", etag));
        assertEquals(200, first.statusCode(), first.bodyAsString());
        var stale = server.patch("/api/v1/units/" + xa, new JsonObject().put("address", "Thôn 2"), Map.of("If-Match", etag));
        assertEquals(412, stale.statusCode());
        assertEquals("Thôn 1", server.get("/api/v1/units/" + xa).bodyAsJsonObject().getString("address"));
    }
}
