package vn.hatang.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.AUDIT_LOG;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.MutableClock;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * Logging in and staying logged in, as an office's staff does it: password login with a fresh server-side session,
 * CSRF on every write of a cookie session, throttling per account and per client with a clear message, idle and
 * absolute time-outs, log-out; API tokens that expire and can be revoked; a disabled account locked out everywhere.
 */
class LoginTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-02T02:00:00Z"));
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Path.of("target/no-inventory"), Map.of(), CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void empty() {
        TestDatabase.reset();
        var unit = server.post("/api/v1/units", new JsonObject().put("code", "P").put("name", "Tỉnh ủy").put("kind",
                "provincial_committee"));
        assertEquals(201, unit.statusCode(), unit.bodyAsString());
        server.post("/api/v1/units", new JsonObject().put("code", "C1").put("name", "Xã 1").put("kind", "commune")
                .put("parent_code", "P"));
    }

    static long user(String login, String password, String role) {
        var r = server.post("/api/v1/users", new JsonObject().put("login", login).put("full_name", "Cán bộ " + login)
                .put("unit_code", "C1").put("password", password)
                .put("grants", new JsonArray().add(new JsonObject().put("role", role).put("unit_code", "C1"))));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getLong("id");
    }

    static WebClientSession browser() {
        return WebClientSession.create(server.anonymousClient());
    }

    static HttpResponse<Buffer> await(io.vertx.core.Future<HttpResponse<Buffer>> f) {
        try {
            return f.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<Buffer> login(WebClientSession b, String login, String password) {
        return await(b.post("/api/v1/auth/login").sendJsonObject(new JsonObject().put("login", login)
                .put("password", password)));
    }

    @Test
    void behindATlsProxyTheSessionCookieIsSecure() {
        user("thao", "mat-khau-rat-dai-1", "operator");
        // The proxy speaks HTTPS to browsers and plain HTTP to hatang: the public address says so.
        try (TestServer proxied = TestServer.start(Path.of("target/no-inventory"),
                Map.of("HATANG_PUBLIC_URL", "https://hatang.tinhuy.example"), CLOCK)) {
            var ok = await(WebClientSession.create(proxied.anonymousClient()).post("/api/v1/auth/login")
                    .sendJsonObject(new JsonObject().put("login", "thao").put("password", "mat-khau-rat-dai-1")));
            assertEquals(200, ok.statusCode(), ok.bodyAsString());
            assertTrue(ok.getHeader("Set-Cookie").contains("Secure"), ok.getHeader("Set-Cookie"));
        }
    }

    @Test
    void aPasswordLoginOpensAFreshHttpOnlyStrictSessionAndWritesNeedItsCsrfToken() {
        user("thao", "mat-khau-rat-dai-1", "operator");
        WebClientSession b = browser();
        // A session id planted before login (fixation) is never taken over.
        var ok = await(b.post("/api/v1/auth/login").putHeader("Cookie", AccessControl.COOKIE + "=planted-by-an-attacker")
                .sendJsonObject(new JsonObject().put("login", "thao").put("password", "mat-khau-rat-dai-1")));
        assertEquals(200, ok.statusCode(), ok.bodyAsString());
        String setCookie = ok.getHeader("Set-Cookie");
        assertTrue(setCookie.toLowerCase().contains("httponly") && setCookie.contains("SameSite=Strict"), setCookie);
        assertFalse(setCookie.contains("planted-by-an-attacker"));
        assertFalse(setCookie.contains("Secure"), "plain HTTP without an https public address: " + setCookie);
        String csrf = ok.bodyAsJsonObject().getString("csrf_token");
        assertNotNull(csrf);

        var me = await(b.get("/api/v1/auth/me").send());
        assertEquals(200, me.statusCode());
        assertEquals("thao", me.bodyAsJsonObject().getString("login"));
        assertEquals(new JsonArray().add("C1"), me.bodyAsJsonObject().getJsonObject("permissions")
                .getJsonArray("inventory.write"));

        JsonObject person = new JsonObject().put("code", "X1").put("unit_code", "C1").put("full_name", "Lê Văn A");
        var noToken = await(b.post("/api/v1/people").sendJsonObject(person));
        assertEquals(403, noToken.statusCode());
        assertEquals("/problems/csrf", noToken.bodyAsJsonObject().getString("type"));
        HttpRequest<Buffer> withToken = b.post("/api/v1/people").putHeader(AccessControl.CSRF_HEADER, csrf);
        var created = await(withToken.sendJsonObject(person));
        assertEquals(201, created.statusCode(), created.bodyAsString());
        TestServer.checkAudited(HttpMethod.POST, "/api/v1/people", created);
        assertEquals("thao", TestDatabase.dsl().select(AUDIT_LOG.ACTOR).from(AUDIT_LOG)
                .where(AUDIT_LOG.REQUEST_ID.eq(created.getHeader("X-Request-Id"))).fetchOne(AUDIT_LOG.ACTOR));

        var out = await(b.post("/api/v1/auth/logout").putHeader(AccessControl.CSRF_HEADER, csrf).send());
        assertEquals(204, out.statusCode(), out.bodyAsString());
        assertEquals(401, await(b.get("/api/v1/auth/me").send()).statusCode());
    }

    @Test
    void sessionsEndAfterIdleAndAbsoluteTimeOuts() {
        user("lan", "mat-khau-rat-dai-2", "viewer");
        WebClientSession b = browser();
        assertEquals(200, login(b, "lan", "mat-khau-rat-dai-2").statusCode());
        CLOCK.advance(Duration.ofMinutes(29));
        assertEquals(200, await(b.get("/api/v1/units").send()).statusCode(), "still within the idle time-out");
        CLOCK.advance(Duration.ofMinutes(31));
        assertEquals(401, await(b.get("/api/v1/units").send()).statusCode(), "30 minutes idle end the session");

        assertEquals(200, login(b, "lan", "mat-khau-rat-dai-2").statusCode());
        for (int i = 0; i < 25; i++) { // active all along, but 12 h after login it ends anyway
            CLOCK.advance(Duration.ofMinutes(29));
            int status = await(b.get("/api/v1/units").send()).statusCode();
            assertEquals(i < 24 ? 200 : 401, status, "after " + (i + 1) * 29 + " minutes");
        }
    }

    @Test
    void repeatedFailuresLockTheAccountWithAClearMessageUntilTheLockOutHasPassed() {
        user("minh", "mat-khau-rat-dai-3", "viewer");
        WebClientSession b = browser();
        for (int i = 0; i < 5; i++) {
            var bad = login(b, "minh", "sai-mat-khau");
            assertEquals(401, bad.statusCode());
        }
        var locked = login(b, "minh", "mat-khau-rat-dai-3");
        assertEquals(429, locked.statusCode(), "locked even with the right password");
        assertNotNull(locked.getHeader("Retry-After"));
        assertTrue(locked.bodyAsJsonObject().getString("detail").contains("thử lại sau"), locked.bodyAsString());
        assertEquals(1, TestDatabase.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("login.locked")),
                () -> TestDatabase.dsl().select(AUDIT_LOG.SEQ, AUDIT_LOG.ACTION, AUDIT_LOG.ACTOR, AUDIT_LOG.AFTER)
                        .from(AUDIT_LOG).orderBy(AUDIT_LOG.SEQ).fetch().format());
        assertEquals(4, TestDatabase.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("login.failed")));
        CLOCK.advance(Duration.ofMinutes(16));
        assertEquals(200, login(b, "minh", "mat-khau-rat-dai-3").statusCode());
        assertEquals(1, TestDatabase.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("login")));
    }

    @Test
    void oneClientTryingManyAccountsIsRefusedToo() {
        WebClientSession b = browser();
        for (int i = 0; i < 20; i++) {
            assertEquals(401, login(b, "nobody" + i, "whatever-password").statusCode());
        }
        assertEquals(429, login(b, "someone-else", "whatever-password").statusCode());
        CLOCK.advance(Duration.ofMinutes(16));
    }

    @Test
    void apiTokensExpireCanBeRevokedAndDieWithADisabledAccount() {
        long id = user("hung", "mat-khau-rat-dai-4", "viewer");
        var created = server.post("/api/v1/users/" + id + "/api-tokens", new JsonObject().put("name", "script")
                .put("days", 1));
        assertEquals(201, created.statusCode(), created.bodyAsString());
        String token = created.bodyAsJsonObject().getString("token");
        assertTrue(token.startsWith("htg_"));
        Map<String, String> asHung = Map.of("Authorization", "Bearer " + token);
        assertEquals(200, server.send(HttpMethod.GET, "/api/v1/units", null, asHung).statusCode());
        var listed = server.get("/api/v1/users/" + id + "/api-tokens").bodyAsString();
        assertFalse(listed.contains(token), "a token is shown once, never listed");
        CLOCK.advance(Duration.ofDays(2));
        var expired = server.send(HttpMethod.GET, "/api/v1/units", null, asHung);
        assertEquals(401, expired.statusCode());
        assertEquals("/problems/unauthorized", expired.bodyAsJsonObject().getString("type"));

        String second = server.post("/api/v1/users/" + id + "/api-tokens", new JsonObject().put("name", "again"))
                .bodyAsJsonObject().getString("token");
        long secondId = server.get("/api/v1/users/" + id + "/api-tokens").bodyAsJsonArray().getJsonObject(1).getLong("id");
        Map<String, String> asHung2 = Map.of("Authorization", "Bearer " + second);
        assertEquals(200, server.send(HttpMethod.GET, "/api/v1/units", null, asHung2).statusCode());
        assertEquals(200, server.send(HttpMethod.DELETE, "/api/v1/users/" + id + "/api-tokens/" + secondId, null,
                Map.of()).statusCode());
        assertEquals(401, server.send(HttpMethod.GET, "/api/v1/units", null, asHung2).statusCode());

        String third = server.post("/api/v1/users/" + id + "/api-tokens", new JsonObject().put("name", "third"))
                .bodyAsJsonObject().getString("token");
        assertEquals(200, server.patch("/api/v1/users/" + id, new JsonObject().put("status", "disabled"), Map.of())
                .statusCode());
        assertEquals(401, server.send(HttpMethod.GET, "/api/v1/units", null, Map.of("Authorization", "Bearer " + third))
                .statusCode());
        assertEquals(401, login(browser(), "hung", "mat-khau-rat-dai-4").statusCode());
    }

    @Test
    void passwordsAreCheckedForLengthAndStoredAsArgon2id() {
        var shortOne = server.post("/api/v1/users", new JsonObject().put("login", "ngan").put("full_name", "N")
                .put("unit_code", "C1").put("password", "ngan"));
        assertEquals(400, shortOne.statusCode());
        assertEquals("password", shortOne.bodyAsJsonObject().getString("field"));
        var generated = server.post("/api/v1/users", new JsonObject().put("login", "sinh").put("full_name", "S")
                .put("unit_code", "C1"));
        String password = generated.bodyAsJsonObject().getString("password");
        assertTrue(password.length() >= 16);
        String hash = TestDatabase.dsl().fetchValue("select password_hash from app_user where login = 'sinh'")
                .toString();
        assertTrue(hash.startsWith("$argon2id$"), hash);
        assertNotEquals(-1, hash.indexOf("m=19456"));
        assertFalse(server.get("/api/v1/users/" + generated.bodyAsJsonObject().getLong("id")).bodyAsString()
                .contains("argon2"), "hashes are never answered");
    }
}
