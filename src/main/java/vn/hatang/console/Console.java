package vn.hatang.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Http;
import vn.hatang.platform.http.HttpVerticle;
import vn.hatang.platform.http.Operation;
import vn.hatang.security.AccessControl;

/**
 * The console's HTTP side: its pages on the root router (never under {@code /api/v1}), each behind the same
 * authentication as the API, with strict security headers; failures become the console's own pages (401 → the login
 * page, 403, 404 — out of scope looks exactly like absent —, 500), never JSON.
 */
public final class Console implements HttpVerticle.RouterExtension {
    private static final Logger LOG = LoggerFactory.getLogger(Console.class);
    /** No inline script or style anywhere: the only code and styles are the versioned assets. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** A console page or form handler. */
    public interface Action extends Function<Req, Future<Reply>> {
    }

    /** A group of console routes (one per section). */
    public interface Page {
        void addRoutes(Pages pages);
    }

    /** Where a {@link Page} adds its routes (one per HTTP server instance: each has its own router). */
    public final class Pages {
        private final Router router;

        private Pages(Router router) {
            this.router = router;
        }

        /** A page: GET, and HEAD answered alike without its body (as the API's GET routes; RFC 9110 §9.3.2). */
        public void get(String path, Action action) {
            route(router, HttpMethod.GET, path, action);
            route(router, HttpMethod.HEAD, path, action);
        }

        public void post(String path, Action action) {
            route(router, HttpMethod.POST, path, action);
        }
    }

    private final AccessControl access;
    private final Map<String, Operation> operations = new HashMap<>();
    private final Assets assets = new Assets();
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final List<Page> pages;
    private final String uploads;

    /** @param uploads where uploaded files wait while a request is read (the API's directory) */
    public Console(AccessControl access, List<Operation> operations, List<Page> pages, java.nio.file.Path uploads) {
        this.access = access;
        this.uploads = uploads.toString();
        operations.forEach(op -> this.operations.put(op.operationId(), op));
        this.pages = pages;
    }

    AccessControl access() {
        return access;
    }

    Assets assets() {
        return assets;
    }

    Operation operation(String id) {
        Operation op = operations.get(id);
        if (op == null) {
            throw new IllegalStateException("the console uses an operation the API does not declare: " + id);
        }
        return op;
    }

    @Override
    public void addRoutes(Router root) {
        root.get(Assets.PREFIX + "*").handler(assets::serve);
        root.head(Assets.PREFIX + "*").handler(assets::serve);
        Pages p = new Pages(root);
        pages.forEach(page -> page.addRoutes(p));
    }

    private void route(Router router, HttpMethod method, String path, Action handler) {
        // Vert.x wants a body handler first on its route: authentication (which holds the body back while it asks
        // the database), body and page are three routes on the same path, as on the API's router.
        router.route(method, path).handler(access.authenticate());
        router.route(method, path).handler(BodyHandler.create(uploads)
                .setBodyLimit(HttpVerticle.MAX_BODY_BYTES).setDeleteUploadedFilesOnEnd(true));
        router.route(method, path).setName("console " + path).handler(run(handler));
    }

    private Handler<RoutingContext> run(Action handler) {
        return ctx -> {
            headers(ctx);
            Req req = new Req(this, ctx);
            Future<Reply> reply;
            try {
                reply = handler.apply(req);
            } catch (RuntimeException e) {
                reply = Future.failedFuture(e);
            }
            reply.recover(e -> Future.succeededFuture(failure(req, e))).onComplete(r -> {
                if (r.succeeded()) {
                    send(ctx, r.result());
                } else {
                    LOG.error("console error page failed", r.cause());
                    ctx.response().setStatusCode(500).end();
                }
            });
        };
    }

    static void headers(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "same-origin")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cache-Control", "no-store");
    }

    private static void send(RoutingContext ctx, Reply reply) {
        if (ctx.response().ended()) {
            return;
        }
        if (reply instanceof Reply.Redirect r) {
            ctx.response().setStatusCode(303).putHeader("Location", r.location()).end();
        } else if (reply instanceof Reply.Html h) {
            ctx.response().setStatusCode(h.status()).putHeader("Content-Type", "text/html; charset=utf-8");
            Http.end(ctx, io.vertx.core.buffer.Buffer.buffer(h.body()));
        }
    }

    /** A failure as the user sees it: the login page, or an error page in their language. */
    private Reply failure(Req req, Throwable e) {
        ApiException api = null;
        for (Throwable t = e; t != null && api == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException a) {
                api = a;
            }
        }
        if (api != null && api.status() == 401) {
            HttpMethod method = req.ctx().request().method();
            String next = method == HttpMethod.GET || method == HttpMethod.HEAD ? req.ctx().request().uri() : "/";
            return Reply.redirect(next.equals("/") ? "/login" : "/login?next=" + View.enc(next));
        }
        int status = api == null ? 500 : api.status() == 403 && "csrf".equals(api.type()) ? 403 : api.status();
        if (status >= 500) {
            LOG.error("console {} {} failed", req.ctx().request().method(), req.ctx().request().path(), e);
        }
        String message = api == null || status == 404 ? null
                : vn.hatang.platform.i18n.Messages.get(req.text().locale(), api.messageKey(), api.args());
        View v = req.view(null);
        return new Reply.Html(status, render("error.jte", "v", v, "status", status, "message", message));
    }

    /** Renders a template with its named parameters. */
    public String render(String template, Object... params) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            map.put((String) params[i], params[i + 1]);
        }
        StringOutput out = new StringOutput(16 * 1024);
        templates.render(template, map, out);
        return out.toString();
    }
}
