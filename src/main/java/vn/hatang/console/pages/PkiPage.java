package vn.hatang.console.pages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import vn.hatang.console.Console;
import vn.hatang.console.Form;
import vn.hatang.console.Names;
import vn.hatang.console.Reply;
import vn.hatang.console.Req;
import vn.hatang.pki.certs.CertificateService;
import vn.hatang.pki.tokens.TokenService;
import vn.hatang.pki.validation.Verdict;
import vn.hatang.pki.workflow.RequestService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.json.Input;

/**
 * {@code /pki}: the token and certificate registers with verdicts and reasons ({@code listTokens},
 * {@code listCertificates}), signers without a valid certificate ({@code listSignersWithoutCertificate}), the
 * requests ({@code listCertificateRequests}); a token's moves with their handover document ({@code moveToken}),
 * certificate and CRL uploads ({@code uploadCertificate}, {@code uploadCrl}); {@code /pki/requests}: requests to
 * the CA for a new certificate, a renewal, a re-issue or a revocation ({@code createCertificateRequest}) and their
 * moves: submitted to the CA, completed when it issued, or rejected ({@code moveCertificateRequest}).
 */
public final class PkiPage implements Console.Page {
    private final Db db;
    private final TokenService tokens;
    private final CertificateService certificates;
    private final RequestService requests;

    public PkiPage(Db db, TokenService tokens, CertificateService certificates, RequestService requests) {
        this.db = db;
        this.tokens = tokens;
        this.certificates = certificates;
        this.requests = requests;
    }

    @Override
    public void addRoutes(Console.Pages console) {
        console.get("/pki", r -> register(r, Form.NONE));
        console.get("/pki/tokens/:id", r -> token(r, Form.NONE));
        console.post("/pki/tokens/:id/:action", r -> {
            long id = r.id("id");
            String action = r.path("action");
            return Forms.submit(r, action, Forms.attempt(() -> tokens.transition(r.scope("moveToken"), id, action,
                    Input.ofStrings(r.form()))), "/pki/tokens/" + id + "?done=token_" + action, f -> token(r, f));
        });
        console.get("/pki/certificates/:id", r -> certificate(r, Form.NONE));
        console.get("/pki/requests", r -> requestList(r, Form.NONE));
        console.post("/pki/requests", r -> Forms.submit(r, "request", Forms.attempt(() -> requests.create(
                r.scope("createCertificateRequest"), Input.ofStrings(r.form()))), "/pki/requests?done=request_created",
                f -> requestList(r, f)));
        console.post("/pki/requests/proposals", r -> Forms.submit(r, "propose", Forms.attempt(() -> requests.propose(
                r.scope("proposeCertificateRequests"))), "/pki/requests?done=requests_proposed&state=proposed",
                f -> requestList(r, f)));
        console.post("/pki/requests/:id/:action", r -> {
            long id = r.id("id");
            String action = r.path("action");
            return Forms.submit(r, "r" + id + "-" + action, Forms.attempt(() -> requests.transition(
                    r.scope("moveCertificateRequest"), id, action, Input.ofStrings(r.form()))),
                    "/pki/requests?done=request_" + action, f -> requestList(r, f));
        });
        // Renewal and revocation of a certificate are requests for it: the same createCertificateRequest, for its
        // holder, asked from the certificate's page.
        console.post("/pki/certificates/:id/request", r -> {
            long id = r.id("id");
            Map<String, String> form = new java.util.LinkedHashMap<>(r.form());
            String kind = form.getOrDefault("kind", "");
            form.put("certificate_id", String.valueOf(id));
            return Forms.submit(r, kind, Forms.attempt(() -> certificates.get(r.scope("getCertificate"), id)
                    .compose(c -> {
                        if (c.getValue("person_id") != null) {
                            form.put("person_id", String.valueOf(c.getValue("person_id")));
                        }
                        return requests.create(r.scope("createCertificateRequest"), Input.ofStrings(form));
                    })), "/pki/requests?done=request_created", f -> certificate(r, f));
        });
        console.post("/pki/certificates", r -> Forms.submit(r, "upload", Forms.attempt(() -> certificates.importFile(
                r.scope("uploadCertificate"), upload(r), Input.ofStrings(r.form()))), "/pki?done=uploaded",
                f -> register(r, f)));
        console.post("/pki/crls", r -> Forms.submit(r, "crl", Forms.attempt(() -> certificates.importCrls(
                r.scope("uploadCrl"), upload(r))), "/pki?done=crl", f -> register(r, f)));
        console.post("/pki/revalidate", r -> Forms.submit(r, "revalidate", Forms.attempt(() ->
                certificates.revalidateAllAsync(r.scope("revalidateCertificates"))), "/pki?done=revalidated",
                f -> register(r, f)));
    }

    /** The one uploaded file of a form. */
    private static byte[] upload(Req r) {
        List<FileUpload> files = r.ctx().fileUploads();
        if (files.isEmpty() || files.get(0).size() == 0) {
            throw ApiException.invalid("file", "error.required");
        }
        try {
            return Files.readAllBytes(Path.of(files.get(0).uploadedFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Future<Reply> register(Req r, Form form) {
        Map<String, String> tf = r.filters("state", "kind");
        Map<String, String> cf = r.filters("verdict");
        String unit = r.query("unit");
        var tokenScope = r.scope("listTokens");
        Future<Page> tokenPage = tokens.list(tokenScope, tf, Page.Request.of("50", r.query("cursor")));
        Future<Page> certPage = certificates.list(r.scope("listCertificates"), cf, new Page.Request(50, 0));
        Future<JsonObject> lacking = certificates.signersLacking(r.scope("listSignersWithoutCertificate"), unit);
        Future<Page> reqs = requests.list(r.scope("listCertificateRequests"), Map.of(), new Page.Request(20, 0));
        return Future.all(tokenPage, certPage, lacking, reqs).compose(x -> db.read(tokenScope, dsl -> Names.of(dsl,
                tokenScope, concat(tokenPage.result().items(), certPage.result().items())))).map(names -> Reply.ok(
                r.render("pki.jte", "v", r.view("pki"), "tokens", tokenPage.result(), "certificates", certPage.result(),
                        "lacking", lacking.result(), "requests", reqs.result(), "names", names, "tokenFilters", tf,
                        "certFilters", cf, "unit", unit, "states", TokenService.STATES, "verdicts",
                        java.util.Arrays.stream(Verdict.values()).map(Verdict::code).toList(), "form", form,
                        "canWrite", r.may("moveToken"), "canCrl", r.may("uploadCrl"))));
    }

    private static List<JsonObject> concat(List<JsonObject> a, List<JsonObject> b) {
        var all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Future<Reply> token(Req r, Form form) {
        long id = r.id("id");
        var scope = r.scope("getToken");
        return tokens.get(scope, id).compose(t -> tokens.history(r.scope("getTokenHistory"), id).compose(h -> db.read(
                scope, dsl -> Names.of(dsl, scope, concat(List.of(t), h.stream().map(JsonObject.class::cast).toList())))
                .map(names -> Reply.ok(r.render("token.jte", "v", r.view("pki"), "token", t, "history", h, "names",
                        names, "actions", TokenService.actions(t.getString("state")), "form", form, "canWrite",
                        r.may("moveToken"))))));
    }

    private Future<Reply> certificate(Req r, Form form) {
        long id = r.id("id");
        var scope = r.scope("getCertificate");
        return certificates.get(scope, id).compose(c -> certificates.verdicts(r.scope("getCertificateVerdicts"), id)
                .compose(vs -> db.read(scope, dsl -> Names.of(dsl, scope, c)).map(names -> Reply.ok(r.render(
                        "certificate.jte", "v", r.view("pki"), "cert", c, "verdicts", vs, "names", names, "form", form,
                        "reasons", RequestService.REASONS, "canRequest", r.may("createCertificateRequest"))))));
    }

    /** {@code /pki/requests}: the requests ({@code listCertificateRequests}), a new one, and each open one's moves. */
    private Future<Reply> requestList(Req r, Form form) {
        Map<String, String> f = r.filters("state", "kind", "unit");
        var scope = r.scope("listCertificateRequests");
        return requests.list(scope, f, Page.Request.of("50", r.query("cursor"))).compose(page -> db.read(scope,
                dsl -> Names.of(dsl, scope, page.items())).map(names -> Reply.ok(r.render("requests.jte", "v",
                r.view("pki"), "requests", page, "names", names, "filters", f, "form", form, "kinds",
                RequestService.KINDS, "reasons", RequestService.REASONS, "states", RequestService.STATES,
                "canWrite", r.may("createCertificateRequest")))));
    }
}
