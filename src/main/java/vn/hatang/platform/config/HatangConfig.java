package vn.hatang.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * All configuration, read once from the environment through one parser ({@link Env}). Defaults live here; each
 * concern has its record. Modules whose options are not yet records here (SNMP, coverage, PKI) read them from
 * {@link #env()} with the same parser — never from the process environment — so a test configures a whole service.
 */
public record HatangConfig(DatabaseOptions database, HttpOptions http, Path inventoryDir, MetricsOptions metrics,
        SecurityOptions security, ClusterOptions cluster, Env environment) {

    /** Where the database is: an external PostgreSQL when {@code url} is set, else the embedded one under {@code dataDir}. */
    public record DatabaseOptions(String url, String user, String password, Path dataDir, int maxPoolSize,
            Duration connectTimeout) {
        /** How long a request waits for a connection before it is answered 503 (HATANG_DB_CONNECT_TIMEOUT_MS). */
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

        public DatabaseOptions(String url, String user, String password, Path dataDir, int maxPoolSize) {
            this(url, user, password, dataDir, maxPoolSize, DEFAULT_CONNECT_TIMEOUT);
        }

        public boolean embedded() {
            return url == null || url.isBlank();
        }

        @Override
        public String toString() {
            return "DatabaseOptions[url=" + url + ", user=" + user + ", password=" + (password == null
                    || password.isEmpty() ? "none" : "***") + ", dataDir=" + dataDir + ", maxPoolSize=" + maxPoolSize + "]";
        }
    }

    /**
     * @param publicUrl   {@code HATANG_PUBLIC_URL}: the address officials and the identity provider reach the service
     *                    at (labels' QR codes, the OIDC callback); null: derived from host and port, see {@link #baseUrl}
     * @param bodyTimeout a request body must have arrived whole within this time (HATANG_HTTP_BODY_TIMEOUT_SECONDS)
     */
    public record HttpOptions(String host, int port, String publicUrl, Duration bodyTimeout) {
        public HttpOptions withPort(int listening) {
            return new HttpOptions(host, listening, publicUrl, bodyTimeout);
        }

        /** The configured public address, or {@code http://<host>:<port>} (a wildcard host as loopback). */
        public String baseUrl() {
            if (publicUrl != null) {
                return publicUrl;
            }
            String h = "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
            return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + (port == 0 ? 8080 : port);
        }
    }

    /**
     * {@code /metrics}: without a token it answers loopback clients only; with one, every client must send
     * {@code Authorization: Bearer <token>}. Domain gauges are recomputed from the database at most once per
     * {@code cacheTtl}.
     */
    public record MetricsOptions(String token, Duration cacheTtl) {
        public boolean tokenRequired() {
            return token != null && !token.isBlank();
        }

        @Override
        public String toString() {
            return "MetricsOptions[token=" + (tokenRequired() ? "***" : "none") + ", cacheTtl=" + cacheTtl + "]";
        }
    }

    /**
     * Accounts, sessions, the audit key and the optional ways in (single sign-on, certificate login).
     *
     * @param sessionIdle       a browser session ends after this long without a request
     * @param sessionMax        and in any case this long after login
     * @param minPasswordLength passwords shorter than this are refused
     * @param maxFailures       failed logins of one account within {@code lockout} before it is locked for that long
     * @param maxClientFailures failed logins from one client address within {@code lockout} before it is refused
     * @param auditKey          base64 of the 32-byte audit HMAC key, or null to use {@code auditKeyFile}
     */
    public record SecurityOptions(Duration sessionIdle, Duration sessionMax, int minPasswordLength, int maxFailures,
            int maxClientFailures, Duration lockout, String auditKey, Path auditKeyFile,
            OidcOptions oidc, TlsOptions tls) {
        @Override
        public String toString() {
            return "SecurityOptions[sessionIdle=" + sessionIdle + ", sessionMax=" + sessionMax + ", minPasswordLength="
                    + minPasswordLength + ", maxFailures=" + maxFailures + ", maxClientFailures=" + maxClientFailures
                    + ", lockout=" + lockout + ", auditKey=" + (auditKey == null ? "file " + auditKeyFile : "***")
                    + ", oidc=" + oidc + ", tls=" + tls + "]";
        }
    }

    /**
     * Several instances on one database.
     *
     * @param nodeId      this instance's name (audit, leases); null: {@code <host>:<HTTP port>}, unique per host
     * @param heartbeat   how often the instance says it is alive; it counts as gone after three missed beats
     * @param pollerUnits unit codes whose subtrees this instance alone polls (a regional poller); empty: any device
     * @param regionGrace how long others wait before taking over a regional poller's devices when it is gone
     */
    public record ClusterOptions(String nodeId, Duration heartbeat, java.util.List<String> pollerUnits,
            Duration regionGrace) {
        public Duration deadAfter() {
            return heartbeat.multipliedBy(3);
        }
    }

    /**
     * Single sign-on through an OpenID Connect provider; off when {@code issuer} is null. The claim named {@code claim}
     * of the ID token is the local account's login (or its recorded {@code oidc_subject}).
     */
    public record OidcOptions(String issuer, String clientId, String clientSecret, String claim) {
        public boolean enabled() {
            return issuer != null;
        }

        @Override
        public String toString() {
            return enabled() ? "OidcOptions[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=***, claim="
                    + claim + "]" : "OidcOptions[off]";
        }
    }

    /**
     * The HTTPS listener that asks for a client certificate (login with the official's signature token); off when
     * {@code port} is -1. {@code keyStore}: PKCS#12 with the server's key and certificate.
     */
    public record TlsOptions(String host, int port, Path keyStore, String keyStorePassword) {
        public boolean enabled() {
            return port >= 0;
        }

        @Override
        public String toString() {
            return enabled() ? "TlsOptions[" + host + ":" + port + ", keyStore=" + keyStore + "]" : "TlsOptions[off]";
        }
    }

    private static String publicUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            java.net.URI u = java.net.URI.create(url);
            if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
                throw new IllegalArgumentException(url);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HATANG_PUBLIC_URL phải là địa chỉ http(s) / must be an http(s) URL: "
                    + url);
        }
        return url.replaceAll("/+$", "");
    }

    public static HatangConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    public static HatangConfig fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        Path dataDir = env.path("HATANG_DATA_DIR", Path.of("data"));
        var db = new DatabaseOptions(env.text("HATANG_DB_URL"), env.text("HATANG_DB_USER", "postgres"),
                vars.getOrDefault("HATANG_DB_PASSWORD", ""), dataDir, env.integer("HATANG_DB_POOL_SIZE", 10, 1, 500),
                Duration.ofMillis(env.integer("HATANG_DB_CONNECT_TIMEOUT_MS",
                        (int) DatabaseOptions.DEFAULT_CONNECT_TIMEOUT.toMillis(), 250, 600_000)));
        String host = env.text("HATANG_HTTP_HOST", "127.0.0.1");
        int port = env.integer("HATANG_HTTP_PORT", 8080, 0, 65535);
        var http = new HttpOptions(host, port, publicUrl(env.text("HATANG_PUBLIC_URL")),
                env.seconds("HATANG_HTTP_BODY_TIMEOUT_SECONDS", Duration.ofSeconds(30), 1, 3600));
        var metrics = new MetricsOptions(env.text("HATANG_METRICS_TOKEN"),
                env.seconds("HATANG_METRICS_CACHE_SECONDS", Duration.ofSeconds(15), 0, 86_400));
        var oidc = new OidcOptions(env.text("HATANG_OIDC_ISSUER"), env.text("HATANG_OIDC_CLIENT_ID"),
                env.text("HATANG_OIDC_CLIENT_SECRET"), env.text("HATANG_OIDC_CLAIM", "preferred_username"));
        var tls = new TlsOptions(env.text("HATANG_TLS_HOST", host), env.integer("HATANG_TLS_PORT", -1, -1, 65535),
                env.text("HATANG_TLS_KEYSTORE") == null ? null : env.path("HATANG_TLS_KEYSTORE", null),
                env.text("HATANG_TLS_KEYSTORE_PASSWORD", ""));
        var security = new SecurityOptions(
                env.minutes("HATANG_SESSION_IDLE_MINUTES", Duration.ofMinutes(30), 1, 24 * 60),
                env.minutes("HATANG_SESSION_MAX_MINUTES", Duration.ofHours(12), 5, 30 * 24 * 60),
                env.integer("HATANG_PASSWORD_MIN_LENGTH", 12, 8, 128),
                env.integer("HATANG_LOGIN_MAX_FAILURES", 5, 1, 1000),
                env.integer("HATANG_LOGIN_MAX_CLIENT_FAILURES", 20, 1, 100_000),
                env.minutes("HATANG_LOGIN_LOCKOUT_MINUTES", Duration.ofMinutes(15), 1, 24 * 60),
                env.text("HATANG_AUDIT_KEY"), env.path("HATANG_AUDIT_KEY_FILE", dataDir.resolve("audit.key")),
                oidc, tls);
        String units = env.text("HATANG_POLLER_UNITS");
        var cluster = new ClusterOptions(env.text("HATANG_NODE_ID"),
                env.seconds("HATANG_CLUSTER_HEARTBEAT_SECONDS", Duration.ofSeconds(5), 1, 300),
                units == null ? java.util.List.of() : java.util.Arrays.stream(units.split(",")).map(String::strip)
                        .filter(u -> !u.isEmpty()).toList(),
                env.seconds("HATANG_POLLER_GRACE_SECONDS", Duration.ofMinutes(10), 0, 86_400));
        return new HatangConfig(db, http, env.path("HATANG_INVENTORY", Path.of("inventory")), metrics, security,
                cluster, env);
    }

    /** The raw variables, for modules that read their own options (through {@link Env}). */
    public Map<String, String> env() {
        return environment.vars();
    }

    public HatangConfig withHttp(HttpOptions http) {
        return new HatangConfig(database, http, inventoryDir, metrics, security, cluster, environment);
    }

    public HatangConfig withMetrics(MetricsOptions metrics) {
        return new HatangConfig(database, http, inventoryDir, metrics, security, cluster, environment);
    }

    public HatangConfig withDatabase(DatabaseOptions database) {
        return new HatangConfig(database, http, inventoryDir, metrics, security, cluster, environment);
    }

    public HatangConfig withSecurity(SecurityOptions security) {
        return new HatangConfig(database, http, inventoryDir, metrics, security, cluster, environment);
    }
}
