package vn.hatang.snmp.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.App;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * Verifies the living sample province: a service started on the sample inventory with the simulation on shows,
 * within 90 s and without any set-up, links up and down for the reasons a user reads (device unreachable, interface
 * down with its name), WAN_CONNECTED fed by live SNMP, traps arriving, the link metrics, and says everywhere that it
 * is simulated. Short poll intervals make it quick; every wait is on a condition.
 */
class SimulatedProvinceTest {
    private static App app;
    /** When the service was up (the sample is imported before, which takes its own time). */
    private static long STARTED;
    private static Vertx clientVertx;
    private static WebClient client;

    @BeforeAll
    static void start() {
        TestDatabase.reset();
        // As a first start runs: with its schedules (the module writes its state itself, the test never flushes).
        app = App.start(HatangConfig.fromEnv(Map.of("HATANG_HTTP_PORT", "0",
                "HATANG_INVENTORY", Path.of("inventory").toAbsolutePath().toString(), "HATANG_SNMP_SIMULATE", "on",
                "HATANG_SNMP_KEY", TestServer.SNMP_KEY, "HATANG_SNMP_TRAP_PORT", "0", "HATANG_SNMP_LINK_INTERVAL", "3",
                "HATANG_SNMP_INTERVAL", "10", "HATANG_COVERAGE_SCHEDULE", "off", "HATANG_AUDIT_KEY", TestDatabase.AUDIT_KEY))
                .withDatabase(TestDatabase.options()));
        STARTED = System.nanoTime();
        clientVertx = Vertx.vertx();
        client = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(app.port()));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (clientVertx != null) {
            clientVertx.close();
        }
        TestDatabase.reset();
    }

    private static String get(String uri) {
        try {
            var r = client.get(uri).putHeader("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN).send()
                    .await(30, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), uri + ": " + r.bodyAsString());
            return r.bodyAsString();
        } catch (Exception e) {
            throw new IllegalStateException(uri, e);
        }
    }

    /** Asks again (a quarter of a second apart) until the answer satisfies the condition, for at most 90 s. */
    private static <T> T await(String what, java.util.function.Supplier<T> ask, Predicate<T> done) {
        long deadline = STARTED + TimeUnit.SECONDS.toNanos(90);
        T last = ask.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 90 s of the start: " + what + "; last answer: " + last);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            last = ask.get();
        }
        System.out.printf("SimulatedProvinceTest: %s after %.1f s%n", what, (System.nanoTime() - STARTED) / 1e9);
        return last;
    }

    private static List<JsonObject> links() {
        JsonObject page = new JsonObject(get("/api/v1/snmp/links?limit=500"));
        return page.getJsonArray("items").stream().map(JsonObject.class::cast).toList();
    }

    private static Map<String, Long> statuses(List<JsonObject> links) {
        return links.stream().collect(Collectors.groupingBy(l -> l.getString("status") + "/" + l.getString("reason"),
                Collectors.counting()));
    }

    @Test
    void testLinksAreUpAndDownWithReasonsAndTheKpiIsLive() {
        List<JsonObject> links = await("up links, an unreachable device and a down interface", SimulatedProvinceTest::links,
                l -> {
                    Map<String, Long> s = statuses(l);
                    return s.getOrDefault("up/null", 0L) > 10 && s.containsKey("down/device_unreachable")
                            && s.containsKey("down/interface_down");
                });
        JsonObject page = new JsonObject(get("/api/v1/snmp/links?limit=500"));
        assertEquals(true, page.getBoolean("simulated"), "the answer says it is simulated");
        JsonObject down = links.stream().filter(l -> "interface_down".equals(l.getString("reason"))).findFirst()
                .orElseThrow();
        assertTrue(down.getString("reason_text").contains(down.getString("if_name")), down.encode());
        assertTrue(down.getString("since") != null && down.getString("first_seen_at") != null, down.encode());
        JsonObject up = await("an up link with utilisation", () -> links().stream()
                .filter(l -> "up".equals(l.getString("status")) && l.getValue("utilisation_in") != null).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        double u = up.getDouble("utilisation_in");
        assertTrue(u > 0 && u < 1.5, "utilisation of the contracted bandwidth: " + up.encode());
        assertEquals(true, up.getBoolean("simulated"));

        JsonObject kpis = new JsonObject(get("/api/v1/kpis/values?unit=TUHS&rollup=true"));
        JsonObject wan = kpis.getJsonArray("kpis").stream().map(JsonObject.class::cast)
                .filter(k -> "WAN_CONNECTED".equals(k.getString("code"))).findFirst().orElseThrow();
        assertEquals("live", wan.getString("source"), wan.encode());
        // The KPI reads the state the module writes each second (the link list answers from memory at once).
        await("a unit missing from WAN_CONNECTED because SNMP sees its link down",
                () -> new JsonObject(get("/api/v1/kpis/WAN_CONNECTED/gaps?unit=TUHS")).getJsonArray("items").encode(),
                gaps -> gaps.contains("SNMP"));
    }

    @Test
    void testATrapArrivesAndTheMetricsFollow() {
        await("a linkDown/linkUp trap", () -> get("/api/v1/snmp/events?limit=1000"), b -> b.contains("\"TRAP\""));
        String metrics = await("link and device metrics", () -> get("/metrics"),
                m -> m.contains("hatang_link_up{") && m.contains("hatang_device_reachable{"));
        assertTrue(metrics.contains("hatang_link_utilisation_ratio{"), "utilisation is exported too");
        JsonObject status = new JsonObject(get("/api/v1/snmp/status"));
        assertEquals(true, status.getBoolean("simulated"));
        assertTrue(status.getInteger("devices_polled") > 100, status.encode());
        assertTrue(status.getString("notice").length() > 20);
    }
}
