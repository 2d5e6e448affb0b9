package vn.hatang.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import vn.hatang.platform.config.HatangConfig.HttpOptions;

/**
 * The HTTP server: health checks, the OpenAPI description and the REST API under {@code /api/v1}, plus the routes of
 * router extensions ({@code /metrics}, the console). Deployed once per core; every instance shares the same stateless
 * endpoints. Everything it answers on its own — malformed requests, bodies too large or too slow, no route, wrong
 * method — is problem+json as well.
 */
public final class HttpVerticle extends VerticleBase {
    /** Large enough for an inventory upload; larger bodies are refused with 413 before they are read whole. */
    public static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

    private final HttpOptions options;
    private final List<Endpoint> endpoints;
    private final List<RouterExtension> extensions;
    private final Routes.Policy policy;
    private final Handler<RoutingContext> authenticate;
    private final Supplier<JsonObject> readiness;
    private final String openApiYaml;
    private final String uploads;
    private final HttpServerOptions tlsListener;
    private HttpServer server;
    private HttpServer tlsServer;

    /** Routes outside {@code /api/v1} (e.g. {@code /metrics}, the console) added by other parts of the service. */
    public interface RouterExtension {
        void addRoutes(Router root);
    }

    /**
     * @param readiness   blocking: the state of the parts the service needs; {@code "status": "ready"} or 503
     * @param uploads     where uploaded files wait while a request is read
     * @param tlsListener a second, HTTPS listener serving the same routes (host, port, keys, client authentication),
     *                    or null
     */
    public HttpVerticle(HttpOptions options, List<Endpoint> endpoints, List<RouterExtension> extensions,
            Routes.Policy policy, Handler<RoutingContext> authenticate, Supplier<JsonObject> readiness,
            String openApiYaml, java.nio.file.Path uploads, HttpServerOptions tlsListener) {
        this.options = options;
        this.endpoints = endpoints;
        this.extensions = extensions;
        this.policy = policy;
        this.authenticate = authenticate;
        this.readiness = readiness;
        this.openApiYaml = openApiYaml;
        this.uploads = uploads.toString();
        this.tlsListener = tlsListener;
    }

    /** The operations the endpoints declare (for the OpenAPI description and tests), without serving them. */
    public static List<Operation> operations(io.vertx.core.Vertx vertx, List<Endpoint> endpoints) {
        List<Operation> ops = new ArrayList<>();
        Routes routes = new Routes(Router.router(vertx), null, ops);
        endpoints.forEach(e -> e.addRoutes(routes));
        return ops;
    }

    @Override
    public Future<?> start() {
        List<Operation> declared = new ArrayList<>();
        ProblemHandler problems = new ProblemHandler(path -> Routes.allowed(declared, path));
        Router root = Router.router(vertx);
        root.get("/health/live").handler(ctx -> Http.send(ctx, 200, new JsonObject().put("status", "up")));
        // On threads of its own: requests waiting for a stuck database may hold every worker of the pool.
        var health = vertx.createSharedWorkerExecutor("hatang-health", 2);
        root.get("/health/ready").handler(ctx -> health.executeBlocking(readiness::get, false).onComplete(r -> {
            JsonObject state = r.succeeded() ? r.result() : new JsonObject().put("status", "unavailable");
            Http.send(ctx, "ready".equals(state.getString("status")) ? 200 : 503, state);
        }));
        root.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml; charset=utf-8").end(openApiYaml));
        ApiDocs.addRoutes(root);
        extensions.forEach(e -> e.addRoutes(root));

        Router api = Router.router(vertx);
        api.route().handler(HttpVerticle::checkRequest);
        api.route().handler(authenticate);
        api.route().handler(this::startBodyTimer);
        // Only methods that carry a body have one read (a GET with a form body would make the decoder throw); any
        // other method's body is dropped.
        var bodies = BodyHandler.create(uploads).setBodyLimit(MAX_BODY_BYTES).setDeleteUploadedFilesOnEnd(true);
        api.route().handler(ctx -> {
            HttpMethod m = ctx.request().method();
            if (m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH || m == HttpMethod.DELETE) {
                bodies.handle(ctx);
            } else {
                dropBody(ctx.request());
                ctx.next();
            }
        });
        api.route().handler(this::bodyArrived);
        Routes routes = new Routes(api, policy, declared);
        endpoints.forEach(e -> e.addRoutes(routes));
        api.route().failureHandler(problems);
        // Named so that HTTP metrics can join the mount point and the sub-router's route into one template.
        root.route("/api/v1/*").setName("/api/v1/*").subRouter(api);
        root.route().failureHandler(problems);
        // No route, or a route without this method: the router's own 404 / 405, rendered as problems too.
        for (Router r : new Router[] {root, api}) {
            r.errorHandler(404, problems.forStatus(404));
            r.errorHandler(405, problems.forStatus(405));
            r.errorHandler(400, problems.forStatus(400));
        }
        Future<HttpServer> plain = listen(new HttpServerOptions().setHost(options.host()).setPort(options.port()),
                root).onSuccess(s -> server = s);
        if (tlsListener == null) {
            return plain;
        }
        return Future.all(plain, listen(new HttpServerOptions(tlsListener), root).onSuccess(s -> tlsServer = s));
    }

    /** One listener; the plain and the HTTPS one share these limits and the router. */
    private Future<HttpServer> listen(HttpServerOptions listener, Router root) {
        return vertx.createHttpServer(listener.setCompressionSupported(true).setMaxInitialLineLength(8192)
                        .setMaxHeaderSize(16384))
                .invalidRequestHandler(HttpVerticle::invalidRequest)
                .requestHandler(root)
                .listen();
    }

    private static final String BODY_TIMERS = "hatang.body_timers";
    /** How long a multipart body may stay undecoded after its last byte arrived (its files are still being written). */
    private static final long UNTERMINATED_AFTER_MS = 1000;

    private void startBodyTimer(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            return; // already refused (a framing error while the caller was authenticated)
        }
        // A request body must have arrived whole within this time (a multipart body without its end never does).
        long timer = vertx.setTimer(options.bodyTimeout().toMillis(), t -> {
            if (!ctx.response().ended()) {
                refuseBody(ctx, ApiException.of(408, "request-timeout", "error.body_timeout",
                        options.bodyTimeout().toSeconds()));
            }
        });
        long[] timers = {timer, multipart(ctx) ? watchUnterminated(ctx) : -1};
        ctx.put(BODY_TIMERS, timers);
        ctx.addEndHandler(v -> cancel(timers));
        ctx.next();
    }

    /**
     * A multipart body whose bytes all arrived but whose closing boundary never came leaves the decoder waiting for
     * the rest of its last part: refuse it once the request has ended and the body is still not decoded a moment
     * later, rather than at the body time-out.
     */
    private long watchUnterminated(RoutingContext ctx) {
        long[] endedAt = {0};
        return vertx.setPeriodic(UNTERMINATED_AFTER_MS / 4, id -> {
            if (ctx.response().ended() || !ctx.request().isEnded()) {
                return;
            }
            long now = System.nanoTime();
            if (endedAt[0] == 0) {
                endedAt[0] = now;
            } else if (now - endedAt[0] >= java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(UNTERMINATED_AFTER_MS)) {
                vertx.cancelTimer(id);
                refuseBody(ctx, ApiException.invalid(Http.BODY, "error.multipart_unterminated"));
            }
        });
    }

    /**
     * Answers first: cancelling the uploads fails the request ("pipe closed"), which would be a 500. The part already
     * on disk goes even when the answer cannot be sent (the client went away).
     */
    private static void refuseBody(RoutingContext ctx, ApiException problem) {
        try {
            ProblemHandler.send(ctx, problem);
        } finally {
            ctx.cancelAndCleanupFileUploads();
        }
    }

    private static boolean multipart(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        return type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
    }

    private void cancel(long[] timers) {
        for (long t : timers) {
            if (t >= 0) {
                vertx.cancelTimer(t);
            }
        }
    }

    /**
     * Before anything reads the request: the path and the query string decode strictly (a lone {@code %}, a bad
     * escape, bytes that are not UTF-8 or a control character are a 400 naming where), and a multipart body has its
     * boundary. The decoders further on would otherwise throw from inside the body handler (a 500, or no answer).
     */
    private static void checkRequest(RoutingContext ctx) {
        // The body decoder's own failures (a bad chunk size) end the connection; answer first. The body handler,
        // once it reads the body, puts its own handler here (which answers through the problem handler too).
        ctx.request().exceptionHandler(e -> ProblemHandler.send(ctx, ApiException.invalid(Http.BODY, "error.bad_framing")));
        QueryStrings.checkPath(ctx.request().path());
        ctx.put(Call.QUERY, QueryStrings.parse(ctx.request().query()));
        String type = ctx.request().getHeader("Content-Type");
        if (multipart(ctx) && !QueryStrings.hasBoundary(type)) {
            throw ApiException.invalid("Content-Type", "error.no_boundary");
        }
        ctx.next();
    }

    /**
     * The body of a GET, HEAD or OPTIONS request (it has no meaning, RFC 9110) is read and dropped as it arrives, up
     * to the body limit. Authentication held it back; left so, a body larger than the connection's inbound buffer
     * stops the connection from reading: the answer still goes out, but the client's next request on that
     * connection is never read.
     */
    private static void dropBody(HttpServerRequest request) {
        if (request.isEnded()) {
            return;
        }
        long[] read = {0};
        request.handler(chunk -> {
            read[0] += chunk.length();
            if (read[0] > MAX_BODY_BYTES) {
                request.connection().close();
            }
        });
        request.resume();
    }

    private void bodyArrived(RoutingContext ctx) {
        long[] timers = ctx.get(BODY_TIMERS);
        if (timers != null) {
            cancel(timers);
        }
        ctx.next();
    }

    /** A request the HTTP decoder could not read (bad request line, headers too large): a problem, then close. */
    private static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
        int status = 400;
        String key = "error.bad_request";
        if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
            boolean line = cause.getMessage() != null && cause.getMessage().contains("line");
            status = line ? 414 : 431;
            key = line ? "error.uri_too_long" : "error.headers_too_large";
        }
        ProblemHandler.sendRaw(request.response(), request.path(), ApiException.of(status, status == 400
                ? "invalid-input" : "too-large", key), request.getHeader("Accept-Language"));
        request.connection().close();
    }

    @Override
    public Future<?> stop() {
        return Future.all(shutdown(server), shutdown(tlsServer));
    }

    private static Future<Void> shutdown(HttpServer s) {
        return s == null ? Future.succeededFuture() : s.shutdown(java.time.Duration.ofSeconds(10));
    }

    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }
}
