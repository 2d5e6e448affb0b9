package vn.hatang.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verifies how the problem handler words failures that reach it from Vert.x's own handlers rather than from ours: a
 * failure of netty's HTTP decoder (the body handler passes a bad chunk size on as a bare NumberFormatException) is a
 * 400 about the body's framing, while the same exception type from anywhere else stays a 500.
 */
class ProblemHandlerTest {
    private static Vertx vertx;
    private static HttpServer server;
    private static Throwable decoderFailure;

    @BeforeAll
    static void start() throws Exception {
        decoderFailure = decode("POST /api/v1/units HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n");
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/decoder").handler(ctx -> ctx.fail(decoderFailure));
        router.get("/ours").handler(ctx -> ctx.fail(new NumberFormatException("For input string: \"x\"")));
        router.route().failureHandler(new ProblemHandler());
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    /** What netty's own request decoder reports for {@code request}. */
    private static Throwable decode(String request) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestDecoder());
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        Throwable cause = null;
        for (Object m; (m = channel.readInbound()) != null; ) {
            if (m instanceof HttpObject o && o.decoderResult().isFailure()) {
                cause = o.decoderResult().cause();
            }
        }
        channel.finishAndReleaseAll();
        assertNotNull(cause, "netty refuses a chunk size that is not hexadecimal");
        return cause;
    }

    @Test
    void testADecoderFailureIsA400AboutTheBodyAndAnyOtherStaysA500() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> framing = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                + "/decoder")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, framing.statusCode(), framing.body());
        JsonObject problem = new JsonObject(framing.body());
        assertEquals("body", problem.getString("field"));
        assertEquals("/problems/invalid-input", problem.getString("type"));
        HttpResponse<String> ours = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                + "/ours")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(500, ours.statusCode(), ours.body());
    }
}
