package vn.hatang.security;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Call;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Param;
import vn.hatang.platform.http.Routes;

/**
 * The other ways in: {@code /auth/oidc/start} and {@code /auth/oidc/callback} (single sign-on, the browser goes to the
 * provider and comes back with a code) and {@code /auth/certificate} (the signature certificate presented to the HTTPS
 * listener). Each ends in the same session as a password login.
 */
public final class SignOnEndpoint implements Endpoint {
    private static final String OIDC_COOKIE_PATH = "/api/v1/auth/oidc";
    private final OidcLogin oidc;
    private final CertificateLogin certificates;
    private final Blocking blocking;

    public SignOnEndpoint(OidcLogin oidc, CertificateLogin certificates, Blocking blocking) {
        this.oidc = oidc;
        this.certificates = certificates;
        this.blocking = blocking;
    }

    @Override
    public void addRoutes(Routes routes) {
        routes.tag("auth");
        routes.get("/auth/oidc/start", "startOidcLogin", Permission.PUBLIC)
                .doc("Đăng nhập một lần (OIDC): chuyển sang nhà cung cấp định danh",
                        "Single sign-on: sends the browser to the identity provider")
                .redirect(this::start);
        routes.get("/auth/oidc/callback", "finishOidcLogin", Permission.PUBLIC)
                .doc("Đăng nhập một lần (OIDC): nhà cung cấp định danh trả trình duyệt về",
                        "Single sign-on: the identity provider sends the browser back; opens the session and "
                                + "redirects to /")
                .query(Param.text("code", 4096, "mã cấp quyền / authorization code"),
                        Param.text("state", "state"), Param.text("iss", 1000, "issuer (RFC 9207)"),
                        Param.text("error", "mã lỗi của nhà cung cấp / the provider's error code"),
                        Param.text("error_description", 1000, "error_description"))
                .otherQuery().sameSiteRedirect(this::finish);
        routes.get("/auth/certificate", "loginWithCertificate", Permission.PUBLIC)
                .doc("Đăng nhập bằng chứng thư số của cán bộ", "Log in with one's signature certificate (TLS client "
                        + "certificate on the HTTPS listener); sets the session cookie")
                .answers(SecurityEndpoint.SESSION).json(this::certificate);
    }

    private Future<URI> start(Call c) {
        String client = AccessControl.client(c.ctx());
        return blocking.run(() -> oidc.start(c.scope(), client)).map(s -> {
            c.ctx().response().addCookie(browserCookie(s.browserCookie()).setMaxAge(OidcLogin.FLOW_TIME.toSeconds()));
            return s.location();
        });
    }

    private Future<URI> finish(Call c) {
        var answer = new OidcLogin.Answer(c.query("code"), c.query("state"), c.query("error"),
                c.query("error_description"), c.query("iss"));
        Cookie browser = c.ctx().request().getCookie(OidcLogin.BROWSER_COOKIE);
        String client = AccessControl.client(c.ctx());
        String agent = c.header("User-Agent");
        c.ctx().response().addCookie(browserCookie("").setMaxAge(0)); // used once, whatever the outcome
        return blocking.run(() -> oidc.finish(c.scope(), answer, browser == null ? null : browser.getValue(), client,
                agent)).map(s -> {
                    SecurityEndpoint.loggedIn(c.ctx(), s);
                    return URI.create("/");
                });
    }

    /**
     * Lax, not Strict: the provider's redirect back is a navigation from another site, on which a Strict cookie is
     * not sent. It only ties the answer to this browser; it opens nothing by itself.
     */
    private Cookie browserCookie(String value) {
        return Cookie.cookie(OidcLogin.BROWSER_COOKIE, value).setPath(OIDC_COOKIE_PATH).setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX).setSecure(oidc.redirectUri().getScheme().equals("https"));
    }

    private Future<JsonObject> certificate(Call c) {
        List<X509Certificate> presented = presented(c.ctx());
        String client = AccessControl.client(c.ctx());
        String agent = c.header("User-Agent");
        return blocking.run(() -> certificates.login(c.scope(), presented, client, agent))
                .map(s -> SecurityEndpoint.loggedIn(c.ctx(), s));
    }

    /** The chain the TLS client presented, its own certificate first; empty when it sent none. */
    public static List<X509Certificate> presented(RoutingContext ctx) {
        if (!ctx.request().isSSL()) {
            throw ApiException.invalid("certificate", "auth.cert_needs_tls");
        }
        try {
            return ctx.request().connection().peerCertificates().stream().filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException none) {
            return List.of();
        }
    }
}
