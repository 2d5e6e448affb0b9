package vn.hatang.units;

import io.vertx.ext.web.Router;
import java.time.Instant;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Filters;
import vn.hatang.platform.http.Http;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Scope;

/** {@code /units}: the tree, its reorganisations and the history of who was where. */
public final class UnitEndpoint implements Endpoint {
    private final UnitService service;

    public UnitEndpoint(UnitService service) {
        this.service = service;
    }

    @Override
    public void addRoutes(Router api) {
        Scope scope = Scope.WHOLE_TREE;
        api.get("/units").handler(Http.json(ctx -> service.list(scope,
                Filters.of(ctx, "under", "kind", "status", "q"), Page.Request.of(ctx))));
        api.post("/units").handler(Http.created(ctx -> service.create(scope, Http.input(ctx))));
        api.post("/units/merge").handler(Http.json(ctx -> service.merge(scope, Http.input(ctx))));
        api.get("/units/:id").handler(Http.json(ctx -> service.get(scope, Http.id(ctx, "id"))));
        api.patch("/units/:id").handler(Http.json(ctx -> service.update(scope, Http.id(ctx, "id"), Http.ifMatch(ctx),
                Http.input(ctx))));
        api.post("/units/:id/rename").handler(Http.json(ctx -> service.rename(scope, Http.id(ctx, "id"), Http.input(ctx))));
        api.post("/units/:id/move").handler(Http.json(ctx -> service.move(scope, Http.id(ctx, "id"), Http.input(ctx))));
        api.post("/units/:id/split").handler(Http.json(ctx -> service.split(scope, Http.id(ctx, "id"), Http.input(ctx))));
        api.get("/units/:id/history").handler(Http.json(ctx -> service.history(scope, Http.id(ctx, "id"))));
        api.get("/units/:id/holdings").handler(Http.json(ctx -> {
            String at = Http.query(ctx, "at");
            Instant when = at == null ? Instant.now() : Input.ofStrings(java.util.Map.of("at", at)).instant("at", true);
            return service.holdingsAt(scope, Http.id(ctx, "id"), when);
        }));
    }
}
