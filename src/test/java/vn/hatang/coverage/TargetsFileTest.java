package vn.hatang.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.KPI_DEFINITION;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.inventory.ImportResult;
import vn.hatang.inventory.InventoryImporter;
import vn.hatang.inventory.RowError;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.db.Db;
import vn.hatang.testing.TestDatabase;

/** Verifies that targets.yaml is read strictly: every bad definition reported at file:line, and nothing applied. */
class TargetsFileTest {
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @Test
    void testShippedTargetsHoldTheEightKpisAndTheRules() {
        TargetsFile.Content c = TargetsFile.read(Path.of("inventory"));
        assertEquals(List.of(), c.errors());
        assertEquals(List.of("ENDPOINT_DELIVERY", "UNIT_MODERN", "STAFF_MODERN", "SIGNER_CERT", "VIDEOCONF_COMMUNE",
                "WAN_CONNECTED", "TABLET_COMMITTEE", "INFOSYS_LEVEL"), c.kpis().stream().map(KpiDefinition::code).toList());
        ModernRule pc = c.rules().modern("pc").orElseThrow();
        ModernRule.OsSupport win10 = pc.supportedOs().stream().filter(o -> o.name().equals("Windows 10")).findFirst().orElseThrow();
        assertEquals("2025-10-14", win10.endOfSupport().toString());
        assertEquals(List.of("firewall", "switch"), c.rules().equipment().requiredInService());
    }

    @Test
    void testBadDefinitionsAreReportedWithFileAndLineAndNothingIsApplied() throws IOException {
        TestDatabase.reset();
        Path dir = vn.hatang.testing.TempDirs.create("hatang-targets");
        String shipped = Files.readString(Path.of("inventory/targets.yaml"));
        String bad = shipped.replace("    threshold: 40\n", "    threshold: 140\n")
                .replace("    deadline: 2026-06-30\n    seed: \"Kế hoạch triển khai thực hiện Đề án Chuyển đổi số tại Văn phòng Tỉnh ủy năm 2026 (phụ lục 3)\"",
                        "    deadline: 1900-06-30\n    seed: \"Kế hoạch triển khai thực hiện Đề án Chuyển đổi số tại Văn phòng Tỉnh ủy năm 2026 (phụ lục 3)\"")
                .replace("    kind: information_system\n", "    kind: crystal_ball\n");
        Files.writeString(dir.resolve("targets.yaml"), bad);
        ImportResult result = TestDatabase.importer(TestDatabase.db(TestDatabase.dsl(), vertx)).importDirectory(TestDatabase.SYSTEM, dir, false);
        assertTrue(result.hasErrors());
        List<String> where = result.errors().stream().map(e -> e.file() + ":" + e.line() + " " + e.field()).toList();
        List<String> lines = bad.lines().toList();
        assertEquals(List.of("targets.yaml:" + (lines.indexOf("    threshold: 140") + 1) + " kpis[0].threshold",
                "targets.yaml:" + (lines.indexOf("    deadline: 1900-06-30") + 1) + " kpis[2].deadline",
                "targets.yaml:" + (lines.indexOf("    kind: crystal_ball") + 1) + " kpis[7].kind"), where);
        RowError threshold = result.errors().get(0);
        assertTrue(threshold.render(CoverageText.VI).contains("140"), threshold.render(CoverageText.VI));
        assertFalse(result.applied());
        assertEquals(0, TestDatabase.dsl().fetchCount(KPI_DEFINITION));
    }

    @Test
    void testImportingTheSameTargetsTwiceChangesNothing() throws IOException {
        TestDatabase.reset();
        Path dir = vn.hatang.testing.TempDirs.create("hatang-targets");
        Files.copy(Path.of("inventory/targets.yaml"), dir.resolve("targets.yaml"));
        Db db = TestDatabase.db(vertx);
        ImportResult first = TestDatabase.importer(db).importDirectory(TestDatabase.SYSTEM, dir, false);
        assertTrue(first.applied(), first.report(false));
        assertEquals(9, first.changes().size(), first.changes().toString());
        ImportResult again = TestDatabase.importer(db).importDirectory(TestDatabase.SYSTEM, dir, false);
        assertTrue(again.applied());
        assertEquals(List.of(), again.changes());
        assertEquals(8, TestDatabase.dsl().fetchCount(KPI_DEFINITION));
    }
}
