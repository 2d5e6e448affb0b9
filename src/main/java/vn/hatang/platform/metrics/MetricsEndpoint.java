package vn.hatang.platform.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.config.HatangConfig.MetricsOptions;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.HttpVerticle;

/**
 * {@code GET /metrics}: the registry in the format the scraper asks for in {@code Accept} (Prometheus text 0.0.4 by
 * default, OpenMetrics text, or protobuf). The scrape runs on the worker pool because domain collectors query the
 * database. Access: with no token configured only loopback clients are answered (403 otherwise); with
 * {@code HATANG_METRICS_TOKEN} every request needs {@code Authorization: Bearer <token>} (401 otherwise).
 */
public final class MetricsEndpoint implements HttpVerticle.RouterExtension {
    public static final String PATH = "/metrics";

    private final MetricsOptions options;
    private final PrometheusRegistry registry;
    private final Blocking blocking;
    private final ExpositionFormats formats = ExpositionFormats.init();

    public MetricsEndpoint(MetricsOptions options, PrometheusRegistry registry, Blocking blocking) {
        this.options = options;
        this.registry = registry;
        this.blocking = blocking;
    }

    @Override
    public void addRoutes(Router root) {
        root.get(PATH).handler(this::scrape);
    }

    private void scrape(RoutingContext ctx) {
        if (options.tokenRequired()) {
            if (!bearerMatches(ctx.request().getHeader("Authorization"))) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"hatang-metrics\"");
                ctx.fail(ApiException.of(401, "unauthorized", "error.metrics_token"));
                return;
            }
        } else if (!isLoopback(ctx.request().remoteAddress())) {
            ctx.fail(ApiException.of(403, "forbidden", "error.metrics_remote"));
            return;
        }
        String accept = ctx.request().getHeader("Accept");
        ExpositionFormatWriter writer = formats.findWriter(accept);
        EscapingScheme escaping = EscapingScheme.fromAcceptHeader(accept);
        blocking.run(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            writer.write(out, registry.scrape(), escaping);
            return Buffer.buffer(out.toByteArray());
        }).onSuccess(body -> ctx.response()
                .putHeader("Content-Type", writer.getContentType())
                .putHeader("Cache-Control", "no-store")
                .end(body))
                .onFailure(ctx::fail);
    }

    private boolean bearerMatches(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, options.token().getBytes(StandardCharsets.UTF_8));
    }

    /** The remote address is an IP literal, so this never resolves a name. */
    private static boolean isLoopback(SocketAddress remote) {
        if (remote == null || remote.hostAddress() == null) {
            return false;
        }
        try {
            return InetAddress.getByName(remote.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
