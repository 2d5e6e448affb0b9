package vn.hatang.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.config.HatangConfig.DatabaseOptions;

/**
 * The database: an external PostgreSQL when configured, else an embedded one whose files live under the data
 * directory and survive restarts. Opening it applies the Flyway migrations. Only one process may hold the embedded
 * database at a time; a second one is told so clearly ({@link EmbeddedDatabaseBusyException}).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final EmbeddedServer embedded;
    private final FileChannel lockChannel;
    private final HikariDataSource pool;
    private final DSLContext dsl;
    private int migrationsApplied;
    private final java.util.concurrent.locks.ReentrantLock probeLock = new java.util.concurrent.locks.ReentrantLock();
    private java.sql.Connection probeConnection;

    private Database(EmbeddedServer embedded, FileChannel lockChannel, HikariDataSource pool) {
        this.embedded = embedded;
        this.lockChannel = lockChannel;
        this.pool = pool;
        // A stored record reads back every column (RETURNING *): what the database fills in (defaults such as
        // recorded_at, trigger-set values) is in the answer built from the record, for every table at once.
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withRenderSchema(false)
                .withReturnAllOnUpdatableRecord(true));
    }

    /** Opens the database and applies the pending migrations. */
    public static Database open(DatabaseOptions options) {
        Database db = openUnmigrated(options);
        try {
            db.migrationsApplied = migrate(db.pool);
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Opens the database as it is, without migrating it ({@code serve --dry-run}, backup, restore). */
    public static Database openUnmigrated(DatabaseOptions options) {
        if (!options.embedded()) {
            LOG.info("Cơ sở dữ liệu ngoài / external database: {}", options.url());
            return new Database(null, null, pool(options.url(), options.user(), options.password(), options));
        }
        Path dir = options.dataDir();
        FileChannel lock = lockDataDir(dir);
        EmbeddedServer pg = null;
        try {
            stopOrphan(dir.resolve("pg"));
            LOG.info("Khởi động PostgreSQL nhúng / starting embedded PostgreSQL in {}", dir.resolve("pg"));
            pg = EmbeddedServer.start(dir);
            return new Database(pg, lock, pool(pg.jdbcUrl(), pg.user(), pg.password(), options));
        } catch (IOException e) {
            closeQuietly(lock);
            throw new UncheckedIOException("Không khởi động được PostgreSQL nhúng / cannot start embedded PostgreSQL", e);
        } catch (RuntimeException e) {
            if (pg != null) {
                pg.close();
            }
            closeQuietly(lock);
            throw e;
        }
    }

    /** The migrations this release would apply to the database, in order ({@code serve --dry-run}). */
    public List<MigrationInfo> pendingMigrations() {
        return List.of(flyway(pool).info().pending());
    }

    /** The schema version of the database, or null when it has none. */
    public String schemaVersion() {
        MigrationInfo current = flyway(pool).info().current();
        return current == null ? null : current.getVersion().getVersion();
    }

    /** The newest migration this release carries (its version, e.g. {@code 400}), read from the class path. */
    public static String latestMigration() {
        try {
            java.net.URL dir = Database.class.getClassLoader().getResource("db/migration");
            if (dir == null) {
                return null;
            }
            List<String> names;
            if ("jar".equals(dir.getProtocol())) {
                String jar = dir.getPath().substring("file:".length(), dir.getPath().indexOf('!'));
                try (var zip = new java.util.zip.ZipFile(java.net.URLDecoder.decode(jar, java.nio.charset.StandardCharsets.UTF_8))) {
                    names = zip.stream().map(e -> e.getName()).filter(n -> n.startsWith("db/migration/"))
                            .map(n -> n.substring("db/migration/".length())).toList();
                }
            } else {
                try (var files = Files.list(Path.of(dir.toURI()))) {
                    names = files.map(f -> f.getFileName().toString()).toList();
                }
            }
            return names.stream().filter(n -> n.matches("V[0-9_.]+__.*\\.sql"))
                    .map(n -> org.flywaydb.core.api.MigrationVersion.fromVersion(n.substring(1, n.indexOf("__"))))
                    .max(Comparable::compareTo).map(v -> v.getVersion()).orElse(null);
        } catch (IOException | java.net.URISyntaxException e) {
            throw new UncheckedIOException(new IOException("cannot list migrations", e));
        }
    }

    /** Holds {@code <dataDir>/hatang.lock} for the life of this process, so a second one fails with a clear message. */
    private static FileChannel lockDataDir(Path dir) {
        try {
            Files.createDirectories(dir);
            FileChannel ch = FileChannel.open(dir.resolve("hatang.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new EmbeddedDatabaseBusyException(dir);
            }
            return ch;
        } catch (IOException e) {
            throw new UncheckedIOException("Không mở được thư mục dữ liệu / cannot open data directory " + dir, e);
        }
    }

    /**
     * A hatang killed while it ran (SIGKILL, power loss, Ctrl-C during start-up) leaves its PostgreSQL running on the
     * data directory, and the next start would wait for a server that cannot start. We hold the data directory's lock,
     * so a postmaster still named in {@code postmaster.pid} belongs to a dead hatang: stop it first.
     */
    private static void stopOrphan(Path pgDir) throws IOException {
        Path pidFile = pgDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException e) {
            return; // unreadable: PostgreSQL itself decides whether the file is stale
        }
        var orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        LOG.warn("Dừng PostgreSQL còn sót lại từ lần chạy trước (pid {}) / stopping PostgreSQL left over by a previous "
                + "run (pid {})", pid, pid);
        orphan.get().destroy(); // SIGTERM: its clients died with the old process, so it shuts down at once
        try {
            orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            orphan.get().destroyForcibly();
        }
    }

    /**
     * A short wait for a connection: while the database is down or paused a request gets its 503 within
     * {@code connectTimeout} instead of hanging ({@link DbErrors#unavailable}).
     */
    private static HikariDataSource pool(String url, String user, String password, DatabaseOptions options) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(options.maxPoolSize());
        c.setPoolName("hatang");
        c.setConnectionTimeout(options.connectTimeout().toMillis());
        c.setValidationTimeout(Math.max(250, Math.min(1000, options.connectTimeout().toMillis() / 2)));
        c.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, options.connectTimeout().toSeconds())));
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        c.addDataSourceProperty("ApplicationName", "hatang");
        return new HikariDataSource(c);
    }

    private static final String MIGRATIONS = "classpath:db/migration";

    private static Flyway flyway(DataSource ds) {
        return Flyway.configure().dataSource(ds).locations(MIGRATIONS).load();
    }

    /** Brings an empty external database to {@code version} exactly (restore of a backup of that version). */
    public static void migrateTo(DatabaseOptions external, String version) {
        Flyway.configure().dataSource(external.url(), external.user(), external.password()).locations(MIGRATIONS)
                .target(version).load().migrate();
    }

    private static int migrate(DataSource ds) {
        Flyway flyway = flyway(ds);
        int applied = flyway.migrate().migrationsExecuted;
        LOG.info("Lược đồ CSDL phiên bản {} (vừa áp dụng {} migration) / schema version {}, {} migrations applied",
                flyway.info().current().getVersion(), applied, flyway.info().current().getVersion(), applied);
        return applied;
    }

    public DSLContext dsl() {
        return dsl;
    }

    public DataSource dataSource() {
        return pool;
    }

    public HikariDataSource pool() {
        return pool;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** The embedded server, or null when the database is external. */
    public EmbeddedServer embedded() {
        return embedded;
    }

    public int migrationsApplied() {
        return migrationsApplied;
    }

    /** True when the database answers {@link #probe()} in time. */
    public boolean ping() {
        try {
            probe();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Asks the database {@code SELECT 1} on a connection of its own, so that a pool whose connections all wait on a
     * paused database does not hide the answer; every step is bounded by about a second. Probes take turns on that
     * connection; one that waits more than a second for its turn fails (the one before it is stuck on the database).
     */
    public java.time.Duration probe() throws SQLException {
        boolean turn;
        try {
            turn = probeLock.tryLock(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            turn = false;
        }
        if (!turn) {
            throw new java.sql.SQLTimeoutException("Cơ sở dữ liệu chưa trả lời lần kiểm tra trước / "
                    + "the database has not answered the previous probe");
        }
        try {
            long t0 = System.nanoTime();
            boolean reused = probeConnection != null;
            try {
                probeOnce();
            } catch (SQLException e) {
                closeProbe();
                if (!reused) {
                    throw e;
                }
                probeOnce(); // the kept connection may date from before a restart of the server
            }
            return java.time.Duration.ofNanos(System.nanoTime() - t0);
        } finally {
            probeLock.unlock();
        }
    }

    private void probeOnce() throws SQLException {
        if (probeConnection == null) {
            java.util.Properties p = new java.util.Properties();
            p.setProperty("user", pool.getUsername());
            p.setProperty("password", pool.getPassword() == null ? "" : pool.getPassword());
            p.setProperty("connectTimeout", "1");
            p.setProperty("loginTimeout", "1");
            p.setProperty("socketTimeout", "1");
            p.setProperty("ApplicationName", "hatang-health");
            probeConnection = java.sql.DriverManager.getConnection(pool.getJdbcUrl(), p);
        }
        try (var st = probeConnection.createStatement()) {
            st.execute("SELECT 1");
        } catch (SQLException e) {
            closeProbe();
            throw e;
        }
    }

    private void closeProbe() {
        try {
            if (probeConnection != null) {
                probeConnection.close();
            }
        } catch (SQLException ignored) {
            // a broken connection: nothing to release
        }
        probeConnection = null;
    }

    @Override
    public void close() {
        if (probeLock.tryLock()) {
            try {
                closeProbe();
            } finally {
                probeLock.unlock();
            }
        }
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
