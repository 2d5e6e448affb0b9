package vn.hatang.devices;

import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.Map;
import vn.hatang.platform.http.CrudEndpoint;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Http;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Scope;

/** {@code /devices}: inventory, lifecycle transitions, security checks, data destruction, history. */
public final class DeviceEndpoint implements Endpoint {
    private final DeviceService service;

    public DeviceEndpoint(DeviceService service) {
        this.service = service;
    }

    @Override
    public void addRoutes(Router api) {
        Scope scope = Scope.WHOLE_TREE;
        new CrudEndpoint("/devices", service, "under", "category", "class", "status", "person_code", "q").addRoutes(api);
        api.post("/devices/:id/transitions").handler(Http.json(ctx -> service.transition(scope, Http.id(ctx, "id"),
                Http.ifMatch(ctx), Http.input(ctx))));
        api.post("/devices/:id/security-checks").handler(Http.created(ctx -> service.recordSecurityCheck(scope,
                Http.id(ctx, "id"), Http.input(ctx))));
        api.post("/devices/:id/data-destructions").handler(Http.created(ctx -> service.recordDataDestruction(scope,
                Http.id(ctx, "id"), Http.input(ctx))));
        api.get("/devices/:id/history").handler(Http.json(ctx -> service.history(scope, Http.id(ctx, "id"))));
        api.get("/devices/:id/location").handler(Http.json(ctx -> {
            String at = Http.query(ctx, "at");
            Instant when = at == null ? Instant.now() : Input.ofStrings(Map.of("at", at)).instant("at", true);
            return service.locationAt(scope, Http.id(ctx, "id"), when);
        }));
    }
}
