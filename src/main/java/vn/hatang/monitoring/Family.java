package vn.hatang.monitoring;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One gauge (or info) family being assembled from query results. Values added twice for the same label values are
 * summed, which is how units below the reporting level roll up, and which makes a duplicate series impossible.
 */
final class Family {
    private final String name;
    private final String help;
    private final Unit unit;
    private final boolean info;
    private final String[] labelNames;
    private final Map<List<String>, double[]> values = new LinkedHashMap<>();

    private Family(String name, String help, Unit unit, boolean info, String... labelNames) {
        this.name = name;
        this.help = help;
        this.unit = unit;
        this.info = info;
        this.labelNames = labelNames;
    }

    static Family gauge(String name, String help, String... labelNames) {
        return new Family(name, help, null, false, labelNames);
    }

    static Family gauge(String name, Unit unit, String help, String... labelNames) {
        return new Family(name, help, unit, false, labelNames);
    }

    /** An info metric: {@code name} without the {@code _info} suffix the formats add. */
    static Family info(String name, String help, String... labelNames) {
        return new Family(name, help, null, true, labelNames);
    }

    Family add(double value, String... labelValues) {
        if (labelValues.length != labelNames.length) {
            throw new IllegalArgumentException(name + ": expected labels " + Arrays.toString(labelNames));
        }
        values.computeIfAbsent(List.of(labelValues), k -> new double[1])[0] += value;
        return this;
    }

    /** Keeps the smaller value per series (e.g. the soonest expiry of a rolled-up unit). */
    Family min(double value, String... labelValues) {
        double[] v = values.get(List.of(labelValues));
        if (v == null) {
            add(value, labelValues);
        } else {
            v[0] = Math.min(v[0], value);
        }
        return this;
    }

    MetricSnapshot build() {
        if (info) {
            InfoSnapshot.Builder b = InfoSnapshot.builder().name(name).help(help);
            values.keySet().forEach(k -> b.dataPoint(InfoDataPointSnapshot.builder().labels(labels(k)).build()));
            return b.build();
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        if (unit != null) {
            b.unit(unit);
        }
        values.forEach((k, v) -> b.dataPoint(GaugeDataPointSnapshot.builder().labels(labels(k)).value(v[0]).build()));
        return b.build();
    }

    private Labels labels(List<String> labelValues) {
        return Labels.of(labelNames, labelValues.toArray(String[]::new));
    }
}
