package vn.hatang.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.App;
import vn.hatang.db.Tables;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Database;
import vn.hatang.platform.db.EmbeddedDatabaseBusyException;

/**
 * Verifies the embedded default as a newcomer meets it: a first start loads the sample province, a restart keeps the
 * data (and does not import again), a second process on the same data directory is told the database is busy, and a
 * hatang that died with its database running does not stop the next start.
 */
class EmbeddedDatabaseTest {
    @TempDir
    Path dataDir;

    /** Run in a child JVM: opens the embedded database, then dies without closing it (as SIGKILL would). */
    public static void main(String[] args) {
        Database.open(HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", args[0])).database());
        Runtime.getRuntime().halt(9);
    }

    @Test
    void aStartAfterACrashStopsThePostgresLeftBehind() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process crashed = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseTest.class.getName(), dataDir.toString()).inheritIO().start();
        assertEquals(9, crashed.waitFor());
        long orphan = Long.parseLong(Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).get(0).trim());
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the crash left PostgreSQL running");

        HatangConfig config = HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", dataDir.toString(), "HATANG_HTTP_PORT", "0",
                "HATANG_INVENTORY", dataDir.resolve("no-inventory").toString()));
        try (App restarted = App.start(config)) {
            assertTrue(restarted.db().dsl().fetchCount(Tables.UNIT) >= 0);
            assertFalse(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void dataSurvivesARestartAndASecondProcessIsToldTheDatabaseIsBusy() {
        HatangConfig config = HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", dataDir.toString(), "HATANG_HTTP_PORT", "0",
                "HATANG_INVENTORY", Path.of("inventory").toAbsolutePath().toString()));
        int units;
        try (App first = App.start(config)) {
            units = first.db().dsl().fetchCount(Tables.UNIT);
            assertTrue(units > 50, "the sample province is loaded on first start");
            first.db().inTransaction(vn.hatang.security.Scope.system("test"), dsl -> dsl.update(Tables.UNIT)
                    .set(Tables.UNIT.ADDRESS, "Số 1 đường Trung tâm").where(Tables.UNIT.CODE.eq("VPTU")).execute());
            var busy = assertThrows(EmbeddedDatabaseBusyException.class, () -> Database.open(config.database()));
            assertTrue(busy.getMessage().contains("POST /api/v1/imports"));
        }
        try (App second = App.start(config)) {
            assertEquals(units, second.db().dsl().fetchCount(Tables.UNIT), "no second import");
            assertEquals("Số 1 đường Trung tâm", second.db().dsl().select(Tables.UNIT.ADDRESS).from(Tables.UNIT)
                    .where(Tables.UNIT.CODE.eq("VPTU")).fetchOne(0, String.class));
        }
    }
}
