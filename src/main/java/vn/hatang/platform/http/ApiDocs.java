package vn.hatang.platform.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Swagger UI at {@code /api/v1/docs/}, over the served description: the page and its initializer are ours, the rest
 * is the WebJar on the classpath (nothing is fetched at run time). The Content-Security-Policy lets the page load
 * only from this server (images also as {@code data:}, which the stylesheet's icons are), and no inline script.
 */
final class ApiDocs {
    static final String PATH = "/api/v1/docs";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/5.34.1";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private ApiDocs() {
    }

    static void addRoutes(Router root) {
        root.route(PATH + "/*").handler(ApiDocs::headers);
        // The page's links are relative to the directory: /api/v1/docs goes to /api/v1/docs/.
        root.get(PATH).handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").sendFile("api-docs/index.html");
            } else {
                ctx.redirect(PATH + "/");
            }
        });
        root.get(PATH + "/hatang-initializer.js").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/javascript; charset=utf-8").sendFile("api-docs/hatang-initializer.js"));
        root.get(PATH + "/*").handler(StaticHandler.create(WEBJAR).setCachingEnabled(true).setMaxAgeSeconds(86_400)
                .setDirectoryListing(false));
    }

    private static void headers(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }
}
