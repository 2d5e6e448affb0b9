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
    /** A random SNMP secret key for this test JVM (base64 of 32 bytes). */
    public static final String SNMP_KEY = java.util.Base64.getEncoder().encodeToString(
            new java.security.SecureRandom().generateSeed(32));
    private final App app;
    private final Vertx clientVertx = Vertx.vertx();
    private final WebClient client;

    private TestServer(App app) {
        this.app = app;
        this.client = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(app.port()));
    }

    /** A server with no sample inventory (tests build their own fixtures). */
    public static TestServer start() {
        return start(Path.of("target/no-inventory"));
    }

    public static TestServer start(Path inventory) {
        // Background schedules off (a snapshot landing during another test's table reset could deadlock it), no trap
        // port (tests that need traps start their own receiver).
        // The test database is external to the service, so SNMP needs a key of its own (as every instance would).
        HatangConfig base = HatangConfig.fromEnv(Map.of("HATANG_HTTP_PORT", "0", "HATANG_INVENTORY", inventory.toString(),
                "HATANG_COVERAGE_SCHEDULE", "off", "HATANG_SNMP_TRAP_PORT", "-1", "HATANG_SNMP_KEY", SNMP_KEY));
        return new TestServer(App.start(base.withDatabase(TestDatabase.options())));
    }

    public App app() {
        return app;
    }

    public int port() {
        return app.port();
    }

    public WebClient client() {
        return client;
    }

    /** Sends a request and waits for the answer (tests run on their own thread, never on an event loop). */
    public HttpResponse<Buffer> send(HttpMethod method, String uri, JsonObject body, Map<String, String> headers) {
        var req = client.request(method, uri);
        headers.forEach(req::putHeader);
        var future = body == null ? req.send() : req.sendJsonObject(body);
        try {
            return future.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + uri + " failed", e);
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
