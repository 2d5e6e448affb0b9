package vn.hatang.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * hatang holding the sample province, scraped by a real Prometheus (Debian package {@code prometheus}) configured from
 * {@code monitoring/prometheus.yml} with its rules: what Prometheus stores must be what hatang's API says.
 */
class PrometheusInteropTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static TestServer server;
    private static Path dir;
    private static Process prometheus;
    private static int promPort;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        TestDatabase.reset();
        server = TestServer.start(Path.of("inventory"));
        dir = Files.createTempDirectory("hatang-prometheus");
        promPort = freePort();
        Path config = dir.resolve("prometheus.yml");
        writeAdaptedConfig(config, server.port());
        prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort,
                "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** monitoring/prometheus.yml with the target, a 1 s scrape and evaluation interval, and absolute rule paths. */
    @SuppressWarnings("unchecked")
    private static void writeAdaptedConfig(Path target, int hatangPort) throws IOException {
        Map<String, Object> cfg;
        try (Reader in = Files.newBufferedReader(PromtoolRulesTest.MONITORING.resolve("prometheus.yml"))) {
            cfg = new Yaml().load(in);
        }
        Map<String, Object> global = (Map<String, Object>) cfg.get("global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        List<String> rules = new ArrayList<>();
        for (Object r : (List<Object>) cfg.get("rule_files")) {
            rules.add(PromtoolRulesTest.MONITORING.toAbsolutePath().resolve((String) r).toString());
        }
        cfg.put("rule_files", rules);
        Map<String, Object> job = ((List<Map<String, Object>>) cfg.get("scrape_configs")).get(0);
        assertEquals("hatang", job.get("job_name"));
        job.put("scrape_interval", "1s");
        job.put("scrape_timeout", "1s");
        Map<String, Object> targets = ((List<Map<String, Object>>) job.get("static_configs")).get(0);
        targets.put("targets", List.of("127.0.0.1:" + hatangPort));
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        try (Writer out = Files.newBufferedWriter(target)) {
            new Yaml(o).dump(cfg, out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Polls until {@code check} yields a value or the deadline passes (then fails with Prometheus's log). */
    private static <T> T await(String what, Supplier<Optional<T>> check) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            if (!prometheus.isAlive()) {
                fail("prometheus exited: " + log());
            }
            Optional<T> v = check.get();
            if (v.isPresent()) {
                return v.get();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        return fail("timed out waiting for " + what + "; prometheus log: " + log());
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Optional<JsonObject> api(String path) {
        try {
            var r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            // 503 "Service Unavailable" (plain text) while Prometheus is still starting
            return r.statusCode() == 503 ? Optional.empty() : Optional.of(new JsonObject(r.body()));
        } catch (IOException e) {
            return Optional.empty(); // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<JsonObject> query(String promql) {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** The single value of an instant query, once Prometheus has it. */
    private static double value(String promql) {
        return await(promql, () -> query(promql)
                .filter(j -> "success".equals(j.getString("status")))
                .map(j -> j.getJsonObject("data").getJsonArray("result"))
                .filter(a -> !a.isEmpty())
                .map(a -> Double.parseDouble(a.getJsonObject(0).getJsonArray("value").getString(1))));
    }

    /**
     * Verifies that Prometheus scrapes hatang with the shipped configuration and that the device counts it stores
     * equal what hatang's own API lists, province-wide and for one directly subordinate unit with communes.
     */
    @Test
    void testPrometheusSeesTheSameDeviceCountsAsTheApi() {
        assertEquals(1.0, value("up{job=\"hatang\"}"));

        int total = MetricsEndpointTest.countViaApi(server, "/api/v1/devices?class=endpoint");
        assertEquals(total, (int) value("sum(hatang_devices{category=~\"pc|laptop|tablet|printer|scanner\"})"));

        String parent = TestDatabase.dsl().select(UNIT.CODE).from(UNIT).where(UNIT.DEPTH.eq(1))
                .and(UNIT.ID.in(TestDatabase.dsl().select(UNIT.PARENT_ID).from(UNIT).where(UNIT.DEPTH.eq(2))))
                .limit(1).fetchOne(UNIT.CODE);
        int inService = MetricsEndpointTest.countViaApi(server,
                "/api/v1/devices?under=" + parent + "&category=laptop&status=in_service");
        assertTrue(inService > 0);
        assertEquals(inService, (int) value("sum(hatang_devices{unit=\"" + parent
                + "\",category=\"laptop\",state=\"in_service\"})"));
        assertEquals(1.0, value("hatang_unit_info{unit=\"VPTU\",name=\"Văn phòng Tỉnh ủy\"}"));
    }

    /**
     * Verifies that a KPI Prometheus stores for the province equals the value of hatang's own KPI API (roll-up over
     * the whole tree), for every KPI that has a denominator.
     */
    @Test
    void testPrometheusSeesTheSameKpiValuesAsTheApi() {
        var values = server.get("/api/v1/kpis/values?unit=TUHS&rollup=true").bodyAsJsonObject().getJsonArray("kpis");
        int compared = 0;
        for (Object o : values) {
            JsonObject kpi = (JsonObject) o;
            JsonObject value = kpi.getJsonObject("value");
            if (value.getInteger("den") == 0) {
                continue;
            }
            double expected = value.getInteger("num") / (double) value.getInteger("den");
            double scraped = value("hatang_kpi_value_ratio{kpi=\"" + kpi.getString("code") + "\",unit=\"TUHS\"}");
            assertEquals(expected, scraped, 1e-9, kpi.getString("code"));
            compared++;
        }
        assertTrue(compared >= 6, "KPIs compared: " + compared);
    }

    /** Verifies that Prometheus loads the shipped rules, evaluates every one without error, and nothing fires. */
    @Test
    void testRulesLoadAndEvaluateCleanly() throws IOException {
        int expected = PromtoolRulesTest.alerts().size();
        JsonArray rules = await("every rule evaluated", () -> api("/api/v1/rules")
                .filter(j -> "success".equals(j.getString("status")))
                .map(j -> {
                    JsonArray all = new JsonArray();
                    j.getJsonObject("data").getJsonArray("groups")
                            .forEach(g -> ((JsonObject) g).getJsonArray("rules").forEach(all::add));
                    return all;
                })
                .filter(all -> all.size() == expected && all.stream()
                        .allMatch(r -> !((JsonObject) r).getString("health").equals("unknown"))));
        for (Object o : rules) {
            JsonObject r = (JsonObject) o;
            assertEquals("ok", r.getString("health"), r.encodePrettily());
        }
        value("up{job=\"hatang\"}");
        JsonArray firing = api("/api/v1/alerts").orElseThrow().getJsonObject("data").getJsonArray("alerts");
        // pending right after start-up (no scrape yet) is expected; firing is not
        assertTrue(firing.stream().map(a -> (JsonObject) a).noneMatch(a -> "firing".equals(a.getString("state"))),
                firing.encodePrettily());
        // The sample province is behind on several KPIs: once evaluated, the alerts that would page an on-call person
        // are one per KPI (no unit label); the per-unit detail is info only.
        JsonArray pending = await("KPI alerts pending", () -> api("/api/v1/alerts")
                .map(j -> j.getJsonObject("data").getJsonArray("alerts"))
                .filter(a -> a.stream().anyMatch(x -> "HatangKpiBelowTargetAfterDeadline".equals(
                        ((JsonObject) x).getJsonObject("labels").getString("alertname")))));
        List<JsonObject> paging = pending.stream().map(a -> ((JsonObject) a).getJsonObject("labels"))
                .filter(l -> !"info".equals(l.getString("severity"))).toList();
        assertTrue(paging.stream().filter(l -> l.getString("alertname").startsWith("HatangKpi")).noneMatch(l -> l.containsKey("unit")),
                paging.toString());
        long kpis = paging.stream().filter(l -> l.getString("alertname").startsWith("HatangKpi")).count();
        assertTrue(kpis <= 2 * 8, "at most two per KPI: " + paging);
        System.out.println("pending alerts in the sample province: " + pending.size() + ", of which not info: " + paging.size());
    }

    /** Verifies that every query of the Grafana dashboard is valid PromQL that Prometheus accepts. */
    @Test
    void testDashboardQueriesAreValidPromQl() throws IOException {
        JsonObject dash = new JsonObject(Files.readString(PromtoolRulesTest.MONITORING.resolve("grafana/hatang.json")));
        List<String> exprs = new ArrayList<>();
        dash.getJsonArray("panels").forEach(p -> {
            JsonArray targets = ((JsonObject) p).getJsonArray("targets");
            if (targets != null) {
                targets.forEach(t -> exprs.add(((JsonObject) t).getString("expr")));
            }
        });
        assertTrue(exprs.size() > 20, "dashboard queries: " + exprs.size());
        value("up{job=\"hatang\"}");
        for (String e : exprs) {
            String promql = e.replace("$__rate_interval", "1m").replace("$province", "TUHS");
            JsonObject r = query(promql).orElseThrow();
            assertEquals("success", r.getString("status"), promql + " → " + r.encode());
        }
        // the province variable finds the provincial committee
        assertEquals(1.0, value("count(hatang_unit_info{kind=\"provincial_committee\"})"));
    }
}
