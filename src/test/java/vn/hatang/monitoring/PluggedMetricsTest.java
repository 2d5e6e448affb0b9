package vn.hatang.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.UNIT;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.inventory.InventoryImporter;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.db.Db;
import vn.hatang.testing.TestDatabase;

/**
 * What the coverage and certificate modules will plug in, rendered against the sample province: the unit label never
 * goes below the directly subordinate level.
 */
class PluggedMetricsTest {
    private static Vertx vertx;
    private static DSLContext dsl;

    @BeforeAll
    static void loadSample() {
        TestDatabase.reset();
        vertx = Vertx.vertx();
        dsl = TestDatabase.dsl();
        var result = TestDatabase.importer(TestDatabase.db(dsl, vertx)).importDirectory(TestDatabase.SYSTEM, Path.of("inventory"), false);
        assertTrue(result.applied(), result.report(false));
    }

    @AfterAll
    static void close() {
        vertx.close();
    }

    private static Exposition render(List<MetricSnapshot> snapshots) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(snapshots));
        Exposition e = Exposition.parse(out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), e.problems);
        return e;
    }

    private static long unitAt(int depth) {
        return dsl.select(UNIT.ID).from(UNIT).where(UNIT.DEPTH.eq(depth)).orderBy(UNIT.ID).limit(1).fetchOne(UNIT.ID);
    }

    private static String code(long unitId) {
        return dsl.select(UNIT.CODE).from(UNIT).where(UNIT.ID.eq(unitId)).fetchOne(UNIT.CODE);
    }

    /** Verifies that KPI values below the directly subordinate level are left out and deadlines become timestamps. */
    @Test
    void testKpisAreReportedForProvincialAndSubordinateUnitsOnly() throws IOException {
        long province = unitAt(0);
        long commune = unitAt(2);
        Instant deadline = Instant.parse("2026-09-30T00:00:00Z");
        KpiSource source = new KpiSource() {
            @Override
            public List<KpiValue> values() {
                return List.of(new KpiValue("ENDPOINT_DELIVERY", province, 0.35, 0.4, deadline),
                        new KpiValue("ENDPOINT_DELIVERY", commune, 0.1, 0.4, deadline),
                        new KpiValue("INFOSYS_LEVEL", province, 1.0, 1.0, null));
            }

            @Override
            public List<StatusCount> unitsByStatus() {
                return List.of(new StatusCount("ENDPOINT_DELIVERY", "at_risk", 3),
                        new StatusCount("ENDPOINT_DELIVERY", "on_track", 11));
            }
        };
        Exposition e = render(PluggedMetrics.kpis(dsl, source));
        assertEquals(2, e.samples("hatang_kpi_value_ratio").size());
        assertEquals(0.35, e.sum("hatang_kpi_value_ratio", Map.of("kpi", "ENDPOINT_DELIVERY", "unit", code(province))));
        assertEquals(0.0, e.sum("hatang_kpi_value_ratio", Map.of("unit", code(commune))));
        assertEquals(deadline.getEpochSecond(), (long) e.sum("hatang_kpi_deadline_timestamp_seconds",
                Map.of("kpi", "ENDPOINT_DELIVERY")));
        assertEquals(1, e.samples("hatang_kpi_deadline_timestamp_seconds").size());
        assertEquals(3.0, e.sum("hatang_units_by_kpi_status", Map.of("status", "at_risk")));
    }

    /** Verifies that certificate counts of a commune add to its parent committee, with the soonest expiry kept. */
    @Test
    void testCertificatesRollUpWithTheSoonestExpiry() throws IOException {
        long commune = unitAt(2);
        long parent = dsl.select(UNIT.PARENT_ID).from(UNIT).where(UNIT.ID.eq(commune)).fetchOne(UNIT.PARENT_ID);
        Instant soon = Instant.parse("2026-12-01T00:00:00Z");
        Instant later = Instant.parse("2027-06-01T00:00:00Z");
        CertificateSource source = new CertificateSource() {
            @Override
            public List<VerdictCount> verdicts() {
                return List.of(new VerdictCount(parent, "valid", 4), new VerdictCount(commune, "valid", 6),
                        new VerdictCount(commune, "expired", 1));
            }

            @Override
            public List<SoonestExpiry> soonestExpiries() {
                return List.of(new SoonestExpiry(parent, later), new SoonestExpiry(commune, soon));
            }
        };
        Exposition e = render(PluggedMetrics.certificates(dsl, source));
        assertEquals(10.0, e.sum("hatang_certificates", Map.of("unit", code(parent), "verdict", "valid")));
        assertEquals(1.0, e.sum("hatang_certificates", Map.of("unit", code(parent), "verdict", "expired")));
        assertEquals(0, e.samples("hatang_certificates").stream()
                .filter(s -> s.labels().get("unit").equals(code(commune))).count());
        assertEquals(soon.getEpochSecond(), (long) e.sum("hatang_certificate_soonest_expiry_timestamp_seconds",
                Map.of("unit", code(parent))));
    }
}
