package vn.hatang.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.ServerTest;

/** Verifies the device lifecycle gates of R2, rack positions and device queries over HTTP. */
class DeviceLifecycleTest extends ServerTest {
    @BeforeEach
    void fixture() {
        server.post("/api/v1/units", new JsonObject().put("code", "TU").put("name", "Tỉnh ủy").put("kind", "provincial_committee"));
        server.post("/api/v1/units", new JsonObject().put("code", "DC").put("name", "Trung tâm dữ liệu").put("kind", "office")
                .put("parent_code", "TU"));
        server.post("/api/v1/people", new JsonObject().put("code", "P1").put("unit_code", "DC").put("full_name", "Phạm Thị Lan"));
    }

    private static long device(String serial, String category, String status) {
        var r = server.post("/api/v1/devices", new JsonObject().put("serial", serial).put("category", category)
                .put("unit_code", "DC").put("status", status));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getLong("id");
    }

    private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> to(long id, String status) {
        return server.post("/api/v1/devices/" + id + "/transitions", new JsonObject().put("to", status));
    }

    @Test
    void aDeviceCannotEnterServiceWithoutASecurityCheck() {
        long pc = device("PC-1", "pc", "received");
        var refused = to(pc, "in_service");
        assertEquals(409, refused.statusCode());
        assertEquals("security_checked", refused.bodyAsJsonObject().getString("missing_step"));

        var failedCheck = server.post("/api/v1/devices/" + pc + "/security-checks", new JsonObject()
                .put("checked_on", "2026-03-02").put("checked_by", "Phòng CĐS-CY").put("passed", false));
        assertEquals(201, failedCheck.statusCode(), failedCheck.bodyAsString());
        var stillRefused = to(pc, "security_checked");
        assertEquals(409, stillRefused.statusCode());
        assertEquals("security_check", stillRefused.bodyAsJsonObject().getString("missing_step"));

        server.post("/api/v1/devices/" + pc + "/security-checks", new JsonObject()
                .put("checked_on", "2026-03-03").put("checked_by", "Phòng CĐS-CY").put("passed", true));
        assertEquals("security_checked", server.get("/api/v1/devices/" + pc).bodyAsJsonObject().getString("status"));
        var inService = to(pc, "in_service");
        assertEquals(200, inService.statusCode(), inService.bodyAsString());
        assertEquals("in_service", inService.bodyAsJsonObject().getString("status"));
    }

    @Test
    void aStorageBearingDeviceCannotBeDisposedOfWithoutDataDestruction() {
        long pc = device("PC-2", "pc", "received");
        assertEquals(200, to(pc, "retired").statusCode());
        var refused = to(pc, "disposed");
        assertEquals(409, refused.statusCode());
        assertEquals("data_destruction", refused.bodyAsJsonObject().getString("missing_step"));
        server.post("/api/v1/devices/" + pc + "/data-destructions", new JsonObject().put("destroyed_on", "2026-04-01")
                .put("method", "Khử từ"));
        assertEquals(200, to(pc, "disposed").statusCode());

        long printer = device("PR-1", "printer", "received");
        to(printer, "retired");
        assertEquals(200, to(printer, "disposed").statusCode(), "a printer holds no data by default");
    }

    @Test
    void illegalJumpsNameTheMissingStepAndStatusIsNotEditedDirectly() {
        long pc = device("PC-3", "pc", "ordered");
        var r = to(pc, "in_service");
        assertEquals(409, r.statusCode());
        assertEquals("received", r.bodyAsJsonObject().getString("missing_step"));
        var patch = server.patch("/api/v1/devices/" + pc, new JsonObject().put("status", "in_service"), Map.of());
        assertEquals(400, patch.statusCode());
        assertEquals("status", patch.bodyAsJsonObject().getString("field"));
        var history = server.get("/api/v1/devices/" + pc + "/history").bodyAsJsonObject();
        assertEquals(1, history.getJsonArray("events").size(), "refused transitions leave no trace");
    }

    @Test
    void rackPositionsDoNotOverlap() {
        server.post("/api/v1/racks", new JsonObject().put("code", "R1").put("name", "Tủ 1").put("unit_code", "DC").put("height_u", 42));
        var a = server.post("/api/v1/devices", new JsonObject().put("serial", "SV-1").put("category", "server")
                .put("unit_code", "DC").put("rack_code", "R1").put("rack_u", 10).put("rack_height_u", 2));
        assertEquals(201, a.statusCode(), a.bodyAsString());
        var clash = server.post("/api/v1/devices", new JsonObject().put("serial", "SV-2").put("category", "server")
                .put("unit_code", "DC").put("rack_code", "R1").put("rack_u", 11).put("rack_height_u", 1));
        assertEquals(409, clash.statusCode());
        assertEquals("SV-1", clash.bodyAsJsonObject().getString("overlaps_serial"));
        var outside = server.post("/api/v1/devices", new JsonObject().put("serial", "SV-3").put("category", "server")
                .put("unit_code", "DC").put("rack_code", "R1").put("rack_u", 42).put("rack_height_u", 2));
        assertEquals(400, outside.statusCode());
        var fits = server.post("/api/v1/devices", new JsonObject().put("serial", "SV-4").put("category", "server")
                .put("unit_code", "DC").put("rack_code", "R1").put("rack_u", 12).put("rack_height_u", 2));
        assertEquals(201, fits.statusCode(), fits.bodyAsString());
    }

    @Test
    void badInputGetsAProblemNamingTheFieldAndChangesNothing() {
        var dup = device("PC-9", "pc", "ordered");
        var again = server.post("/api/v1/devices", new JsonObject().put("serial", "PC-9").put("category", "pc").put("unit_code", "DC"));
        assertEquals(409, again.statusCode());
        assertEquals("serial", again.bodyAsJsonObject().getString("field"));
        var badCategory = server.post("/api/v1/devices", new JsonObject().put("serial", "X").put("category", "toaster").put("unit_code", "DC"));
        assertEquals(400, badCategory.statusCode());
        assertEquals("category", badCategory.bodyAsJsonObject().getString("field"));
        var unknownUnit = server.post("/api/v1/devices", new JsonObject().put("serial", "X").put("category", "pc").put("unit_code", "NOPE"));
        assertEquals("unit_code", unknownUnit.bodyAsJsonObject().getString("field"));
        var badRam = server.send(io.vertx.core.http.HttpMethod.POST, "/api/v1/devices", new JsonObject().put("serial", "X")
                .put("category", "pc").put("unit_code", "DC").put("ram_gb", "lots"), Map.of("Accept-Language", "en"));
        assertEquals(400, badRam.statusCode());
        assertTrue(badRam.bodyAsJsonObject().getString("detail").contains("integer"), badRam.bodyAsString());
        var otherUnitHolder = server.post("/api/v1/devices", new JsonObject().put("serial", "X").put("category", "pc")
                .put("unit_code", "TU").put("person_code", "P1"));
        assertEquals(400, otherUnitHolder.statusCode());
        assertEquals(1, server.get("/api/v1/devices").bodyAsJsonObject().getJsonArray("items").size());
        var typo = server.post("/api/v1/devices", new JsonObject().put("serial", "X").put("category", "pc").put("unit_code", "DC")
                .put("seriall", "Y"));
        assertEquals(400, typo.statusCode());
        assertEquals("seriall", typo.bodyAsJsonObject().getString("field"));
        var array = server.client().post("/api/v1/devices").sendBuffer(io.vertx.core.buffer.Buffer.buffer("[1,2]"));
        assertEquals(400, array.await().statusCode());
        var delete = server.send(io.vertx.core.http.HttpMethod.DELETE, "/api/v1/devices/" + dup, null, Map.of());
        assertEquals(405, delete.statusCode());
        assertEquals("application/problem+json; charset=utf-8", delete.getHeader("Content-Type"));
        assertEquals(404, server.get("/api/v1/devices/999999").statusCode());
        assertEquals(404, server.get("/api/v1/devices/abc").statusCode()); // by serial: none has it
        assertTrue(dup > 0);
    }

    @Test
    void devicesAreFilteredBySubtreeCategoryStatusHolderAndText() {
        long a = device("PC-A", "pc", "received");
        device("LT-B", "laptop", "ordered");
        server.patch("/api/v1/devices/" + a, new JsonObject().put("person_code", "P1").put("model", "OptiPlex 7010"), Map.of());
        assertEquals(1, server.get("/api/v1/devices?category=pc").bodyAsJsonObject().getJsonArray("items").size());
        assertEquals(2, server.get("/api/v1/devices?class=endpoint&under=TU").bodyAsJsonObject().getJsonArray("items").size());
        assertEquals(1, server.get("/api/v1/devices?status=ordered").bodyAsJsonObject().getJsonArray("items").size());
        assertEquals(1, server.get("/api/v1/devices?person_code=P1").bodyAsJsonObject().getJsonArray("items").size());
        assertEquals(1, server.get("/api/v1/devices?q=optiplex").bodyAsJsonObject().getJsonArray("items").size());
        assertEquals(400, server.get("/api/v1/devices?status=broken").statusCode());
    }
}
