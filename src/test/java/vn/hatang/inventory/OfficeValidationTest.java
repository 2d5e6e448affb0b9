package vn.hatang.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.platform.json.Input;
import vn.hatang.testing.ServerTest;

/**
 * Verifies the rules an office expects, the same through the API and through an import because both read the same
 * field specs: e-mail addresses, Vietnamese phone and mobile numbers (stored in one form), dates of past events not
 * in the future, unique asset tags, a unit tree of bounded depth — and accent-insensitive search in every list.
 */
class OfficeValidationTest extends ServerTest {
    private static final String FUTURE = LocalDate.now(Input.ZONE).plusDays(2).toString();

    @BeforeEach
    void units() {
        server.post("/api/v1/units", new JsonObject().put("code", "TU").put("name", "Tỉnh ủy").put("kind", "provincial_committee"));
        server.post("/api/v1/units", new JsonObject().put("code", "XA").put("name", "Đảng ủy xã Thạch Đà").put("kind", "commune")
                .put("parent_code", "TU"));
    }

    private static JsonObject person(String code) {
        return new JsonObject().put("code", code).put("unit_code", "XA").put("full_name", "Nguyễn Thị Thảo");
    }

    private static void assertRefused(HttpResponse<Buffer> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertTrue(r.getHeader("Content-Type").startsWith("application/problem+json"));
        assertEquals(field, r.bodyAsJsonObject().getString("field"), r.bodyAsString());
    }

    @Test
    void emailsAndVietnamesePhoneNumbersAreCheckedAndStoredInOneForm() {
        assertRefused(server.post("/api/v1/people", person("P1").put("email", "thao@")), 400, "email");
        assertRefused(server.post("/api/v1/people", person("P1").put("email", "thao hoason.vn")), 400, "email");
        assertRefused(server.post("/api/v1/people", person("P1").put("phone", "0123456789")), 400, "phone");
        assertRefused(server.post("/api/v1/people", person("P1").put("phone", "091234567")), 400, "phone");
        var ok = server.post("/api/v1/people", person("P1").put("email", "thao@xa.hoason.dang.vn").put("phone", "+84 912 345 678"));
        assertEquals(201, ok.statusCode(), ok.bodyAsString());
        assertEquals("0912345678", ok.bodyAsJsonObject().getString("phone"));
        var landline = server.post("/api/v1/people", person("P2").put("phone", "(0203) 3812 345"));
        assertEquals("02033812345", landline.bodyAsJsonObject().getString("phone"), landline.bodyAsString());
        // A SIM carries a mobile number: a landline is refused there.
        assertRefused(server.post("/api/v1/tokens", new JsonObject().put("serial", "SIM-1").put("kind", "sim")
                .put("unit_code", "XA").put("phone", "02033812345")), 400, "phone");
        var sim = server.post("/api/v1/tokens", new JsonObject().put("serial", "SIM-1").put("kind", "sim")
                .put("unit_code", "XA").put("phone", "84987000111"));
        assertEquals("0987000111", sim.bodyAsJsonObject().getString("phone"), sim.bodyAsString());
    }

    @Test
    void datesOfPastEventsCannotBeInTheFuture() {
        assertRefused(server.post("/api/v1/people", person("P1").put("status", "left").put("left_on", FUTURE)), 400, "left_on");
        assertRefused(server.post("/api/v1/devices", new JsonObject().put("serial", "S1").put("category", "pc")
                .put("unit_code", "XA").put("acquired_on", FUTURE)), 400, "acquired_on");
        long id = server.post("/api/v1/devices", new JsonObject().put("serial", "S1").put("category", "pc")
                .put("unit_code", "XA").put("status", "received")).bodyAsJsonObject().getLong("id");
        assertRefused(server.post("/api/v1/devices/" + id + "/security-checks", new JsonObject().put("checked_on", FUTURE)
                .put("checked_by", "Phòng CĐS").put("passed", true)), 400, "checked_on");
        // DD/MM/YYYY is held to the same range as ISO dates.
        assertRefused(server.post("/api/v1/devices", new JsonObject().put("serial", "S2").put("category", "pc")
                .put("unit_code", "XA").put("acquired_on", "01/01/0000")), 400, "acquired_on");
        assertRefused(server.post("/api/v1/devices", new JsonObject().put("serial", "S2").put("category", "pc")
                .put("unit_code", "XA").put("acquired_on", "31/12/9999")), 400, "acquired_on");
    }

    @Test
    void anAssetTagBelongsToOneDevice() {
        assertEquals(201, server.post("/api/v1/devices", new JsonObject().put("serial", "S1").put("category", "pc")
                .put("unit_code", "XA").put("asset_tag", "TS-1")).statusCode());
        var second = server.post("/api/v1/devices", new JsonObject().put("serial", "S2").put("category", "pc")
                .put("unit_code", "XA").put("asset_tag", "TS-1"));
        assertRefused(second, 409, "asset_tag");
    }

    @Test
    void anImportIsHeldToTheSameRulesRowByRow() throws Exception {
        assertEquals(201, server.post("/api/v1/devices", new JsonObject().put("serial", "OLD").put("category", "pc")
                .put("unit_code", "XA").put("asset_tag", "TS-9")).statusCode());
        MultipartForm form = MultipartForm.create()
                .textFileUpload("file", "people.csv", Buffer.buffer("code,unit_code,full_name,email,phone,status,left_on\n"
                        + "P1,XA,An,an@,,,\nP2,XA,Bình,,0123 456 789,,\nP3,XA,Chi,,,left," + FUTURE + "\n"
                        + "P4,XA,Dũng,dung@xa.vn,+84 (0)912.345.678,,\n"), "text/csv")
                .textFileUpload("file", "devices.csv", Buffer.buffer("serial,category,unit_code,asset_tag,acquired_on\n"
                        + "S1,pc,XA,TS-1,2025-01-01\nS2,pc,XA,TS-1,2025-01-01\nS3,pc,XA,TS-9,2025-01-01\nS4,pc,XA,TS-4,"
                        + FUTURE + "\n"), "text/csv");
        var r = server.client().post("/api/v1/imports").sendMultipartForm(form).await(30, TimeUnit.SECONDS);
        assertEquals(422, r.statusCode(), r.bodyAsString());
        List<String> errors = r.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("file") + ":" + ((JsonObject) e).getInteger("line") + " "
                        + ((JsonObject) e).getString("field")).toList();
        assertTrue(errors.containsAll(List.of("people.csv:2 email", "people.csv:3 phone", "people.csv:4 left_on",
                "devices.csv:3 asset_tag", "devices.csv:4 asset_tag", "devices.csv:5 acquired_on")), errors.toString());
        assertTrue(errors.stream().noneMatch(e -> e.startsWith("people.csv:5")), "+84 (0)912.345.678 is a mobile number: "
                + errors);
    }

    @Test
    void theUnitTreeHasABoundedDepth() {
        String parent = "XA";
        for (int depth = 2; depth <= 12; depth++) {
            var r = server.post("/api/v1/units", new JsonObject().put("code", "C" + depth).put("name", "Chi bộ " + depth)
                    .put("kind", "cell").put("parent_code", parent));
            assertEquals(201, r.statusCode(), r.bodyAsString());
            parent = "C" + depth;
        }
        assertRefused(server.post("/api/v1/units", new JsonObject().put("code", "C13").put("name", "Chi bộ 13")
                .put("kind", "cell").put("parent_code", parent)), 400, "parent_code");
        // Moving a subtree under a deep unit is held to the same bound.
        server.post("/api/v1/units", new JsonObject().put("code", "XB").put("name", "Xã B").put("kind", "commune").put("parent_code", "TU"));
        server.post("/api/v1/units", new JsonObject().put("code", "XB1").put("name", "Chi bộ B1").put("kind", "cell").put("parent_code", "XB"));
        long xb = server.get("/api/v1/units?q=XB1").bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getLong("parent_id");
        assertRefused(server.post("/api/v1/units/" + xb + "/move", new JsonObject().put("parent_code", "C11")), 400, "parent_code");
    }

    @Test
    void searchIgnoresCaseAndVietnameseDiacritics() {
        server.post("/api/v1/people", person("P1"));
        server.post("/api/v1/people", new JsonObject().put("code", "P2").put("unit_code", "XA").put("full_name", "Đặng Văn Sơn"));
        server.post("/api/v1/devices", new JsonObject().put("serial", "S1").put("category", "pc").put("unit_code", "XA")
                .put("model", "Máy tính để bàn"));
        server.post("/api/v1/devices", new JsonObject().put("serial", "RT1").put("category", "router").put("unit_code", "XA"));
        server.post("/api/v1/links", new JsonObject().put("code", "L1").put("kind", "internet").put("unit_code", "XA")
                .put("bandwidth_mbps", 100).put("provider", "Viễn thông Đà Nẵng"));
        assertEquals(List.of("P1"), codes("/api/v1/people?q=thao", "code"));
        assertEquals(List.of("P2"), codes("/api/v1/people?q=DANG%20van", "code"));
        assertEquals(List.of("S1"), codes("/api/v1/devices?q=may%20tinh", "serial"));
        assertEquals(List.of("L1"), codes("/api/v1/links?q=da%20nang", "code"));
        assertEquals(List.of("XA"), codes("/api/v1/units?q=thach%20da", "code"));
        assertEquals(List.of(), codes("/api/v1/people?q=100%25", "code"), "a % in the text is a character, not a wildcard");
        assertRefused(server.get("/api/v1/people?q=a%00b"), 400, "q");
    }

    private static List<String> codes(String uri, String field) {
        var r = server.get(uri);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString(field)).toList();
    }
}
