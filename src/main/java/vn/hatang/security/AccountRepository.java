package vn.hatang.security;

import static vn.hatang.db.Tables.API_TOKEN;
import static vn.hatang.db.Tables.APP_USER;
import static vn.hatang.db.Tables.LOGIN_FAILURE;
import static vn.hatang.db.Tables.ROLE_PERMISSION;
import static vn.hatang.db.Tables.USER_GRANT;
import static vn.hatang.db.Tables.USER_SESSION;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import vn.hatang.db.tables.records.ApiTokenRecord;
import vn.hatang.db.tables.records.AppUserRecord;
import vn.hatang.db.tables.records.UserSessionRecord;

/** The jOOQ queries of accounts, grants, sessions, API tokens and failed logins. */
final class AccountRepository {

    AppUserRecord userByLogin(DSLContext dsl, String login) {
        return dsl.selectFrom(APP_USER).where(APP_USER.LOGIN.equalIgnoreCase(login)).fetchOne();
    }

    AppUserRecord user(DSLContext dsl, long id) {
        return dsl.selectFrom(APP_USER).where(APP_USER.ID.eq(id)).fetchOne();
    }

    /** The user's grants with the permissions of each role, in grant order. */
    List<Principal.Grant> grants(DSLContext dsl, long userId) {
        Map<Long, Object[]> byGrant = new LinkedHashMap<>();
        dsl.select(USER_GRANT.ID, USER_GRANT.ROLE, USER_GRANT.UNIT_ID, ROLE_PERMISSION.PERMISSION)
                .from(USER_GRANT).leftJoin(ROLE_PERMISSION).on(ROLE_PERMISSION.ROLE.eq(USER_GRANT.ROLE))
                .where(USER_GRANT.USER_ID.eq(userId)).orderBy(USER_GRANT.ID)
                .forEach(r -> {
                    Object[] g = byGrant.computeIfAbsent(r.value1(), k -> new Object[] {r.value2(), r.value3(),
                            EnumSet.noneOf(Permission.class)});
                    if (r.value4() != null) {
                        @SuppressWarnings("unchecked")
                        Set<Permission> perms = (Set<Permission>) g[2];
                        try {
                            perms.add(Permission.ofCode(r.value4()));
                        } catch (IllegalArgumentException unknown) {
                            // a permission this version does not know grants nothing
                        }
                    }
                });
        return byGrant.values().stream().map(g -> {
            @SuppressWarnings("unchecked")
            Set<Permission> perms = (Set<Permission>) g[2];
            return new Principal.Grant((String) g[0], (Long) g[1], Set.copyOf(perms));
        }).toList();
    }

    Principal principal(DSLContext dsl, AppUserRecord u, String method, String tokenName, UserSessionRecord session) {
        return new Principal(u.getId(), u.getLogin(), u.getFullName(), u.getLanguage(), u.getUnitId(), method,
                tokenName, session == null ? null : session.getId(), session == null ? null : session.getCsrfToken(),
                grants(dsl, u.getId()));
    }

    UserSessionRecord liveSession(DSLContext dsl, String tokenHash, Instant now, Duration idle) {
        return dsl.selectFrom(USER_SESSION).where(USER_SESSION.TOKEN_HASH.eq(tokenHash))
                .and(USER_SESSION.ENDED_AT.isNull()).and(USER_SESSION.EXPIRES_AT.gt(now))
                .and(USER_SESSION.LAST_SEEN_AT.gt(now.minus(idle))).fetchOne();
    }

    ApiTokenRecord liveToken(DSLContext dsl, String tokenHash, Instant now) {
        return dsl.selectFrom(API_TOKEN).where(API_TOKEN.TOKEN_HASH.eq(tokenHash)).and(API_TOKEN.REVOKED_AT.isNull())
                .and(API_TOKEN.EXPIRES_AT.gt(now)).fetchOne();
    }

    int failuresSince(DSLContext dsl, String login, String client, Instant since) {
        var q = dsl.selectCount().from(LOGIN_FAILURE).where(LOGIN_FAILURE.AT.gt(since));
        return (login != null ? q.and(LOGIN_FAILURE.LOGIN.equalIgnoreCase(login))
                : q.and(LOGIN_FAILURE.CLIENT.eq(client))).fetchOne(0, int.class);
    }

    Instant lastFailure(DSLContext dsl, String login, String client) {
        var f = LOGIN_FAILURE.AT.max();
        var q = dsl.select(f).from(LOGIN_FAILURE);
        return (login != null ? q.where(LOGIN_FAILURE.LOGIN.equalIgnoreCase(login))
                : q.where(LOGIN_FAILURE.CLIENT.eq(client))).fetchOne(f);
    }

    void recordFailure(DSLContext dsl, String login, String client, Instant at) {
        dsl.insertInto(LOGIN_FAILURE).set(LOGIN_FAILURE.LOGIN, login).set(LOGIN_FAILURE.CLIENT, client)
                .set(LOGIN_FAILURE.AT, at).execute();
    }

    void clearFailures(DSLContext dsl, String login) {
        dsl.deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.LOGIN.equalIgnoreCase(login)).execute();
    }
}
