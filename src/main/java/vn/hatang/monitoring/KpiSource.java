package vn.hatang.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * What the coverage module hands to monitoring (plugged in with {@link DomainSources#withKpis}). Called on a worker
 * thread at most once per metrics cache period; may query the database. Values for units below the directly
 * subordinate level are ignored (bounded cardinality), so a source may return them or not.
 *
 * <p>Exposed as {@code hatang_kpi_value_ratio{kpi,unit}}, {@code hatang_kpi_target_ratio{kpi,unit}},
 * {@code hatang_kpi_deadline_timestamp_seconds{kpi,unit}}, {@code hatang_units_by_kpi_status{kpi,status}} and
 * {@code hatang_kpi_info{kpi,title,title_en}}.
 */
public interface KpiSource {
    /** A KPI of one unit: ratios in 0..1; {@code deadline} is null when the target has none. */
    record KpiValue(String kpi, long unitId, double value, double target, Instant deadline) {
    }

    /** How many units are in a status ({@code on_track}, {@code at_risk}, {@code behind}, ...) for a KPI. */
    record StatusCount(String kpi, String status, long units) {
    }

    /** A KPI's title, as alerts name it ({@code hatang_kpi_info{kpi,title,title_en}}). */
    record KpiTitle(String kpi, String title, String titleEn) {
    }

    List<KpiValue> values();

    /** The titles of the KPIs; none by default (alerts then fall back to the code). */
    default List<KpiTitle> titles() {
        return List.of();
    }

    List<StatusCount> unitsByStatus();
}
