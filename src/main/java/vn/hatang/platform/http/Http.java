package vn.hatang.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import vn.hatang.platform.json.Input;

/** Small helpers every endpoint uses: parse, validate, answer. */
public final class Http {
    private Http() {
    }

    /** Runs {@code work}; its result is sent as JSON (200), its failure goes to the problem handler. */
    public static Handler<RoutingContext> json(Function<RoutingContext, Future<?>> work) {
        return respond(200, work);
    }

    /** Like {@link #json} but answers 201 Created. */
    public static Handler<RoutingContext> created(Function<RoutingContext, Future<?>> work) {
        return respond(201, work);
    }

    private static Handler<RoutingContext> respond(int status, Function<RoutingContext, Future<?>> work) {
        return ctx -> {
            try {
                work.apply(ctx).onSuccess(result -> send(ctx, status, result)).onFailure(ctx::fail);
            } catch (RuntimeException e) {
                ctx.fail(e);
            }
        };
    }

    public static void send(RoutingContext ctx, int status, Object result) {
        if (ctx.response().ended()) {
            return;
        }
        if (result instanceof JsonObject o && o.getValue("version") instanceof Integer v) {
            ctx.response().putHeader("ETag", etag(v));
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8");
        if (result == null) {
            ctx.response().setStatusCode(204).end();
            return;
        }
        String body = result instanceof JsonObject o ? o.encode() : result instanceof JsonArray a ? a.encode()
                : result instanceof Page p ? p.toJson().encode() : io.vertx.core.json.Json.encode(result);
        end(ctx, io.vertx.core.buffer.Buffer.buffer(body));
    }

    /**
     * Ends the response with this body, or for HEAD with only its length: the headers a GET would have and no body
     * (RFC 9110 §9.3.2). Vert.x leaves the body out on HTTP/1.1 by itself but sends it on HTTP/2.
     */
    public static void end(RoutingContext ctx, io.vertx.core.buffer.Buffer body) {
        if (ctx.request().method() == io.vertx.core.http.HttpMethod.HEAD) {
            ctx.response().putHeader("Content-Length", String.valueOf(body.length())).end();
        } else {
            ctx.response().end(body);
        }
    }

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** Whether the request carried a body at all (an absent body reads as length -1, an empty one as 0). */
    public static boolean hasBody(RoutingContext ctx) {
        var body = ctx.body();
        return body != null && body.buffer() != null && body.length() > 0;
    }

    /**
     * The request's JSON object. Refused with 400: no body, not JSON, not an object, or any string holding a control
     * character other than tab and line breaks (a NUL must never reach PostgreSQL), checked once here for every route.
     */
    public static JsonObject body(RoutingContext ctx) {
        JsonObject decoded = ctx.get(DECODED);
        if (decoded != null) {
            return decoded;
        }
        if (!hasBody(ctx)) {
            throw ApiException.invalid(BODY, "error.empty_body");
        }
        Object value;
        try {
            value = io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
        } catch (io.vertx.core.json.DecodeException e) {
            throw ApiException.invalidCause(BODY, "error.bad_json", e);
        }
        if (!(value instanceof JsonObject object)) {
            throw ApiException.invalid(BODY, "error.body_not_object");
        }
        rejectControlChars(object, "");
        ctx.put(DECODED, object);
        return object;
    }

    private static final String DECODED = "hatang.json_body";

    private static void rejectControlChars(Object value, String path) {
        if (value instanceof JsonObject o) {
            for (var e : o) {
                String name = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                checkText(e.getKey(), name);
                rejectControlChars(e.getValue(), name);
            }
        } else if (value instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                rejectControlChars(a.getValue(i), path + "[" + i + "]");
            }
        } else if (value instanceof String s) {
            checkText(s, path);
        }
    }

    /** Refuses (400 naming {@code field}) a text holding a control character other than tab and line breaks. */
    static void checkText(String s, String field) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f) {
                throw ApiException.invalid(field, "error.control_chars");
            }
        }
    }

    /** The {@code field} of a problem with the body as a whole (absent, empty, not JSON, not an object). */
    public static final String BODY = "body";

    public static Input input(RoutingContext ctx) {
        return Input.of(body(ctx));
    }

    public static long id(RoutingContext ctx, String param) {
        String raw = ctx.pathParam(param);
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.invalid(param, "error.bad_id", raw);
    }

    /**
     * The version the client last saw ({@code If-Match: "3"}), or null when it did not say: then the write is
     * unconditional. A stale version answers 412.
     */
    public static Integer ifMatch(RoutingContext ctx) {
        String header = ctx.request().getHeader("If-Match");
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String v = header.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("If-Match", "error.bad_etag", header);
        }
    }

    public static String query(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
