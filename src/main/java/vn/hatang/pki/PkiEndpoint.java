package vn.hatang.pki;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Filters;
import vn.hatang.platform.http.Http;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.json.Input;
import vn.hatang.pki.certs.CertificateService;
import vn.hatang.pki.exports.PkiExports;
import vn.hatang.platform.report.ReportWriter;
import vn.hatang.pki.workflow.RequestService;
import vn.hatang.security.Scope;

/**
 * Certificates, certificate requests, signers lacking a certificate and the PKI exports. (Tokens are a
 * {@link vn.hatang.platform.http.CrudEndpoint} plus {@link TokenEndpoint}.)
 */
final class PkiEndpoint implements vn.hatang.platform.http.Endpoint {
    private final CertificateService certs;
    private final RequestService requests;
    private final PkiExports exports;

    PkiEndpoint(CertificateService certs, RequestService requests, PkiExports exports) {
        this.certs = certs;
        this.requests = requests;
        this.exports = exports;
    }

    static String actor(RoutingContext ctx) {
        String a = ctx.request().getHeader("X-Actor");
        return a == null || a.isBlank() ? "api" : a.strip();
    }

    @Override
    public void addRoutes(Router api) {
        Scope scope = Scope.WHOLE_TREE;
        api.post("/certificates/revalidate").handler(Http.json(ctx -> certs.revalidateAllAsync()
            .map(n -> new JsonObject().put("validated", n))));
        api.post("/certificates").handler(Http.created(this::upload));
        api.get("/certificates").handler(Http.json(ctx -> certs.list(scope,
            Filters.of(ctx, "unit", "verdict", "expiring_within_days", "person_id", "match"), Page.Request.of(ctx))));
        api.get("/certificates/:id").handler(Http.json(ctx -> certs.get(scope, Http.id(ctx, "id"))));
        api.patch("/certificates/:id").handler(Http.json(ctx -> certs.update(scope, Http.id(ctx, "id"),
            Http.ifMatch(ctx), Http.input(ctx))));
        api.post("/certificates/:id/validate").handler(Http.json(ctx -> certs.validate(scope, Http.id(ctx, "id"))));
        api.get("/certificates/:id/verdicts").handler(Http.json(ctx -> certs.verdicts(scope, Http.id(ctx, "id"))));
        api.get("/certificate-events").handler(Http.json(ctx -> certs.events(Filters.of(ctx, "kind"))));
        api.get("/signers-without-valid-certificate").handler(Http.json(ctx ->
            certs.signersLacking(scope, Http.query(ctx, "unit"))));

        api.post("/certificate-requests/proposals").handler(Http.created(ctx -> requests.propose(actor(ctx))));
        api.post("/certificate-requests").handler(Http.created(ctx -> requests.create(scope, Http.input(ctx), actor(ctx))));
        api.get("/certificate-requests").handler(Http.json(ctx -> requests.list(scope,
            Filters.of(ctx, "unit", "state", "kind"), Page.Request.of(ctx))));
        api.post("/certificate-requests/:id/:action").handler(Http.json(ctx -> requests.transition(scope,
            Http.id(ctx, "id"), ctx.pathParam("action"), optionalInput(ctx), actor(ctx))));

        api.post("/crls").handler(Http.created(ctx -> {
            if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() <= 0) {
                throw ApiException.invalid("file", "error.required");
            }
            return certs.importCrls(ctx.body().buffer().getBytes());
        }));
        api.get("/exports/pki/:file").handler(this::export);
    }

    /**
     * A certificate file as the body (PEM, DER or PKCS#7; holder and token as query parameters), or JSON
     * {@code {"pem": "...", "person_code": ..., "token_serial": ...}}.
     */
    private Future<?> upload(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() <= 0) {
            throw ApiException.invalid("file", "error.required");
        }
        if (type != null && type.startsWith("application/json")) {
            JsonObject body = Http.body(ctx);
            String pem = body.getString("pem");
            if (pem == null || pem.isBlank()) throw ApiException.invalid("pem", "error.required");
            return certs.importFile(pem.getBytes(StandardCharsets.UTF_8), Input.of(body), actor(ctx));
        }
        Map<String, String> q = new HashMap<>();
        for (String k : new String[] {"person_id", "person_code", "token_id", "token_serial"}) {
            String v = Http.query(ctx, k);
            if (v != null) q.put(k, v);
        }
        return certs.importFile(ctx.body().buffer().getBytes(), Input.ofStrings(q), actor(ctx));
    }

    /** The JSON body, or no fields at all when the request has none (e.g. {@code POST .../submit}). */
    static Input optionalInput(RoutingContext ctx) {
        return ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() <= 0
            ? Input.of(new JsonObject()) : Http.input(ctx);
    }

    private void export(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        int dot = file.lastIndexOf('.');
        String list = dot < 0 ? file : file.substring(0, dot);
        String format = dot < 0 ? "csv" : file.substring(dot + 1);
        if (!PkiExports.LISTS.contains(list)) {
            ctx.fail(ApiException.invalid("file", "error.one_of", String.join(", ", PkiExports.LISTS)));
            return;
        }
        if (!format.equals("csv") && !format.equals("xlsx")) {
            ctx.fail(ApiException.invalid("file", "error.one_of", "csv, xlsx"));
            return;
        }
        Map<String, String> filters;
        try {
            filters = Filters.of(ctx, "unit", "state");
        } catch (RuntimeException e) {
            ctx.fail(e);
            return;
        }
        java.util.Locale locale = vn.hatang.platform.i18n.Messages.fromAcceptLanguage(ctx.request().getHeader("Accept-Language"));
        exports.report(Scope.WHOLE_TREE, list, filters)
            .map(r -> ReportWriter.render(r, format, locale))
            .onSuccess(bytes -> ctx.response()
                .putHeader("Content-Type", ReportWriter.contentType(format))
                .putHeader("Content-Disposition", "attachment; filename=\"" + list + "." + format + "\"")
                .end(io.vertx.core.buffer.Buffer.buffer(bytes)))
            .onFailure(ctx::fail);
    }
}
