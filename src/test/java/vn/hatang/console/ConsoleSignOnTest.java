package vn.hatang.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.SignOnSetup;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * The console's login page where single sign-on is configured, against a real OpenID Connect provider
 * (mock-oauth2-server): it offers the provider's button, and the session the API's sign-on opens is the console's
 * session — the browser that went round the provider lands on its dashboard, logged in (here a fresh install whose
 * office has not loaded its KPI targets yet: every section opens all the same).
 */
class ConsoleSignOnTest {
    static final String ISSUER_ID = SignOnSetup.ISSUER_ID;
    static SignOnSetup setup;
    static MockOAuth2Server provider;
    static TestServer server;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        setup = SignOnSetup.start();
        provider = setup.provider();
        server = setup.server();
        base = setup.base();
        assertEquals(201, server.post("/api/v1/units", new JsonObject().put("code", "TU").put("name", "Tỉnh ủy Thử")
                .put("kind", "provincial_committee")).statusCode());
        var user = server.post("/api/v1/users", new JsonObject().put("login", "pham.thi.sso")
                .put("full_name", "Phạm Thị Đăng Nhập Một Lần").put("unit_code", "TU").put("grants", new JsonArray()
                        .add(new JsonObject().put("role", "viewer").put("unit_code", "TU"))));
        assertEquals(201, user.statusCode(), user.bodyAsString());
    }

    @AfterAll
    static void stop() {
        if (setup != null) {
            setup.close();
        }
    }

    static HttpResponse<String> get(HttpClient client, String uri) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(uri.startsWith("/") ? base + uri : uri))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLoginPageOffersSingleSignOnAndItsSessionOpensTheConsole() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
        var login = get(browser, "/");
        assertEquals(200, login.statusCode());
        assertTrue(login.uri().getPath().equals("/login"), "without a session: the login page");
        Matcher button = Pattern.compile("<a role=\"button\"[^>]*href=\"([^\"]+)\">Đăng nhập một lần \\(SSO\\)</a>")
                .matcher(login.body());
        assertTrue(button.find(), login.body());
        assertEquals("/api/v1/auth/oidc/start", button.group(1));

        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "sub-pham", "JWT", null,
                Map.of("preferred_username", "pham.thi.sso"), 3600));
        var landed = get(browser, button.group(1));
        assertEquals(200, landed.statusCode(), landed.body());
        assertTrue(landed.body().contains("url=/\""), "sent home: " + landed.body());
        var dashboard = get(browser, "/");
        assertEquals("/", dashboard.uri().getPath(), "the console takes the session single sign-on opened");
        assertTrue(dashboard.body().contains("Phạm Thị Đăng Nhập Một Lần"), dashboard.body());
        Matcher h1 = Pattern.compile("<h1>([^<]*)</h1>").matcher(dashboard.body());
        assertTrue(h1.find() && h1.group(1).contains("Tỉnh ủy Thử"), "the dashboard of the account's unit: "
                + dashboard.body());
        for (String section : new String[] {"/units", "/devices", "/people", "/network", "/pki", "/coverage"}) {
            var page = get(browser, section);
            assertEquals(200, page.statusCode(), section + ": " + page.body());
            assertEquals(section, page.uri().getPath(), "still logged in");
        }
    }
}
