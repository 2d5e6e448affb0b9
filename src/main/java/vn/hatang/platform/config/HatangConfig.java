package vn.hatang.platform.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * All configuration, read once from the environment. Defaults live here, except for the modules with options of
 * their own (SNMP, coverage, PKI), which read them from {@link #env()} — never from the process environment — so a
 * test can configure a whole service.
 */
public record HatangConfig(DatabaseOptions database, HttpOptions http, Path inventoryDir, MetricsOptions metrics,
        Map<String, String> env) {

    /** Where the database is: an external PostgreSQL when {@code url} is set, else the embedded one under {@code dataDir}. */
    public record DatabaseOptions(String url, String user, String password, Path dataDir, int maxPoolSize,
            java.time.Duration connectTimeout) {
        /** How long a request waits for a connection before it is answered 503 (HATANG_DB_CONNECT_TIMEOUT_MS). */
        public static final java.time.Duration DEFAULT_CONNECT_TIMEOUT = java.time.Duration.ofSeconds(2);

        public DatabaseOptions(String url, String user, String password, Path dataDir, int maxPoolSize) {
            this(url, user, password, dataDir, maxPoolSize, DEFAULT_CONNECT_TIMEOUT);
        }

        public boolean embedded() {
            return url == null || url.isBlank();
        }
    }

    public record HttpOptions(String host, int port) {
    }

    /**
     * {@code /metrics}: without a token it answers loopback clients only; with one, every client must send
     * {@code Authorization: Bearer <token>}. Domain gauges are recomputed from the database at most once per
     * {@code cacheTtl}.
     */
    public record MetricsOptions(String token, java.time.Duration cacheTtl) {
        public boolean tokenRequired() {
            return token != null && !token.isBlank();
        }

        @Override
        public String toString() {
            return "MetricsOptions[token=" + (tokenRequired() ? "***" : "none") + ", cacheTtl=" + cacheTtl + "]";
        }
    }

    public static HatangConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    public static HatangConfig fromEnv(Map<String, String> env) {
        var db = new DatabaseOptions(
                env.get("HATANG_DB_URL"),
                env.getOrDefault("HATANG_DB_USER", "postgres"),
                env.getOrDefault("HATANG_DB_PASSWORD", ""),
                Path.of(env.getOrDefault("HATANG_DATA_DIR", "data")).toAbsolutePath(),
                intValue(env, "HATANG_DB_POOL_SIZE", 10),
                java.time.Duration.ofMillis(intValue(env, "HATANG_DB_CONNECT_TIMEOUT_MS",
                        (int) DatabaseOptions.DEFAULT_CONNECT_TIMEOUT.toMillis())));
        var http = new HttpOptions(
                env.getOrDefault("HATANG_HTTP_HOST", "127.0.0.1"),
                intValue(env, "HATANG_HTTP_PORT", 8080));
        int cacheSeconds = intValue(env, "HATANG_METRICS_CACHE_SECONDS", 15);
        if (cacheSeconds < 0) {
            throw new IllegalArgumentException("HATANG_METRICS_CACHE_SECONDS không được âm / must not be negative: "
                    + cacheSeconds);
        }
        var metrics = new MetricsOptions(env.get("HATANG_METRICS_TOKEN"), java.time.Duration.ofSeconds(cacheSeconds));
        return new HatangConfig(db, http, Path.of(env.getOrDefault("HATANG_INVENTORY", "inventory")).toAbsolutePath(),
                metrics, Map.copyOf(env));
    }

    public HatangConfig withHttp(HttpOptions http) {
        return new HatangConfig(database, http, inventoryDir, metrics, env);
    }

    public HatangConfig withMetrics(MetricsOptions metrics) {
        return new HatangConfig(database, http, inventoryDir, metrics, env);
    }

    public HatangConfig withDatabase(DatabaseOptions database) {
        return new HatangConfig(database, http, inventoryDir, metrics, env);
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " phải là số nguyên / must be an integer: " + v);
        }
    }
}
