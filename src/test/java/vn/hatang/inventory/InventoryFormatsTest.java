package vn.hatang.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.testing.TestDatabase;

/**
 * Verifies the file formats an office hands in — CSV separated by commas or by semicolons (Excel with Vietnamese
 * regional settings), XLSX, YAML — and that a broken file of each kind is answered with its file:line (sheet and
 * row for a workbook) and changes nothing: an unterminated quote, a row with too many cells, a repeated column, a
 * workbook saved under .csv, a broken workbook, YAML that is not a list, an alias bomb, a 2,000-deep unit chain.
 */
class InventoryFormatsTest {
    private static Vertx vertx;
    private static InventoryImporter importer;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
        importer = TestDatabase.importer(TestDatabase.db(vertx));
    }

    @AfterAll
    static void tearDown() {
        vertx.close();
    }

    @BeforeEach
    void empty() throws IOException {
        TestDatabase.reset();
        write("units.yaml", """
                units:
                  - {code: TU, name: "Tỉnh ủy Hòa Sơn", kind: provincial_committee}
                  - {code: XA, name: "Đảng ủy xã An Bình", kind: commune, parent_code: TU}
                """);
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static int count(org.jooq.Table<?> table) {
        return TestDatabase.dsl().fetchCount(table);
    }

    /** Imports {@code dir} expecting errors; nothing may be stored. Returns the rendered errors. */
    private String refused() {
        ImportResult r = importer.importDirectory(TestDatabase.SYSTEM, dir, false);
        assertTrue(r.hasErrors(), "expected errors: " + r.report(false));
        assertFalse(r.applied());
        assertEquals(0, count(UNIT) + count(PERSON) + count(DEVICE), "nothing imported");
        return String.join("\n", r.errors().stream().map(RowError::toString).toList());
    }

    @Test
    void aSemicolonCsvIsReadAndTheReportSaysSo() throws IOException {
        write("people.csv", "\uFEFFcode;unit_code;full_name;title;email\n"
                + "P1;XA;Nguyễn Văn An;Bí thư, kiêm Chủ tịch;an@xa.hoason.dang.vn\n"
                + "P2;XA;\"Trần; Thị Bình\";Văn thư;\n");
        ImportResult r = importer.importDirectory(TestDatabase.SYSTEM, dir, false);
        assertFalse(r.hasErrors(), r.report(false));
        assertEquals(2, r.countsOf(InventoryKind.PEOPLE).added());
        assertTrue(r.report(false).contains("people.csv: +2 ~0 =0 (CSV, phân cách “;”)"), r.report(false));
        assertEquals(";", r.toJson(vn.hatang.platform.i18n.Messages.EN, false).getJsonObject("files")
                .getJsonObject("people.csv").getString("separator"));
        assertEquals("Bí thư, kiêm Chủ tịch", TestDatabase.dsl().select(PERSON.TITLE).from(PERSON)
                .where(PERSON.CODE.eq("P1")).fetchOne(PERSON.TITLE));
        assertEquals("Trần; Thị Bình", TestDatabase.dsl().select(PERSON.FULL_NAME).from(PERSON)
                .where(PERSON.CODE.eq("P2")).fetchOne(PERSON.FULL_NAME));
    }

    @Test
    void aSemicolonCsvWithBadRowsNamesEachLine() throws IOException {
        write("devices.csv", "serial;category;unit_code;ram_gb\nS1;pc;XA;8\nS2;toaster;XA;8\nS3;pc;XZ;lots\n");
        String errors = refused();
        assertTrue(errors.contains("devices.csv:3 [category]"), errors);
        assertTrue(errors.contains("devices.csv:4 [unit_code]"), errors);
        assertTrue(errors.contains("devices.csv:4 [ram_gb]") || errors.contains("devices.csv:4 [unit_code]"), errors);
    }

    @Test
    void anUnterminatedQuoteIsReportedOnItsLine() throws IOException {
        write("people.csv", "code,unit_code,full_name\nP1,XA,An\nP2,XA,\"Bình\nP3,XA,Chi\n");
        String errors = refused();
        assertTrue(errors.contains("people.csv:3: Dấu ngoặc kép mở ở dòng này không được đóng"), errors);
    }

    @Test
    void aRowWithTooManyCellsAndARepeatedColumnAreRefused() throws IOException {
        write("people.csv", "code,unit_code,full_name\nP1,XA,An,extra\n");
        assertTrue(refused().contains("people.csv:2: Dòng có 4 cột, tiêu đề có 3 cột."));
        write("people.csv", "code,unit_code,full_name,code\nP1,XA,An,P1\n");
        assertTrue(refused().contains("people.csv:1 [code]: Cột “code” xuất hiện hai lần."));
    }

    @Test
    void aWorkbookSavedAsCsvIsToldToBeNamedXlsx() throws IOException {
        workbook(dir.resolve("people.csv"), "people", List.of(List.of("code", "unit_code", "full_name")));
        assertTrue(refused().contains("people.csv: Tệp là bảng tính Excel nhưng mang đuôi khác"));
    }

    @Test
    void twoFilesForOneKindAreRefused() throws IOException {
        write("people.csv", "code,unit_code,full_name\nP1,XA,An\n");
        workbook(dir.resolve("people.xlsx"), "people", List.of(List.of("code", "unit_code", "full_name"), List.of("P2", "XA", "Bình")));
        assertTrue(refused().contains("Hai tệp cho cùng một loại dữ liệu: people.csv và people.xlsx"));
    }

    @Test
    void anXlsxIsReadWithDateAndNumberCells() throws IOException {
        Path file = dir.resolve("devices.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "test", "1.0");
            Worksheet ws = wb.newWorksheet("Thiết bị");
            List<String> header = List.of("serial", "category", "unit_code", "status", "acquired_on", "ram_gb",
                    "security_checked_on");
            for (int c = 0; c < header.size(); c++) {
                ws.value(0, c, header.get(c));
            }
            ws.value(1, 0, "S1");
            ws.value(1, 1, "pc");
            ws.value(1, 2, "XA");
            ws.value(1, 3, "in_service");
            ws.value(1, 4, LocalDate.of(2025, 3, 14));
            ws.style(1, 4).format("dd/mm/yyyy").set();
            ws.value(1, 5, 16);
            ws.value(1, 6, "2025-03-20");
            wb.finish();
        }
        ImportResult r = importer.importDirectory(TestDatabase.SYSTEM, dir, false);
        assertFalse(r.hasErrors(), r.report(false));
        assertTrue(r.report(false).contains("devices.xlsx: +1 ~0 =0 (trang “Thiết bị”)"), r.report(false));
        var d = TestDatabase.dsl().selectFrom(DEVICE).where(DEVICE.SERIAL.eq("S1")).fetchOne();
        assertEquals(LocalDate.of(2025, 3, 14), d.getAcquiredOn());
        assertEquals(16, d.getRamGb());
        assertEquals("in_service", d.getStatus());
    }

    @Test
    void badXlsxRowsNameTheSheetAndRow() throws IOException {
        workbook(dir.resolve("devices.xlsx"), "Thiết bị", List.of(
                List.of("serial", "category", "unit_code"),
                List.of("S1", "pc", "XA"),
                List.of(),
                List.of("S2", "toaster", "XA")));
        String errors = refused();
        assertTrue(errors.contains("devices.xlsx[Thiết bị]:4 [category]"), errors);
    }

    @Test
    void aBrokenWorkbookIsRefusedWithoutAStackTrace() throws IOException {
        Files.write(dir.resolve("devices.xlsx"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 1, 2, 3});
        assertTrue(refused().contains("devices.xlsx: Tệp XLSX hỏng hoặc không phải bảng tính"));
    }

    @Test
    void yamlThatIsNotAListOfMappingsIsRefusedWithItsLine() throws IOException {
        write("links.yaml", "links:\n  code: L1\n");
        assertTrue(refused().contains("links.yaml:2: Tệp YAML phải có khóa “links:” chứa một danh sách."));
        write("links.yaml", "links:\n  - code: L1\n    kind: [special_use]\n");
        assertTrue(refused().contains("links.yaml:3 [kind]"));
        write("links.yaml", "links:\n  - code: \"L1\n");
        assertTrue(refused().contains("links.yaml:"), "an unterminated quote");
        write("links.yaml", "links:\n\t- code: L1\n");
        assertTrue(refused().contains("Tệp YAML hỏng"), "a tab for indentation");
    }

    @Test
    void aYamlAliasBombIsRefused() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *").append(p)
                    .append(", *").append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        bomb.append("links:\n  - *k\n");
        write("links.yaml", bomb.toString());
        assertTrue(refused().contains("links.yaml"));
    }

    @Test
    void aTwoThousandDeepUnitChainIsRefusedRowByRowAndNothingIsStored() throws IOException {
        StringBuilder chain = new StringBuilder("units:\n  - {code: TU, name: Tỉnh ủy, kind: provincial_committee}\n");
        String parent = "TU";
        for (int i = 1; i <= 2000; i++) {
            chain.append("  - {code: C").append(i).append(", name: Chi bộ ").append(i).append(", kind: cell, parent_code: ")
                    .append(parent).append("}\n");
            parent = "C" + i;
        }
        write("units.yaml", chain.toString());
        ImportResult r = importer.importDirectory(TestDatabase.SYSTEM, dir, false);
        assertFalse(r.applied());
        assertEquals(0, count(UNIT));
        String first = r.errors().get(0).toString();
        assertEquals("units.yaml:15 [parent_code]: Cây đơn vị không được sâu quá 12 cấp.", first);
        assertTrue(r.errors().get(1).toString().contains("Đơn vị cấp trên “C13” (dòng 15) bị từ chối."),
                r.errors().get(1).toString());
        assertEquals(2000 - 12, r.errors().size());
    }

    private static void workbook(Path file, String sheet, List<List<String>> rows) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "test", "1.0");
            Worksheet ws = wb.newWorksheet(sheet);
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    ws.value(r, c, rows.get(r).get(c));
                }
            }
            wb.finish();
        }
    }
}
