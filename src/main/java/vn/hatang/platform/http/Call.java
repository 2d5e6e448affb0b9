package vn.hatang.platform.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Actor;
import vn.hatang.security.Scope;

/**
 * One admitted request as a handler sees it: the caller's {@link Scope} for this operation, and the request's inputs
 * already checked against the operation's declaration (query parameters typed, unknown ones refused).
 */
public final class Call {
    private final RoutingContext ctx;
    private final Operation op;
    private final Scope scope;
    private final Map<String, String> query;

    Call(RoutingContext ctx, Operation op, Scope scope, Map<String, String> query) {
        this.ctx = ctx;
        this.op = op;
        this.scope = scope;
        this.query = Collections.unmodifiableMap(query);
    }

    /** Where {@link HttpVerticle} keeps the strictly parsed query string of the request. */
    static final String QUERY = "hatang.query";

    /** Checks the query string against the declaration: every parameter known, typed, and given once. */
    static Map<String, String> checkedQuery(RoutingContext ctx, Operation op) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, java.util.List<String>> params = ctx.get(QUERY);
        if (params == null) {
            params = QueryStrings.parse(ctx.request().query());
        }
        for (var e : params.entrySet()) {
            String name = e.getKey();
            Param p = op.param(name);
            if (p == null && op.paged() && (name.equals("limit") || name.equals("cursor"))) {
                out.put(name, e.getValue().get(0));
                continue;
            }
            if (p == null && op.otherQuery()) {
                continue;
            }
            if (p == null) {
                throw ApiException.invalid(name, "error.unknown_param", known(op));
            }
            if (e.getValue().size() > 1) {
                throw ApiException.invalid(name, "error.repeated_param");
            }
            String raw = e.getValue().get(0);
            if (!raw.isBlank()) {
                out.put(name, p.check(raw));
            }
        }
        return out;
    }

    private static String known(Operation op) {
        var names = new java.util.ArrayList<String>();
        op.query().forEach(p -> names.add(p.name()));
        if (op.paged()) {
            names.add("limit");
            names.add("cursor");
        }
        return names.isEmpty() ? "—" : String.join(", ", names);
    }

    public Scope scope() {
        return scope;
    }

    public Actor actor() {
        return scope.actor();
    }

    public Operation operation() {
        return op;
    }

    /** For what the declaration cannot say (file downloads, multipart uploads, cookies). */
    public RoutingContext ctx() {
        return ctx;
    }

    /** A declared query parameter, checked; null when absent or blank. */
    public String query(String name) {
        if (op.param(name) == null && !(op.paged() && (name.equals("limit") || name.equals("cursor")))) {
            throw new IllegalStateException(op.operationId() + " reads undeclared parameter " + name);
        }
        return query.get(name);
    }

    public boolean flag(String name, boolean fallback) {
        String v = query(name);
        return v == null ? fallback : Boolean.parseBoolean(v);
    }

    /** Every declared parameter given (paging excluded): the filters of a list. */
    public Map<String, String> filters() {
        Map<String, String> f = new LinkedHashMap<>(query);
        f.remove("limit");
        f.remove("cursor");
        f.remove("sort");
        return f;
    }

    public Page.Request page() {
        return Page.Request.of(query.get("limit"), query.get("cursor"), query.get("sort"));
    }

    /** A path parameter that is an id (a positive number). */
    public long id(String name) {
        return Http.id(ctx, name);
    }

    /** A path parameter as text (a code, an action name), checked for length and control characters. */
    public String path(String name) {
        String v = ctx.pathParam(name);
        if (v == null || v.isBlank() || v.length() > Param.MAX_TEXT || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ApiException.invalid(name, "error.bad_path_param");
        }
        return v;
    }

    /** The JSON object body (required), already held to the declared schema. */
    public JsonObject body() {
        declared(op.body() != null);
        return Http.body(ctx);
    }

    /** A handler reads only the body its operation declares (as with query parameters): the description is whole. */
    private void declared(boolean yes) {
        if (!yes) {
            throw new IllegalStateException(op.operationId() + " reads a body it does not declare");
        }
    }

    public Input input() {
        return Input.of(body());
    }

    /** The JSON body, or no fields at all when the request has none (e.g. {@code POST …/submit}). */
    public Input optionalInput() {
        declared(op.body() != null);
        return Http.hasBody(ctx) ? input() : Input.of(new JsonObject());
    }

    /** The raw body (a certificate file, a CRL); required. */
    public byte[] bytes(String field) {
        declared(!op.uploads().isEmpty());
        if (!Http.hasBody(ctx)) {
            throw ApiException.invalid(field, "error.required");
        }
        Buffer b = ctx.body().buffer();
        return b.getBytes();
    }

    public Integer ifMatch() {
        return Http.ifMatch(ctx);
    }

    public Locale locale() {
        return Messages.fromAcceptLanguage(ctx.request().getHeader("Accept-Language"));
    }

    public String header(String name) {
        return ctx.request().getHeader(name);
    }
}
