package vn.hatang.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Database-derived metrics are computed at most once per period and survive a failing database. */
class CachedCollectorTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger calls = new AtomicInteger();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final CachedCollector.RefreshFailures failures = new CachedCollector.RefreshFailures(registry);

    private List<MetricSnapshot> compute() {
        int n = calls.incrementAndGet();
        if (n == 3) {
            throw new IllegalStateException("database down");
        }
        return List.of(GaugeSnapshot.builder().name("hatang_test").help("test")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(n).build()).build());
    }

    private double value(CachedCollector c) {
        return ((GaugeSnapshot) c.collect().get(0)).getDataPoints().get(0).getValue();
    }

    private double failureCount() {
        for (MetricSnapshot s : registry.scrape()) {
            if (s instanceof CounterSnapshot cs && !cs.getDataPoints().isEmpty()) {
                return cs.getDataPoints().get(0).getValue();
            }
        }
        return 0;
    }

    /** Verifies that scrapes within the period reuse the values, and a later one recomputes them. */
    @Test
    void testValuesAreReusedWithinThePeriod() {
        CachedCollector c = CachedCollector.create("test", this::compute, Duration.ofSeconds(15), now::get, failures);
        assertEquals(1, value(c));
        now.addAndGet(Duration.ofSeconds(14).toNanos());
        assertEquals(1, value(c));
        assertEquals(1, calls.get());
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(2, value(c));
    }

    /** Verifies that when recomputing fails, the previous values are served and the failure is counted. */
    @Test
    void testFailureServesPreviousValues() {
        CachedCollector c = CachedCollector.create("test", this::compute, Duration.ofSeconds(15), now::get, failures);
        value(c);
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        assertEquals(2, value(c));
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        assertEquals(2, value(c)); // third computation failed
        assertEquals(1, failureCount());
        assertEquals(4, value(c)); // retried on the next scrape, not after another period
    }
}
