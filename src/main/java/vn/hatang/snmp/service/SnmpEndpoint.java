package vn.hatang.snmp.service;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Http;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.security.Scope;

/**
 * {@code /snmp/...}: profiles and their assignment, device status, interfaces, findings, poll / discover / test now,
 * links, reachability, events. Each route reads its input and hands it to {@link SnmpService} with the caller's
 * scope.
 */
final class SnmpEndpoint implements Endpoint {
    private final SnmpService service;

    SnmpEndpoint(SnmpService service) {
        this.service = service;
    }

    @Override
    public void addRoutes(Router api) {
        Scope scope = Scope.WHOLE_TREE;
        api.get("/snmp/status").handler(Http.json(ctx -> io.vertx.core.Future.succeededFuture(
                service.summary(locale(ctx)))));
        api.get("/snmp/profiles").handler(Http.json(ctx -> service.listProfiles(scope)));
        api.post("/snmp/profiles").handler(Http.created(ctx -> service.createProfile(scope, Http.input(ctx))));
        api.get("/snmp/profiles/:id").handler(Http.json(ctx -> service.getProfile(scope, Http.id(ctx, "id"))));
        api.put("/snmp/profiles/:id").handler(Http.json(ctx -> service.updateProfile(scope, Http.id(ctx, "id"),
                Http.ifMatch(ctx), Http.input(ctx))));
        api.delete("/snmp/profiles/:id").handler(Http.json(ctx -> service.deleteProfile(scope, Http.id(ctx, "id"))));
        api.post("/snmp/profiles/:id/assign").handler(Http.json(ctx -> service.assignAll(scope, Http.id(ctx, "id"),
                Http.input(ctx))));
        api.put("/snmp/devices/:id/assignment").handler(Http.json(ctx -> service.assign(scope, Http.id(ctx, "id"),
                Http.input(ctx))));
        api.put("/snmp/units/:id/profile").handler(Http.json(ctx -> service.unitProfile(scope, Http.id(ctx, "id"),
                Http.input(ctx))));
        api.get("/snmp/devices/:id").handler(Http.json(ctx -> service.status(scope, Http.id(ctx, "id"), locale(ctx))));
        api.get("/snmp/devices/:id/interfaces").handler(Http.json(ctx -> service.interfaces(scope,
                Http.id(ctx, "id"))));
        api.get("/snmp/devices/:id/findings").handler(Http.json(ctx -> service.findings(scope, Http.id(ctx, "id"),
                locale(ctx))));
        api.post("/snmp/devices/:id/poll").handler(Http.json(ctx -> service.pollNow(ctx.vertx(), scope,
                Http.id(ctx, "id"), locale(ctx))));
        api.post("/snmp/devices/:id/discover").handler(Http.json(ctx -> service.discoverNow(ctx.vertx(), scope,
                Http.id(ctx, "id"), locale(ctx))));
        api.post("/snmp/devices/:id/test").handler(Http.json(ctx -> service.test(ctx.vertx(), scope,
                Http.id(ctx, "id"), optionalInput(ctx), locale(ctx))));
        api.get("/snmp/links").handler(Http.json(ctx -> service.links(scope, params(ctx, "under", "status"),
                Page.Request.of(ctx), locale(ctx))));
        api.get("/snmp/links/:id").handler(Http.json(ctx -> service.link(scope, Http.id(ctx, "id"), locale(ctx))));
        api.get("/snmp/links/:id/utilisation").handler(Http.json(ctx -> service.utilisation(scope, Http.id(ctx, "id"),
                params(ctx, "from", "to"))));
        api.get("/snmp/units/:id/reachability").handler(Http.json(ctx -> service.reachability(scope,
                Http.id(ctx, "id"))));
        api.get("/snmp/events").handler(Http.json(ctx -> service.events(scope, params(ctx, "device_id", "unit_id",
                "kind", "from", "to", "limit"))));
    }

    private static Locale locale(RoutingContext ctx) {
        return Messages.fromAcceptLanguage(ctx.request().getHeader("Accept-Language"));
    }

    /** The test takes an optional body: nothing means "the inventory's address, the device's profile". */
    private static vn.hatang.platform.json.Input optionalInput(RoutingContext ctx) {
        var body = ctx.body();
        return body == null || body.buffer() == null || body.length() <= 0 ? vn.hatang.platform.json.Input.of(null)
                : Http.input(ctx);
    }

    private static Map<String, String> params(RoutingContext ctx, String... names) {
        Map<String, String> m = new HashMap<>();
        for (String n : names) {
            String v = Http.query(ctx, n);
            if (v != null) {
                m.put(n, v);
            }
        }
        return m;
    }
}
