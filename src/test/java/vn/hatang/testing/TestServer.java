package vn.hatang.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.hatang.App;
import vn.hatang.platform.config.HatangConfig;

/**
 * The whole service on a random loopback port against the shared test database, with a blocking HTTP client for
 * tests that read like a user's session. Start it per test class; {@link #close()} stops it.
 */
public final class TestServer implements AutoCloseable {
    private final App app;
    private final Vertx clientVertx = Vertx.vertx();
    private final WebClient plain;
    private final WebClient client;

    private TestServer(App app) {
        this.app = app;
        this.plain = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(app.port()));
        this.client = io.vertx.ext.web.client.WebClientSession.create(plain)
                .addHeader("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN);
    }

    /** A server with no sample inventory (tests build their own fixtures). */
    public static TestServer start() {
        return start(Path.of("target/no-inventory"));
    }

    public static TestServer start(Path inventory) {
        // Background schedules off (a snapshot landing during another test's table reset could deadlock it), no trap
        // port (tests that need traps start their own receiver).
        return start(inventory, Map.of());
    }

    /** With further environment variables (they win over the test defaults). */
    public static TestServer start(Path inventory, Map<String, String> extra) {
        return start(inventory, extra, java.time.Clock.systemUTC());
    }

    /** With the service's clock given (a {@link MutableClock} moves sessions and tokens towards their expiry). */
    public static TestServer start(Path inventory, Map<String, String> extra, java.time.Clock clock) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("HATANG_HTTP_PORT", "0", "HATANG_INVENTORY",
                inventory.toString(), "HATANG_COVERAGE_SCHEDULE", "off", "HATANG_SNMP_TRAP_PORT", "-1",
                "HATANG_AUDIT_KEY", TestDatabase.AUDIT_KEY));
        env.putAll(extra);
        HatangConfig base = HatangConfig.fromEnv(env);
        return new TestServer(App.start(base.withDatabase(TestDatabase.options()), clock, false));
    }

    public App app() {
        return app;
    }

    public int port() {
        return app.port();
    }

    /** A client that sends the test administrator's token with every request. */
    public WebClient client() {
        return client;
    }

    /** A client with no credentials (and no cookies kept). */
    public WebClient anonymousClient() {
        return plain;
    }

    /** Header value that makes a request anonymous (no credentials at all). */
    public static final String ANONYMOUS = "anonymous";

    /**
     * Sends a request and waits for the answer (tests run on their own thread, never on an event loop). Unless the
     * headers say otherwise ({@code Authorization}, or {@link #ANONYMOUS} as its value), it goes as the test
     * administrator.
     */
    public HttpResponse<Buffer> send(HttpMethod method, String uri, JsonObject body, Map<String, String> headers) {
        var req = plain.request(method, uri);
        if (!headers.containsKey("Authorization")) {
            req.putHeader("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN);
        }
        headers.forEach((k, v) -> {
            if (!(k.equals("Authorization") && v.equals(ANONYMOUS))) {
                req.putHeader(k, v);
            }
        });
        var future = body == null ? req.send() : req.sendJsonObject(body);
        HttpResponse<Buffer> r;
        try {
            r = future.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + uri + " failed", e);
        }
        checkAudited(method, uri, r);
        return r;
    }

    /**
     * Every write the service acknowledged left exactly one audit row, with this request's id (so every API test is
     * also a test of the audit).
     */
    public static void checkAudited(HttpMethod method, String uri, HttpResponse<Buffer> r) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || r.statusCode() < 200 || r.statusCode() > 299) {
            return;
        }
        String requestId = r.getHeader("X-Request-Id");
        int rows = TestDatabase.dsl().fetchCount(vn.hatang.db.Tables.AUDIT_LOG,
                vn.hatang.db.Tables.AUDIT_LOG.REQUEST_ID.eq(requestId));
        if (rows != 1) {
            throw new AssertionError(method + " " + uri + " answered " + r.statusCode() + " and left " + rows
                    + " audit rows (expected exactly 1)");
        }
    }

    public HttpResponse<Buffer> get(String uri) {
        return send(HttpMethod.GET, uri, null, Map.of());
    }

    public HttpResponse<Buffer> post(String uri, JsonObject body) {
        return send(HttpMethod.POST, uri, body, Map.of());
    }

    public HttpResponse<Buffer> patch(String uri, JsonObject body, Map<String, String> headers) {
        return send(HttpMethod.PATCH, uri, body, headers);
    }

    @Override
    public void close() {
        app.close();
        clientVertx.close();
    }
}
