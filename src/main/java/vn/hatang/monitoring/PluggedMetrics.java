package vn.hatang.monitoring;

import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.LINK;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record3;

/** Turns what the coverage, certificate and SNMP modules report into labelled gauges with bounded cardinality. */
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
        return List.of(value.build(), target.build(), deadline.build(), status.build());
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

    /** Per-link and per-device series carry the holder's own unit: one series per inventory object. */
    static List<MetricSnapshot> network(DSLContext dsl, NetworkStatusSource source) {
        UnitDirectory units = UnitDirectory.load(dsl);
        Map<Long, Record3<String, Long, String>> linkInfo = new HashMap<>();
        dsl.select(LINK.ID, LINK.CODE, LINK.UNIT_ID, LINK.KIND).from(LINK).fetch()
                .forEach(r -> linkInfo.put(r.value1(), r.into(LINK.CODE, LINK.UNIT_ID, LINK.KIND)));
        Family up = Family.gauge("hatang_link_up", "1 when the link's interface is operationally up, 0 when down",
                "link", "unit", "kind");
        Family util = Family.gauge("hatang_link_utilisation_ratio", Unit.RATIO,
                "Traffic over bandwidth of a link in the last poll interval", "link", "unit", "direction");
        for (NetworkStatusSource.LinkStatus s : source.links()) {
            var l = linkInfo.get(s.linkId());
            if (l == null || units.get(l.value2()) == null) {
                continue;
            }
            String unit = units.get(l.value2()).code();
            up.add(s.up() ? 1 : 0, l.value1(), unit, l.value3());
            if (s.inRatio() != null) {
                util.add(s.inRatio(), l.value1(), unit, "in");
            }
            if (s.outRatio() != null) {
                util.add(s.outRatio(), l.value1(), unit, "out");
            }
        }
        Map<Long, Record3<String, Long, String>> deviceInfo = new HashMap<>();
        dsl.select(DEVICE.ID, DEVICE.SERIAL, DEVICE.UNIT_ID, DEVICE.CATEGORY).from(DEVICE)
                .where(DEVICE.MGMT_ADDRESS.isNotNull()).fetch()
                .forEach(r -> deviceInfo.put(r.value1(), r.into(DEVICE.SERIAL, DEVICE.UNIT_ID, DEVICE.CATEGORY)));
        Family reachable = Family.gauge("hatang_device_reachable",
                "1 when the network device answered its last SNMP poll, 0 when not", "device", "unit", "category");
        for (NetworkStatusSource.DeviceStatus s : source.devices()) {
            var d = deviceInfo.get(s.deviceId());
            if (d == null || units.get(d.value2()) == null) {
                continue;
            }
            reachable.add(s.reachable() ? 1 : 0, d.value1(), units.get(d.value2()).code(), d.value3());
        }
        Family overdue = Family.gauge("hatang_snmp_devices_overdue",
                "Devices whose last successful poll is older than their polling interval allows");
        overdue.add(source.overdueDevices());
        return List.of(up.build(), util.build(), reachable.build(), overdue.build());
    }
}
