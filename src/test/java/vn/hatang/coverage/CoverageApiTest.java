package vn.hatang.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.TestServer;

/**
 * Verifies the coverage API as a user meets it: KPI definitions refused with a clear problem naming the field, a new
 * KPI of an existing kind working without code, values and gap lists, and the four reports downloaded as XLSX and
 * CSV and read back cell by cell.
 */
class CoverageApiTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void fixture() {
        CoverageFixture.load(server.app().db());
    }

    private static JsonObject kpi(String code) {
        return new JsonObject().put("code", code).put("title_vi", "Xã có hệ thống đầy đủ").put("title_en", "Communes fully equipped")
                .put("kind", "unit_equipment").put("unit_kinds", new JsonArray().add("commune")).put("threshold", 100)
                .put("deadline", "2026-12-31").put("params", new JsonObject());
    }

    private static void assertProblem(HttpResponse<Buffer> r, String field, String detailPart) {
        assertEquals(400, r.statusCode(), r.bodyAsString());
        assertTrue(r.getHeader("Content-Type").startsWith("application/problem+json"), r.getHeader("Content-Type"));
        assertEquals(field, r.bodyAsJsonObject().getString("field"), r.bodyAsString());
        assertTrue(r.bodyAsJsonObject().getString("detail").contains(detailPart), r.bodyAsString());
    }

    @Test
    void testBadKpiDefinitionsAreRefusedNamingTheField() {
        assertProblem(server.post("/api/v1/kpis", kpi("UNIT_COMMUNE").put("threshold", 140)), "threshold", "140");
        assertProblem(server.post("/api/v1/kpis", kpi("UNIT_COMMUNE").put("deadline", "1900-05-01")), "deadline", "1900-05-01");
        assertProblem(server.post("/api/v1/kpis", kpi("UNIT_COMMUNE").put("kind", "magic")), "kind", "unit_equipment");
        assertProblem(server.post("/api/v1/kpis", kpi("UNIT_COMMUNE").put("kind", "person_device")
                .put("params", new JsonObject().put("categories", new JsonArray().add("toaster")))), "params.categories[0]", "toaster");
        assertProblem(server.post("/api/v1/kpis", kpi("unit commune")), "code", "khoảng trắng");
        assertProblem(server.post("/api/v1/kpis", kpi("unit_commune")), "code", "unit_commune");
        assertEquals(404, server.get("/api/v1/kpis/UNIT_COMMUNE").statusCode(), "nothing was created");
        // English on request.
        var en = server.send(HttpMethod.POST, "/api/v1/kpis", kpi("UNIT_COMMUNE").put("threshold", 140), Map.of("Accept-Language", "en"));
        assertTrue(en.bodyAsJsonObject().getString("detail").contains("at most 100"), en.bodyAsString());
        // A bad change leaves the definition as it was.
        assertProblem(server.patch("/api/v1/kpis/STAFF_MODERN", new JsonObject().put("threshold", 140), Map.of()), "threshold", "140");
        assertEquals(100, server.get("/api/v1/kpis/STAFF_MODERN").bodyAsJsonObject().getInteger("threshold"));
        var ok = server.patch("/api/v1/kpis/STAFF_MODERN", new JsonObject().put("threshold", 90), Map.of());
        assertEquals(200, ok.statusCode(), ok.bodyAsString());
        assertEquals(90, ok.bodyAsJsonObject().getInteger("threshold"));
        assertEquals(2, ok.bodyAsJsonObject().getInteger("version"));
    }

    @Test
    void testNewKpiOfAnExistingKindNeedsNoCode() {
        var created = server.post("/api/v1/kpis", kpi("UNIT_COMMUNE"));
        assertEquals(201, created.statusCode(), created.bodyAsString());
        assertEquals(409, server.post("/api/v1/kpis", kpi("UNIT_COMMUNE")).statusCode());
        JsonObject values = server.get("/api/v1/kpis/values?unit=P").bodyAsJsonObject();
        JsonObject k = find(values, "UNIT_COMMUNE");
        assertEquals(new JsonObject().put("num", 0).put("den", 3).put("pct", 0.0), k.getJsonObject("rollup"));
        JsonObject gaps = server.get("/api/v1/kpis/UNIT_COMMUNE/gaps?unit=P").bodyAsJsonObject();
        assertEquals(List.of("C1", "E", "R"), gaps.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("code")).toList());
        assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/kpis/UNIT_COMMUNE", null, Map.of()).statusCode());
        assertEquals(404, server.get("/api/v1/kpis/UNIT_COMMUNE").statusCode());
    }

    @Test
    void testValuesAndGapsForOneUnit() {
        JsonObject alone = server.get("/api/v1/kpis/values?unit=A&rollup=false").bodyAsJsonObject();
        assertEquals(new JsonObject().put("num", 1).put("den", 3).put("pct", 33.3), find(alone, "STAFF_MODERN").getJsonObject("value"));
        JsonObject gaps = server.get("/api/v1/kpis/STAFF_MODERN/gaps?unit=P").bodyAsJsonObject();
        assertEquals(3, gaps.getInteger("count"));
        assertProblem(server.get("/api/v1/kpis/values?unit=NOPE"), "unit", "NOPE");
        assertEquals(404, server.get("/api/v1/kpis/NOPE/gaps?unit=P").statusCode());
        var snap = server.post("/api/v1/kpis/snapshots", new JsonObject());
        assertEquals(201, snap.statusCode(), snap.bodyAsString());
        JsonObject history = server.get("/api/v1/kpis/STAFF_MODERN/history?unit=P").bodyAsJsonObject();
        assertEquals(50.0, history.getJsonArray("points").getJsonObject(0).getJsonObject("rollup").getDouble("pct"));
    }

    private static JsonObject find(JsonObject values, String code) {
        return values.getJsonArray("kpis").stream().map(o -> (JsonObject) o).filter(o -> o.getString("code").equals(code))
                .findFirst().orElseThrow();
    }

    private static List<Row> sheet(byte[] xlsx, int index, String name) throws IOException {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheets().toList().get(index);
            assertEquals(name, s.getName());
            return s.read();
        }
    }

    private static List<String> texts(Row row) {
        return java.util.stream.IntStream.range(0, row.getCellCount()).mapToObj(row::getCellText).toList();
    }

    @Test
    void testCoverageReportAsXlsxCellByCell() throws IOException {
        var r = server.get("/api/v1/reports/coverage?format=xlsx&unit=P");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.getHeader("Content-Type"));
        assertTrue(r.getHeader("Content-Disposition").contains("hatang-coverage-P-"));
        List<Row> rows = sheet(r.body().getBytes(), 0, "Mức độ đạt chỉ tiêu");
        assertEquals(List.of("Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Đơn vị cấp trên", "Cấp", "Mã chỉ tiêu", "Chỉ tiêu",
                "Mục tiêu (%)", "Thời hạn", "Đạt (riêng đơn vị)", "Tổng (riêng đơn vị)", "Tỷ lệ riêng (%)", "Đạt (cả khối)",
                "Tổng (cả khối)", "Tỷ lệ (%)", "Còn thiếu để đạt mục tiêu", "Tình trạng"), texts(rows.get(0)));
        Row a = rows.stream().filter(x -> "A".equals(x.getCellText(0)) && "STAFF_MODERN".equals(x.getCellText(5))).findFirst().orElseThrow();
        assertEquals(List.of("A", "Văn phòng A", "Cơ quan, ban", "P"), texts(a).subList(0, 4));
        assertEquals(new BigDecimal("1"), a.getCellAsNumber(4).orElseThrow());
        assertEquals("Cán bộ có máy tính hiện đại", a.getCellText(6));
        assertEquals(0, new BigDecimal("100").compareTo(a.getCellAsNumber(7).orElseThrow()));
        assertEquals("2026-06-30", a.getCellText(8));
        assertEquals(List.of(1, 3, 1, 3, 2), List.of(9, 10, 12, 13, 15).stream()
                .map(i -> a.getCellAsNumber(i).orElseThrow().intValue()).toList());
        assertEquals(0, new BigDecimal("33.3").compareTo(a.getCellAsNumber(11).orElseThrow()));
        assertEquals("Không đạt (quá hạn)", a.getCellText(16));
        Row p = rows.stream().filter(x -> "P".equals(x.getCellText(0)) && "STAFF_MODERN".equals(x.getCellText(5))).findFirst().orElseThrow();
        assertEquals(List.of(0, 3, 6, 50), List.of(9, 12, 13, 14).stream().map(i -> p.getCellAsNumber(i).orElseThrow().intValue()).toList());
        // The merged commune has no row; the empty one only for the KPIs that count units.
        assertTrue(rows.stream().noneMatch(x -> "C2".equals(x.getCellText(0))));
        assertEquals(List.of("UNIT_MODERN", "VIDEOCONF_COMMUNE", "WAN_CONNECTED"), rows.stream()
                .filter(x -> "E".equals(x.getCellText(0))).map(x -> x.getCellText(5)).toList());
    }

    @Test
    void testShortfallAsCsvInEnglishSaysWhatToRequest() {
        var r = server.get("/api/v1/reports/shortfall?format=csv&lang=en&unit=P");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        byte[] bytes = r.body().getBytes();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]), "UTF-8 BOM for Excel");
        List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertEquals("Unit code,Unit name,Device category,Approved,Delivered,In service,Awaiting (not delivered or not yet in service),"
                + "Needed for ENDPOINT_DELIVERY (by 2026-09-30),Needed for UNIT_MODERN (by 2026-12-31),"
                + "Needed for STAFF_MODERN (by 2026-06-30),Needed for VIDEOCONF_COMMUNE (by 2026-06-30),"
                + "Needed for TABLET_COMMITTEE (by 2026-09-30),To request", lines.get(0));
        Map<String, String> rows = lines.stream().skip(1).collect(Collectors.toMap(l -> l.split(",")[0] + "/" + l.split(",")[2],
                l -> l.substring(l.indexOf(',', l.indexOf(',', l.indexOf(',') + 1) + 1) + 1)));
        assertEquals("2,0,2,2,1,1,1,0,0,0", rows.get("C1/desktop PC"));
        assertEquals("0,0,0,0,0,1,0,0,0,1", rows.get("C1/switch"), "C1 must request one switch");
        assertEquals("0,0,0,0,0,0,0,1,0,1", rows.get("E/videoconference system"));
        assertEquals("0,0,0,0,0,0,0,0,1,1", rows.get("C1/tablet"), "c1 sits on the executive committee without a tablet");
    }

    @Test
    void testAllocationAndMonthlyReports() throws IOException {
        var r = server.get("/api/v1/reports/allocation?format=xlsx&unit=A");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        List<Row> rows = sheet(r.body().getBytes(), 0, "Danh sách cấp phát thiết bị");
        assertEquals(7, rows.size(), "header and the six devices of A");
        Row d2 = rows.stream().filter(x -> "d2".equals(x.getCellText(3))).findFirst().orElseThrow();
        assertEquals(List.of("A", "Văn phòng A", "máy tính để bàn", "d2"), texts(d2).subList(0, 4));
        assertEquals("a2", d2.getCellText(7));
        assertEquals("Trần Thị Hai", d2.getCellText(8));
        assertEquals("đang sử dụng", d2.getCellText(10));
        assertEquals("12-QĐ/TU", d2.getCellText(12));
        assertEquals("Không", d2.getCellText(14));
        var monthly = server.get("/api/v1/reports/monthly?format=xlsx");
        assertEquals(200, monthly.statusCode(), monthly.bodyAsString());
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(monthly.body().getBytes()))) {
            assertEquals(List.of("Chỉ tiêu so với tháng trước", "Thiết bị nhận trong kỳ", "Thiết bị thu hồi trong kỳ",
                    "Chứng thư số", "Đường truyền không hoạt động", "Ghi chú"), wb.getSheets().map(Sheet::getName).toList());
            List<Row> down = wb.getSheets().toList().get(4).read();
            assertEquals("W-C1", down.get(1).getCellText(2));
        }
        var kept = server.post("/api/v1/reports/monthly", new JsonObject());
        assertEquals(201, kept.statusCode(), kept.bodyAsString());
        String period = kept.bodyAsJsonObject().getString("period");
        assertEquals(200, server.get("/api/v1/reports/monthly?format=csv&period=" + period).statusCode());
        assertTrue(server.get("/api/v1/reports").bodyAsJsonObject().getJsonArray("kept").encode().contains(period));
        assertProblem(server.get("/api/v1/reports/coverage?format=pdf"), "format", "pdf");
        assertProblem(server.get("/api/v1/reports/budget"), "name", "budget");
        assertProblem(server.get("/api/v1/reports/monthly?period=2026-13"), "period", "2026-13");
    }
}
