package vn.hatang.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.i18n.Messages;

/** Renders every failure as RFC 9457 application/problem+json in the caller's language. */
public final class ProblemHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    /** The methods a path accepts, for the {@code Allow} header of a 405 (null: unknown). */
    private final Function<String, String> allowed;

    public ProblemHandler() {
        this(path -> null);
    }

    public ProblemHandler(Function<String, String> allowed) {
        this.allowed = allowed;
    }

    @Override
    public void handle(RoutingContext ctx) {
        render(ctx, ctx.statusCode());
    }

    /** For the router's own errors (no route: 404, no such method: 405), which carry no failure. */
    public Handler<RoutingContext> forStatus(int status) {
        return ctx -> render(ctx, status);
    }

    private void render(RoutingContext ctx, int statusWithoutFailure) {
        ApiException problem = toProblem(ctx, statusWithoutFailure);
        if (problem.status() == 503 || problem.status() == 507) {
            LOG.warn("{} {}: {}", ctx.request().method(), ctx.request().path(), problem.type());
        } else if (problem.status() >= 500 && hungUp(ctx.failure())) {
            // The client went away in the middle of its body, or the answer had gone out and the body's upload was
            // cancelled: nothing here failed.
            LOG.info("{} {}: the connection closed before the body was read to its end", ctx.request().method(),
                    ctx.request().path());
        } else if (problem.status() >= 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        }
        if (problem.status() == 405) {
            String allow = allowed.apply(ctx.request().path());
            if (allow != null) {
                ctx.response().putHeader("Allow", allow);
            }
        }
        send(ctx, problem);
    }

    /**
     * Sends one problem as the whole answer (nothing when an answer has already been sent). When an HTTP/1.x
     * request's body has not been read to its end (refused before it was read, too large, too slow, badly framed),
     * the connection is closed after the answer: what is left of the body must not be read as the next request.
     * A request that declares no body has nothing left over; an HTTP/2 stream has its own framing, and closing the
     * connection would cut off the other streams on it (and this answer before it is flushed).
     */
    public static void send(RoutingContext ctx, ApiException problem) {
        var request = ctx.request();
        boolean unread = !request.isEnded() && request.version() != io.vertx.core.http.HttpVersion.HTTP_2
                && (request.headers().contains("Transfer-Encoding")
                        || request.headers().contains("Content-Length") && !"0".equals(request.getHeader("Content-Length")));
        if (unread && !ctx.response().headWritten()) {
            ctx.response().putHeader("Connection", "close");
        }
        sendRaw(ctx.response(), ctx.request().path(), problem, ctx.request().getHeader("Accept-Language"));
        if (unread) {
            ctx.request().connection().close();
        }
    }

    static void sendRaw(HttpServerResponse response, String path, ApiException problem, String acceptLanguage) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        Locale locale = Messages.fromAcceptLanguage(acceptLanguage);
        JsonObject body = new JsonObject()
                .put("type", "/problems/" + problem.type())
                .put("title", Messages.get(locale, "problem." + problem.type()))
                .put("status", problem.status())
                .put("detail", Messages.get(locale, problem.messageKey(), problem.args()))
                .put("instance", path == null || path.length() > 500 ? null : path);
        if (problem.field() != null) {
            body.put("field", problem.field());
        }
        problem.extensions().forEach(body::put);
        if (problem.extensions().get("retry_after") != null) {
            response.putHeader("Retry-After", String.valueOf(problem.extensions().get("retry_after")));
        }
        response.setStatusCode(problem.status())
                .putHeader("Content-Type", "application/problem+json; charset=utf-8")
                .end(body.encode());
    }

    /** The router's own 400 comes from a path it cannot decode; anything else is about the request as a whole. */
    private static ApiException badRequest(RoutingContext ctx) {
        try {
            QueryStrings.checkPath(ctx.request().path());
        } catch (ApiException path) {
            return path;
        }
        return ApiException.invalid("request", "error.bad_request");
    }

    /**
     * Thrown by netty's HTTP decoder while it read the body (a chunk size that is not hexadecimal is a bare
     * NumberFormatException): the request's framing. The body handler passes such a failure on as it is.
     */
    private static boolean fromHttpDecoder(Throwable t) {
        StackTraceElement[] at = t.getStackTrace();
        return at.length > 0 && at[0].getClassName().startsWith("io.netty.handler.codec.http.HttpObjectDecoder");
    }

    private static boolean hungUp(Throwable t) {
        return t instanceof io.vertx.core.http.HttpClosedException
                || t instanceof io.vertx.core.VertxException && "Pipe closed".equals(t.getMessage());
    }

    private static boolean isNoSpace(Throwable t) {
        return (t instanceof java.io.IOException || t instanceof io.vertx.core.file.FileSystemException)
                && t.getMessage() != null && t.getMessage().contains("No space left on device");
    }

    private static ApiException toProblem(RoutingContext ctx, int statusWithoutFailure) {
        Throwable failure = ctx.failure();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof DecodeException) {
                return ApiException.invalid(Http.BODY, "error.bad_json");
            }
            if (fromHttpDecoder(t)) {
                return ApiException.invalid(Http.BODY, "error.bad_framing");
            }
            if (isNoSpace(t)) {
                // An upload that filled the upload directory's disk (issue 15, class 10).
                return ApiException.of(507, "insufficient-storage", "error.insufficient_storage");
            }
        }
        ApiException down = vn.hatang.platform.db.DbErrors.unavailable(failure);
        if (down != null) {
            return down;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : statusWithoutFailure;
        if (failure != null && status < 400) {
            status = 500;
        }
        return switch (status) {
            case 400 -> badRequest(ctx);
            case 404 -> ApiException.of(404, "not-found", "error.no_route", ctx.request().path());
            case 405 -> ApiException.of(405, "method-not-allowed", "error.method", ctx.request().method().name());
            case 413 -> ApiException.of(413, "too-large", "error.too_large");
            case 415 -> ApiException.of(415, "unsupported-media-type", "error.media_type");
            default -> ApiException.of(500, "internal", "error.internal");
        };
    }
}
