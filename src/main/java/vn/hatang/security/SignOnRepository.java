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
