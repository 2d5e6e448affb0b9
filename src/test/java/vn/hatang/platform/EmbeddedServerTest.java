package vn.hatang.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Database;
import vn.hatang.testing.Eventually;

/**
 * Verifies the embedded PostgreSQL as the system of record needs it (issue 15, class 8 and 9): durable commits, a
 * generated password that a client must give, a data directory of the previous release (trust, no password) hardened
 * in place, and a postmaster killed with SIGKILL started again.
 */
class EmbeddedServerTest {
    @TempDir
    Path dataDir;

    private Database open() {
        return Database.open(HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", dataDir.toString())).database());
    }

    @Test
    void aDataDirectoryOfThePreviousReleaseIsHardenedInPlaceAndRefusesAClientWithoutPassword() throws Exception {
        // The previous release: zonky's defaults (trust authentication, no password), one row of data.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("pg"))
                .setCleanDataDirectory(false).start();
             var c = old.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
            st.execute("CREATE SCHEMA legacy; CREATE TABLE legacy.kept (v text)");
            st.execute("INSERT INTO legacy.kept VALUES ('from the previous release')");
        }
        try (Database db = open()) {
            Path passwordFile = dataDir.resolve("db-password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
            String url = db.embedded().jdbcUrl();
            // No password: the server asks for one (SCRAM) and the client has none to give.
            SQLException none = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, props("")));
            assertTrue(none.getMessage().contains("requested SCRAM-based authentication"), none.getMessage());
            SQLException wrong = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, props("wrong")));
            assertEquals("28P01", wrong.getSQLState(), "password authentication failed: " + wrong.getMessage());
            try (var c = DriverManager.getConnection(url, props(Files.readString(passwordFile).trim()));
                 var st = c.createStatement()) {
                var rs = st.executeQuery("SELECT v, current_setting('fsync'), current_setting('synchronous_commit'),"
                        + " current_setting('full_page_writes'), (SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM"
                        + " pg_authid WHERE rolname = 'postgres') FROM legacy.kept");
                assertTrue(rs.next());
                assertEquals("from the previous release", rs.getString(1));
                assertEquals("on", rs.getString(2), "fsync");
                assertEquals("on", rs.getString(3), "synchronous_commit");
                assertEquals("on", rs.getString(4), "full_page_writes");
                assertTrue(rs.getBoolean(5), "the password is stored as a SCRAM verifier");
            }
        }
        // A second start reads the same password and finds the data.
        try (Database db = open()) {
            assertEquals(1, ((Number) db.dsl().fetchValue("SELECT count(*) FROM legacy.kept")).intValue());
        }
    }

    @Test
    void aKilledPostmasterIsStartedAgainAndCommittedRowsSurvive() throws Exception {
        try (Database db = open()) {
            db.dsl().execute("CREATE TABLE acknowledged (id int)");
            db.dsl().execute("INSERT INTO acknowledged SELECT generate_series(1, 100)");
            ProcessHandle postmaster = db.embedded().postmaster().orElseThrow();
            assertTrue(postmaster.destroyForcibly(), "SIGKILL");
            Eventually.until(() -> db.embedded().restarts() == 1 && db.ping(), "PostgreSQL running again");
            assertFalse(postmaster.isAlive());
            assertEquals(100, db.dsl().fetchCount(org.jooq.impl.DSL.table("acknowledged")));
        }
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused() throws Exception {
        open().close();
        Files.setPosixFilePermissions(dataDir.resolve("db-password"), PosixFilePermissions.fromString("rw-r--r--"));
        var e = assertThrows(IllegalStateException.class, this::open);
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    private static Properties props(String password) {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", password);
        return p;
    }
}
