package vn.hatang.security;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
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
import vn.hatang.platform.config.HatangConfig;

/**
 * {@code bench access}: what access control and the audit cost, measured side by side in one run on a throwaway
 * embedded PostgreSQL with the sample province. The hottest list, {@code GET /api/v1/devices?limit=100}, is asked
 * alternately by the administrator (whole tree: no scope condition) and by a commune operator (the subtree
 * condition in the query), and one write ({@code PATCH /people/{id}}) is timed with its audit row against the same
 * write whose audit capture is switched off in the database. Prints p50/p99 of each.
 */
@Command(name = "access", mixinStandardHelpOptions = true,
        description = {"Đo chi phí phân quyền và nhật ký kiểm toán (CSDL tạm, tỉnh mẫu).",
                "Cost of scope and of the audit, side by side (throwaway database, sample province)."})
public final class AccessBenchCommand implements Callable<Integer> {
    @Option(names = "--requests", defaultValue = "400", description = "yêu cầu mỗi bên / requests per side")
    int requests;

    @Option(names = "--inventory", defaultValue = "inventory")
    Path inventory;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("hatang-bench-access");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
                .setServerConfig("timezone", "UTC").start();
        Vertx vertx = Vertx.vertx();
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        HatangConfig config = HatangConfig.fromEnv(Map.of("HATANG_DB_URL", pg.getJdbcUrl("postgres", "postgres"),
                "HATANG_HTTP_PORT", "0", "HATANG_INVENTORY", inventory.toAbsolutePath().toString(),
                "HATANG_DATA_DIR", dir.toString(), "HATANG_AUDIT_KEY", Base64.getEncoder().encodeToString(key),
                "HATANG_SNMP_TRAP_PORT", "-1", "HATANG_COVERAGE_SCHEDULE", "off"));
        try (App app = App.start(config, java.time.Clock.systemUTC(), false)) {
            WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(app.port()));
            var users = app.security().users();
            Scope system = Scope.system("bench");
            String commune = String.valueOf(app.db().dsl().fetchValue("select u.code from unit u join device d on "
                    + "d.unit_id = u.id where u.kind = 'commune' group by u.code order by count(*) desc limit 1"));
            String admin = token(users, system, "bench-admin", null);
            String operator = token(users, system, "bench-operator", commune);
            long person = ((Number) app.db().dsl().fetchValue("select id from person order by id limit 1")).longValue();

            List<Double> asAdmin = new ArrayList<>();
            List<Double> asOperator = new ArrayList<>();
            for (int i = 0; i < requests / 10; i++) { // warm-up: plans, JIT
                time(client, HttpMethod.GET, "/api/v1/devices?limit=100", admin, null);
                time(client, HttpMethod.GET, "/api/v1/devices?limit=100", operator, null);
            }
            for (int i = 0; i < requests; i++) {
                asAdmin.add(time(client, HttpMethod.GET, "/api/v1/devices?limit=100", admin, null));
                asOperator.add(time(client, HttpMethod.GET, "/api/v1/devices?limit=100", operator, null));
            }
            // The audit's cost per write: the same one-row update in a transaction with the audit (capture by
            // trigger, one chained row before commit) and in one whose hook only names the actor, capture off.
            vn.hatang.platform.db.Db audited = app.db();
            vn.hatang.platform.db.Db bare = new vn.hatang.platform.db.Db(app.db().dsl(), app.db().blocking(),
                    new vn.hatang.platform.db.Db.TransactionHook() {
                        @Override
                        public void opened(org.jooq.DSLContext tx, Actor actor) {
                            tx.execute("select set_config('hatang.actor', 'system:bench', true), "
                                    + "set_config('hatang.audit_detail', 'summary', true)");
                        }

                        @Override
                        public void closing(org.jooq.DSLContext tx, Scope scope) {
                        }
                    });
            List<Double> withAudit = new ArrayList<>();
            List<Double> without = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                withAudit.add(write(audited, system, person, "a" + i));
                without.add(write(bare, system, person, "b" + i));
            }
            System.out.printf("bench access: list_admin_p50_ms=%.2f list_admin_p99_ms=%.2f list_operator_p50_ms=%.2f "
                    + "list_operator_p99_ms=%.2f%n", pct(asAdmin, 50), pct(asAdmin, 99), pct(asOperator, 50),
                    pct(asOperator, 99));
            System.out.printf("bench access: write_audited_p50_ms=%.3f write_audited_p99_ms=%.3f "
                    + "write_bare_p50_ms=%.3f write_bare_p99_ms=%.3f audit_overhead_p50_ms=%.3f%n",
                    pct(withAudit, 50), pct(withAudit, 99), pct(without, 50), pct(without, 99),
                    pct(withAudit, 50) - pct(without, 50));
            return 0;
        } finally {
            vertx.close();
            pg.close();
            vn.hatang.platform.FileTrees.delete(dir);
        }
    }

    private static String token(UserService users, Scope system, String login, String unit) throws Exception {
        JsonArray grants = new JsonArray().add(new JsonObject().put("role", unit == null ? "admin" : "operator")
                .put("unit_code", unit));
        JsonObject u = users.create(system, vn.hatang.platform.json.Input.of(new JsonObject().put("login", login)
                .put("full_name", login).put("unit_code", unit).put("grants", grants))).await(30, TimeUnit.SECONDS);
        return users.createToken(system, u.getLong("id"), vn.hatang.platform.json.Input.of(new JsonObject()
                .put("name", "bench")), true).await(30, TimeUnit.SECONDS).getString("token");
    }

    private static double write(vn.hatang.platform.db.Db db, Scope scope, long person, String title) {
        long t0 = System.nanoTime();
        db.inTransaction(scope, dsl -> dsl.update(vn.hatang.db.Tables.PERSON).set(vn.hatang.db.Tables.PERSON.TITLE, title)
                .where(vn.hatang.db.Tables.PERSON.ID.eq(person)).execute());
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double time(WebClient client, HttpMethod method, String uri, String token, JsonObject body)
            throws Exception {
        long t0 = System.nanoTime();
        var req = client.request(method, uri).putHeader("Authorization", "Bearer " + token);
        HttpResponse<Buffer> r = (body == null ? req.send() : req.sendJsonObject(body)).await(30, TimeUnit.SECONDS);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + uri + ": " + r.statusCode() + " " + r.bodyAsString());
        }
        return ms;
    }

    private static double pct(List<Double> values, int p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
