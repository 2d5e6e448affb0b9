package vn.hatang.console;

import io.vertx.core.Future;
import java.util.Map;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.platform.json.Input;
import vn.hatang.security.AccessControl;
import java.security.cert.X509Certificate;
import java.util.List;
import vn.hatang.security.AuthService;
import vn.hatang.security.CertificateLogin;
import vn.hatang.security.SignOnEndpoint;
import vn.hatang.security.UserService;

/**
 * {@code /login}, {@code /logout} and the language switch: the same calls as {@code POST /api/v1/auth/login},
 * {@code /auth/logout} and {@code PATCH /api/v1/auth/me}. Single sign-on and certificate login add their buttons
 * when they are configured.
 */
public final class SessionPages implements Console.Page {
    private final AuthService auth;
    private final UserService users;
    private final Blocking blocking;
    private final boolean oidc;
    private final CertificateLogin certificate;

    /** @param certificate certificate login, when the HTTPS listener is configured; else null */
    public SessionPages(AuthService auth, UserService users, Blocking blocking, boolean oidc,
            CertificateLogin certificate) {
        this.auth = auth;
        this.users = users;
        this.blocking = blocking;
        this.oidc = oidc;
        this.certificate = certificate;
    }

    @Override
    public void addRoutes(Console.Pages console) {
        console.get("/login", r -> {
            if (r.principal() != null) {
                return Future.succeededFuture(Reply.redirect(local(r.query("next"))));
            }
            return Future.succeededFuture(Reply.ok(page(r, "", null)));
        });
        console.post("/login", this::login);
        if (certificate != null) {
            console.get("/login/certificate", this::certificateLogin);
        }
        console.post("/logout", r -> {
            var scope = r.scope("logout");
            Long session = r.principal().sessionId();
            return blocking.run(() -> {
                if (session != null) {
                    auth.logout(scope, session);
                }
                return null;
            }).map(x -> {
                r.ctx().response().addCookie(AccessControl.expired());
                return Reply.redirect("/login");
            });
        });
        console.post("/language", r -> {
            var scope = r.scope("updateMe");
            Map<String, String> form = r.form();
            return users.setLanguage(scope, r.principal(), Input.ofStrings(Map.of("language",
                            form.getOrDefault("language", "")))).map(x -> Reply.redirect(local(form.get("back"))));
        });
    }

    private String page(Req r, String login, String message) {
        return r.render("login.jte", "v", r.view("login"), "login", login, "message", message, "next",
                local(r.query("next")), "oidc", oidc, "certificate", certificate != null && r.ctx().request().isSSL());
    }

    private Future<Reply> login(Req r) {
        var scope = r.scope("login");
        Map<String, String> form = r.form();
        String login = form.getOrDefault("login", "");
        String password = r.ctx().request().getFormAttribute("password");
        String client = AccessControl.client(r.ctx());
        String agent = r.ctx().request().getHeader("User-Agent");
        return blocking.run(() -> auth.login(login, password == null ? "" : password, client, agent, scope))
                .map(s -> opened(r, s, form.get("next"))).recover(e -> refused(r, login, e, false));
    }

    /**
     * The certificate button: the same login as {@code GET /api/v1/auth/certificate} (the chain the browser presented
     * to the HTTPS listener, judged by the register), then on to the page asked for.
     */
    private Future<Reply> certificateLogin(Req r) {
        var scope = r.scope("loginWithCertificate");
        String client = AccessControl.client(r.ctx());
        String agent = r.ctx().request().getHeader("User-Agent");
        Future<AuthService.NewSession> session;
        try {
            List<X509Certificate> presented = SignOnEndpoint.presented(r.ctx());
            session = blocking.run(() -> certificate.login(scope, presented, client, agent));
        } catch (ApiException e) {
            session = Future.failedFuture(e);
        }
        return session.map(s -> opened(r, s, r.query("next"))).recover(e -> refused(r, "", e, true));
    }

    private static Reply opened(Req r, AuthService.NewSession s, String next) {
        r.ctx().response().addCookie(AccessControl.sessionCookie(r.ctx(), s.cookie()));
        return Reply.redirect(local(next));
    }

    /** The login page again with the service's reason (its own status for a certificate's refusal: 401 or 403). */
    private Future<Reply> refused(Req r, String login, Throwable e, boolean ownStatus) {
        if (e instanceof ApiException a && a.status() < 500) {
            String message = Messages.get(r.text().locale(), a.messageKey(), a.args());
            int status = ownStatus || a.status() == 429 ? a.status() : 401;
            return Future.succeededFuture(new Reply.Html(status, page(r, login, message)));
        }
        return Future.failedFuture(e);
    }

    /** Only a path of this site (never {@code //host} or a scheme) is followed after login. */
    static String local(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
                ? next : "/";
    }
}
