package vn.hatang.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.platform.report.Report;
import vn.hatang.platform.report.ReportWriter;
import vn.hatang.platform.report.Text;
import vn.hatang.inventory.InventoryImporter;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.db.Db;
import vn.hatang.testing.TestDatabase;

/** Verifies that the sample province, as shipped, shows units below target and reports that name what is missing. */
class CoverageSampleTest {
    private static final vn.hatang.platform.report.DocumentOptions DOCUMENTS =
            vn.hatang.platform.report.DocumentOptions.fromEnv(java.util.Map.of());

    private static Vertx vertx;
    private static Db db;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T03:00:00Z"), ZoneOffset.UTC);
    private static final CoverageService SERVICE = new CoverageService(CoverageSources.inventory(), CLOCK);

    @BeforeAll
    static void load() {
        vertx = Vertx.vertx();
        TestDatabase.reset();
        db = TestDatabase.db(vertx);
        var result = TestDatabase.importer(db).importDirectory(TestDatabase.SYSTEM, Path.of("inventory"), false);
        assertFalse(result.hasErrors(), () -> result.report(false));
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @Test
    void testSampleProvinceHasEveryTargetAndSeveralUnitsBelowIt() {
        JsonObject values = db.inTransaction(TestDatabase.SYSTEM, dsl -> SERVICE.values(dsl, TestDatabase.SYSTEM, null, true));
        assertEquals(8, values.getJsonArray("kpis").size());
        for (Object o : values.getJsonArray("kpis")) {
            assertTrue(((JsonObject) o).getJsonObject("rollup").getInteger("den") > 0, o.toString());
        }
        Report coverage = db.inTransaction(TestDatabase.SYSTEM, dsl -> new CoverageReports(SERVICE, DOCUMENTS).coverage(dsl, TestDatabase.SYSTEM, null));
        var rows = coverage.tables().get(0).rows();
        long unitsBelow = rows.stream().filter(r -> !"Đạt".equals(((Text) r.cells().get(17)).vi())).map(r -> r.cells().get(1)).distinct().count();
        long unitsMet = rows.stream().filter(r -> "Đạt".equals(((Text) r.cells().get(17)).vi())).map(r -> r.cells().get(1)).distinct().count();
        assertTrue(unitsBelow >= 10, "units below some target: " + unitsBelow);
        assertTrue(unitsMet >= 5, "units meeting some target: " + unitsMet);
    }

    @Test
    void testGapListsNameWhatIsMissing() {
        JsonObject staff = db.inTransaction(TestDatabase.SYSTEM, dsl -> SERVICE.gaps(dsl, TestDatabase.SYSTEM, "STAFF_MODERN", null, false));
        String reasons = staff.getJsonArray("items").encode();
        assertTrue(reasons.contains("Windows 10 đã hết hỗ trợ từ 2025-10-14"));
        assertTrue(reasons.contains("Windows 7 đã hết hỗ trợ từ 2020-01-14"));
        assertTrue(reasons.contains("Chưa được giao máy tính để bàn hoặc máy tính xách tay"));
        JsonObject video = db.inTransaction(TestDatabase.SYSTEM, dsl -> SERVICE.gaps(dsl, TestDatabase.SYSTEM, "VIDEOCONF_COMMUNE", null, false));
        assertTrue(video.getInteger("count") > 0);
        assertTrue(video.getJsonArray("items").encode().contains("trạng thái “đã đặt mua”"), "ordered, not yet delivered");
        JsonObject wan = db.inTransaction(TestDatabase.SYSTEM, dsl -> SERVICE.gaps(dsl, TestDatabase.SYSTEM, "WAN_CONNECTED", null, false));
        assertTrue(wan.getInteger("count") > 0);
    }

    @Test
    void testEveryReportRendersAsXlsxAndCsv() throws Exception {
        for (String name : CoverageReports.NAMES) {
            Report r = db.inTransaction(TestDatabase.SYSTEM, dsl -> new CoverageReports(SERVICE, DOCUMENTS).build(dsl, TestDatabase.SYSTEM, name, null));
            byte[] xlsx = ReportWriter.render(r, "xlsx", CoverageText.VI);
            assertEquals(r.tables().get(0).rows().size() + 1, vn.hatang.testing.Sheets.table(xlsx, 0, "STT").size(), name);
            String csv = new String(ReportWriter.render(r, "csv", CoverageText.EN), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(csv.startsWith("\uFEFF"), name);
            assertTrue(r.tables().get(0).rows().size() > 0, name + " has rows");
        }
    }
}
