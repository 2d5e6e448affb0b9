package vn.hatang.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.SECURITY_CHECK;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.db.Db;
import vn.hatang.testing.TestDatabase;

/** Verifies the inventory import: the sample province, dry runs, idempotence, edits, and every kind of bad file. */
class InventoryImportTest {
    private static Vertx vertx;
    private static InventoryImporter importer;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
        importer = TestDatabase.importer(TestDatabase.db(TestDatabase.dsl(), vertx));
    }

    @AfterAll
    static void tearDown() {
        vertx.close();
    }

    @BeforeEach
    void empty() {
        TestDatabase.reset();
    }

    private void copySample() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("inventory"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static int count(org.jooq.Table<?> table) {
        return TestDatabase.dsl().fetchCount(table);
    }

    private static final String UNITS = """
            units:
              - code: TU
                name: "Tỉnh ủy Hòa Sơn"
                kind: provincial_committee
              - code: XA
                name: "Đảng ủy xã An Bình"
                kind: commune
                parent_code: TU
            """;

    @Test
    void theSampleProvinceImportsWholeAndASecondImportChangesNothing() throws IOException {
        copySample();
        ImportResult first = importer.importDirectory(TestDatabase.SYSTEM, dir, false);
        assertFalse(first.hasErrors(), first.report(false));
        assertTrue(first.applied());
        assertTrue(count(UNIT) >= 50, "units: " + count(UNIT));
        assertTrue(count(PERSON) >= 600, "people: " + count(PERSON));
        assertTrue(count(DEVICE) >= 1400, "devices: " + count(DEVICE));
        assertEquals(count(DEVICE), first.countsOf(InventoryKind.DEVICES).added());
        // Every in-service device went through a recorded security check on its way.
        assertEquals(0, TestDatabase.dsl().fetchCount(DEVICE, DEVICE.STATUS.eq("in_service")
                .and(DEVICE.ID.notIn(TestDatabase.dsl().select(SECURITY_CHECK.DEVICE_ID).from(SECURITY_CHECK)))));

        ImportResult second = importer.importDirectory(TestDatabase.SYSTEM, dir, false);
        assertFalse(second.hasErrors(), second.report(false));
        assertEquals(0, second.countsOf(InventoryKind.DEVICES).added() + second.countsOf(InventoryKind.DEVICES).changed());
        assertEquals(0, second.countsOf(InventoryKind.PEOPLE).changed());
        assertEquals(count(DEVICE), second.countsOf(InventoryKind.DEVICES).unchanged());
    }

    @Test
    void aDryRunReportsTheDiffAndChangesNothing() throws IOException {
        write("units.yaml", UNITS);
        ImportResult dry = importer.importDirectory(TestDatabase.SYSTEM, dir, true);
        assertFalse(dry.hasErrors(), dry.report(true));
        assertEquals(2, dry.countsOf(InventoryKind.UNITS).added());
        assertFalse(dry.applied());
        assertEquals(0, count(UNIT));
        assertTrue(dry.report(true).contains("Chạy thử"));
    }

    @Test
    void reimportingEditedFilesChangesOnlyWhatWasEdited() throws IOException {
        write("units.yaml", UNITS);
        write("people.csv", """
                code,unit_code,full_name,title,signs_documents
                P1,XA,Nguyễn Văn An,Bí thư,x
                P2,XA,Trần Thị Bình,Văn thư,
                """);
        write("devices.csv", """
                serial,category,unit_code,person_code,status,os,ram_gb,security_checked_on
                S1,pc,XA,P1,in_service,Windows 10 Pro,8,2025-01-05
                S2,laptop,XA,P2,received,,,
                """);
        assertFalse(importer.importDirectory(TestDatabase.SYSTEM, dir, false).hasErrors());
        write("devices.csv", """
                serial,category,unit_code,person_code,status,os,ram_gb,security_checked_on
                S1,pc,XA,P1,in_service,Windows 11 Pro,8,2025-01-05
                S2,laptop,XA,P2,in_service,,,2026-02-01
                """);
        ImportResult again = importer.importDirectory(TestDatabase.SYSTEM, dir, false);
        assertFalse(again.hasErrors(), again.report(false));
        assertEquals(2, again.countsOf(InventoryKind.DEVICES).changed());
        assertEquals(2, again.countsOf(InventoryKind.PEOPLE).unchanged());
        assertEquals(2, again.countsOf(InventoryKind.UNITS).unchanged());
        assertTrue(again.changes().stream().anyMatch(c -> c.contains("os: Windows 10 Pro → Windows 11 Pro")), again.changes().toString());
        assertEquals("in_service", TestDatabase.dsl().select(DEVICE.STATUS).from(DEVICE).where(DEVICE.SERIAL.eq("S2")).fetchOne(0, String.class));
    }

    /** Imports {@code dir} expecting errors; nothing may be stored. Returns the rendered errors. */
    private String refused() {
        ImportResult r = importer.importDirectory(TestDatabase.SYSTEM, dir, false);
        assertTrue(r.hasErrors(), "expected errors");
        assertFalse(r.applied());
        assertEquals(0, count(UNIT) + count(PERSON) + count(DEVICE), "nothing imported");
        return String.join("\n", r.errors().stream().map(RowError::toString).toList());
    }

    @Test
    void wrongAndMissingColumnsAreRefused() throws IOException {
        write("units.yaml", UNITS);
        write("people.csv", "code,unit_code,fullname\nP1,XA,Nguyễn Văn An\n");
        String errors = refused();
        assertTrue(errors.contains("people.csv:1 [fullname]"), errors);
        assertTrue(errors.contains("[full_name]"), errors);
    }

    @Test
    void anUnknownUnitCodeIsReportedWithItsLine() throws IOException {
        write("units.yaml", UNITS);
        write("people.csv", "code,unit_code,full_name\nP1,XA,An\nP2,XZ,Bình\n");
        assertTrue(refused().contains("people.csv:3 [unit_code]: Trường “unit_code”: không tìm thấy “XZ”."));
    }

    @Test
    void aDuplicateSerialIsRefused() throws IOException {
        write("units.yaml", UNITS);
        write("devices.csv", "serial,category,unit_code\nS1,pc,XA\nS1,printer,XA\n");
        assertTrue(refused().contains("devices.csv:3 [serial]: Mã “S1” trùng với dòng 2."));
    }

    @Test
    void aPersonInTwoUnitsIsRefused() throws IOException {
        write("units.yaml", UNITS);
        write("people.csv", "code,unit_code,full_name\nP1,XA,An\nP1,TU,An\n");
        assertTrue(refused().contains("xuất hiện ở hai đơn vị"));
    }

    @Test
    void malformedDatesAreRefused() throws IOException {
        write("units.yaml", UNITS);
        write("devices.csv", "serial,category,unit_code,acquired_on\nS1,pc,XA,2026-13-45\n");
        assertTrue(refused().contains("devices.csv:2 [acquired_on]"));
    }

    @Test
    void aCycleInTheUnitTreeIsRefused() throws IOException {
        write("units.yaml", """
                units:
                  - code: A
                    name: A
                    kind: office
                    parent_code: B
                  - code: B
                    name: B
                    kind: office
                    parent_code: A
                """);
        assertTrue(refused().contains("vòng lặp"));
    }

    @Test
    void nonUtf8BytesAreRefusedWithTheirLine() throws IOException {
        write("units.yaml", UNITS);
        // A spreadsheet saved as Windows-1252/Latin-1: "Trân" on line 3 is not UTF-8.
        byte[] latin1 = "code,unit_code,full_name\nP1,XA,Nguyen\nP2,XA,Tr\u00e2n\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("people.csv"), latin1);
        String errors = refused();
        assertTrue(errors.contains("people.csv:3") && errors.contains("UTF-8"), errors);
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        write("units.yaml", UNITS);
        write("devices.csv", "");
        assertTrue(refused().contains("devices.csv: Tệp rỗng."));
    }

    @Test
    void aDeviceInServiceWithoutASecurityCheckDateIsRefused() throws IOException {
        write("units.yaml", UNITS);
        write("devices.csv", "serial,category,unit_code,status\nS1,pc,XA,in_service\n");
        assertTrue(refused().contains("devices.csv:2 [security_checked_on]"));
    }

    @Test
    void anEmptyDirectoryIsRefused() {
        assertTrue(refused().contains("Không có tệp kiểm kê nào"));
    }
}
