package vn.hatang.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.hatang.App;
import vn.hatang.coverage.BenchInventory;
import vn.hatang.coverage.TargetsFile;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Scope;

/**
 * {@code bench console}: server time of the console's dashboard, device list and unit page beside the API calls that
 * carry the same data, asked alternately in the same run over loopback — on the sample province and on a
 * national-scale inventory (each in a throwaway embedded PostgreSQL). Prints p50/p99 of each and the ratio.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Đo thời gian trang của bảng điều khiển cạnh lời gọi API cùng dữ liệu (CSDL tạm).",
                "Console page times beside the API calls with the same data (throwaway databases)."})
public final class ConsoleBenchCommand implements Callable<Integer> {
    @Option(names = "--requests", defaultValue = "100", description = "lần đo mỗi trang / timed requests per page")
    int requests;

    @Option(names = "--scale", defaultValue = "both", description = "sample | national | both")
    String scale;

    @Option(names = "--inventory", defaultValue = "inventory")
    Path inventory;

    @Option(names = "--units", defaultValue = "5000")
    int units;

    @Option(names = "--people", defaultValue = "100000")
    int people;

    @Option(names = "--devices", defaultValue = "200000")
    int devices;

    @Override
    public Integer call() throws Exception {
        if (!scale.equals("national")) {
            run("sample", true);
        }
        if (!scale.equals("sample")) {
            run("national", false);
        }
        return 0;
    }

    private void run(String name, boolean sample) throws Exception {
        Path dir = Files.createTempDirectory("hatang-bench-console");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
                .setServerConfig("timezone", "UTC").setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").setServerConfig("shared_buffers", "256MB").start();
        Vertx vertx = Vertx.vertx();
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        HatangConfig config = HatangConfig.fromEnv(Map.of("HATANG_DB_URL", pg.getJdbcUrl("postgres", "postgres"),
                "HATANG_HTTP_PORT", "0", "HATANG_INVENTORY", sample ? inventory.toAbsolutePath().toString()
                        : dir.resolve("none").toString(), "HATANG_DATA_DIR", dir.toString(),
                "HATANG_AUDIT_KEY", Base64.getEncoder().encodeToString(key),
                "HATANG_SNMP_TRAP_PORT", "-1", "HATANG_COVERAGE_SCHEDULE", "off"));
        try (App app = App.start(config, java.time.Clock.systemUTC(), false)) {
            var dsl = app.db().dsl();
            if (!sample) {
                long t0 = System.nanoTime();
                dsl.execute("alter database postgres set hatang.actor = 'system:bench'");
                dsl.execute("alter database postgres set hatang.audit_detail = 'summary'");
                app.platform().database().pool().getHikariPoolMXBean().softEvictConnections();
                BenchInventory.generate(dsl, units, people, devices, 2026);
                TargetsFile.Content targets = TargetsFile.read(inventory);
                dsl.transaction(c -> targets.apply(c.dsl(), e -> {
                    throw new IllegalStateException(e.toString());
                }, s -> { }));
                dsl.execute("analyze");
                System.out.printf("bench console [%s]: generated %d units, %d people, %d devices in %d ms%n", name,
                        dsl.fetchCount(vn.hatang.db.Tables.UNIT), dsl.fetchCount(vn.hatang.db.Tables.PERSON),
                        dsl.fetchCount(vn.hatang.db.Tables.DEVICE), (System.nanoTime() - t0) / 1_000_000);
            }
            String commune = String.valueOf(dsl.fetchValue("select u.code from unit u join device d on d.unit_id = u.id"
                    + " where u.kind = 'commune' group by u.code order by count(*) desc limit 1"));
            String token = token(app);
            WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(app.port()));
            String unitId = String.valueOf(dsl.fetchValue("select id from unit where code = ?", commune));
            Map<String, List<String>> pages = new java.util.LinkedHashMap<>();
            // Each page beside the API calls whose data it shows (the same filters, the same page sizes).
            pages.put("/", List.of("/api/v1/kpis/values", "/api/v1/kpis/units?depth=20&worst=8",
                    "/api/v1/kpis/WAN_CONNECTED/gaps", "/api/v1/certificates?expiring_within_days=30&limit=8",
                    "/api/v1/devices?status=received&limit=8", "/api/v1/audit?limit=8"));
            pages.put("/devices?under=" + commune, List.of("/api/v1/devices?under=" + commune + "&limit=50"));
            pages.put("/units/" + commune, List.of("/api/v1/units/" + commune, "/api/v1/kpis/values?unit=" + commune,
                    "/api/v1/kpis/units?unit=" + commune + "&depth=1",
                    "/api/v1/people?under=" + commune + "&status=active&limit=50",
                    "/api/v1/links?under=" + commune + "&limit=100", "/api/v1/units/" + unitId + "/holdings",
                    "/api/v1/units/" + unitId + "/history"));
            for (var e : pages.entrySet()) {
                for (int i = 0; i < Math.max(3, requests / 10); i++) { // warm-up: plans, JIT
                    time(client, token, List.of(e.getKey()));
                    time(client, token, e.getValue());
                }
                List<Double> page = new ArrayList<>();
                List<Double> api = new ArrayList<>();
                Map<String, List<Double>> each = new java.util.LinkedHashMap<>();
                for (int i = 0; i < requests; i++) {
                    page.add(time(client, token, List.of(e.getKey())));
                    double sum = 0;
                    for (String uri : e.getValue()) {
                        double t = time(client, token, List.of(uri));
                        each.computeIfAbsent(uri, u -> new ArrayList<>()).add(t);
                        sum += t;
                    }
                    api.add(sum);
                }
                System.out.printf("bench console [%s]: %-28s page_p50_ms=%.1f page_p99_ms=%.1f api_p50_ms=%.1f "
                        + "api_p99_ms=%.1f (%d API calls) ratio_p99=%.2f%n", name, e.getKey().replace(commune, "<commune>"),
                        pct(page, 50), pct(page, 99), pct(api, 50), pct(api, 99), e.getValue().size(),
                        pct(page, 99) / pct(api, 99));
                // Which of the API calls the time goes to.
                each.forEach((uri, t) -> System.out.printf("bench console [%s]:   %-60s p50_ms=%.1f%n", name,
                        uri.replace(commune, "<commune>").replace("/units/" + unitId + "/", "/units/<id>/"), pct(t, 50)));
            }
        } finally {
            vertx.close();
            pg.close();
            vn.hatang.platform.FileTrees.delete(dir);
        }
    }

    private static String token(App app) throws Exception {
        Scope system = Scope.system("bench");
        var users = app.security().users();
        JsonObject u = users.create(system, Input.of(new JsonObject().put("login", "bench-console")
                .put("full_name", "bench").put("grants", new JsonArray().add(new JsonObject().put("role", "admin")))))
                .await(30, TimeUnit.SECONDS);
        return users.createToken(system, u.getLong("id"), Input.of(new JsonObject().put("name", "bench")), true)
                .await(30, TimeUnit.SECONDS).getString("token");
    }

    /** The time of a sequence of GETs, one after the other (a page is one; its API counterpart may be several). */
    private static double time(WebClient client, String token, List<String> uris) throws Exception {
        long t0 = System.nanoTime();
        for (String uri : uris) {
            HttpResponse<Buffer> r = client.get(uri).putHeader("Authorization", "Bearer " + token).send()
                    .await(60, TimeUnit.SECONDS);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(uri + ": " + r.statusCode() + " " + r.bodyAsString());
            }
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double pct(List<Double> values, int p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
