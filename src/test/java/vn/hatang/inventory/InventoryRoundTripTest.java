package vn.hatang.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.testing.TestDatabase;

/**
 * Verifies the round trip an office makes: export what hatang holds (the sample province, every inventory file, CSV
 * and XLSX), import it back — nothing changes —, edit a few cells and import as a dry run — exactly those edits are
 * reported —, and an old file that would undo a later change shows the reversal with when it was made.
 */
class InventoryRoundTripTest {
    private static Vertx vertx;
    private static Db db;
    private static InventoryImporter importer;
    private static InventoryExport export;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
        db = TestDatabase.db(vertx);
        importer = TestDatabase.importer(db);
        export = new InventoryExport(db);
    }

    @AfterAll
    static void tearDown() {
        vertx.close();
    }

    @BeforeEach
    void sample() throws IOException {
        TestDatabase.reset();
        Path sample = Files.createDirectories(dir.resolve("sample"));
        try (Stream<Path> files = Files.list(Path.of("inventory"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, sample.resolve(f.getFileName()));
            }
        }
        Files.copy(Path.of("inventory/pki/tokens.csv"), sample.resolve("tokens.csv"));
        ImportResult r = importer.importDirectory(TestDatabase.SYSTEM, sample, false);
        assertFalse(r.hasErrors(), r.report(false));
    }

    /** Every kind exported in {@code format} into a fresh directory. */
    private Path exportAll(String format) throws IOException {
        Path out = Files.createDirectories(dir.resolve("export-" + format));
        for (InventoryKind kind : InventoryKind.values()) {
            byte[] bytes = db.read(TestDatabase.SYSTEM, dsl -> export.render(dsl, TestDatabase.SYSTEM, kind, format, null, Messages.VI))
                    .await();
            Files.write(out.resolve(kind.baseName() + "." + format), bytes);
        }
        return out;
    }

    private static void assertNothingChanges(ImportResult r) {
        assertFalse(r.hasErrors(), r.report(true));
        for (InventoryKind kind : InventoryKind.values()) {
            ImportResult.Counts c = r.countsOf(kind);
            assertEquals(0, c.added() + c.changed(), kind + ": " + r.report(true));
            assertTrue(c.unchanged() > 0, kind + " was exported and read back");
        }
        assertEquals(List.of(), r.changes());
        assertEquals(List.of(), r.reversals());
    }

    @Test
    void aFullCsvExportImportsBackWithoutAChange() throws IOException {
        Path out = exportAll("csv");
        assertTrue(Files.readString(out.resolve("devices.csv")).startsWith("\uFEFFserial,category,unit_code,person_code,status,"));
        assertNothingChanges(importer.importDirectory(TestDatabase.SYSTEM, out, false));
    }

    @Test
    void aFullXlsxExportImportsBackWithoutAChangeAndKeepsNumbersAsNumbers() throws IOException {
        Path out = exportAll("xlsx");
        try (ReadableWorkbook wb = new ReadableWorkbook(Files.newInputStream(out.resolve("devices.xlsx")))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals("Thiết bị", wb.getFirstSheet().getName());
            int ram = rows.get(0).getCells(0, rows.get(0).getCellCount()).stream().map(c -> c.getText()).toList().indexOf("ram_gb");
            Row withRam = rows.stream().skip(1).filter(r -> r.getCell(ram) != null && r.getCell(ram).getType() != CellType.EMPTY)
                    .findFirst().orElseThrow();
            assertEquals(CellType.NUMBER, withRam.getCell(ram).getType());
            assertTrue(withRam.getCell(ram).asNumber().compareTo(BigDecimal.ONE) >= 0);
            assertEquals(TestDatabase.dsl().fetchCount(DEVICE), rows.size() - 1);
        }
        assertNothingChanges(importer.importDirectory(TestDatabase.SYSTEM, out, false));
    }

    @Test
    void anEditedExportShowsExactlyTheEditsInTheDryRun() throws IOException {
        Path out = exportAll("csv");
        Path people = out.resolve("people.csv");
        List<String> lines = Files.readAllLines(people, StandardCharsets.UTF_8);
        String header = lines.get(0);
        String[] columns = header.replace("\uFEFF", "").split(",");
        int title = List.of(columns).indexOf("title");
        // Row 2 is the first official: change the title only.
        String[] cells = lines.get(1).split(",", -1);
        String code = cells[0];
        cells[title] = "Phó Chánh Văn phòng";
        lines.set(1, String.join(",", cells));
        Files.write(people, lines, StandardCharsets.UTF_8);
        String serial = TestDatabase.dsl().select(DEVICE.SERIAL).from(DEVICE).where(DEVICE.OS.isNotNull())
                .orderBy(DEVICE.SERIAL).limit(1).fetchOne(DEVICE.SERIAL);
        Path devices = out.resolve("devices.csv");
        String text = Files.readString(devices, StandardCharsets.UTF_8);
        String os = TestDatabase.dsl().select(DEVICE.OS).from(DEVICE).where(DEVICE.SERIAL.eq(serial)).fetchOne(DEVICE.OS);
        String line = text.lines().filter(l -> l.startsWith(serial + ",")).findFirst().orElseThrow();
        Files.writeString(devices, text.replace(line, line.replace("," + os + ",", ",Windows 12 Pro,")), StandardCharsets.UTF_8);

        ImportResult dry = importer.importDirectory(TestDatabase.SYSTEM, out, true);
        assertFalse(dry.hasErrors(), dry.report(true));
        assertEquals(2, dry.changes().size(), dry.changes().toString());
        assertTrue(dry.changes().contains("people.csv:2 " + code + " — title: "
                + TestDatabase.dsl().select(PERSON.TITLE).from(PERSON).where(PERSON.CODE.eq(code)).fetchOne(PERSON.TITLE)
                + " → Phó Chánh Văn phòng"), dry.changes().toString());
        assertTrue(dry.changes().stream().anyMatch(c -> c.endsWith(serial + " — os: " + os + " → Windows 12 Pro")),
                dry.changes().toString());
        assertEquals(1, dry.countsOf(InventoryKind.PEOPLE).changed());
        assertEquals(1, dry.countsOf(InventoryKind.DEVICES).changed());
        assertFalse(dry.applied());
        assertEquals(os, TestDatabase.dsl().select(DEVICE.OS).from(DEVICE).where(DEVICE.SERIAL.eq(serial)).fetchOne(DEVICE.OS));
    }

    @Test
    void aFormulaTypedIntoANameIsNeutralisedInTheExportAndImportsBackAsTyped() throws IOException {
        String formula = "=HYPERLINK(\"http://evil.example/\",\"Bấm vào đây\")";
        TestDatabase.dsl().update(PERSON).set(PERSON.FULL_NAME, formula).set(PERSON.TITLE, "-Trưởng phòng")
                .where(PERSON.CODE.eq("CB0001")).execute();
        for (String format : List.of("csv", "xlsx")) {
            Path out = exportAll(format);
            if (format.equals("csv")) {
                String line = Files.readAllLines(out.resolve("people.csv")).stream().filter(l -> l.startsWith("CB0001,"))
                        .findFirst().orElseThrow();
                assertTrue(line.contains("\"'=HYPERLINK(") && line.contains(",'-Trưởng phòng,"), line);
            } else {
                try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(Files.readAllBytes(out.resolve("people.xlsx"))))) {
                    Row row = wb.getFirstSheet().read().stream().filter(r -> "CB0001".equals(r.getCell(0).getText()))
                            .findFirst().orElseThrow();
                    assertEquals(CellType.STRING, row.getCell(2).getType());
                    assertEquals("'" + formula, row.getCell(2).getText());
                }
            }
            ImportResult again = importer.importDirectory(TestDatabase.SYSTEM, out, false);
            assertEquals(List.of(), again.changes(), format);
            assertEquals(formula, TestDatabase.dsl().select(PERSON.FULL_NAME).from(PERSON)
                    .where(PERSON.CODE.eq("CB0001")).fetchOne(PERSON.FULL_NAME));
        }
    }

    @Test
    void anOldFileThatWouldBringBackAPersonWhoLeftShowsTheReversal() throws IOException {
        Path old = exportAll("csv");
        // Since the export: CB0002 left, and a device was moved to another unit.
        TestDatabase.dsl().update(PERSON).set(PERSON.STATUS, "left").set(PERSON.LEFT_ON, java.time.LocalDate.of(2026, 11, 1))
                .set(PERSON.UPDATED_AT, java.time.Instant.parse("2026-11-02T08:00:00Z")).where(PERSON.CODE.eq("CB0002")).execute();
        var device = TestDatabase.dsl().selectFrom(DEVICE).where(DEVICE.PERSON_ID.isNull()).orderBy(DEVICE.SERIAL).limit(1).fetchOne();
        String fromUnit = TestDatabase.dsl().select(UNIT.CODE).from(UNIT).where(UNIT.ID.eq(device.getUnitId())).fetchOne(UNIT.CODE);
        var other = TestDatabase.dsl().selectFrom(UNIT).where(UNIT.ID.ne(device.getUnitId())).orderBy(UNIT.ID).limit(1).fetchOne();
        TestDatabase.dsl().update(DEVICE).set(DEVICE.UNIT_ID, other.getId()).where(DEVICE.ID.eq(device.getId())).execute();

        ImportResult dry = importer.importDirectory(TestDatabase.SYSTEM, old, true);
        assertFalse(dry.hasErrors(), dry.report(true));
        String report = dry.report(true);
        assertTrue(report.startsWith("ĐẢO NGƯỢC — 2 thay đổi"), report);
        var person = dry.reversals().stream().filter(r -> "CB0002".equals(r.key())).findFirst().orElseThrow();
        assertEquals("status", person.column());
        assertEquals("left", person.current());
        assertEquals("active", person.restored());
        assertEquals("2026-11-02T08:00:00Z", person.changedAt());
        assertTrue(report.contains("không rõ người sửa"), report);
        var moved = dry.reversals().stream().filter(r -> device.getSerial().equals(r.key())).findFirst().orElseThrow();
        assertEquals("unit_code", moved.column());
        assertEquals(other.getCode(), moved.current());
        assertEquals(fromUnit, moved.restored());
        var json = dry.toJson(Messages.EN, true).getJsonArray("reversals");
        assertEquals(2, json.size());
        assertTrue(json.getJsonObject(0).getString("message").contains("unknown actor"), json.encode());
    }
}
