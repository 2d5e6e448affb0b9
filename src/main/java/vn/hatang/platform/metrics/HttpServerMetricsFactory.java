package vn.hatang.platform.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerConfig;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import java.util.Set;

/**
 * HTTP server metrics through Vert.x's public metrics SPI: Vert.x Web reports every route a request passes through
 * ({@link HttpServerMetrics#requestRouted}), so the {@code route} label is the matched route <em>template</em>
 * ({@code /api/v1/devices/:id}), never the raw path, and cardinality stays bounded by the number of routes.
 * Register with {@code Vertx.builder().withMetrics(factory)} and metrics enabled in {@link VertxOptions}.
 */
public final class HttpServerMetricsFactory implements VertxMetricsFactory {
    /** Requests that matched no route with a path (404s, scanners) share one label value. */
    static final String UNMATCHED = "unmatched";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final Counter requests;
    private final Histogram duration;

    public HttpServerMetricsFactory(PrometheusRegistry registry) {
        requests = Counter.builder()
                .name("hatang_http_requests_total")
                .help("HTTP requests answered, by method, route template and status code")
                .labelNames("method", "route", "status")
                .register(registry);
        duration = Histogram.builder()
                .name("hatang_http_request_duration_seconds")
                .help("Time from request start to the end of the response, by method and route template")
                .unit(Unit.SECONDS)
                .labelNames("method", "route")
                .classicOnly()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
    }

    @Override
    public VertxMetrics metrics(VertxOptions options) {
        return new VertxMetrics() {
            @Override
            public HttpServerMetrics<?, ?> createHttpServerMetrics(HttpServerConfig config, SocketAddress tcp,
                    SocketAddress udp) {
                return new ServerMetrics();
            }
        };
    }

    /** One request in flight: when it began and the route template accumulated so far. */
    static final class RequestState {
        final long startNanos = System.nanoTime();
        final String method;
        private String prefix = "";
        private String template;

        RequestState(String method) {
            this.method = method;
        }

        /**
         * Vert.x Web names a route by its path. A mount point ({@code /api/v1/*}) opens a prefix for the routes of its
         * sub-router; reported again (failure routing restarts from the root router) it resets the prefix rather
         * than doubling it. A route with a path sets the template; a route without one (body handler, failure
         * handler) names nothing and is skipped, so a request that fails keeps the template of the route it reached.
         */
        void routed(String name) {
            if (name == null || name.isEmpty()) {
                return;
            }
            if (name.endsWith("/*")) {
                String mount = name.substring(0, name.length() - 2);
                prefix = !prefix.isEmpty() && prefix.startsWith(mount) ? mount : join(prefix, mount);
            } else {
                template = join(prefix, name);
            }
        }

        String template() {
            if (template != null) {
                return template;
            }
            return prefix.isEmpty() ? UNMATCHED : prefix + "/*";
        }

        private static String join(String prefix, String path) {
            if (prefix.isEmpty()) {
                return path;
            }
            if (prefix.endsWith("/") && path.startsWith("/")) {
                return prefix + path.substring(1);
            }
            return prefix.endsWith("/") || path.startsWith("/") ? prefix + path : prefix + "/" + path;
        }
    }

    private final class ServerMetrics implements HttpServerMetrics<RequestState, Void> {
        @Override
        public RequestState requestBegin(SocketAddress remote, HttpRequest request) {
            String m = request.method().name();
            return new RequestState(METHODS.contains(m) ? m : "OTHER");
        }

        @Override
        public void requestRouted(RequestState state, String route) {
            if (state != null) {
                state.routed(route);
            }
        }

        @Override
        public void responseEnd(RequestState state, HttpResponse response, long bytesWritten) {
            if (state == null) {
                return;
            }
            String route = state.template();
            requests.labelValues(state.method, route, Integer.toString(response.statusCode())).inc();
            duration.labelValues(state.method, route).observe(Unit.nanosToSeconds(System.nanoTime() - state.startNanos));
        }
    }
}
