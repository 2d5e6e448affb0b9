package vn.hatang.platform.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import vn.hatang.platform.config.HatangConfig.HttpOptions;

/**
 * The HTTP server: health checks, the OpenAPI description and the REST API under {@code /api/v1}. Deployed once per
 * core; every instance shares the same stateless endpoints.
 */
public final class HttpVerticle extends VerticleBase {
    /** Large enough for an inventory upload; smaller bodies are refused with 413 before they are read whole. */
    public static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

    private final HttpOptions options;
    private final List<Endpoint> endpoints;
    private final List<RouterExtension> extensions;
    private final ReadinessCheck readiness;
    private final String uploadsDir;
    private HttpServer server;

    /** {@code /health/ready}: a JSON report naming each part; its {@code status} is {@code ready} when all are up. */
    public interface ReadinessCheck {
        Future<JsonObject> report(io.vertx.core.Vertx vertx);
    }

    /** Routes outside {@code /api/v1} (e.g. {@code /metrics}) added by other parts of the service. */
    public interface RouterExtension {
        void addRoutes(Router root);
    }

    public HttpVerticle(HttpOptions options, List<Endpoint> endpoints, List<RouterExtension> extensions,
            ReadinessCheck readiness, java.nio.file.Path uploadsDir) {
        this.options = options;
        this.endpoints = endpoints;
        this.extensions = extensions;
        this.readiness = readiness;
        this.uploadsDir = uploadsDir.toString();
    }

    @Override
    public Future<?> start() {
        Router root = Router.router(vertx);
        root.get("/health/live").handler(ctx -> Http.send(ctx, 200, new io.vertx.core.json.JsonObject().put("status", "up")));
        root.get("/health/ready").handler(ctx -> readiness.report(vertx).onComplete(r -> {
            JsonObject report = r.succeeded() ? r.result() : new JsonObject().put("status", "unavailable");
            ctx.response().setStatusCode("ready".equals(report.getString("status")) ? 200 : 503)
                    .putHeader("Content-Type", "application/json").end(report.encode());
        }));
        root.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml; charset=utf-8")
                .sendFile("openapi.yaml"));
        extensions.forEach(e -> e.addRoutes(root));

        Router api = Router.router(vertx);
        api.route().handler(BodyHandler.create(uploadsDir)
                .setBodyLimit(MAX_BODY_BYTES).setDeleteUploadedFilesOnEnd(true));
        endpoints.forEach(e -> e.addRoutes(api));
        ProblemHandler problems = new ProblemHandler();
        api.route().failureHandler(problems);
        // Named so that HTTP metrics can join the mount point and the sub-router's route into one template.
        root.route("/api/v1/*").setName("/api/v1/*").subRouter(api);
        root.route().failureHandler(problems);
        // No route, or a route without this method: the router's own 404 / 405, rendered as problems too.
        for (Router r : new Router[] {root, api}) {
            r.errorHandler(404, problems.forStatus(404));
            r.errorHandler(405, problems.forStatus(405));
        }

        return vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(options.port())
                        .setCompressionSupported(true))
                .requestHandler(root)
                .listen()
                .onSuccess(s -> server = s);
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.shutdown(java.time.Duration.ofSeconds(10));
    }

    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }
}
