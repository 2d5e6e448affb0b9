package vn.hatang.security;

import static vn.hatang.db.Tables.APP_USER;
import static vn.hatang.db.Tables.OIDC_LOGIN;

import java.time.Instant;
import org.jooq.DSLContext;
import vn.hatang.db.tables.records.AppUserRecord;
import vn.hatang.db.tables.records.OidcLoginRecord;

/** The jOOQ queries of single sign-on (authorization requests under way) and of the accounts the other ways in name. */
final class SignOnRepository {

    void startFlow(DSLContext tx, String stateHash, String browserHash, String nonce, String codeVerifier,
            String client, Instant now, Instant expires) {
        tx.deleteFrom(OIDC_LOGIN).where(OIDC_LOGIN.EXPIRES_AT.lt(now)).execute();
        tx.insertInto(OIDC_LOGIN).set(OIDC_LOGIN.STATE_HASH, stateHash).set(OIDC_LOGIN.BROWSER_HASH, browserHash)
                .set(OIDC_LOGIN.NONCE, nonce).set(OIDC_LOGIN.CODE_VERIFIER, codeVerifier)
                .set(OIDC_LOGIN.CLIENT, client).set(OIDC_LOGIN.CREATED_AT, now).set(OIDC_LOGIN.EXPIRES_AT, expires)
                .execute();
    }

    /** Authorization requests from one client address still under way. */
    int pendingFlows(DSLContext dsl, String client, Instant now) {
        return dsl.fetchCount(OIDC_LOGIN, OIDC_LOGIN.CLIENT.eq(client).and(OIDC_LOGIN.EXPIRES_AT.gt(now)));
    }

    /** The authorization request with this state, removed as it is read: a state is good for one answer. */
    OidcLoginRecord takeFlow(DSLContext tx, String stateHash) {
        return tx.deleteFrom(OIDC_LOGIN).where(OIDC_LOGIN.STATE_HASH.eq(stateHash)).returning().fetchOne();
    }

    /** The account the provider's stable identifier ({@code iss}, {@code sub}) was pinned to, or null. */
    AppUserRecord userBySubject(DSLContext dsl, String issuer, String sub) {
        return dsl.selectFrom(APP_USER).where(APP_USER.OIDC_ISSUER.eq(issuer)).and(APP_USER.OIDC_SUB.eq(sub)).fetchOne();
    }

    /**
     * Pins ({@code issuer}, {@code sub}) to the account unless it already holds another subject of that issuer (one
     * conditional update, so two first sign-ons at once cannot both pin). False: it holds another.
     */
    boolean pin(DSLContext tx, AppUserRecord u, String issuer, String sub) {
        if (issuer.equals(u.getOidcIssuer()) && sub.equals(u.getOidcSub())) {
            return true;
        }
        int pinned = tx.update(APP_USER).set(APP_USER.OIDC_ISSUER, issuer).set(APP_USER.OIDC_SUB, sub)
                .where(APP_USER.ID.eq(u.getId()))
                .and(APP_USER.OIDC_SUB.isNull().or(APP_USER.OIDC_ISSUER.isDistinctFrom(issuer))).execute();
        if (pinned == 1) {
            return true;
        }
        AppUserRecord holder = userBySubject(tx, issuer, sub); // pinned the same way by a sign-on just before
        return holder != null && holder.getId().equals(u.getId());
    }

    /** The account whose recorded OIDC subject is {@code value}, else the one whose login it is. */
    AppUserRecord userByOidc(DSLContext dsl, String value) {
        AppUserRecord u = dsl.selectFrom(APP_USER).where(APP_USER.OIDC_SUBJECT.eq(value)).fetchOne();
        return u != null ? u : dsl.selectFrom(APP_USER).where(APP_USER.LOGIN.equalIgnoreCase(value)).fetchOne();
    }

    /** The account of an official of the register. */
    AppUserRecord userByPerson(DSLContext dsl, long personId) {
        return dsl.selectFrom(APP_USER).where(APP_USER.PERSON_ID.eq(personId)).fetchOne();
    }
}
