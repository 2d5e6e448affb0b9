package vn.hatang.monitoring;

import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.LINK;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Inventory gauges computed from the database (five small queries): units, devices by reporting unit, category and
 * lifecycle state, one info series per link and per SNMP-managed device, and when the import and the reports last
 * succeeded.
 * Every label takes values from a closed set (unit codes, fixed categories, states and kinds).
 */
final class InventoryMetrics {
    private final DSLContext dsl;

    InventoryMetrics(DSLContext dsl) {
        this.dsl = dsl;
    }

    List<MetricSnapshot> collect() {
        UnitDirectory units = UnitDirectory.load(dsl);
        Family unitInfo = Family.info("hatang_unit",
                "Active units: code, name, kind and the unit their figures roll up into (value is always 1)",
                "unit", "name", "kind", "reporting_unit");
        for (UnitDirectory.Entry u : units.all()) {
            if ("active".equals(u.status())) {
                unitInfo.add(1, u.code(), u.name(), u.kind(), u.reportingCode());
            }
        }

        Family devices = Family.gauge("hatang_devices",
                "Devices by reporting unit (provincial or directly subordinate level), category and lifecycle state",
                "unit", "category", "state");
        var count = DSL.count();
        for (var r : dsl.select(DEVICE.UNIT_ID, DEVICE.CATEGORY, DEVICE.STATUS, count).from(DEVICE)
                .groupBy(DEVICE.UNIT_ID, DEVICE.CATEGORY, DEVICE.STATUS).fetch()) {
            String unit = units.reportingCode(r.value1());
            if (unit != null) {
                devices.add(r.value4(), unit, r.value2(), r.value3());
            }
        }

        // One info series per link and per SNMP-managed device: the SNMP poller labels its gauges by link code and
        // device serial; alerts and dashboards join these to name the holding unit, kind and category.
        Family linkInfo = Family.info("hatang_link",
                "Links in the inventory: code, holding unit, kind and status (value is always 1)",
                "link", "unit", "kind", "status");
        for (var r : dsl.select(LINK.CODE, LINK.UNIT_ID, LINK.KIND, LINK.STATUS).from(LINK).fetch()) {
            UnitDirectory.Entry u = units.get(r.value2());
            if (u != null) {
                linkInfo.add(1, r.value1(), u.code(), r.value3(), r.value4());
            }
        }
        Family deviceInfo = Family.info("hatang_device",
                "Devices with a management address (polled over SNMP): serial, holding unit, category (value is always 1)",
                "device", "unit", "category");
        for (var r : dsl.select(DEVICE.SERIAL, DEVICE.UNIT_ID, DEVICE.CATEGORY).from(DEVICE)
                .where(DEVICE.MGMT_ADDRESS.isNotNull()).and(DEVICE.STATUS.notIn("retired", "disposed")).fetch()) {
            UnitDirectory.Entry u = units.get(r.value2());
            if (u != null) {
                deviceInfo.add(1, r.value1(), u.code(), r.value3());
            }
        }

        Map<String, Instant> last = Activities.lastSuccesses(dsl);
        Family lastImport = Family.gauge("hatang_last_import_success_timestamp_seconds", Unit.SECONDS,
                "When an inventory import last applied successfully (Unix time)");
        Family lastReport = Family.gauge("hatang_last_report_timestamp_seconds", Unit.SECONDS,
                "When a report was last produced (Unix time)");
        if (last.containsKey(Activities.IMPORT)) {
            lastImport.add(seconds(last.get(Activities.IMPORT)));
        }
        if (last.containsKey(Activities.REPORT)) {
            lastReport.add(seconds(last.get(Activities.REPORT)));
        }
        return List.of(unitInfo.build(), devices.build(), linkInfo.build(), deviceInfo.build(), lastImport.build(),
                lastReport.build());
    }

    static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}
