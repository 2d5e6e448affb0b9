package vn.hatang.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.DEVICE_EVENT;
import static vn.hatang.db.Tables.HOLDING_HISTORY;
import static vn.hatang.db.Tables.SECURITY_CHECK;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.testing.TestDatabase;

/**
 * Verifies an import at the size an office may send (100,000 devices, each walking to in service): every row is
 * stored with the records its gates ask for, and a dry run of the same file with one row edited reports exactly that
 * edit. How fast is the benchmark's business ({@code bench import}), not this test's.
 */
class LargeImportTest {
    private static final int DEVICES = 100_000;

    @TempDir
    Path dir;

    @Test
    void oneHundredThousandDevicesAreStoredWholeAndAnEditIsFoundAmongThem() throws Exception {
        TestDatabase.reset();
        Vertx vertx = Vertx.vertx();
        try {
            InventoryImporter importer = TestDatabase.importer(TestDatabase.db(vertx));
            SyntheticInventory inventory = new SyntheticInventory(50, 5_000);
            Path org = Files.createDirectories(dir.resolve("org"));
            inventory.writeOrganisation(org);
            assertFalse(importer.importDirectory(TestDatabase.SYSTEM, org, false).hasErrors());
            Path devices = Files.createDirectories(dir.resolve("devices"));
            Path file = inventory.writeDevices(devices.resolve("devices.csv"), DEVICES);

            ImportResult first = importer.importDirectory(TestDatabase.SYSTEM, devices, false);
            assertFalse(first.hasErrors(), first.report(false));
            assertEquals(DEVICES, first.countsOf(InventoryKind.DEVICES).added());
            DSLContext dsl = TestDatabase.dsl();
            assertEquals(DEVICES, dsl.fetchCount(DEVICE, DEVICE.STATUS.eq("in_service")));
            assertEquals(DEVICES, dsl.fetchCount(SECURITY_CHECK, SECURITY_CHECK.PASSED.isTrue()));
            assertEquals(DEVICES, dsl.fetchCount(DEVICE_EVENT, DEVICE_EVENT.TO_STATUS.eq("in_service")));
            assertEquals(DEVICES, dsl.fetchCount(HOLDING_HISTORY, HOLDING_HISTORY.ENTITY.eq("device")
                    .and(HOLDING_HISTORY.PERSON_ID.isNotNull())));

            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int edited = 77_777;
            lines.set(edited, lines.get(edited).replace(",Windows 11 Pro,16,", ",Windows 11 Pro,32,"));
            Files.write(file, lines, StandardCharsets.UTF_8);
            ImportResult dry = importer.importDirectory(TestDatabase.SYSTEM, devices, true);
            assertFalse(dry.hasErrors(), dry.report(true));
            assertEquals(DEVICES - 1, dry.countsOf(InventoryKind.DEVICES).unchanged());
            assertEquals(List.of("devices.csv:" + (edited + 1) + " SN" + (edited - 1) + " — ram_gb: 16 → 32"), dry.changes());
            assertTrue(dry.validateMillis() > 0 && !dry.applied());
        } finally {
            vertx.close();
            TestDatabase.reset();
        }
    }
}
