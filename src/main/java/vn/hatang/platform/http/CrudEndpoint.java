package vn.hatang.platform.http;

import io.vertx.ext.web.Router;
import vn.hatang.platform.db.CrudService;
import vn.hatang.security.Scope;

/** {@code GET/POST /<path>} and {@code GET/PATCH /<path>/:id} for a {@link CrudService}. */
public final class CrudEndpoint implements Endpoint {
    private final String path;
    private final CrudService<?> service;
    private final String[] filters;

    public CrudEndpoint(String path, CrudService<?> service, String... filters) {
        this.path = path;
        this.service = service;
        this.filters = filters;
    }

    @Override
    public void addRoutes(Router api) {
        Scope scope = Scope.WHOLE_TREE;
        api.get(path).handler(Http.json(ctx -> service.list(scope, Filters.of(ctx, filters), Page.Request.of(ctx))));
        api.post(path).handler(Http.created(ctx -> service.create(scope, Http.input(ctx))));
        api.get(path + "/:id").handler(Http.json(ctx -> service.get(scope, Http.id(ctx, "id"))));
        api.patch(path + "/:id").handler(Http.json(ctx -> service.update(scope, Http.id(ctx, "id"), Http.ifMatch(ctx),
                Http.input(ctx))));
    }
}
