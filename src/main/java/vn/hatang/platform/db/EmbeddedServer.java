package vn.hatang.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.SecretFiles;

/**
 * The embedded PostgreSQL of the default installation, as a system of record needs it:
 * <ul>
 *   <li>durable: zonky's builder is made for tests ({@code synchronous_commit=off}, and {@code pg_ctl -F} turns fsync
 *       off); the settings below are passed after those and override them;</li>
 *   <li>password-protected: the {@code postgres} role has a generated password kept in
 *       {@code HATANG_DATA_DIR/db-password} (0600), {@code pg_hba.conf} asks every TCP client for it (SCRAM-SHA-256)
 *       and there is no Unix socket. A data directory created by an earlier release (trust, no password) is hardened
 *       the same way when it starts;</li>
 *   <li>supervised: when its postmaster dies (OOM killer, kill -9) it is started again on the same port, so the
 *       connection pool finds it again without being rebuilt.</li>
 * </ul>
 */
public final class EmbeddedServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
    public static final String PASSWORD_FILE = "db-password";
    static final String USER = "postgres";
    /** Restart back-off: PostgreSQL refuses to start while backends of the killed postmaster still hold its memory. */
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final String HBA = """
            # Written by hatang: every client gives the password in HATANG_DATA_DIR/db-password (SCRAM-SHA-256).
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            local   all       all                 scram-sha-256
            """;

    private final Path pgDir;
    private final String password;
    private final int port;
    private final Map<String, String> settings;
    private volatile EmbeddedPostgres pg;
    private volatile boolean closing;
    private volatile long restarts;
    private final Thread supervisor;

    private EmbeddedServer(Path pgDir, String password, int port, Map<String, String> settings) {
        this.pgDir = pgDir;
        this.password = password;
        this.port = port;
        this.settings = settings;
        this.supervisor = new Thread(this::supervise, "embedded-postgres-supervisor");
        this.supervisor.setDaemon(true);
    }

    /** Server settings of the service: durable commits and full page writes, loopback only, no Unix socket. */
    static Map<String, String> durableSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("listen_addresses", "127.0.0.1");
        s.put("unix_socket_directories", "''");
        s.put("timezone", "UTC");
        s.put("fsync", "on");
        s.put("synchronous_commit", "on");
        s.put("full_page_writes", "on");
        s.put("password_encryption", "scram-sha-256");
        s.put("max_connections", "100");
        // Enough WAL kept for a backup to copy what it needs even under a burst of writes.
        s.put("wal_keep_size", "256MB");
        return s;
    }

    /** Starts (initialising when empty) the PostgreSQL in {@code dataDir/pg} and hardens it; supervised from then on. */
    public static EmbeddedServer start(Path dataDir) {
        String password = SecretFiles.readOrCreate(dataDir.resolve(PASSWORD_FILE), 24);
        EmbeddedServer server = new EmbeddedServer(dataDir.resolve("pg"), password, freePort(), durableSettings());
        try {
            server.pg = server.launch();
            server.harden();
        } catch (IOException | SQLException | RuntimeException e) {
            server.closing = true;
            server.stopQuietly();
            throw new IllegalStateException("Không khởi động được PostgreSQL nhúng / cannot start embedded PostgreSQL: "
                    + e.getMessage(), e);
        }
        server.logSettings();
        server.supervisor.start();
        return server;
    }

    private EmbeddedPostgres launch() throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setDataDirectory(pgDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setPort(port)
                // zonky's readiness probe connects as postgres: with our pg_hba it needs the password.
                .setConnectConfig("password", password);
        settings.forEach(b::setServerConfig);
        return b.start();
    }

    /**
     * Sets the password and writes our {@code pg_hba.conf} unless it is already there. A fresh initdb and a data
     * directory of an earlier release both arrive with {@code trust}; after this, a client without the password is
     * refused.
     */
    private void harden() throws IOException, SQLException {
        Path hba = pgDir.resolve("pg_hba.conf");
        if (Files.exists(hba) && Files.readString(hba).equals(HBA)) {
            return;
        }
        LOG.info("Bật xác thực mật khẩu (SCRAM-SHA-256) cho PostgreSQL nhúng / enabling password authentication "
                + "(SCRAM-SHA-256) on the embedded PostgreSQL");
        try (Connection c = connect(); var st = c.createStatement()) {
            st.execute("SET password_encryption = 'scram-sha-256'");
            // The password is base64 of random bytes: no quote can occur in it.
            st.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
            Files.writeString(hba, HBA);
            st.execute("SELECT pg_reload_conf()");
        }
    }

    /**
     * Restore: the files of a backup carry the password of the cluster they came from. With the initial
     * {@code pg_hba.conf} back, the next {@link #start} sets the password of the data directory it is restored into.
     */
    public static void resetAuthentication(Path pgDir) throws IOException {
        Files.writeString(pgDir.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
    }

    private void logSettings() {
        List<String> names = List.of("server_version", "port", "listen_addresses", "fsync", "synchronous_commit",
                "full_page_writes", "wal_level", "password_encryption", "max_connections", "shared_buffers",
                "data_directory");
        StringJoiner j = new StringJoiner(", ");
        try (Connection c = connect(); var st = c.prepareStatement(
                "SELECT name, setting, unit FROM pg_settings WHERE name = ANY (?) ORDER BY name")) {
            st.setArray(1, c.createArrayOf("text", names.toArray()));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    String unit = rs.getString(3);
                    j.add(rs.getString(1) + "=" + rs.getString(2) + (unit == null ? "" : " " + unit));
                }
            }
        } catch (SQLException e) {
            j.add("(không đọc được / unreadable: " + e.getMessage() + ")");
        }
        LOG.info("PostgreSQL nhúng / embedded PostgreSQL: {}, auth=scram-sha-256", j);
    }

    /** Watches the postmaster and starts it again when it dies while the service is not stopping. */
    private void supervise() {
        while (!closing) {
            Optional<ProcessHandle> postmaster = postmaster(pgDir);
            if (postmaster.isEmpty()) {
                restart();
                continue;
            }
            try {
                postmaster.get().onExit().get();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // onExit does not fail; look again
            }
            if (!closing) {
                LOG.error("PostgreSQL nhúng đã dừng bất ngờ (pid {}); khởi động lại / embedded PostgreSQL died (pid {}); "
                        + "restarting", postmaster.get().pid(), postmaster.get().pid());
                restart();
            }
        }
    }

    private synchronized void restart() {
        long backoff = 200;
        while (!closing) {
            stopQuietly();
            try {
                pg = launch();
                restarts++;
                LOG.info("PostgreSQL nhúng đã chạy lại trên cổng {} / embedded PostgreSQL running again on port {}",
                        port, port);
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Chưa khởi động lại được PostgreSQL nhúng, thử lại sau {} ms / embedded PostgreSQL not "
                        + "restarted yet, retrying in {} ms: {}", backoff, backoff, e.getMessage());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(backoff); // back-off between restart attempts, not a timing assumption
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
        }
    }

    /** The postmaster named in {@code postmaster.pid}, when it is alive. */
    static Optional<ProcessHandle> postmaster(Path pgDir) {
        List<String> lines = pidFile(pgDir);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<String> pidFile(Path pgDir) {
        try {
            return Files.readAllLines(pgDir.resolve("postmaster.pid"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The JDBC URL of the embedded PostgreSQL another process (the running service) started in {@code dataDir}, read
     * from its {@code postmaster.pid}; empty when none runs. Used by {@code backup} and {@code doctor}.
     */
    public static Optional<String> runningUrl(Path dataDir) {
        Path pgDir = dataDir.resolve("pg");
        List<String> lines = pidFile(pgDir);
        if (postmaster(pgDir).isEmpty() || lines.size() < 4) {
            return Optional.empty();
        }
        return Optional.of(url(Integer.parseInt(lines.get(3).trim())));
    }

    /** The password of the embedded database in {@code dataDir}. */
    public static String password(Path dataDir) throws IOException {
        return SecretFiles.read(dataDir.resolve(PASSWORD_FILE));
    }

    static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String jdbcUrl() {
        return url(port);
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public Path pgDir() {
        return pgDir;
    }

    /** How many times the supervisor started PostgreSQL again after it died. */
    public long restarts() {
        return restarts;
    }

    /** The current postmaster (tests kill it). */
    public Optional<ProcessHandle> postmaster() {
        return postmaster(pgDir);
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    private void stopQuietly() {
        EmbeddedPostgres current = pg;
        pg = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("embedded PostgreSQL stop", e);
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        supervisor.interrupt();
        synchronized (this) {
            stopQuietly();
        }
    }

    private static int freePort() {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
