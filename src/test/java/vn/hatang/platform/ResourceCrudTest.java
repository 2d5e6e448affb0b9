package vn.hatang.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.hatang.testing.ServerTest;

/**
 * Verifies create / read / update / list-with-filter for every inventory resource, the same way for each: what a
 * client writes comes back, a PATCH changes only what it names and bumps the ETag, filters narrow the list, and a
 * missing required field is a 400 naming it. Filters are checked after the PATCH.
 */
class ResourceCrudTest extends ServerTest {

    @BeforeEach
    void units() {
        server.post("/api/v1/units", new JsonObject().put("code", "TU").put("name", "Tỉnh ủy").put("kind", "provincial_committee"));
        server.post("/api/v1/units", new JsonObject().put("code", "X1").put("name", "Xã Một").put("kind", "commune").put("parent_code", "TU"));
        server.post("/api/v1/units", new JsonObject().put("code", "X2").put("name", "Xã Hai").put("kind", "commune").put("parent_code", "TU"));
        server.post("/api/v1/devices", new JsonObject().put("serial", "RT-1").put("category", "router").put("unit_code", "X1"));
    }

    static Stream<Arguments> resources() {
        return Stream.of(
                Arguments.of("/api/v1/people",
                        new JsonObject().put("code", "P9").put("unit_code", "X1").put("full_name", "Đỗ Thu Hà").put("signs_documents", true),
                        new JsonObject().put("title", "Văn thư"), "duty=signs_documents&under=X1", "under=X2", "full_name"),
                Arguments.of("/api/v1/investment-lines",
                        new JsonObject().put("code", "QD1/X1/pc").put("unit_code", "X1").put("category", "pc").put("quantity", 5)
                                .put("year", 2026).put("decision_no", "12-QĐ/TU"),
                        new JsonObject().put("quantity", 7), "category=pc&year=2026", "category=tablet", "decision_no"),
                Arguments.of("/api/v1/racks",
                        new JsonObject().put("code", "R9").put("name", "Tủ 9").put("unit_code", "X1"),
                        new JsonObject().put("location", "Tầng 2"), "under=X1", "under=X2", "name"),
                Arguments.of("/api/v1/information-systems",
                        new JsonObject().put("code", "HT1").put("name", "Quản lý văn bản").put("owner_unit_code", "X1")
                                .put("security_level", 3),
                        new JsonObject().put("approval_state", "submitted"), "under=TU&approval_state=submitted", "approval_state=approved",
                        "security_level"),
                Arguments.of("/api/v1/links",
                        new JsonObject().put("code", "L9").put("kind", "special_use").put("unit_code", "X1").put("peer_unit_code", "TU")
                                .put("bandwidth_mbps", 100).put("device_serial", "RT-1").put("interface_name", "Gi0/0/0"),
                        new JsonObject().put("bandwidth_mbps", 200), "kind=special_use&under=X1", "kind=internet", "bandwidth_mbps"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resources")
    void createReadUpdateListAndValidate(String path, JsonObject create, JsonObject patch, String matching,
            String notMatching, String requiredField) {
        var created = server.post(path, create);
        assertEquals(201, created.statusCode(), created.bodyAsString());
        long id = created.bodyAsJsonObject().getLong("id");
        String etag = created.getHeader("ETag");
        assertNotNull(etag);

        var read = server.get(path + "/" + id).bodyAsJsonObject();
        create.fieldNames().stream().filter(f -> !f.endsWith("_code") && !f.endsWith("_serial"))
                .forEach(f -> assertEquals(create.getValue(f), read.getValue(f), f));

        var patched = server.patch(path + "/" + id, patch, Map.of("If-Match", etag));
        assertEquals(200, patched.statusCode(), patched.bodyAsString());
        patch.fieldNames().forEach(f -> assertEquals(patch.getValue(f), patched.bodyAsJsonObject().getValue(f), f));
        assertEquals(read.getInteger("version") + 1, patched.bodyAsJsonObject().getInteger("version"));
        assertEquals(412, server.patch(path + "/" + id, patch, Map.of("If-Match", etag)).statusCode());

        assertEquals(1, server.get(path + "?" + matching).bodyAsJsonObject().getJsonArray("items").size());
        assertEquals(0, server.get(path + "?" + notMatching).bodyAsJsonObject().getJsonArray("items").size());

        JsonObject incomplete = create.copy();
        incomplete.remove(requiredField);
        incomplete.put("code", "OTHER");
        var refused = server.post(path, incomplete);
        assertEquals(400, refused.statusCode(), refused.bodyAsString());
        assertEquals(requiredField, refused.bodyAsJsonObject().getString("field"));
    }
}
