package vn.hatang.fuzz;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.SchemaCheck;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * Property: whatever a client sends to any operation of the published OpenAPI description, the service never answers
 * 5xx; every 4xx is {@code application/problem+json} whose {@code status} is the answer's, and one about the input
 * ({@code invalid-input}) names the {@code field}; no answer shows a stack trace or SQL; every acknowledged write
 * leaves its one audit row. Requests are derived from the served description only (see {@link RequestMaker}), as the
 * test administrator and anonymously, against the sample province. Seeded and bounded: the same requests every run.
 */
class ApiFuzzTest {
    static final int TRIES = 3000;
    private static TestServer server;
    private static Vertx vertx;
    private static HttpClient http;
    private static Contract contract;
    private static RequestMaker maker;
    private static final Map<String, AtomicInteger> perOperation = new ConcurrentHashMap<>();
    private static final Map<Integer, AtomicInteger> perStatus = new ConcurrentHashMap<>();
    private static final AtomicInteger sent = new AtomicInteger();
    private static final Map<String, java.util.concurrent.atomic.AtomicLong> elapsed = new ConcurrentHashMap<>();

    private static long started;

    @BeforeContainer
    static void start() {
        long t0 = System.nanoTime();
        TestDatabase.reset();
        server = TestServer.start(SmallProvince.create());
        vertx = Vertx.vertx();
        http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port())
                .setMaxInitialLineLength(1 << 20).setMaxHeaderSize(1 << 20));
        var doc = server.send(HttpMethod.GET, "/api/v1/openapi.yaml", null, Map.of("Authorization", TestServer.ANONYMOUS));
        contract = Contract.parse(doc.bodyAsString());
        maker = new RequestMaker(contract, fixtureCodes(), "Bearer " + TestDatabase.ADMIN_TOKEN);
        started = System.nanoTime();
        System.out.printf("fuzz: server with the sample province ready in %d ms%n", (started - t0) / 1_000_000);
    }

    /** A few real codes of every kind, so that plausible requests find their objects. */
    private static List<String> fixtureCodes() {
        var dsl = TestDatabase.dsl();
        List<String> codes = new ArrayList<>();
        for (String q : List.of("select code from unit order by id limit 12", "select code from person order by id limit 6",
                "select serial from device order by id limit 6", "select code from rack order by id limit 3",
                "select code from link order by id limit 3", "select code from kpi_definition order by code",
                "select serial from pki_token order by id limit 3", "select code from information_system limit 2",
                "select code from investment_line limit 2")) {
            codes.addAll(dsl.fetch(q).getValues(0, String.class));
        }
        return codes;
    }

    @AfterContainer
    static void stop() {
        Map<String, Integer> statuses = new TreeMap<>();
        perStatus.forEach((k, v) -> statuses.put(String.valueOf(k), v.get()));
        long missing = contract.operations().stream().filter(o -> !perOperation.containsKey(o.operationId())).count();
        System.out.printf("fuzz: requests=%d operations=%d/%d statuses=%s own_token_restored=%d in %d ms%n", sent.get(),
                perOperation.size(), contract.operations().size(), statuses, restoredTokens.get(),
                (System.nanoTime() - started) / 1_000_000);
        elapsed.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue().get(), x.getValue().get())).limit(8)
                .forEach(e -> System.out.printf("fuzz: %s took %d ms in %d requests%n", e.getKey(),
                        e.getValue().get() / 1_000_000, perOperation.get(e.getKey()).get()));
        failures.forEach(f -> System.out.println("FUZZ FAILURE " + f.replace('\n', ' ')));
        http.close();
        vertx.close();
        server.close();
        if (missing > 0) {
            throw new AssertionError(missing + " operations were never sent; raise TRIES");
        }
    }

    @Provide
    Arbitrary<RequestMaker.Request> requests() {
        return Arbitraries.of(contract.operations()).flatMap(op -> Arbitraries.randomValue(r -> maker.make(op, r)));
    }

    @Property(tries = TRIES, seed = "20261203", shrinking = ShrinkingMode.OFF)
    void noRequestMakesTheServiceFailOrAnswerWithoutAProblem(@ForAll("requests") RequestMaker.Request req) {
        long t0 = System.nanoTime();
        Answer a = send(req);
        elapsed.computeIfAbsent(req.op().operationId(), k -> new java.util.concurrent.atomic.AtomicLong())
                .addAndGet(System.nanoTime() - t0);
        sent.incrementAndGet();
        perOperation.computeIfAbsent(req.op().operationId(), k -> new AtomicInteger()).incrementAndGet();
        perStatus.computeIfAbsent(a.status, k -> new AtomicInteger()).incrementAndGet();
        keepOwnToken(req, a);
        try {
            check(req, a);
        } catch (AssertionError e) {
            if (!COLLECT) {
                throw e;
            }
            failures.add(e.getMessage());
        }
    }

    /**
     * {@code DELETE /auth/api-tokens/1} revokes the fuzzer's own token, rightly; the rest of the run would then be
     * nothing but 401s (which requests reach the handlers would depend on when that request came). The token is
     * given back, as the fixture's own write.
     */
    private static void keepOwnToken(RequestMaker.Request req, Answer a) {
        if (a.status >= 200 && a.status < 300 && req.op().operationId().matches("revoke(My|User)ApiToken")) {
            restoredTokens.addAndGet(TestDatabase.dsl().update(vn.hatang.db.Tables.API_TOKEN)
                    .setNull(vn.hatang.db.Tables.API_TOKEN.REVOKED_AT)
                    .where(vn.hatang.db.Tables.API_TOKEN.TOKEN_HASH.eq(vn.hatang.security.Secrets.sha256(TestDatabase.ADMIN_TOKEN)))
                    .and(vn.hatang.db.Tables.API_TOKEN.REVOKED_AT.isNotNull()).execute());
        }
    }

    private static final AtomicInteger restoredTokens = new AtomicInteger();

    /** {@code -Dfuzz.collect=true}: list every failure at the end instead of stopping at the first. */
    private static final boolean COLLECT = Boolean.getBoolean("fuzz.collect");
    private static final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    record Answer(int status, String contentType, String body, String requestId) {
    }

    static Answer send(RequestMaker.Request req) {
        try {
            return http.request(new RequestOptions().setMethod(HttpMethod.valueOf(req.method())).setURI(req.uri()))
                    .compose(c -> {
                        if (req.auth() != null) {
                            c.putHeader("Authorization", req.auth());
                        }
                        if (req.contentType() != null && req.body() != null) {
                            c.putHeader("Content-Type", req.contentType());
                        }
                        if (req.ifMatch() != null) {
                            c.putHeader("If-Match", req.ifMatch());
                        }
                        return (req.body() == null ? c.send() : c.send(Buffer.buffer(req.body())))
                                .compose(resp -> resp.body().map(b -> answer(resp, b)));
                    }).await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer within 20 s (or the connection broke): " + req, e);
        }
    }

    private static Answer answer(HttpClientResponse resp, Buffer body) {
        return new Answer(resp.statusCode(), resp.getHeader("Content-Type"), body.toString(),
                resp.getHeader("X-Request-Id"));
    }

    static void check(RequestMaker.Request req, Answer a) {
        String where = req + "\n→ " + a.status + " " + a.contentType + " " + abbreviate(a.body);
        if (a.status >= 500) {
            throw new AssertionError("5xx: " + where);
        }
        // A public operation answers 401 to what its body says (a wrong password); any other refuses only bad tokens.
        if (a.status == 401 && ("Bearer " + TestDatabase.ADMIN_TOKEN).equals(req.auth()) && !"public".equals(req.op().permission())) {
            throw new AssertionError("the fuzzer's own token was refused (an earlier request locked it out): " + where);
        }
        for (String leak : List.of("Exception", "\tat ", "org.jooq", "PSQL", "SQL state", "java.lang")) {
            int at = a.body.indexOf(leak);
            if (at >= 0) {
                throw new AssertionError("the answer shows internals (…" + a.body.substring(Math.max(0, at - 150),
                        Math.min(a.body.length(), at + 150)) + "…): " + where);
            }
        }
        if (a.status >= 400 && !req.method().equals("HEAD")) {
            if (a.contentType == null || !a.contentType.startsWith("application/problem+json")) {
                throw new AssertionError("a 4xx that is not problem+json: " + where);
            }
            JsonObject p = new JsonObject(a.body);
            if (p.getInteger("status", -1) != a.status || p.getString("type") == null || p.getString("title") == null) {
                throw new AssertionError("an incomplete problem: " + where);
            }
            if ("/problems/invalid-input".equals(p.getString("type")) && p.getString("field") == null) {
                throw new AssertionError("a problem about the input that names no field: " + where);
            }
        }
        JsonObject declared = req.op().answers().get(a.status);
        if (declared != null && !req.method().equals("HEAD") && a.contentType != null
                && a.contentType.startsWith("application/json")) {
            try {
                SchemaCheck.answer(declared, io.vertx.core.json.Json.decodeValue(a.body));
            } catch (ApiException e) {
                throw new AssertionError("the answer does not fit its declared schema at " + e.field() + " ("
                        + e.messageKey() + "): " + where);
            }
        }
        if (a.status >= 200 && a.status < 300 && !req.method().equals("GET") && !req.method().equals("HEAD")) {
            int rows = TestDatabase.dsl().fetchCount(vn.hatang.db.Tables.AUDIT_LOG,
                    vn.hatang.db.Tables.AUDIT_LOG.REQUEST_ID.eq(a.requestId));
            if (rows != 1) {
                throw new AssertionError("an acknowledged write left " + rows + " audit rows: " + where);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }
}
