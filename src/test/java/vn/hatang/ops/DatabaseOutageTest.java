package vn.hatang.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.App;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.testing.Eventually;
import vn.hatang.testing.TestAdmin;

/**
 * Verifies what a client sees while the embedded database is paused or killed (issue 15, class 9): a prompt 503
 * problem with {@code Retry-After} instead of a hang or a 500, {@code /health/ready} naming the database within about a
 * second, and service again without a restart of hatang; and that uploads a dead process left are removed on start
 * (class 10).
 */
class DatabaseOutageTest {
    @TempDir
    static Path dataDir;
    static App app;
    static Vertx vertx = Vertx.vertx();
    static WebClient client;

    @BeforeAll
    static void start() throws Exception {
        Path leftover = dataDir.resolve("uploads/999999999");
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("killed-import.csv"), "serial\n");
        app = App.start(HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", dataDir.toString(), "HATANG_HTTP_PORT", "0",
                "HATANG_INVENTORY", dataDir.resolve("none").toString(), "HATANG_COVERAGE_SCHEDULE", "off",
                "HATANG_SNMP_TRAP_PORT", "-1")));
        TestAdmin.grantToken(app);
        // The client gives up after 5 s: an answer within that is "prompt", a hang fails the test.
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.port()));
    }

    @AfterAll
    static void stop() {
        app.close();
        vertx.close();
    }

    private static HttpResponse<Buffer> get(String uri) throws Exception {
        return client.request(HttpMethod.GET, uri).putHeader("Authorization", TestAdmin.AUTHORIZATION).timeout(5_000)
                .send().await(6, TimeUnit.SECONDS);
    }

    @Test
    void uploadsLeftByADeadProcessAreRemovedOnStart() {
        assertFalse(Files.exists(dataDir.resolve("uploads/999999999")));
        assertTrue(Files.isDirectory(dataDir.resolve("uploads/" + ProcessHandle.current().pid())));
    }

    @Test
    void whileTheDatabaseIsPausedRequestsGet503AndReadinessNamesTheDatabaseThenServiceResumes() throws Exception {
        JsonObject ready = get("/health/ready").bodyAsJsonObject();
        assertEquals("ready", ready.getString("status"), ready.encode());
        assertEquals(List.of("database", "disk", "snmp", "scheduler"), List.copyOf(ready.getJsonObject("components").fieldNames()));

        List<ProcessHandle> postgres = pausePostgres();
        try {
            HttpResponse<Buffer> health = get("/health/ready");
            assertEquals(503, health.statusCode());
            JsonObject db = health.bodyAsJsonObject().getJsonObject("components").getJsonObject("database");
            assertEquals("down", db.getString("status"), health.bodyAsString());
            assertEquals("up", health.bodyAsJsonObject().getJsonObject("components").getJsonObject("disk")
                    .getString("status"));

            HttpResponse<Buffer> units = get("/api/v1/units");
            assertEquals(503, units.statusCode(), units.bodyAsString());
            assertTrue(units.getHeader("Content-Type").startsWith("application/problem+json"));
            assertEquals("5", units.getHeader("Retry-After"));
            assertEquals("/problems/database-unavailable", units.bodyAsJsonObject().getString("type"));
        } finally {
            signal("CONT", postgres);
        }
        Eventually.until(() -> status("/api/v1/units") == 200 && status("/health/ready") == 200, "service after the pause");
    }

    @Test
    void afterTheDatabaseIsKilledRequestsGet503OrAnswersNever500AndItComesBack() throws Exception {
        ProcessHandle postmaster = app.platform().database().embedded().postmaster().orElseThrow();
        long restarts = app.platform().database().embedded().restarts();
        postmaster.destroyForcibly();
        Eventually.until(() -> {
            int s = status("/api/v1/units");
            assertTrue(s == 200 || s == 503, "status " + s);
            return s == 200 && app.platform().database().embedded().restarts() > restarts && status("/health/ready") == 200;
        }, "service after the database was killed");
    }

    private static int status(String uri) {
        try {
            return get(uri).statusCode();
        } catch (Exception e) {
            throw new AssertionError(uri + " did not answer within 5 s", e);
        }
    }

    /**
     * Stops the postmaster first, so that it forks no backend any more, then every process it has: a backend the
     * connection pool had just asked for, forked between a listing and the signals, would otherwise go on answering.
     */
    private static List<ProcessHandle> pausePostgres() throws Exception {
        ProcessHandle postmaster = app.platform().database().embedded().postmaster().orElseThrow();
        signal("STOP", List.of(postmaster));
        List<ProcessHandle> children = postmaster.descendants().toList();
        if (!children.isEmpty()) {
            signal("STOP", children);
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster), children.stream()).toList();
    }

    private static void signal(String sig, List<ProcessHandle> processes) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("kill", "-" + sig));
        processes.forEach(p -> cmd.add(String.valueOf(p.pid())));
        assertEquals(0, new ProcessBuilder(cmd).inheritIO().start().waitFor());
    }
}
