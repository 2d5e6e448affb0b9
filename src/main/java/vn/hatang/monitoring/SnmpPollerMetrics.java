package vn.hatang.monitoring;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;

/**
 * The SNMP poller's own counters, recorded as polls happen. Create one per registry in {@code App} and hand it to the
 * poller; the per-link and per-device state comes through {@link NetworkStatusSource} instead.
 */
public final class SnmpPollerMetrics {
    private final Counter polls;
    private final Counter timeouts;
    private final Counter errors;
    private final Histogram duration;
    private final Counter written;
    private final Counter dropped;

    public SnmpPollerMetrics(PrometheusRegistry registry) {
        polls = counter(registry, "hatang_snmp_polls_total", "SNMP polls of a device completed (any outcome)");
        timeouts = counter(registry, "hatang_snmp_timeouts_total", "SNMP polls that got no answer in time");
        errors = counter(registry, "hatang_snmp_errors_total", "SNMP polls answered with an error or unusable data");
        written = counter(registry, "hatang_snmp_samples_written_total", "Samples stored in the database");
        dropped = counter(registry, "hatang_snmp_samples_dropped_total",
                "Samples discarded because the writer could not keep up or storing failed");
        duration = Histogram.builder()
                .name("hatang_snmp_poll_duration_seconds")
                .help("Time to poll one device, from first request to last answer")
                .unit(Unit.SECONDS)
                .classicOnly()
                .classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30)
                .register(registry);
    }

    private static Counter counter(PrometheusRegistry registry, String name, String help) {
        return Counter.builder().name(name).help(help).register(registry);
    }

    public void polled(Duration took) {
        polls.inc();
        duration.observe(took.toNanos() / 1e9);
    }

    public void timedOut() {
        timeouts.inc();
    }

    public void failed() {
        errors.inc();
    }

    public void samplesWritten(long n) {
        written.inc(n);
    }

    public void samplesDropped(long n) {
        dropped.inc(n);
    }
}
