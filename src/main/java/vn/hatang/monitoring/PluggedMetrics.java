package vn.hatang.monitoring;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import org.jooq.DSLContext;

/** Turns what the coverage and certificate modules report into labelled gauges with bounded cardinality. */
final class PluggedMetrics {
    private PluggedMetrics() {
    }

    static List<MetricSnapshot> kpis(DSLContext dsl, KpiSource source) {
        UnitDirectory units = UnitDirectory.load(dsl);
        Family value = Family.gauge("hatang_kpi_value_ratio", Unit.RATIO,
                "Coverage KPI achieved (0..1) per unit at the provincial and directly subordinate levels", "kpi", "unit");
        Family target = Family.gauge("hatang_kpi_target_ratio", Unit.RATIO, "Coverage KPI target (0..1)", "kpi", "unit");
        Family deadline = Family.gauge("hatang_kpi_deadline_timestamp_seconds", Unit.SECONDS,
                "When the KPI target must be reached (Unix time)", "kpi", "unit");
        for (KpiSource.KpiValue v : source.values()) {
            if (!units.isReportingUnit(v.unitId())) {
                continue;
            }
            String unit = units.get(v.unitId()).code();
            value.add(v.value(), v.kpi(), unit);
            target.add(v.target(), v.kpi(), unit);
            if (v.deadline() != null) {
                deadline.add(InventoryMetrics.seconds(v.deadline()), v.kpi(), unit);
            }
        }
        Family status = Family.gauge("hatang_units_by_kpi_status", "Units in each KPI status", "kpi", "status");
        source.unitsByStatus().forEach(s -> status.add(s.units(), s.kpi(), s.status()));
        Family info = Family.info("hatang_kpi", "Coverage KPIs: code and title, as alerts name them (value is always 1)",
                "kpi", "title", "title_en");
        source.titles().forEach(t -> info.add(1, t.kpi(), t.title(), t.titleEn()));
        return List.of(value.build(), target.build(), deadline.build(), status.build(), info.build());
    }

    static List<MetricSnapshot> certificates(DSLContext dsl, CertificateSource source) {
        UnitDirectory units = UnitDirectory.load(dsl);
        Family verdicts = Family.gauge("hatang_certificates",
                "Signature certificates by reporting unit and validation verdict", "unit", "verdict");
        for (CertificateSource.VerdictCount c : source.verdicts()) {
            String unit = units.reportingCode(c.unitId());
            if (unit != null) {
                verdicts.add(c.count(), unit, c.verdict());
            }
        }
        Family soonest = Family.gauge("hatang_certificate_soonest_expiry_timestamp_seconds", Unit.SECONDS,
                "Earliest expiry among the currently valid certificates of a reporting unit (Unix time)", "unit");
        for (CertificateSource.SoonestExpiry e : source.soonestExpiries()) {
            String unit = units.reportingCode(e.unitId());
            if (unit != null && e.notAfter() != null) {
                soonest.min(InventoryMetrics.seconds(e.notAfter()), unit);
            }
        }
        return List.of(verdicts.build(), soonest.build());
    }
}
