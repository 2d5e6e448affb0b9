package vn.hatang.security;

import static vn.hatang.db.Tables.API_TOKEN;
import static vn.hatang.db.Tables.APP_USER;
import static vn.hatang.db.Tables.USER_SESSION;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jooq.DSLContext;
import vn.hatang.audit.AuditTrail;
import vn.hatang.db.tables.records.ApiTokenRecord;
import vn.hatang.db.tables.records.AppUserRecord;
import vn.hatang.db.tables.records.UserSessionRecord;
import vn.hatang.platform.config.HatangConfig.SecurityOptions;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;

/**
 * Who is calling: browser sessions (password, single sign-on or certificate login), API tokens, and the login
 * itself with its throttle. Blocking (JDBC, Argon2): callers run it on the worker pool.
 */
public final class AuthService {
    public static final String TOKEN_PREFIX = "htg_";
    /** A session's or token's last use is written at most this often, not on every request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    /** A new browser session: the cookie's value (shown once) and its CSRF token. */
    public record NewSession(String cookie, String csrfToken, Principal principal, Instant expiresAt) {
    }

    private final Db db;
    private final AuditTrail audit;
    private final SecurityOptions options;
    private final Clock clock;
    private final AccountRepository accounts = new AccountRepository();

    public AuthService(Db db, AuditTrail audit, SecurityOptions options, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.options = options;
        this.clock = clock;
    }

    public SecurityOptions options() {
        return options;
    }

    /** The user behind a session cookie's value, or null when it is unknown, ended or timed out. */
    public Principal bySession(String cookie) {
        DSLContext dsl = db.dsl();
        Instant now = clock.instant();
        UserSessionRecord s = accounts.liveSession(dsl, Secrets.sha256(cookie), now, options.sessionIdle());
        if (s == null) {
            return null;
        }
        AppUserRecord u = accounts.user(dsl, s.getUserId());
        if (u == null || !"active".equals(u.getStatus())) {
            return null;
        }
        if (s.getLastSeenAt().isBefore(now.minus(TOUCH_EVERY))) {
            dsl.update(USER_SESSION).set(USER_SESSION.LAST_SEEN_AT, now).where(USER_SESSION.ID.eq(s.getId())).execute();
        }
        return accounts.principal(dsl, u, s.getAuthMethod(), null, s);
    }

    /** The user behind an API token, or null when it is unknown, revoked, expired or its user is disabled. */
    public Principal byToken(String token) {
        DSLContext dsl = db.dsl();
        Instant now = clock.instant();
        ApiTokenRecord t = accounts.liveToken(dsl, Secrets.sha256(token), now);
        if (t == null) {
            return null;
        }
        AppUserRecord u = accounts.user(dsl, t.getUserId());
        if (u == null || !"active".equals(u.getStatus())) {
            return null;
        }
        if (t.getLastUsedAt() == null || t.getLastUsedAt().isBefore(now.minus(TOUCH_EVERY))) {
            dsl.update(API_TOKEN).set(API_TOKEN.LAST_USED_AT, now).where(API_TOKEN.ID.eq(t.getId())).execute();
        }
        return accounts.principal(dsl, u, "token", t.getName(), null);
    }

    /**
     * Checks a login and password; on success opens a new session (a fresh id every time, so a session id planted
     * before login is worthless). Failures are counted per account and per client address; past the limits the
     * login is refused until the lock-out has passed, with the time in the message. Every outcome is audited.
     */
    public NewSession login(String login, String password, String client, String userAgent, Scope anonymous) {
        Instant now = clock.instant();
        Instant since = now.minus(options.lockout());
        String who = login == null ? "" : login.strip();
        if (who.isEmpty() || who.length() > 64) {
            throw ApiException.invalid("login", "error.required");
        }
        if (password == null || password.isEmpty() || password.length() > 1024) {
            throw ApiException.invalid("password", "error.required");
        }
        Scope attempt = anonymous.withActor(anonymous.actor().withName(who, "password"));
        DSLContext dsl = db.dsl();
        Instant lockedUntil = lockedUntil(dsl, who, client, since);
        if (lockedUntil != null) {
            db.inTransaction(attempt, tx -> {
                audit.record(tx, attempt, "login.refused_locked", "app_user", who, null, null,
                        new JsonObject().put("until", lockedUntil.toString()));
                return null;
            });
            throw ApiException.of(429, "locked", "auth.locked", HOUR.format(lockedUntil))
                    .with("retry_after", Math.max(1, Duration.between(now, lockedUntil).toSeconds()));
        }
        AppUserRecord u = accounts.userByLogin(dsl, who);
        boolean ok = Passwords.matches(password, u == null ? null : u.getPasswordHash())
                && "active".equals(u.getStatus());
        if (!ok) {
            db.inTransaction(attempt, tx -> {
                accounts.recordFailure(tx, who, client, now);
                boolean nowLocked = lockedUntil(tx, who, client, since) != null;
                audit.record(tx, attempt, nowLocked ? "login.locked" : "login.failed", "app_user", who,
                        u == null ? null : u.getUnitId(), null, null);
                return null;
            });
            throw ApiException.of(401, "unauthorized", "auth.bad_credentials");
        }
        return db.inTransaction(attempt, tx -> {
            accounts.clearFailures(tx, who);
            return open(tx, u, "password", client, userAgent, attempt);
        });
    }

    /** Opens a session for a user already authenticated by other means (single sign-on, certificate). */
    public NewSession openSession(long userId, String method, String client, String userAgent, Scope anonymous) {
        return openSession(userId, method, client, userAgent, anonymous, (tx, u) -> { });
    }

    /** {@link #openSession}, with {@code first} run on the account in the session's transaction (it may refuse). */
    NewSession openSession(long userId, String method, String client, String userAgent, Scope anonymous,
            java.util.function.BiConsumer<DSLContext, AppUserRecord> first) {
        return db.inTransaction(anonymous, tx -> {
            AppUserRecord u = accounts.user(tx, userId);
            if (u == null || !"active".equals(u.getStatus())) {
                throw ApiException.of(401, "unauthorized", "auth.account_disabled");
            }
            first.accept(tx, u);
            return open(tx, u, method, client, userAgent, anonymous.withActor(anonymous.actor().withName(u.getLogin(),
                    method)));
        });
    }

    /**
     * Records, in a transaction of its own, a login refused by another way in (single sign-on, certificate), and
     * gives back the refusal for the caller to throw.
     *
     * @param who  what the caller proved: the login, the provider's claim or the certificate's subject
     * @param user the account it named, or null
     */
    ApiException refused(Scope anonymous, String who, String method, AppUserRecord user, JsonObject detail,
            ApiException refusal) {
        Scope attempt = anonymous.withActor(anonymous.actor().withName(who, method));
        db.inTransaction(attempt, tx -> {
            audit.record(tx, attempt, "login.refused", "app_user", user == null ? null : String.valueOf(user.getId()),
                    user == null ? null : user.getUnitId(), null,
                    detail.copy().put("method", method).put("reason", refusal.messageKey()));
            return null;
        });
        return refusal;
    }

    private NewSession open(DSLContext tx, AppUserRecord u, String method, String client, String userAgent,
            Scope attempt) {
        Instant now = clock.instant();
        String cookie = Secrets.random(32);
        String csrf = Secrets.random(24);
        Instant expires = now.plus(options.sessionMax());
        UserSessionRecord s = tx.newRecord(USER_SESSION);
        s.setTokenHash(Secrets.sha256(cookie));
        s.setUserId(u.getId());
        s.setCsrfToken(csrf);
        s.setAuthMethod(method);
        s.setClient(client);
        s.setUserAgent(userAgent == null ? null : userAgent.substring(0, Math.min(300, userAgent.length())));
        s.setCreatedAt(now);
        s.setLastSeenAt(now);
        s.setExpiresAt(expires);
        s.store();
        Scope as = attempt.withActor(new Actor(u.getLogin(), u.getId(), null, method, attempt.actor().client(),
                attempt.actor().requestId(), "login"));
        audit.record(tx, as, "login", "app_user", String.valueOf(u.getId()), u.getUnitId(), null,
                new JsonObject().put("method", method).put("session", s.getId()));
        return new NewSession(cookie, csrf, accounts.principal(tx, u, method, null, s), expires);
    }

    /** The end of locks that apply now, or null. */
    private Instant lockedUntil(DSLContext dsl, String login, String client, Instant since) {
        Instant until = null;
        if (accounts.failuresSince(dsl, login, null, since) >= options.maxFailures()) {
            until = accounts.lastFailure(dsl, login, null).plus(options.lockout());
        }
        if (client != null && accounts.failuresSince(dsl, null, client, since) >= options.maxClientFailures()) {
            Instant c = accounts.lastFailure(dsl, null, client).plus(options.lockout());
            until = until == null || c.isAfter(until) ? c : until;
        }
        return until;
    }

    public void logout(Scope scope, Long sessionId) {
        if (sessionId == null) {
            return;
        }
        db.inTransaction(scope, tx -> {
            tx.update(USER_SESSION).set(USER_SESSION.ENDED_AT, clock.instant()).where(USER_SESSION.ID.eq(sessionId))
                    .and(USER_SESSION.ENDED_AT.isNull()).execute();
            audit.record(tx, scope, "logout", "app_user", String.valueOf(scope.actor().userId()), null, null, null);
            return null;
        });
    }

    /** Ends every session of a user (a disabled account, a reset password). */
    static void endSessions(DSLContext tx, long userId, Instant now) {
        tx.update(USER_SESSION).set(USER_SESSION.ENDED_AT, now).where(USER_SESSION.USER_ID.eq(userId))
                .and(USER_SESSION.ENDED_AT.isNull()).execute();
    }

    /** A random password that {@link #checkPassword} accepts for this login (a short login may occur by chance). */
    public String generatePassword(String login) {
        while (true) {
            String p = Secrets.password(Math.max(16, options.minPasswordLength()));
            if (login == null || !p.toLowerCase(java.util.Locale.ROOT).contains(login.toLowerCase(java.util.Locale.ROOT))) {
                return p;
            }
        }
    }

    /** A password the office may use: long enough, and not the login itself. */
    public void checkPassword(String field, String password, String login) {
        if (password == null || password.length() < options.minPasswordLength()) {
            throw ApiException.invalid(field, "auth.password_short", options.minPasswordLength());
        }
        if (password.length() > 1024) {
            throw ApiException.invalid(field, "error.too_long", 1024);
        }
        if (login != null && password.toLowerCase(java.util.Locale.ROOT).contains(login.toLowerCase(java.util.Locale.ROOT))) {
            throw ApiException.invalid(field, "auth.password_login");
        }
    }

    /** Changes one's own password after checking the current one; other sessions end. */
    public void changePassword(Scope scope, Long keepSession, String current, String next) {
        long userId = scope.actor().userId();
        db.inTransaction(scope, tx -> {
            AppUserRecord u = accounts.user(tx, userId);
            if (!Passwords.matches(current == null ? "" : current, u.getPasswordHash())) {
                throw ApiException.invalid("current_password", "auth.bad_current");
            }
            checkPassword("new_password", next, u.getLogin());
            tx.update(APP_USER).set(APP_USER.PASSWORD_HASH, Passwords.hash(next))
                    .set(APP_USER.PASSWORD_CHANGED_AT, clock.instant()).where(APP_USER.ID.eq(userId)).execute();
            tx.update(USER_SESSION).set(USER_SESSION.ENDED_AT, clock.instant())
                    .where(USER_SESSION.USER_ID.eq(userId)).and(USER_SESSION.ENDED_AT.isNull())
                    .and(keepSession == null ? org.jooq.impl.DSL.trueCondition() : USER_SESSION.ID.ne(keepSession))
                    .execute();
            return null;
        });
    }

    Clock clock() {
        return clock;
    }
}
