package vn.hatang.snmp.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.IntSupplier;
import vn.hatang.snmp.links.LinkState;
import vn.hatang.snmp.poll.PollMetrics;
import vn.hatang.snmp.store.SampleWriter;

/**
 * The SNMP metrics, registered with the registry the caller passes in (never the static default one).
 * Names: hatang_snmp_polls_total{outcome}, hatang_snmp_timeouts_total, hatang_snmp_errors_total{kind},
 * hatang_snmp_poll_duration_seconds, hatang_snmp_devices_overdue, hatang_snmp_samples_written_total,
 * hatang_snmp_samples_dropped_total, hatang_link_up{link}, hatang_link_utilisation_ratio{link,direction},
 * hatang_device_reachable{device}.
 */
public final class SnmpPrometheusMetrics implements PollMetrics, SampleWriter.Listener {
    private final Counter polls;
    private final Counter timeouts;
    private final Counter errors;
    private final Counter missed;
    private final Histogram duration;
    private final Counter written;
    private final Counter dropped;
    private final Counter fenced;
    private final Gauge linkUp;
    private final Gauge linkUtilisation;
    private final Gauge deviceReachable;

    private final PrometheusRegistry registry;

    public SnmpPrometheusMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        polls = Counter.builder().name("hatang_snmp_polls_total").help("SNMP polls by outcome")
                .labelNames("outcome").register(registry);
        timeouts = Counter.builder().name("hatang_snmp_timeouts_total").help("SNMP polls that timed out")
                .register(registry);
        errors = Counter.builder().name("hatang_snmp_errors_total")
                .help("SNMP polls that failed other than by timeout").labelNames("kind").register(registry);
        missed = Counter.builder().name("hatang_snmp_polls_missed_total")
                .help("Polls that could not start within their interval").register(registry);
        duration = Histogram.builder().name("hatang_snmp_poll_duration_seconds").help("Duration of one device poll")
                .classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30).register(registry);
        written = Counter.builder().name("hatang_snmp_samples_written_total").help("Interface samples stored")
                .register(registry);
        dropped = Counter.builder().name("hatang_snmp_samples_dropped_total")
                .help("Interface samples dropped because the database could not keep up").register(registry);
        fenced = Counter.builder().name("hatang_snmp_samples_fenced_total")
                .help("Interface samples not stored: polled under a lease this instance no longer holds")
                .register(registry);
        linkUp = Gauge.builder().name("hatang_link_up").help("1 when the link's carrying interface is up")
                .labelNames("link").register(registry);
        linkUtilisation = Gauge.builder().name("hatang_link_utilisation_ratio")
                .help("Traffic of the link / its contracted bandwidth").labelNames("link", "direction")
                .register(registry);
        deviceReachable = Gauge.builder().name("hatang_device_reachable").help("1 when the device answers SNMP")
                .labelNames("device").register(registry);
    }

    @Override
    public void polled(String outcome, long durationNanos) {
        polls.labelValues(outcome).inc();
        duration.observe(durationNanos / 1e9);
        if ("timeout".equals(outcome)) {
            timeouts.inc();
        } else if (!"ok".equals(outcome)) {
            errors.labelValues(outcome).inc();
        }
    }

    @Override
    public void missed() {
        missed.inc();
    }

    @Override
    public void written(long rows) {
        written.inc(rows);
    }

    @Override
    public void dropped(long rows) {
        dropped.inc(rows);
    }

    @Override
    public void fenced(long rows) {
        fenced.inc(rows);
    }

    /** hatang_snmp_devices_overdue, read from the scheduler at scrape time. */
    public void overdue(IntSupplier overdue) {
        GaugeWithCallback.builder().name("hatang_snmp_devices_overdue")
                .help("Devices whose poll is waiting longer than their interval")
                .callback(cb -> cb.call(overdue.getAsInt())).register(registry);
    }

    /**
     * hatang_link_up is 1 for a link seen up, 0 for one seen down (device unreachable or interface down), and absent
     * while its state is unknown (credentials rejected, no interface of that name): an unknown is not an outage.
     */
    public void link(LinkState s) {
        String link = s.linkCode();
        if (s.status() == LinkState.Status.UNKNOWN) {
            linkUp.remove(link);
        } else {
            linkUp.labelValues(link).set(s.status() == LinkState.Status.UP ? 1 : 0);
        }
        ratio(link, "in", s.inRatio());
        ratio(link, "out", s.outRatio());
    }

    private void ratio(String link, String direction, Double v) {
        if (v == null) {
            linkUtilisation.remove(link, direction);
        } else {
            linkUtilisation.labelValues(link, direction).set(v);
        }
    }

    /** A link no longer carried by a polled device. */
    public void forgetLink(String link) {
        linkUp.remove(link);
        linkUtilisation.remove(link, "in");
        linkUtilisation.remove(link, "out");
    }

    /** A device no longer polled. */
    public void forgetDevice(String device) {
        deviceReachable.remove(device);
    }

    /** Trap receiver counters: accepted, unknown sender, ignored kind, failed v3 authentication. */
    public void traps(PrometheusRegistry registry, java.util.function.LongSupplier accepted,
                      java.util.function.LongSupplier unknownSender, java.util.function.LongSupplier ignored,
                      java.util.function.LongSupplier rejected) {
        io.prometheus.metrics.core.metrics.CounterWithCallback.builder().name("hatang_snmp_traps_total")
                .help("SNMP notifications received, by result").labelNames("result")
                .callback(cb -> {
                    cb.call(accepted.getAsLong(), "accepted");
                    cb.call(unknownSender.getAsLong(), "unknown_sender");
                    cb.call(ignored.getAsLong(), "ignored");
                    cb.call(rejected.getAsLong(), "auth_failed");
                }).register(registry);
    }

    public void deviceReachable(String device, boolean reachable) {
        deviceReachable.labelValues(device).set(reachable ? 1 : 0);
    }
}
