package vn.hatang.pki;

import io.vertx.ext.web.Router;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Http;
import vn.hatang.pki.tokens.TokenService;
import vn.hatang.security.Scope;

/** {@code POST /tokens/:id/(assign|return|restock|lose|destroy)} and {@code GET /tokens/:id/history}. */
final class TokenEndpoint implements Endpoint {
    private final TokenService tokens;

    TokenEndpoint(TokenService tokens) { this.tokens = tokens; }

    @Override
    public void addRoutes(Router api) {
        Scope scope = Scope.WHOLE_TREE;
        api.get("/tokens/:id/history").handler(Http.json(ctx -> tokens.history(scope, Http.id(ctx, "id"))));
        api.post("/tokens/:id/:action").handler(Http.json(ctx -> tokens.transition(scope, Http.id(ctx, "id"),
            ctx.pathParam("action"), PkiEndpoint.optionalInput(ctx), PkiEndpoint.actor(ctx))));
    }
}
