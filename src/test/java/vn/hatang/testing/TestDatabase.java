package vn.hatang.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.audit.AuditChain;
import vn.hatang.audit.AuditTrail;
import vn.hatang.inventory.InventoryImporter;
import vn.hatang.platform.db.Database;
import vn.hatang.platform.db.Db;
import vn.hatang.security.Scope;

/**
 * One real embedded PostgreSQL per test JVM, migrated by the same Flyway scripts as production. Tests call
 * {@link #reset()} to start from empty tables.
 */
public final class TestDatabase {
    private static EmbeddedPostgres postgres;
    private static Database database;

    private TestDatabase() {
    }

    /** The shared, migrated database (started on first use, stopped when the JVM exits). */
    public static synchronized Database get() {
        if (database == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(Files.createTempDirectory("hatang-test-pg"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("timezone", "UTC")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            database = Database.open(optionsOf(postgres));
            attributeRawWrites(database.dsl());
            database.pool().getHikariPoolMXBean().softEvictConnections();
            reset();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                database.close();
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return database;
    }

    /** Work of the tests themselves (fixtures, direct service calls): the whole tree, as {@code system:test}. */
    public static final Scope SYSTEM = Scope.system("test");
    /** The audit key of every test service (tests compare chains, never a real office's key). */
    public static final String AUDIT_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);

    /**
     * Fixtures write rows directly with SQL; in this database such writes are attributed to {@code system:test} and not
     * captured row by row (the application's own transactions still set their actor and capture everything).
     */
    public static void attributeRawWrites(DSLContext dsl) {
        dsl.execute("alter database " + dsl.fetchValue("select current_database()") + " set hatang.actor = 'system:test'");
        dsl.execute("alter database " + dsl.fetchValue("select current_database()")
                + " set hatang.audit_detail = 'summary'");
    }

    public static AuditTrail audit() {
        return new AuditTrail(new AuditChain(java.util.Base64.getDecoder().decode(AUDIT_KEY)), java.time.Clock.systemUTC(),
                "test");
    }

    /** The data-access entry point as the service builds it, on the shared database. */
    public static Db db(io.vertx.core.Vertx vertx) {
        return db(dsl(), vertx);
    }

    public static Db db(DSLContext dsl, io.vertx.core.Vertx vertx) {
        return new Db(dsl, new vn.hatang.platform.Blocking(vertx), audit());
    }

    public static InventoryImporter importer(Db db) {
        return new InventoryImporter(db, audit());
    }

    /** Options that point a whole service ({@link vn.hatang.App}) at the shared database. */
    public static HatangConfig.DatabaseOptions options() {
        get();
        return optionsOf(postgres);
    }

    private static HatangConfig.DatabaseOptions optionsOf(EmbeddedPostgres pg) {
        return new HatangConfig.DatabaseOptions(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", null, 5);
    }

    public static DSLContext dsl() {
        return get().dsl();
    }

    /** The API token of the test administrator that {@link #reset} always leaves in place. */
    public static final String ADMIN_TOKEN = "htg_test-administrator-token-000000000000000";
    public static final long ADMIN_ID = 1_000_000;

    /**
     * Empties every table (identities restart), keeping the schema, the seeded roles and the poll leases (a service
     * running across tests keeps polling); the audit chain starts again
     * and the test administrator (whole tree, {@link #ADMIN_TOKEN}) exists.
     */
    public static void reset() {
        DSLContext dsl = dsl();
        List<String> tables = dsl.fetch("select tablename from pg_tables where schemaname = 'public' "
                + "and tablename not like 'flyway%' and tablename not in ('role', 'role_permission', 'poll_lease')")
                .getValues(0, String.class);
        if (!tables.isEmpty()) {
            dsl.execute("truncate " + String.join(", ", tables.stream().map(t -> DSL.name(t).toString()).toList())
                    + " restart identity cascade");
        }
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            tx.execute("select set_config('hatang.actor', 'system:test', true), "
                    + "set_config('hatang.audit_detail', 'summary', true)");
            tx.execute("insert into audit_head (id, seq, hmac) values (1, 0, '')");
            tx.execute("insert into app_user (id, login, full_name) values (?, 'test-admin', 'Quản trị kiểm thử')",
                    ADMIN_ID);
            tx.execute("insert into user_grant (user_id, role) values (?, 'admin')", ADMIN_ID);
            tx.execute("insert into api_token (user_id, name, token_hash, prefix, expires_at) values (?, 'test', ?, ?, "
                    + "now() + interval '10 years')", ADMIN_ID, vn.hatang.security.Secrets.sha256(ADMIN_TOKEN),
                    ADMIN_TOKEN.substring(0, 12));
        });
    }
}
