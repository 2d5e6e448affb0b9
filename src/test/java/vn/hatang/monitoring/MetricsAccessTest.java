package vn.hatang.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.App;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.testing.TestDatabase;

/** Who may read {@code /metrics}: loopback clients by default, bearer-token holders when a token is configured. */
class MetricsAccessTest {
    private static final String TOKEN = "kiem-tra-0123456789";
    private static final Vertx CLIENT_VERTX = Vertx.vertx();
    private static final WebClient CLIENT = WebClient.create(CLIENT_VERTX);

    @BeforeAll
    static void resetDatabase() {
        TestDatabase.reset();
    }

    @AfterAll
    static void closeClient() {
        CLIENT_VERTX.close();
    }

    private static App start(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(Map.of("HATANG_HTTP_PORT", "0", "HATANG_INVENTORY", "target/no-inventory"));
        env.putAll(extraEnv);
        return App.start(HatangConfig.fromEnv(env).withDatabase(TestDatabase.options()));
    }

    private static HttpResponse<Buffer> get(String host, int port, Map<String, String> headers) throws Exception {
        var req = CLIENT.request(HttpMethod.GET, port, host, "/metrics");
        headers.forEach(req::putHeader);
        return req.send().await(30, TimeUnit.SECONDS);
    }

    /**
     * Verifies that with HATANG_METRICS_TOKEN set, a request without the token or with a wrong one gets a 401
     * problem in Vietnamese (English on request) and the right token gets the metrics.
     */
    @Test
    void testTokenIsRequiredWhenConfigured() throws Exception {
        try (App app = start(Map.of("HATANG_METRICS_TOKEN", TOKEN))) {
            var none = get("127.0.0.1", app.port(), Map.of());
            assertEquals(401, none.statusCode());
            assertTrue(none.getHeader("Content-Type").startsWith("application/problem+json"));
            assertTrue(none.getHeader("WWW-Authenticate").startsWith("Bearer"));
            assertTrue(none.bodyAsJsonObject().getString("detail").contains("HATANG_METRICS_TOKEN"));
            assertEquals("Chưa xác thực", none.bodyAsJsonObject().getString("title"));

            var wrong = get("127.0.0.1", app.port(), Map.of("Authorization", "Bearer " + TOKEN + "x",
                    "Accept-Language", "en"));
            assertEquals(401, wrong.statusCode());
            assertEquals("Unauthorized", wrong.bodyAsJsonObject().getString("title"));

            var right = get("127.0.0.1", app.port(), Map.of("Authorization", "Bearer " + TOKEN));
            assertEquals(200, right.statusCode());
            assertTrue(right.bodyAsString().contains("hatang_build_info"));
        }
    }

    /** Verifies that without a token, loopback clients read the metrics and other hosts are refused with 403. */
    @Test
    void testWithoutTokenOnlyLoopbackIsAnswered() throws Exception {
        Optional<String> external = nonLoopbackAddress();
        try (App app = start(Map.of("HATANG_HTTP_HOST", "0.0.0.0"))) {
            assertEquals(200, get("127.0.0.1", app.port(), Map.of()).statusCode());
            assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
            var remote = get(external.get(), app.port(), Map.of());
            assertEquals(403, remote.statusCode(), remote.bodyAsString());
            assertTrue(remote.bodyAsJsonObject().getString("detail").contains("HATANG_METRICS_TOKEN"));
            // the rest of the API is not affected
            assertEquals(200, CLIENT.request(HttpMethod.GET, app.port(), external.get(), "/health/live").send()
                    .await(30, TimeUnit.SECONDS).statusCode());
        }
    }

    private static Optional<String> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a.getHostAddress());
                }
            }
        }
        return Optional.empty();
    }
}
