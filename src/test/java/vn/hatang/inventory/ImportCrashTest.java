package vn.hatang.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.DEVICE_EVENT;
import static vn.hatang.db.Tables.HOLDING_HISTORY;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.SECURITY_CHECK;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.App;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.testing.TestDatabase;

/**
 * Verifies that a service killed in the middle of a 100,000-row import leaves nothing of it behind, and keeps every
 * write it acknowledged before it died: once with only the service killed (its embedded PostgreSQL, orphaned, aborts
 * the import's transaction), once with the embedded PostgreSQL killed with it (crash recovery on the next start).
 * The service runs in a child JVM, killed with SIGKILL while the import's transaction is writing.
 */
class ImportCrashTest {
    private static final int DEVICES = 100_000;

    @TempDir
    Path dir;

    /** Run in a child JVM: the whole service on a free port over {@code args[0]}, printing the port, until killed. */
    public static void main(String[] args) throws Exception {
        App app = App.start(config(Path.of(args[0])));
        System.out.println("PORT " + app.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    private static HatangConfig config(Path dataDir) {
        return HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", dataDir.toString(), "HATANG_HTTP_PORT", "0",
                "HATANG_INVENTORY", dataDir.resolve("no-inventory").toString(), "HATANG_COVERAGE_SCHEDULE", "off",
                "HATANG_SNMP_ENABLED", "false", "HATANG_SNMP_TRAP_PORT", "-1"));
    }

    @Test
    void theServiceKilledAloneLeavesNoPartialImportAndKeepsWhatItAcknowledged() throws Exception {
        crashDuringImport(false);
    }

    @Test
    void theServiceKilledWithItsDatabaseLeavesNoPartialImportAndKeepsWhatItAcknowledged() throws Exception {
        crashDuringImport(true);
    }

    private void crashDuringImport(boolean killDatabaseToo) throws Exception {
        Path data = dir.resolve("data");
        Path files = Files.createDirectories(dir.resolve("files"));
        SyntheticInventory inventory = new SyntheticInventory(50, 5_000);
        inventory.writeOrganisation(files);
        Path devices = inventory.writeDevices(files.resolve("devices.csv"), DEVICES);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process service = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ImportCrashTest.class.getName(), data.toString()).redirectErrorStream(true).start();
        Vertx vertx = Vertx.vertx();
        List<String> acknowledged = new ArrayList<>();
        try {
            int port = portOf(service);
            try (Connection pg = connect(data)) {
                grantTestToken(pg);
            }
            WebClient client = WebClientSession.create(WebClient.create(vertx, new WebClientOptions()
                    .setDefaultHost("127.0.0.1").setDefaultPort(port)))
                    .addHeader("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN);
            MultipartForm org = MultipartForm.create()
                    .binaryFileUpload("file", "units.yaml", files.resolve("units.yaml").toString(), "text/plain")
                    .binaryFileUpload("file", "people.csv", files.resolve("people.csv").toString(), "text/csv");
            assertEquals(200, client.post("/api/v1/imports").sendMultipartForm(org).await(120, TimeUnit.SECONDS).statusCode());

            var importing = client.post("/api/v1/imports").timeout(600_000).sendMultipartForm(MultipartForm.create()
                    .binaryFileUpload("file", "devices.csv", devices.toString(), "text/csv"));
            try (Connection pg = connect(data)) {
                awaitImportWriting(pg);
            }
            // Writes acknowledged while the import runs, the last one just before the kill.
            for (int i = 0; i < 5; i++) {
                String code = "ACK" + i;
                HttpResponse<Buffer> r = client.post("/api/v1/people").sendJsonObject(new JsonObject().put("code", code)
                        .put("unit_code", "X1").put("full_name", "Người ghi " + i)).await(60, TimeUnit.SECONDS);
                assertEquals(201, r.statusCode(), r.bodyAsString());
                acknowledged.add(code);
            }
            if (killDatabaseToo) {
                killPostgres(data);
            }
            service.destroyForcibly();
            service.waitFor(60, TimeUnit.SECONDS);
            assertTrue(!importing.isComplete() || importing.failed() || importing.result().statusCode() != 200,
                    "the import was not acknowledged before the kill");
        } finally {
            service.destroyForcibly();
            vertx.close();
        }

        try (App restarted = App.start(config(data))) {
            DSLContext dsl = restarted.db().dsl();
            assertEquals(0, dsl.fetchCount(DEVICE), "no device of the killed import");
            assertEquals(0, dsl.fetchCount(DEVICE_EVENT));
            assertEquals(0, dsl.fetchCount(SECURITY_CHECK));
            assertEquals(0, dsl.fetchCount(HOLDING_HISTORY, HOLDING_HISTORY.ENTITY.eq("device")));
            assertEquals(5_000 + acknowledged.size(), dsl.fetchCount(PERSON), "every person acknowledged is there: the 5,000 imported before, and those created during the import");
            assertEquals(acknowledged, dsl.select(PERSON.CODE).from(PERSON).where(PERSON.CODE.startsWith("ACK"))
                    .orderBy(PERSON.CODE).fetch(PERSON.CODE), "every person acknowledged with 201 is there");
        }
    }

    /** The port the child prints once it serves; its other output is passed through. */
    private static int portOf(Process service) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("PORT ")) {
                int port = Integer.parseInt(line.substring(5).trim());
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "child-output");
                drain.setDaemon(true);
                drain.start();
                return port;
            }
            // start-up log lines of the child
        }
        throw new IllegalStateException("the service ended before serving: " + service.waitFor());
    }

    /** An administrator with the tests' API token, written as the test fixtures write it (the service runs elsewhere). */
    private static void grantTestToken(Connection pg) throws Exception {
        pg.setAutoCommit(false);
        try (var st = pg.createStatement()) {
            st.execute("select set_config('hatang.actor', 'system:test', true)");
            st.execute("insert into app_user (id, login, full_name) values (" + TestDatabase.ADMIN_ID + ", 'test-admin', "
                    + "'Quản trị kiểm thử')");
            st.execute("insert into user_grant (user_id, role) values (" + TestDatabase.ADMIN_ID + ", 'admin')");
        }
        try (var ps = pg.prepareStatement("insert into api_token (user_id, name, token_hash, prefix, expires_at) values "
                + "(?, 'test', ?, ?, now() + interval '1 day')")) {
            ps.setLong(1, TestDatabase.ADMIN_ID);
            ps.setString(2, vn.hatang.security.Secrets.sha256(TestDatabase.ADMIN_TOKEN));
            ps.setString(3, TestDatabase.ADMIN_TOKEN.substring(0, 12));
            ps.executeUpdate();
        }
        pg.commit();
        pg.setAutoCommit(true);
    }

    /** The child's embedded PostgreSQL, through the port its postmaster.pid names. */
    private static Connection connect(Path data) throws Exception {
        List<String> pid = Files.readAllLines(data.resolve("pg/postmaster.pid"));
        Path passwordFile = data.resolve("db-password");
        String password = Files.exists(passwordFile) ? Files.readString(passwordFile).strip() : "";
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/postgres", "postgres",
                password);
    }

    /** Until a transaction of the service has written rows of the devices file (it has an xid and inserts devices). */
    private static void awaitImportWriting(Connection pg) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            try (ResultSet r = pg.createStatement().executeQuery("select count(*) from pg_locks l join pg_stat_activity a "
                    + "on a.pid = l.pid where l.relation = 'device'::regclass and l.mode = 'RowExclusiveLock' "
                    + "and a.backend_xid is not null")) {
                r.next();
                if (r.getInt(1) > 0) {
                    return;
                }
            }
            pg.createStatement().execute("select pg_sleep(0.05)");
        }
        throw new AssertionError("the import never began writing");
    }

    /** SIGKILL to the embedded PostgreSQL and every one of its processes, as the OOM killer would. */
    private static void killPostgres(Path data) throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("pg/postmaster.pid")).get(0).trim());
        ProcessHandle pm = ProcessHandle.of(postmaster).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(pm.descendants().toList());
        all.add(0, pm);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
    }
}
