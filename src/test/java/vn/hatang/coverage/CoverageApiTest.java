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
import vn.hatang.testing.Sheets;
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
        assertTrue(en.bodyAsJsonObject().getString("detail").contains("between 0 and 100"), en.bodyAsString());
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
        }
        return Sheets.table(xlsx, index, "STT");
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
        assertEquals(List.of("STT", "Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Đơn vị cấp trên", "Cấp", "Mã chỉ tiêu", "Chỉ tiêu",
                "Mục tiêu (%)", "Thời hạn", "Đạt (riêng đơn vị)", "Tổng (riêng đơn vị)", "Tỷ lệ riêng (%)", "Đạt (cả khối)",
                "Tổng (cả khối)", "Tỷ lệ (%)", "Còn thiếu để đạt mục tiêu", "Tình trạng"), texts(rows.get(0)));
        for (int i = 1; i < rows.size(); i++) {
            assertEquals(i, rows.get(i).getCellAsNumber(0).orElseThrow().intValue(), "STT is a number counting the rows");
        }
        Row a = rows.stream().filter(x -> "A".equals(x.getCellText(1)) && "STAFF_MODERN".equals(x.getCellText(6))).findFirst().orElseThrow();
        assertEquals(List.of("A", "Văn phòng A", "Cơ quan, ban", "P"), texts(a).subList(1, 5));
        assertEquals(new BigDecimal("1"), a.getCellAsNumber(5).orElseThrow());
        assertEquals("Cán bộ có máy tính hiện đại", a.getCellText(7));
        assertEquals(0, new BigDecimal("100").compareTo(a.getCellAsNumber(8).orElseThrow()));
        assertEquals(java.time.LocalDate.of(2026, 6, 30), a.getCellAsDate(9).orElseThrow().toLocalDate(), "the deadline is a date cell");
        assertEquals(List.of(1, 3, 1, 3, 2), List.of(10, 11, 13, 14, 16).stream()
                .map(i -> a.getCellAsNumber(i).orElseThrow().intValue()).toList());
        assertEquals(0, new BigDecimal("33.3").compareTo(a.getCellAsNumber(12).orElseThrow()));
        assertEquals("Không đạt (quá hạn)", a.getCellText(17));
        Row p = rows.stream().filter(x -> "P".equals(x.getCellText(1)) && "STAFF_MODERN".equals(x.getCellText(6))).findFirst().orElseThrow();
        assertEquals(List.of(0, 3, 6, 50), List.of(10, 13, 14, 15).stream().map(i -> p.getCellAsNumber(i).orElseThrow().intValue()).toList());
        // The merged commune has no row; the empty one only for the KPIs that count units.
        assertTrue(rows.stream().noneMatch(x -> "C2".equals(x.getCellText(1))));
        assertEquals(List.of("UNIT_MODERN", "VIDEOCONF_COMMUNE", "WAN_CONNECTED"), rows.stream()
                .filter(x -> "E".equals(x.getCellText(1))).map(x -> x.getCellText(6)).toList());
    }

    @Test
    void testShortfallAsCsvInEnglishSaysWhatToRequest() {
        var r = server.get("/api/v1/reports/shortfall?format=csv&lang=en&unit=P&all=true");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        byte[] bytes = r.body().getBytes();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]), "UTF-8 BOM for Excel");
        List<String> all = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertEquals("Procurement shortfall", all.get(0), "two tables: the shortfall, then how it is computed");
        List<String> lines = all.subList(1, all.indexOf(""));
        assertEquals("How it is computed", all.get(all.indexOf("") + 1));
        assertEquals("No.,Unit code,Unit name,Device category,Approved,Delivered,In service,"
                + "Awaiting (not delivered or not yet in service),"
                + "\"Needed: Endpoint devices delivered against approved investment (40 %, by 2026-09-30)\","
                + "\"Needed: Units equipped with modern, synchronized devices (80 %, by 2026-12-31)\","
                + "\"Needed: Officials with a modern endpoint (100 %, by 2026-06-30)\","
                + "\"Needed: Communes and wards with a secure videoconference system (100 %, by 2026-06-30)\","
                + "\"Needed: Executive-committee members with a tablet (100 %, by 2026-09-30)\",To request", lines.get(0));
        Map<String, String> rows = lines.stream().skip(1).map(l -> l.replace("\"Office A\"", "Office A"))
                .collect(Collectors.toMap(l -> l.split(",")[1] + "/" + l.split(",")[3],
                        l -> String.join(",", List.of(l.split(",")).subList(4, l.split(",").length))));
        assertEquals("2,0,2,2,1,1,1,0,0,0", rows.get("C1/desktop PC"));
        assertEquals("0,0,0,0,0,1,0,0,0,1", rows.get("C1/switch"), "C1 must request one switch");
        assertEquals("0,0,0,0,0,0,0,1,0,1", rows.get("E/videoconference system"));
        assertEquals("0,0,0,0,0,0,0,0,1,1", rows.get("C1/tablet"), "c1 sits on the executive committee without a tablet");
        assertTrue(lines.stream().noneMatch(l -> l.contains("Subtotal") || l.contains("Total")), "a CSV is data: no total rows");
    }

    /**
     * Verifies that the shortfall XLSX is the document a finance office signs: the Party title block and the legal
     * basis in words, KPI titles in the headers, STT numbers, only rows that request something, units in tree order,
     * a subtotal per unit and a total per category that equal the sum of their rows, the explanation sheet, the
     * signatures, and A4 landscape print setup with the header row repeated.
     */
    @Test
    void testShortfallXlsxIsADocumentWithTotals() {
        var r = server.get("/api/v1/reports/shortfall?format=xlsx&unit=P");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        byte[] xlsx = r.body().getBytes();
        assertEquals(List.of("Nhu cầu mua sắm", "Cách tính"), Sheets.names(xlsx));
        List<Row> all = Sheets.rows(xlsx, 0);
        String block = all.stream().limit(12).flatMap(x -> Sheets.texts(x).stream()).collect(Collectors.joining("\n"));
        for (String part : List.of("ĐẢNG CỘNG SẢN VIỆT NAM", "TỈNH ỦY P", "Số:        -BC/P", "BÁO CÁO",
                "Nhu cầu mua sắm thiết bị để đạt các chỉ tiêu chuyển đổi số của Tỉnh ủy P",
                "Căn cứ Kế hoạch triển khai thực hiện Đề án Chuyển đổi số tại Văn phòng Tỉnh ủy năm 2026 (phụ lục 3): "
                        + "chỉ tiêu “Cán bộ có máy tính hiện đại” đạt 100% trước ngày 30/06/2026.")) {
            assertTrue(block.contains(part), part + " in\n" + block);
        }
        assertTrue(block.matches("(?s).*P, ngày \\d{2} tháng \\d{2} năm \\d{4}.*"), block);
        List<Row> table = Sheets.table(xlsx, 0, "STT");
        List<String> headers = Sheets.texts(table.get(0));
        assertEquals("Cần thêm: Cán bộ có máy tính hiện đại (100%, hạn 30/06/2026)", headers.get(10));
        assertTrue(headers.stream().noneMatch(h -> h.contains("STAFF_MODERN")), headers.toString());
        int toRequest = headers.indexOf("Đề nghị mua sắm");
        List<Row> data = table.stream().skip(1).filter(x -> x.getCellAsNumber(0).isPresent()).toList();
        assertTrue(data.size() >= 4, "rows to buy: " + data.size());
        for (int i = 0; i < data.size(); i++) {
            assertEquals(i + 1, data.get(i).getCellAsNumber(0).orElseThrow().intValue());
            assertTrue(data.get(i).getCellAsNumber(toRequest).orElseThrow().intValue() > 0, "only rows that request something");
        }
        assertEquals(List.of("A", "C1", "E", "R"), data.stream().map(x -> x.getCellText(1)).distinct().toList(),
                "tree order: the office before the communes, communes by code");
        for (String unit : List.of("A", "C1", "E", "R")) {
            Row subtotal = table.stream().skip(1).filter(x -> x.getCellAsNumber(0).isEmpty() && unit.equals(x.getCellText(1))).findFirst()
                    .orElse(null);
            if (data.stream().noneMatch(x -> unit.equals(x.getCellText(1)))) {
                continue;
            }
            assertTrue(subtotal.getCellText(2).startsWith("Cộng "), subtotal.getCellText(2));
            for (int c = 4; c < headers.size(); c++) {
                int col = c;
                assertEquals(data.stream().filter(x -> unit.equals(x.getCellText(1))).mapToInt(x -> x.getCellAsNumber(col).orElseThrow().intValue()).sum(),
                        subtotal.getCellAsNumber(col).orElseThrow().intValue(), unit + " subtotal of " + headers.get(c));
            }
        }
        List<Row> totals = table.stream().filter(x -> x.getCellText(2).startsWith("Tổng cộng theo loại")).toList();
        assertEquals(data.stream().map(x -> x.getCellText(3)).distinct().count(), totals.size(), "one total per category");
        for (Row total : totals) {
            String category = total.getCellText(3);
            for (int c = 4; c < headers.size(); c++) {
                int col = c;
                assertEquals(data.stream().filter(x -> category.equals(x.getCellText(3))).mapToInt(x -> x.getCellAsNumber(col).orElseThrow().intValue()).sum(),
                        total.getCellAsNumber(col).orElseThrow().intValue(), category + " total of " + headers.get(c));
            }
        }
        Row grand = table.get(table.size() - 1);
        assertEquals("Tổng cộng tất cả các loại", grand.getCellText(2));
        assertEquals(data.stream().mapToInt(x -> x.getCellAsNumber(toRequest).orElseThrow().intValue()).sum(),
                grand.getCellAsNumber(toRequest).orElseThrow().intValue());
        String after = all.stream().filter(x -> x.getRowNum() > grand.getRowNum()).flatMap(x -> Sheets.texts(x).stream()).collect(Collectors.joining("|"));
        for (String role : List.of("NGƯỜI LẬP BIỂU", "TRƯỞNG PHÒNG", "LÃNH ĐẠO VĂN PHÒNG", "(Ký, ghi rõ họ tên)")) {
            assertTrue(after.contains(role), role + " in " + after);
        }
        List<Row> explained = Sheets.table(xlsx, 1, "Chỉ số");
        assertEquals(Sheets.texts(explained.get(0)), List.of("Chỉ số", "Cách tính"));
        assertTrue(explained.stream().anyMatch(x -> x.getCellText(0).equals("Đề nghị mua sắm") && x.getCellText(1).contains("Lớn nhất")));
        String sheet = Sheets.part(xlsx, "xl/worksheets/sheet1.xml");
        assertTrue(sheet.contains("orientation=\"landscape\"") && sheet.contains("paperSize=\"9\""), "A4 landscape");
        assertTrue(sheet.contains("fitToWidth=\"1\"") && sheet.contains("fitToPage=\"true\""), "fitted to the page width");
        assertTrue(Sheets.part(xlsx, "xl/workbook.xml").contains("_xlnm.Print_Titles"), "header row repeated on every page");
    }

    @Test
    void testAllocationAndMonthlyReports() throws IOException {
        var r = server.get("/api/v1/reports/allocation?format=xlsx&unit=A");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        List<Row> rows = sheet(r.body().getBytes(), 0, "Danh sách cấp phát thiết bị");
        assertEquals(7, rows.size(), "header and the six devices of A");
        Row d2 = rows.stream().filter(x -> "d2".equals(x.getCellText(4))).findFirst().orElseThrow();
        assertEquals(List.of("A", "Văn phòng A", "máy tính để bàn", "d2"), texts(d2).subList(1, 5));
        assertEquals("a2", d2.getCellText(8));
        assertEquals("Trần Thị Hai", d2.getCellText(9));
        assertEquals("đang sử dụng", d2.getCellText(11));
        assertTrue(d2.getCellAsDate(12).isPresent(), "acquired_on is a date cell");
        assertEquals("12-QĐ/TU", d2.getCellText(13));
        assertEquals("Không", d2.getCellText(15));
        var monthly = server.get("/api/v1/reports/monthly?format=xlsx");
        assertEquals(200, monthly.statusCode(), monthly.bodyAsString());
        assertEquals(List.of("Chỉ tiêu so với tháng trước", "Thiết bị nhận trong kỳ", "Thiết bị thu hồi trong kỳ",
                "Chứng thư số", "Đường truyền không hoạt động", "Ghi chú"), Sheets.names(monthly.body().getBytes()));
        List<Row> down = Sheets.table(monthly.body().getBytes(), 4, "STT");
        assertEquals("W-C1", down.get(1).getCellText(3));
        var kept = server.post("/api/v1/reports/monthly", new JsonObject());
        assertEquals(201, kept.statusCode(), kept.bodyAsString());
        String period = kept.bodyAsJsonObject().getString("period");
        assertEquals(200, server.get("/api/v1/reports/monthly?format=csv&period=" + period).statusCode());
        assertTrue(server.get("/api/v1/reports").bodyAsJsonObject().getJsonArray("kept").encode().contains(period));
        assertProblem(server.get("/api/v1/reports/coverage?format=pdf"), "format", "pdf");
        assertProblem(server.get("/api/v1/reports/budget"), "name", "budget");
        assertProblem(server.get("/api/v1/reports/monthly?period=2026-13"), "period", "2026-13");
    }

    /**
     * Verifies that the monthly report counts a device as received on the day it was acquired, not the day it was
     * imported: the fixture's devices were all imported just now but acquired years ago.
     */
    @Test
    void testMonthlyCountsDevicesOnTheirAcquisitionDay() throws IOException {
        byte[] before = server.get("/api/v1/reports/monthly?format=xlsx").body().getBytes();
        assertEquals(1, Sheets.table(before, 1, "STT").size(), "nothing was received this month, whatever the import date");
        long d1 = server.get("/api/v1/devices?q=d1").bodyAsJsonObject().getJsonArray("items").stream().map(o -> (JsonObject) o)
                .filter(d -> "d1".equals(d.getString("serial"))).findFirst().orElseThrow().getLong("id");
        java.time.LocalDate day = java.time.LocalDate.now(CoverageService.ZONE).minusDays(3);
        assertEquals(200, server.patch("/api/v1/devices/" + d1, new JsonObject().put("acquired_on", day.toString()), Map.of()).statusCode());
        List<Row> received = Sheets.table(server.get("/api/v1/reports/monthly?format=xlsx").body().getBytes(), 1, "STT");
        assertEquals(2, received.size());
        assertEquals(day, received.get(1).getCellAsDate(1).orElseThrow().toLocalDate());
        assertEquals("d1", received.get(1).getCellText(5));

        // An old retired device imported today was not retired this month; one retired through the API today was.
        java.nio.file.Path dir = vn.hatang.testing.TempDirs.create("hatang-retired");
        java.nio.file.Files.writeString(dir.resolve("devices.csv"), "serial,category,unit_code,status,acquired_on,security_checked_on\n"
                + "old1,pc,A,retired,2014-01-01,2014-01-05\n");
        assertTrue(vn.hatang.testing.TestDatabase.importer(server.app().db()).importDirectory(vn.hatang.testing.TestDatabase.SYSTEM, dir, false).applied());
        long d2 = server.get("/api/v1/devices?q=d2").bodyAsJsonObject().getJsonArray("items").stream().map(o -> (JsonObject) o)
                .filter(d -> "d2".equals(d.getString("serial"))).findFirst().orElseThrow().getLong("id");
        var retire = server.post("/api/v1/devices/" + d2 + "/transitions", new JsonObject().put("to", "retired"));
        assertEquals(200, retire.statusCode(), retire.bodyAsString());
        List<Row> retired = Sheets.table(server.get("/api/v1/reports/monthly?format=xlsx").body().getBytes(), 2, "STT");
        assertEquals(List.of("d2"), retired.stream().skip(1).map(r -> r.getCellText(5)).toList());
    }

    /** Verifies that every KPI's gap list downloads as XLSX and CSV, with STT, units, subjects and reasons. */
    @Test
    void testGapListsAsXlsxAndCsv() {
        for (Object o : server.get("/api/v1/kpis").bodyAsJsonObject().getJsonArray("items")) {
            String code = ((JsonObject) o).getString("code");
            JsonObject json = server.get("/api/v1/kpis/" + code + "/gaps?unit=P").bodyAsJsonObject();
            var xlsx = server.get("/api/v1/kpis/" + code + "/gaps?unit=P&format=xlsx");
            assertEquals(200, xlsx.statusCode(), xlsx.bodyAsString());
            assertTrue(xlsx.getHeader("Content-Disposition").contains("hatang-gaps-" + code + "-P-"), xlsx.getHeader("Content-Disposition"));
            List<Row> rows = Sheets.table(xlsx.body().getBytes(), 0, "STT");
            assertEquals(List.of("STT", "Mã đơn vị", "Tên đơn vị", "Đối tượng", "Mã", "Tên", "Lý do"), texts(rows.get(0)));
            assertEquals(json.getInteger("count") + 1, rows.size(), code);
            String title = ((JsonObject) o).getString("title_vi");
            String block = Sheets.rows(xlsx.body().getBytes(), 0).stream().limit(8).flatMap(x -> Sheets.texts(x).stream())
                    .collect(Collectors.joining(" "));
            assertTrue(block.contains("Danh sách còn thiếu theo chỉ tiêu “" + title + "” của Tỉnh ủy P"), block);
            var csv = server.get("/api/v1/kpis/" + code + "/gaps?unit=P&format=csv&lang=en");
            assertEquals(200, csv.statusCode());
            assertEquals(json.getInteger("count") + 1, csv.bodyAsString("UTF-8").lines().takeWhile(l -> !l.isEmpty()).count(), code);
        }
        List<Row> staff = Sheets.table(server.get("/api/v1/kpis/STAFF_MODERN/gaps?unit=P&format=xlsx").body().getBytes(), 0, "STT");
        assertTrue(staff.stream().anyMatch(r -> "Cán bộ".equals(r.getCellText(3)) && r.getCellText(6).contains("Windows 10")),
                staff.stream().map(CoverageApiTest::texts).toList().toString());
        assertProblem(server.get("/api/v1/kpis/STAFF_MODERN/gaps?format=pdf"), "format", "pdf");
    }
}
