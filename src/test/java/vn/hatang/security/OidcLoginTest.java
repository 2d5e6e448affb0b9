package vn.hatang.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.AUDIT_LOG;
import static vn.hatang.db.Tables.OIDC_LOGIN;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.SignOnSetup;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * Single sign-on against a real OpenID Connect provider (mock-oauth2-server: discovery, authorization endpoint, token
 * endpoint with PKCE, signed ID tokens, JWKS) and a browser that follows redirects and keeps cookies. The claim
 * {@code preferred_username} names the hatang account (its login, or its recorded {@code oidc_subject}); tokens for
 * another audience, expired, signed by another key, or carrying another nonce, answers with a forged or replayed state,
 * a state from another browser, unknown and disabled accounts are all refused with the reason, and audited.
 */
class OidcLoginTest {
    static final String ISSUER_ID = SignOnSetup.ISSUER_ID;
    static SignOnSetup setup;
    static final String CLIENT_ID = SignOnSetup.CLIENT_ID;
    static MockOAuth2Server provider;
    static TestServer server;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        setup = SignOnSetup.start();
        provider = setup.provider();
        server = setup.server();
        base = setup.base();
        assertEquals(201, server.post("/api/v1/units", new JsonObject().put("code", "TU").put("name", "Tỉnh ủy")
                .put("kind", "provincial_committee")).statusCode());
        account("nguyen.van.a", null, "active");
        account("tran.thi.b", "b@so-noi-vu", "active");
        account("le.van.khoa", null, "disabled");
    }

    @AfterAll
    static void stop() {
        if (setup != null) {
            setup.close();
        }
    }

    static long account(String login, String oidcSubject, String status) {
        JsonObject body = new JsonObject().put("login", login).put("full_name", "Cán bộ " + login)
                .put("unit_code", "TU").put("grants", new JsonArray().add(new JsonObject().put("role", "viewer")
                        .put("unit_code", "TU")));
        if (oidcSubject != null) {
            body.put("oidc_subject", oidcSubject);
        }
        var r = server.post("/api/v1/users", body);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        if (status.equals("disabled")) {
            long id = r.bodyAsJsonObject().getLong("id");
            var d = server.patch("/api/v1/users/" + id, new JsonObject().put("status", "disabled"), Map.of());
            assertEquals(200, d.statusCode(), d.bodyAsString());
        }
        return r.bodyAsJsonObject().getLong("id");
    }

    /** The provider's next ID token: for {@code claims} (and the defaults it sets: issuer, aud, nonce, times). */
    static void providerSays(Map<String, Object> claims, long expirySeconds) {
        providerSays("sub-" + claims.hashCode(), claims, expirySeconds);
    }

    /** The same, for the provider's user {@code sub}. */
    static void providerSays(String sub, Map<String, Object> claims, long expirySeconds) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, sub, "JWT", null, claims, expirySeconds));
    }

    /** A browser: one cookie jar, a client that follows redirects and one that takes them step by step. */
    static final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient following = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
        final HttpClient stepping = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
            return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** hatang's redirect to the provider's authorization endpoint. */
        URI start() throws Exception {
            HttpResponse<String> r = get(stepping, URI.create(base + "/api/v1/auth/oidc/start"));
            assertEquals(302, r.statusCode(), r.body());
            return URI.create(r.headers().firstValue("Location").orElseThrow());
        }

        /** The provider's redirect back to hatang's callback for an authorization request. */
        URI authorize(URI authorization) throws Exception {
            HttpResponse<String> r = get(stepping, authorization);
            assertEquals(302, r.statusCode(), r.body());
            return URI.create(r.headers().firstValue("Location").orElseThrow());
        }

        HttpResponse<String> callback(URI callback) throws Exception {
            return get(stepping, callback);
        }

        /** The whole round trip, the provider's pages changed on the way by {@code tamper} (authorization URL). */
        HttpResponse<String> login(UnaryOperator<URI> tamper) throws Exception {
            return callback(authorize(tamper.apply(start())));
        }

        HttpResponse<String> me() throws Exception {
            return get(following, URI.create(base + "/api/v1/auth/me"));
        }
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    static URI withParam(URI uri, String name, String value) {
        String raw = uri.toString().replaceAll("([?&])" + name + "=[^&]*", "$1" + name + "=" + value);
        return URI.create(raw);
    }

    static Record lastAudit() {
        return TestDatabase.dsl().selectFrom(AUDIT_LOG).orderBy(AUDIT_LOG.SEQ.desc()).limit(1).fetchOne();
    }

    /** The latest audit row of {@code action}. */
    static Record lastAudit(String action) {
        return TestDatabase.dsl().selectFrom(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq(action)).orderBy(AUDIT_LOG.SEQ.desc())
                .limit(1).fetchOne();
    }

    static long auditRows() {
        return TestDatabase.dsl().fetchCount(AUDIT_LOG);
    }

    static JsonObject problem(HttpResponse<String> r) {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                r.headers().toString());
        return new JsonObject(r.body());
    }

    /** A refusal after the provider answered: its status, its words, no session, one audit row saying why. */
    static JsonObject refused(Browser b, HttpResponse<String> r, int status, String words) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonObject p = problem(r);
        assertTrue(p.getString("detail").contains(words), r.body());
        assertEquals(401, b.me().statusCode(), "no session was opened");
        Record audit = lastAudit();
        assertEquals("login.refused", audit.get(AUDIT_LOG.ACTION));
        assertEquals("oidc", audit.get(AUDIT_LOG.AUTH_METHOD));
        return new JsonObject(audit.get(AUDIT_LOG.AFTER));
    }

    @Test
    void aBrowserFollowingTheRedirectsComesBackLoggedInToItsAccount() throws Exception {
        providerSays(Map.of("preferred_username", "nguyen.van.a", "name", "Nguyễn Văn A"), 3600);
        int pending = TestDatabase.dsl().fetchCount(OIDC_LOGIN);
        Browser b = new Browser();
        HttpResponse<String> landed = b.get(b.following, URI.create(base + "/api/v1/auth/oidc/start"));
        // The last hop home is a page of ours (so the next request is same-site and carries the Strict cookie).
        assertEquals(200, landed.statusCode(), landed.body());
        assertTrue(landed.body().contains("http-equiv=refresh content=\"0;url=/\""), landed.body());
        HttpResponse<String> me = b.me();
        assertEquals(200, me.statusCode(), me.body());
        assertEquals("nguyen.van.a", new JsonObject(me.body()).getString("login"));
        assertNotNull(new JsonObject(me.body()).getString("csrf_token"));
        Record audit = lastAudit("login");
        assertEquals("nguyen.van.a", audit.get(AUDIT_LOG.ACTOR));
        assertEquals("oidc", audit.get(AUDIT_LOG.AUTH_METHOD));
        assertEquals(pending, TestDatabase.dsl().fetchCount(OIDC_LOGIN), "the authorization request is used up");
    }

    @Test
    void theRequestToTheProviderCarriesPkceStateAndNonceAndTheRegisteredRedirectUri() throws Exception {
        Browser b = new Browser();
        URI authorization = b.start();
        assertTrue(authorization.toString().startsWith(provider.authorizationEndpointUrl(ISSUER_ID).toString()),
                authorization.toString());
        Map<String, String> q = query(authorization);
        assertEquals("code", q.get("response_type"));
        assertEquals(CLIENT_ID, q.get("client_id"));
        assertEquals(base + "/api/v1/auth/oidc/callback", q.get("redirect_uri"));
        assertTrue(q.get("scope").contains("openid"), q.toString());
        assertEquals("S256", q.get("code_challenge_method"));
        assertTrue(q.get("code_challenge").length() >= 43, q.toString());
        assertTrue(q.get("state").length() >= 32 && q.get("nonce").length() >= 32, q.toString());
        String browserCookie = b.cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(OidcLogin.BROWSER_COOKIE)).findFirst().orElseThrow().getValue();
        assertFalse(browserCookie.isBlank());
        // The stored request keeps neither the state nor the browser's cookie in clear.
        var row = TestDatabase.dsl().selectFrom(OIDC_LOGIN).orderBy(OIDC_LOGIN.ID.desc()).limit(1).fetchOne();
        assertEquals(Secrets.sha256(q.get("state")), row.getStateHash());
        assertEquals(Secrets.sha256(browserCookie), row.getBrowserHash());
    }

    @Test
    void theClaimMayNameTheAccountByItsRecordedSubject() throws Exception {
        providerSays(Map.of("preferred_username", "b@so-noi-vu"), 3600);
        Browser b = new Browser();
        HttpResponse<String> back = b.login(u -> u);
        assertEquals(200, back.statusCode(), back.body());
        assertTrue(back.body().contains("url=/\""), back.body());
        assertEquals("tran.thi.b", new JsonObject(b.me().body()).getString("login"));
    }

    /**
     * The provider's own identifier of the person is pinned at the first sign-on: the name claim alone no longer
     * opens the account (someone else given that name at the provider is refused), the pinned person still does under
     * another name, and an administrator re-linking the account (writing its oidc_subject) releases the pin.
     */
    @Test
    void theFirstSignOnPinsTheProvidersSubjectAndOnlyThatSubjectOpensTheAccountAfterwards() throws Exception {
        long id = account("do.thi.d", null, "active");
        providerSays("nguoi-d", Map.of("preferred_username", "do.thi.d"), 3600);
        Browser first = new Browser();
        assertEquals(200, first.login(u -> u).statusCode());
        assertEquals("do.thi.d", new JsonObject(first.me().body()).getString("login"));
        JsonObject pinned = server.get("/api/v1/users/" + id).bodyAsJsonObject();
        assertEquals("nguoi-d", pinned.getString("oidc_sub"));
        assertEquals(provider.issuerUrl(ISSUER_ID).toString(), pinned.getString("oidc_issuer"));
        // The login and the pin are one transaction: its two audit rows follow each other.
        Record login = lastAudit("login");
        Record pin = lastAudit();
        assertEquals(login.get(AUDIT_LOG.SEQ) + 1, pin.get(AUDIT_LOG.SEQ));
        assertEquals("app_user", pin.get(AUDIT_LOG.OBJECT_TYPE));
        assertEquals(String.valueOf(id), pin.get(AUDIT_LOG.OBJECT_ID));
        assertTrue(pin.get(AUDIT_LOG.AFTER).contains("\"oidc_sub\":\"nguoi-d\""), pin.get(AUDIT_LOG.AFTER));

        // Another person of the provider now called do.thi.d (renamed, or the name given again).
        providerSays("nguoi-khac", Map.of("preferred_username", "do.thi.d"), 3600);
        Browser other = new Browser();
        JsonObject audit = refused(other, other.login(u -> u), 403, "“sub”");
        assertEquals("auth.oidc_subject_changed", audit.getString("reason"));
        assertEquals("nguoi-khac", audit.getString("sub"));
        assertEquals("nguoi-d", server.get("/api/v1/users/" + id).bodyAsJsonObject().getString("oidc_sub"));

        // The pinned person, renamed at the provider, still reaches their own account.
        providerSays("nguoi-d", Map.of("preferred_username", "do.thi.d.moi"), 3600);
        Browser renamed = new Browser();
        assertEquals(200, renamed.login(u -> u).statusCode());
        assertEquals("do.thi.d", new JsonObject(renamed.me().body()).getString("login"));

        // The pin is the provider's word alone: written back with an account, it is ignored.
        var forged = server.patch("/api/v1/users/" + id, new JsonObject().put("oidc_sub", "nguoi-khac"), Map.of());
        assertEquals(200, forged.statusCode(), forged.bodyAsString());
        assertEquals("nguoi-d", forged.bodyAsJsonObject().getString("oidc_sub"));

        // The administrator links the account again: the pin is released and taken by the next sign-on.
        var relinked = server.patch("/api/v1/users/" + id, new JsonObject().put("oidc_subject", "d@so-noi-vu"), Map.of());
        assertEquals(200, relinked.statusCode(), relinked.bodyAsString());
        assertEquals(null, relinked.bodyAsJsonObject().getString("oidc_sub"));
        providerSays("nguoi-khac", Map.of("preferred_username", "d@so-noi-vu"), 3600);
        Browser after = new Browser();
        assertEquals(200, after.login(u -> u).statusCode());
        assertEquals("do.thi.d", new JsonObject(after.me().body()).getString("login"));
        assertEquals("nguoi-khac", server.get("/api/v1/users/" + id).bodyAsJsonObject().getString("oidc_sub"));
    }

    @Test
    void anUnknownAccountIsRefusedWithTheNameTheProviderGave() throws Exception {
        providerSays(Map.of("preferred_username", "khong.ai.ca"), 3600);
        Browser b = new Browser();
        JsonObject audit = refused(b, b.login(u -> u), 403, "“khong.ai.ca”");
        assertEquals("khong.ai.ca", audit.getString("preferred_username"));
        assertEquals("auth.oidc_no_account", audit.getString("reason"));
    }

    @Test
    void aDisabledAccountIsRefused() throws Exception {
        providerSays(Map.of("preferred_username", "le.van.khoa"), 3600);
        Browser b = new Browser();
        refused(b, b.login(u -> u), 403, "đã bị khoá");
        assertEquals("le.van.khoa", lastAudit().get(AUDIT_LOG.ACTOR));
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() throws Exception {
        providerSays(Map.of("preferred_username", "nguyen.van.a", "aud", "ung-dung-khac"), 3600);
        Browser b = new Browser();
        assertEquals("audience", refused(b, b.login(u -> u), 401, "aud").getString("id_token"));
    }

    @Test
    void anExpiredIdTokenIsRefused() throws Exception {
        providerSays(Map.of("preferred_username", "nguyen.van.a"), -600);
        Browser b = new Browser();
        assertEquals("expired", refused(b, b.login(u -> u), 401, "hết hạn").getString("id_token"));
    }

    @Test
    void anIdTokenForAnotherLoginRequestIsRefusedByItsNonce() throws Exception {
        providerSays(Map.of("preferred_username", "nguyen.van.a"), 3600);
        Browser b = new Browser();
        // Someone on the way swaps the nonce: the token the provider then signs belongs to another request.
        HttpResponse<String> r = b.login(u -> withParam(u, "nonce", "nonce-cua-ke-khac-0123456789abcdef"));
        assertEquals("nonce", refused(b, r, 401, "nonce").getString("id_token"));
    }

    @Test
    void idTokensSignedByAnotherKeyOrNamingAnotherIssuerAreRefused() throws Exception {
        // A provider does not send such tokens on request: they are checked as the callback checks what it gets.
        OidcLogin oidc = server.app().security().oidc();
        Map<String, Object> claims = Map.of("sub", "x", "aud", CLIENT_ID, "nonce", "n-0123456789",
                "preferred_username", "nguyen.van.a");
        assertEquals("nguyen.van.a", oidc.checkIdToken(provider.anyToken(provider.issuerUrl(ISSUER_ID), claims),
                "n-0123456789").getStringClaim("preferred_username"));
        var genuine = provider.anyToken(provider.issuerUrl(ISSUER_ID), claims);
        assertEquals("signature", fault(() -> oidc.checkIdToken(signedByAnotherKey(genuine), "n-0123456789")));
        Map<String, Object> elsewhere = new java.util.HashMap<>(claims);
        elsewhere.put("iss", "http://idp.noi-khac/hatang-idp");
        assertEquals("issuer", fault(() -> oidc.checkIdToken(provider.issueToken(ISSUER_ID, CLIENT_ID,
                new DefaultOAuth2TokenCallback(ISSUER_ID, "x", "JWT", List.of(CLIENT_ID), elsewhere, 3600)),
                "n-0123456789")));
    }

    /** The same header (key id) and claims, signed by a key that is not the provider's. */
    static com.nimbusds.jwt.SignedJWT signedByAnotherKey(com.nimbusds.jwt.SignedJWT genuine) throws Exception {
        var key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
        var forged = new com.nimbusds.jwt.SignedJWT(genuine.getHeader(), genuine.getJWTClaimsSet());
        forged.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
        return forged;
    }

    interface Check {
        void run() throws Exception;
    }

    static String fault(Check check) {
        try {
            check.run();
        } catch (Exception e) {
            return OidcLogin.idTokenFault(e.getMessage());
        }
        throw new AssertionError("accepted");
    }

    @Test
    void aForgedStateAReplayedStateAndAStateFromAnotherBrowserAreRefused() throws Exception {
        Browser victim = new Browser();
        URI callback = victim.authorize(victim.start());
        long rows = auditRows();
        HttpResponse<String> forged = victim.callback(withParam(callback, "state", "trang-thai-gia"));
        assertEquals(400, forged.statusCode(), forged.body());
        assertEquals("state", problem(forged).getString("field"));

        // Login CSRF: the attacker's own callback, opened in the victim's browser, opens nothing.
        Browser attacker = new Browser();
        URI attackersCallback = attacker.authorize(attacker.start());
        HttpResponse<String> planted = victim.callback(attackersCallback);
        assertEquals(400, planted.statusCode(), planted.body());
        assertEquals(401, victim.me().statusCode());
        assertEquals(rows, auditRows(), "nothing proven, nothing recorded");

        // A state answers once: the attacker's callback, now used up, does not work for the attacker either.
        assertEquals(400, attacker.callback(attackersCallback).statusCode());
        assertEquals(401, attacker.me().statusCode());
    }

    @Test
    void whatTheProviderRefusesOrAMixedUpIssuerIsRefused() throws Exception {
        Browser b = new Browser();
        String state = query(b.start()).get("state");
        HttpResponse<String> denied = b.callback(URI.create(base + "/api/v1/auth/oidc/callback?state=" + state
                + "&error=access_denied&error_description=user+cancelled&session_state=abc"));
        assertEquals("access_denied", refused(b, denied, 401, "access_denied").getString("error"));

        String state2 = query(b.start()).get("state");
        HttpResponse<String> mixedUp = b.callback(URI.create(base + "/api/v1/auth/oidc/callback?code=x&state="
                + state2 + "&iss=http%3A%2F%2Fidp.khac"));
        assertEquals(400, mixedUp.statusCode(), mixedUp.body());
        assertEquals("iss", problem(mixedUp).getString("field"));
    }

    @Test
    void oneAddressCannotPileUpUnfinishedLoginRequests() throws Exception {
        Browser b = new Browser();
        try {
            for (int i = TestDatabase.dsl().fetchCount(OIDC_LOGIN); i < OidcLogin.MAX_PENDING_PER_CLIENT; i++) {
                b.start();
            }
            HttpResponse<String> more = b.get(b.stepping, URI.create(base + "/api/v1/auth/oidc/start"));
            assertEquals(429, more.statusCode(), more.body());
            assertEquals(String.valueOf(OidcLogin.FLOW_TIME.toSeconds()), more.headers().firstValue("Retry-After")
                    .orElseThrow());
            assertEquals(OidcLogin.MAX_PENDING_PER_CLIENT, TestDatabase.dsl().fetchCount(OIDC_LOGIN));
        } finally {
            TestDatabase.dsl().deleteFrom(OIDC_LOGIN).execute();
        }
    }
}
