package vn.hatang.testing;

import static vn.hatang.db.Tables.API_TOKEN;
import static vn.hatang.db.Tables.APP_USER;

import java.time.Duration;
import vn.hatang.App;
import vn.hatang.security.Scope;
import vn.hatang.security.Secrets;
import vn.hatang.security.SecurityModule;

/**
 * For a service on a data directory of its own (not the shared test database): gives the administrator it created on
 * first start the test administrator's token ({@link TestDatabase#ADMIN_TOKEN}), so a test can call its API.
 */
public final class TestAdmin {
    private TestAdmin() {
    }

    public static void grantToken(App app) {
        app.db().inTransaction(Scope.system("test"), tx -> {
            long admin = tx.select(APP_USER.ID).from(APP_USER).where(APP_USER.LOGIN.eq(SecurityModule.ADMIN_LOGIN))
                    .fetchSingle(APP_USER.ID);
            return tx.insertInto(API_TOKEN).set(API_TOKEN.USER_ID, admin).set(API_TOKEN.NAME, "test")
                    .set(API_TOKEN.TOKEN_HASH, Secrets.sha256(TestDatabase.ADMIN_TOKEN))
                    .set(API_TOKEN.PREFIX, TestDatabase.ADMIN_TOKEN.substring(0, 12))
                    .set(API_TOKEN.EXPIRES_AT, app.platform().clock().instant().plus(Duration.ofDays(3650)))
                    .onConflictDoNothing().execute();
        });
    }

    /** The header that goes with {@link #grantToken}. */
    public static final String AUTHORIZATION = "Bearer " + TestDatabase.ADMIN_TOKEN;
}
