package vn.hatang.platform.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metrics computed by a blocking source (database queries) and kept for a short time, so that several Prometheus
 * servers or a fast scrape interval cost one computation per {@code ttl}. {@link #collect()} may block: the registry
 * is only ever scraped off the event loop ({@link MetricsEndpoint}). When the source fails, the last good values are
 * served (and the failure counted) rather than failing the whole scrape.
 */
public final class CachedCollector implements MultiCollector {
    private static final Logger LOG = LoggerFactory.getLogger(CachedCollector.class);

    private final String name;
    private final Supplier<List<MetricSnapshot>> source;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Counter failures;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile List<MetricSnapshot> cached;
    private volatile long computedAt;

    private CachedCollector(String name, Supplier<List<MetricSnapshot>> source, Duration ttl, LongSupplier nanoClock,
            Counter failures) {
        this.name = name;
        this.source = source;
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
        this.failures = failures;
    }

    /** Registers a collector named {@code name} (a label of the failure counter) for {@code source}. */
    public static CachedCollector register(PrometheusRegistry registry, RefreshFailures failures, String name,
            Supplier<List<MetricSnapshot>> source, Duration ttl) {
        CachedCollector c = create(name, source, ttl, System::nanoTime, failures);
        registry.register(c);
        return c;
    }

    /** Unregistered, with its own clock (tests). */
    static CachedCollector create(String name, Supplier<List<MetricSnapshot>> source, Duration ttl,
            LongSupplier nanoClock, RefreshFailures failures) {
        return new CachedCollector(name, source, ttl, nanoClock, failures.counter);
    }

    /** The one counter of failed refreshes shared by every cached collector of a registry. */
    public static final class RefreshFailures {
        private final Counter counter;

        public RefreshFailures(PrometheusRegistry registry) {
            counter = Counter.builder()
                    .name("hatang_metrics_refresh_failures_total")
                    .help("Failed recomputations of metrics from the database (the previous values were served)")
                    .labelNames("collector")
                    .register(registry);
        }
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> current = cached;
        if (current == null || nanoClock.getAsLong() - computedAt >= ttlNanos) {
            lock.lock();
            try {
                // another scrape may have refreshed while this one waited
                if (cached == null || nanoClock.getAsLong() - computedAt >= ttlNanos) {
                    refresh();
                }
                current = cached;
            } finally {
                lock.unlock();
            }
        }
        return current == null ? new MetricSnapshots() : new MetricSnapshots(current);
    }

    private void refresh() {
        try {
            cached = List.copyOf(source.get());
            computedAt = nanoClock.getAsLong();
        } catch (RuntimeException e) {
            failures.labelValues(name).inc();
            LOG.warn("Không tính được số liệu {} / cannot compute {} metrics, serving previous values", name, name, e);
        }
    }
}
