package vn.hatang.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.App;
import vn.hatang.ops.backup.Backups;
import vn.hatang.ops.backup.Manifest;
import vn.hatang.ops.backup.Restore;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.config.HatangConfig.DatabaseOptions;
import vn.hatang.platform.db.Database;

/**
 * Verifies backup and restore as an office would use them: a backup of the sample province taken while writes go on,
 * restored into an empty data directory and into an external PostgreSQL, with the counts of the manifest, and
 * without the write made after the backup; keys only with a passphrase; a backup of a newer schema refused.
 */
class BackupRestoreTest {
    @TempDir
    static Path root;
    static App app;
    static Manifest manifest;
    static Path backup;
    static long unitId;
    static final vn.hatang.security.Scope TEST = vn.hatang.security.Scope.system("test");

    @BeforeAll
    static void backupWhileWritesRun() throws Exception {
        app = App.start(HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", root.resolve("source").toString(),
                "HATANG_HTTP_PORT", "0", "HATANG_INVENTORY", Path.of("inventory").toAbsolutePath().toString(),
                "HATANG_COVERAGE_SCHEDULE", "off", "HATANG_SNMP_TRAP_PORT", "-1")));
        var dsl = app.db().dsl();
        unitId = dsl.select(UNIT.ID).from(UNIT).where(UNIT.CODE.eq("VPTU")).fetchOne(UNIT.ID);
        // An SNMP sample in a day partition, named as the sample writer names them: partitions must survive too.
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        app.db().inTransaction(TEST, tx -> {
            tx.execute("CREATE TABLE IF NOT EXISTS snmp_if_sample_" + today.toString().replace("-", "")
                    + " PARTITION OF snmp_if_sample FOR VALUES FROM ('" + today + "T00:00:00Z') TO ('"
                    + today.plusDays(1) + "T00:00:00Z')");
            return tx.execute("INSERT INTO snmp_if_sample (device_id, if_index, ts, in_octets) VALUES (1, 1, now(), 42)");
        });
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (!stop.get()) {
                int n = written.incrementAndGet();
                app.db().inTransaction(TEST, tx -> tx.insertInto(PERSON).set(PERSON.CODE, "W" + n)
                        .set(PERSON.UNIT_ID, unitId).set(PERSON.FULL_NAME, "Người ghi " + n).execute());
            }
        });
        writer.start();
        try {
            Eventually(() -> written.get() > 20);
            Backups.Keys keys = new Backups.Keys(Map.of("snmp-secret.key", root.resolve("source/snmp-secret.key"),
                    "audit.key", root.resolve("source/audit.key")), "cụm mật khẩu dài".toCharArray());
            manifest = Backups.take(Backups.Source.of(app.platform().database().embedded()), root.resolve("backups"), keys,
                    Clock.systemUTC());
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(written.get() > manifest.tables().get("person") - 690 - 1,
                "writes ran during the backup: " + written.get());
        app.db().inTransaction(TEST, tx -> tx.insertInto(PERSON).set(PERSON.CODE, "AFTER").set(PERSON.UNIT_ID, unitId)
                .set(PERSON.FULL_NAME, "Ghi sau khi sao lưu").execute());
        backup = root.resolve("backups").resolve(manifest.id());
    }

    private static void Eventually(java.util.function.BooleanSupplier c) {
        vn.hatang.testing.Eventually.until(c, "writes running");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theManifestHoldsSchemaVersionCountsAndChecksumsButNoKeyInClear() throws Exception {
        assertEquals(Database.latestMigration(), manifest.schemaVersion());
        assertTrue(manifest.tables().get("unit") > 50, "the sample province");
        assertEquals(app.db().dsl().fetchCount(UNIT), manifest.tables().get("unit"));
        assertEquals(64, manifest.files().get("data.zip").getString("sha256").length());
        assertTrue(manifest.keysIncluded());
        String key = Files.readString(root.resolve("source/snmp-secret.key")).trim();
        try (var files = Files.walk(backup)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().endsWith(".zip")) {
                    assertFalse(Files.readString(f).contains(key), "the SNMP key appears in clear in " + f);
                }
            }
        }
    }

    @Test
    void restoredIntoAnEmptyDataDirectoryItHasTheManifestsRowsAndNotTheLaterWrite() throws Exception {
        Path target = root.resolve("restored");
        DatabaseOptions options = HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", target.toString())).database();
        OpsOptions ops = OpsOptions.of(HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", target.toString())));
        var result = Restore.intoEmbedded(backup, options, ops, "cụm mật khẩu dài".toCharArray());
        assertEquals(manifest.tables().get("person"), result.counts().get("person"));
        assertEquals(java.util.List.of("audit.key", "snmp-secret.key"), result.keysRestored());
        assertEquals(Files.readString(root.resolve("source/snmp-secret.key")), Files.readString(ops.snmpKeyFile()));
        try (Database db = Database.open(options)) {
            assertEquals(0, db.dsl().fetchCount(PERSON, PERSON.CODE.eq("AFTER")), "the write after the backup");
            // The audit chain verifies with the restored key, up to the head the manifest names.
            var verified = new vn.hatang.audit.AuditVerifier(vn.hatang.audit.AuditModule.chain(
                    HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", target.toString())).security())).verify(db.dsl());
            assertTrue(verified.ok(), String.valueOf(verified));
            assertTrue(manifest.auditHead().getLong("seq") > 20, "writes of the test were audited");
            assertEquals(manifest.auditHead().getLong("seq"), verified.headSeq());
            assertEquals(manifest.tables().get("device"), (long) db.dsl().fetchCount(vn.hatang.db.Tables.DEVICE));
            assertNotEquals(Files.readString(root.resolve("source/db-password")),
                    Files.readString(target.resolve("db-password")), "the restored data directory has its own password");
        }
        var again = assertThrows(Restore.RefusedException.class, () -> Restore.intoEmbedded(backup, options, ops, null));
        assertTrue(again.getMessage().contains("không trống"), again.getMessage());
    }

    @Test
    void restoredIntoAnEmptyExternalDatabaseItHasTheManifestsRows() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().setDataDirectory(root.resolve("external"))
                .setCleanDataDirectory(true).start()) {
            DatabaseOptions options = new DatabaseOptions(external.getJdbcUrl("postgres", "postgres"), "postgres", "",
                    null, 2);
            var result = Restore.intoExternal(backup, options, OpsOptions.of(HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", root.resolve("ext-data").toString()))), null);
            assertEquals(manifest.tables(), withoutHistory(result.counts(), manifest));
            try (Database db = Database.open(options)) {
                assertEquals(0, db.migrationsApplied(), "already at the backup's schema version");
                assertEquals(0, db.dsl().fetchCount(PERSON, PERSON.CODE.eq("AFTER")));
                // Identities continue after the restored rows.
                db.dsl().transaction(c -> {
                    c.dsl().execute("select set_config('hatang.actor', 'system:test', true)");
                    c.dsl().insertInto(PERSON).set(PERSON.CODE, "NEW").set(PERSON.UNIT_ID, unitId)
                            .set(PERSON.FULL_NAME, "Người mới").execute();
                });
            }
        }
    }

    private static Map<String, Long> withoutHistory(Map<String, Long> counts, Manifest m) {
        var copy = new java.util.LinkedHashMap<>(counts);
        copy.put("flyway_schema_history", m.tables().get("flyway_schema_history"));
        return copy;
    }

    @Test
    void aBackupOfANewerSchemaIsRefusedAndAWrongPassphraseToo() throws Exception {
        Path newer = root.resolve("newer");
        copyTree(backup, newer);
        JsonObject m = new JsonObject(Files.readString(newer.resolve("manifest.json")));
        Files.writeString(newer.resolve("manifest.json"), m.put("schema_version", "9999").encode());
        var refused = assertThrows(Restore.RefusedException.class, () -> Restore.check(newer));
        assertTrue(refused.getMessage().contains("9999"), refused.getMessage());

        Path target = root.resolve("wrong-passphrase");
        var wrong = assertThrows(IllegalArgumentException.class, () -> Restore.intoEmbedded(backup,
                HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", target.toString())).database(),
                OpsOptions.of(HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", target.toString()))), "sai".toCharArray()));
        assertTrue(wrong.getMessage().contains("passphrase"), wrong.getMessage());
        assertFalse(Files.exists(target.resolve("pg")), "nothing restored");
    }

    @Test
    void aCorruptDataFileIsRefused() throws Exception {
        Path corrupt = root.resolve("corrupt");
        copyTree(backup, corrupt);
        try (var f = java.nio.channels.FileChannel.open(corrupt.resolve("data.zip"), java.nio.file.StandardOpenOption.WRITE)) {
            f.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), 1000);
        }
        var refused = assertThrows(Restore.RefusedException.class, () -> Restore.check(corrupt));
        assertTrue(refused.getMessage().contains("SHA-256"), refused.getMessage());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
