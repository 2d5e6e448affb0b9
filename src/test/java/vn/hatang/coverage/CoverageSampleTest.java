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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.coverage.report.Report;
import vn.hatang.coverage.report.ReportWriter;
import vn.hatang.inventory.InventoryImporter;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.db.Db;
import vn.hatang.testing.TestDatabase;

/** Verifies that the sample province, as shipped, shows units below target and reports that name what is missing. */
class CoverageSampleTest {
    private static Vertx vertx;
    private static Db db;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T03:00:00Z"), ZoneOffset.UTC);
    private static final CoverageService SERVICE = new CoverageService(CoverageSources.inventory(), CLOCK);

    @BeforeAll
    static void load() {
        vertx = Vertx.vertx();
        TestDatabase.reset();
        db = new Db(TestDatabase.dsl(), new Blocking(vertx));
        var result = new InventoryImporter(db).importDirectory(Path.of("inventory"), false);
        assertFalse(result.hasErrors(), () -> result.report(false));
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @Test
    void testSampleProvinceHasEveryTargetAndSeveralUnitsBelowIt() {
        JsonObject values = db.inTransaction(dsl -> SERVICE.values(dsl, null, true));
        System.out.println(values.encodePrettily());
        assertEquals(8, values.getJsonArray("kpis").size());
        Report coverage = db.inTransaction(dsl -> new CoverageReports(SERVICE).coverage(dsl, null));
        long below = coverage.tables().get(0).rows().stream().filter(r -> !"Đạt".equals(((vn.hatang.coverage.report.Text) r.get(16)).vi())).count();
        System.out.println("rows " + coverage.tables().get(0).rows().size() + " below " + below);
        assertTrue(below > 10);
    }

    @Test
    void testGapListsNameWhatIsMissing() {
        for (String kpi : List.of("ENDPOINT_DELIVERY", "UNIT_MODERN", "STAFF_MODERN", "SIGNER_CERT", "VIDEOCONF_COMMUNE",
                "WAN_CONNECTED", "TABLET_COMMITTEE", "INFOSYS_LEVEL")) {
            JsonObject gaps = db.inTransaction(dsl -> SERVICE.gaps(dsl, kpi, null, false));
            System.out.println(kpi + " " + gaps.getInteger("count") + " " + gaps.getJsonArray("items").stream().limit(3).toList());
        }
    }

    @Test
    void testReportsRender() {
        for (String name : CoverageReports.NAMES) {
            Report r = db.inTransaction(dsl -> new CoverageReports(SERVICE).build(dsl, name, null));
            byte[] xlsx = ReportWriter.render(r, "xlsx", CoverageText.VI);
            byte[] csv = ReportWriter.render(r, "csv", CoverageText.EN);
            System.out.println(name + " xlsx=" + xlsx.length + " csv=" + csv.length + "\n"
                    + new String(csv, java.nio.charset.StandardCharsets.UTF_8).lines().limit(4).toList());
        }
    }
}
