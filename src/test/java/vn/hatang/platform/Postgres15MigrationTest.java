package vn.hatang.platform;

import vn.hatang.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Database;
import vn.hatang.platform.db.Db;
import vn.hatang.inventory.InventoryImporter;

/**
 * Verifies that the migrations, and the sample import through them, run on a stock PostgreSQL 15 — the oldest
 * version an office may run hatang against (the embedded default is newer).
 */
class Postgres15MigrationTest {
    @TempDir
    Path dir;

    @Test
    void migrationsAndTheSampleImportRunOnPostgres15() throws Exception {
        Path jar = Path.of("target/postgres-15/postgres-15.jar");
        assertTrue(Files.exists(jar), "the build copies the PostgreSQL 15 binaries to " + jar);
        try (ZipFile zip = new ZipFile(jar.toFile());
             EmbeddedPostgres pg15 = EmbeddedPostgres.builder()
                     .setDataDirectory(dir.resolve("pg"))
                     .setPgBinaryResolver((system, arch) -> zip.getInputStream(zip.getEntry("postgres-linux-x86_64.txz")))
                     .start()) {
            var options = new HatangConfig.DatabaseOptions(pg15.getJdbcUrl("postgres", "postgres"), "postgres", "", null, 2);
            Vertx vertx = Vertx.vertx();
            try (Database db = Database.open(options)) {
                assertTrue(db.dsl().fetchOne("show server_version").get(0, String.class).startsWith("15."));
                assertTrue(db.migrationsApplied() > 0);
                var result = TestDatabase.importer(TestDatabase.db(db.dsl(), vertx)).importDirectory(TestDatabase.SYSTEM, Path.of("inventory"), false);
                assertFalse(result.hasErrors(), result.report(false));
                assertEquals(0, db.dsl().fetchOne("select count(*) from holding_history where valid_to < valid_from").get(0, Integer.class));
            } finally {
                vertx.close();
            }
        }
    }
}
