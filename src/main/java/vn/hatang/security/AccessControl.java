package vn.hatang.security;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import vn.hatang.audit.AuditTrail;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Call;
import vn.hatang.platform.http.Operation;
import vn.hatang.platform.http.Routes;

/**
 * Who is calling, and what they may reach. {@link #authenticate} runs first on every request: an API token
 * ({@code Authorization: Bearer}) or the session cookie, checked against the database — never a header naming a user.
 * {@link #admit} then gives the route its {@link Scope}: 401 without identity, 403 without a grant of the route's
 * permission (or without the CSRF token on a cookie session's write), else the union of the granted subtrees.
 */
public final class AccessControl implements Routes.Policy {
    public static final String COOKIE = "hatang_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";
    static final String PRINCIPAL = "hatang.principal";
    private static final String REQUEST_ID = "hatang.request_id";
    private static final String SECURE_COOKIES = "hatang.secure_cookies";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final AuthService auth;
    private final AuditTrail audit;
    private final Db db;
    private final Blocking blocking;
    private final boolean httpsPublic;

    /**
     * @param httpsPublic browsers reach the service over HTTPS ({@code HATANG_PUBLIC_URL} is https), possibly through a
     *                    TLS-terminating proxy: session cookies are Secure even on the plain listener behind it
     */
    public AccessControl(AuthService auth, AuditTrail audit, Db db, boolean httpsPublic) {
        this.httpsPublic = httpsPublic;
        this.auth = auth;
        this.audit = audit;
        this.db = db;
        this.blocking = db.blocking();
    }

    /** The first handler of every request: its id, and the caller when they presented a token or a session. */
    public Handler<RoutingContext> authenticate() {
        return ctx -> {
            String requestId = Secrets.random(9);
            ctx.put(REQUEST_ID, requestId);
            if (httpsPublic) {
                ctx.put(SECURE_COOKIES, true);
            }
            ctx.response().putHeader("X-Request-Id", requestId);
            String authorization = ctx.request().getHeader("Authorization");
            String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? authorization.substring(7).strip() : null;
            Cookie cookie = ctx.request().getCookie(COOKIE);
            if (bearer == null && (cookie == null || cookie.getValue().isBlank())) {
                ctx.next();
                return;
            }
            if (bearer != null && (bearer.length() > 200 || !bearer.startsWith(AuthService.TOKEN_PREFIX))) {
                refuseToken(ctx);
                return;
            }
            // The body is read later by the body handler: hold it back while the database is asked.
            ctx.request().pause();
            blocking.run(() -> bearer != null ? auth.byToken(bearer) : auth.bySession(cookie.getValue()))
                    .onComplete(r -> {
                        if (r.failed()) {
                            ctx.fail(r.cause());
                        } else if (r.result() == null && bearer != null) {
                            refuseToken(ctx);
                        } else {
                            if (r.result() == null) {
                                ctx.response().addCookie(expired());
                            } else {
                                ctx.put(PRINCIPAL, r.result());
                            }
                            ctx.next();
                        }
                    });
        };
    }

    private static void refuseToken(RoutingContext ctx) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"hatang\", error=\"invalid_token\"");
        ctx.fail(ApiException.of(401, "unauthorized", "auth.bad_token"));
    }

    /** The caller behind this request, or null. */
    public static Principal principal(RoutingContext ctx) {
        return ctx.get(PRINCIPAL);
    }

    public static String client(RoutingContext ctx) {
        var a = ctx.request().remoteAddress();
        return a == null ? null : a.hostAddress();
    }

    @Override
    public Scope admit(RoutingContext ctx, Operation op) {
        Principal p = principal(ctx);
        String client = client(ctx);
        String requestId = ctx.get(REQUEST_ID);
        if (p == null) {
            if (op.permission() == Permission.PUBLIC) {
                return Scope.anonymous(new Actor("anonymous", null, null, "none", client, requestId,
                        op.operationId()));
            }
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"hatang\"");
            throw ApiException.of(401, "unauthorized", "auth.required");
        }
        if (p.sessionId() != null && !SAFE.contains(ctx.request().method()) && !csrfOk(ctx, p)) {
            throw ApiException.of(403, "csrf", "auth.csrf");
        }
        Actor actor = p.actor(client, requestId, op.operationId());
        if (!op.permission().scoped()) {
            return Scope.anonymous(actor);
        }
        var reach = p.reach(op.permission());
        if (reach == null) {
            throw ApiException.of(403, "forbidden", "auth.forbidden", op.permission().code());
        }
        if (reach.isEmpty()) {
            return Scope.wholeTree(actor);
        }
        if (op.wholeTree()) {
            throw ApiException.of(403, "forbidden", "auth.whole_tree", op.permission().code());
        }
        return Scope.subtrees(actor, reach);
    }

    /** The session's CSRF token, from the header (scripts, htmx) or a form field (plain HTML forms). */
    private static boolean csrfOk(RoutingContext ctx, Principal p) {
        String given = ctx.request().getHeader(CSRF_HEADER);
        if (given == null) {
            given = ctx.request().getFormAttribute(CSRF_FIELD);
        }
        return Secrets.same(given, p.csrfToken());
    }

    /** A write that changed no audited row still leaves its one audit row. */
    @Override
    public Future<Void> settle(Call call) {
        Scope scope = call.scope();
        if (scope.auditRows() > 0) {
            return Future.succeededFuture();
        }
        Operation op = call.operation();
        String id = op.pathParams().contains("id") ? call.ctx().pathParam("id") : null;
        return db.tx(scope, tx -> {
            audit.record(tx, scope, op.operationId(), objectType(op), id, null, null, null);
            return null;
        });
    }

    private static String objectType(Operation op) {
        String[] parts = op.path().split("/");
        return parts.length > 1 ? parts[1] : null;
    }

    public static Cookie sessionCookie(RoutingContext ctx, String value) {
        return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(ctx.request().isSSL() || Boolean.TRUE.equals(ctx.get(SECURE_COOKIES)));
    }

    public static Cookie expired() {
        return Cookie.cookie(COOKIE, "").setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setMaxAge(0);
    }
}
