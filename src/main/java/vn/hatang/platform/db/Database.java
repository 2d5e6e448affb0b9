package vn.hatang.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
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

    private final EmbeddedPostgres embedded;
    private final FileChannel lockChannel;
    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final int migrationsApplied;

    private Database(EmbeddedPostgres embedded, FileChannel lockChannel, HikariDataSource pool) {
        this.embedded = embedded;
        this.lockChannel = lockChannel;
        this.pool = pool;
        this.migrationsApplied = migrate(pool);
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withRenderSchema(false));
    }

    public static Database open(DatabaseOptions options) {
        if (!options.embedded()) {
            LOG.info("Cơ sở dữ liệu ngoài / external database: {}", options.url());
            return new Database(null, null, pool(options.url(), options.user(), options.password(), options.maxPoolSize()));
        }
        Path dir = options.dataDir();
        FileChannel lock = lockDataDir(dir);
        try {
            stopOrphan(dir.resolve("pg"));
            LOG.info("Khởi động PostgreSQL nhúng / starting embedded PostgreSQL in {}", dir.resolve("pg"));
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve("pg"))
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("timezone", "UTC")
                    .start();
            String url = pg.getJdbcUrl("postgres", "postgres");
            return new Database(pg, lock, pool(url, "postgres", "", options.maxPoolSize()));
        } catch (IOException e) {
            closeQuietly(lock);
            throw new UncheckedIOException("Không khởi động được PostgreSQL nhúng / cannot start embedded PostgreSQL", e);
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
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

    private static HikariDataSource pool(String url, String user, String password, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(size);
        c.setPoolName("hatang");
        c.setConnectionTimeout(10_000);
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        c.addDataSourceProperty("ApplicationName", "hatang");
        return new HikariDataSource(c);
    }

    private static int migrate(DataSource ds) {
        Flyway flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();
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

    public int migrationsApplied() {
        return migrationsApplied;
    }

    /** True when the database answers within two seconds. */
    public boolean ping() {
        try (var c = pool.getConnection()) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                LOG.warn("Dừng PostgreSQL nhúng lỗi / embedded PostgreSQL stop failed", e);
            }
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
