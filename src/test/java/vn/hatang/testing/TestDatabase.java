package vn.hatang.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Database;

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

    /** Empties every table (identities restart), keeping the schema. */
    public static void reset() {
        DSLContext dsl = dsl();
        List<String> tables = dsl.fetch("select tablename from pg_tables where schemaname = 'public' "
                + "and tablename not like 'flyway%'").getValues(0, String.class);
        if (!tables.isEmpty()) {
            dsl.execute("truncate " + String.join(", ", tables.stream().map(t -> DSL.name(t).toString()).toList())
                    + " restart identity cascade");
        }
    }
}
