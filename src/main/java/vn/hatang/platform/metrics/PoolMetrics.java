package vn.hatang.platform.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The HikariCP connection pool read at scrape time from its MX bean (cheap, never blocks). Hikari's own Prometheus
 * tracker targets the old simpleclient, hence these four gauges.
 */
public final class PoolMetrics {
    private PoolMetrics() {
    }

    public static void register(PrometheusRegistry registry, HikariDataSource pool) {
        String name = pool.getPoolName();
        gauge(registry, "hatang_db_pool_active_connections", "Connections in use", pool,
                HikariPoolMXBean::getActiveConnections, name);
        gauge(registry, "hatang_db_pool_idle_connections", "Connections open and idle", pool,
                HikariPoolMXBean::getIdleConnections, name);
        gauge(registry, "hatang_db_pool_pending_threads", "Threads waiting for a connection", pool,
                HikariPoolMXBean::getThreadsAwaitingConnection, name);
        GaugeWithCallback.builder()
                .name("hatang_db_pool_max_connections")
                .help("Largest number of connections the pool may open")
                .labelNames("pool")
                .callback(cb -> cb.call(pool.getMaximumPoolSize(), name))
                .register(registry);
    }

    private static void gauge(PrometheusRegistry registry, String metric, String help, HikariDataSource pool,
            java.util.function.ToIntFunction<HikariPoolMXBean> read, String name) {
        GaugeWithCallback.builder()
                .name(metric)
                .help(help)
                .labelNames("pool")
                .callback(cb -> {
                    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
                    if (bean != null && !pool.isClosed()) {
                        cb.call(read.applyAsInt(bean), name);
                    }
                })
                .register(registry);
    }
}
