package vn.hatang.monitoring;

import com.zaxxer.hikari.HikariDataSource;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.config.HatangConfig.MetricsOptions;
import vn.hatang.platform.http.HttpVerticle;
import vn.hatang.platform.metrics.CachedCollector;
import vn.hatang.platform.metrics.MetricsEndpoint;
import vn.hatang.platform.metrics.PoolMetrics;

/**
 * Registers everything {@code /metrics} shows on the service's one registry: JVM, connection pool, build info, the
 * inventory gauges and whichever domain modules are plugged in ({@link DomainSources}); each database-derived group
 * is its own cached collector, so one failing module does not hide the others. HTTP server metrics are registered by
 * {@link vn.hatang.platform.metrics.HttpServerMetricsFactory} when Vert.x is built.
 */
public final class Monitoring {
    private final MetricsEndpoint endpoint;

    private Monitoring(MetricsEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public static Monitoring install(PrometheusRegistry registry, MetricsOptions options, DSLContext dsl,
            HikariDataSource pool, Blocking blocking, DomainSources sources) {
        JvmMetrics.builder().register(registry);
        PoolMetrics.register(registry, pool);
        BuildInfo.register(registry);
        var failures = new CachedCollector.RefreshFailures(registry);
        cached(registry, failures, "inventory", options, () -> new InventoryMetrics(dsl).collect());
        if (sources.kpis() != null) {
            cached(registry, failures, "kpi", options, () -> PluggedMetrics.kpis(dsl, sources.kpis()));
        }
        if (sources.certificates() != null) {
            cached(registry, failures, "certificates", options,
                    () -> PluggedMetrics.certificates(dsl, sources.certificates()));
        }
        return new Monitoring(new MetricsEndpoint(options, registry, blocking));
    }

    private static void cached(PrometheusRegistry registry, CachedCollector.RefreshFailures failures, String name,
            MetricsOptions options, Supplier<java.util.List<io.prometheus.metrics.model.snapshots.MetricSnapshot>> s) {
        CachedCollector.register(registry, failures, name, s, options.cacheTtl());
    }

    /** The {@code /metrics} route, to add to the HTTP verticle's router extensions. */
    public HttpVerticle.RouterExtension endpoint() {
        return endpoint;
    }
}
