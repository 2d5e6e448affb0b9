package vn.hatang.security;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Call;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Param;
import vn.hatang.platform.http.Routes;
import vn.hatang.platform.http.Schema;

/** {@code /auth/*} (log in and out, oneself, one's API tokens) and {@code /users}, {@code /roles} (accounts). */
public final class SecurityEndpoint implements Endpoint {
    private static final JsonObject LOGIN = Schema.object().required("login", Schema.text(64))
            .required("password", Schema.text(1024)).json();
    private final AuthService auth;
    private final UserService users;
    private final Blocking blocking;

    public SecurityEndpoint(AuthService auth, UserService users, Blocking blocking) {
        this.auth = auth;
        this.users = users;
        this.blocking = blocking;
    }

    @Override
    public void addRoutes(Routes routes) {
        routes.tag("auth");
        routes.post("/auth/login", "login", Permission.PUBLIC)
                .doc("Đăng nhập bằng mật khẩu", "Log in with a password; sets the session cookie").body(LOGIN)
                .answers(SESSION).json(this::login);
        routes.post("/auth/logout", "logout", Permission.SELF).doc("Đăng xuất", "Log out (ends the session)")
                .answersNothing().json(c -> {
                    Principal p = AccessControl.principal(c.ctx());
                    c.ctx().response().addCookie(AccessControl.expired());
                    return blocking.run(() -> {
                        auth.logout(c.scope(), p.sessionId());
                        return null;
                    });
                });
        routes.get("/auth/me", "getMe", Permission.SELF).doc("Tôi là ai", "Who am I: account, grants, permissions")
                .answers(Schema.extending(ACCOUNT).required("permissions", Schema.anyObject())
                        .required("auth_method", Schema.text(20)).optional("csrf_token", Schema.text(100)).json())
                .json(c -> users.me(c.scope(), AccessControl.principal(c.ctx())));
        routes.patch("/auth/me", "updateMe", Permission.SELF).doc("Đổi ngôn ngữ hiển thị", "Set my language")
                .body(Schema.object().required("language", LANGUAGE).json())
                .answers(Schema.object().required("language", LANGUAGE).json()).json(c -> users.setLanguage(c.scope(), AccessControl.principal(c.ctx()),
                        c.input()));
        routes.post("/auth/password", "changeMyPassword", Permission.SELF)
                .doc("Đổi mật khẩu", "Change my password (my other sessions end)")
                .body(Schema.object().required("current_password", Schema.text(1024))
                        .required("new_password", Schema.text(1024)).json()).answersNothing().json(c -> {
                    var in = c.input();
                    Principal p = AccessControl.principal(c.ctx());
                    String current = in.text("current_password", 1024, true);
                    String next = in.text("new_password", 1024, true);
                    return blocking.run(() -> {
                        auth.changePassword(c.scope(), p.sessionId(), current, next);
                        return null;
                    });
                });
        routes.get("/auth/api-tokens", "listMyApiTokens", Permission.SELF).doc("Mã API của tôi", "My API tokens")
                .answers(Schema.arrayOf(TOKEN)).json(c -> users.tokens(c.scope(), c.actor().userId(), false));
        routes.post("/auth/api-tokens", "createMyApiToken", Permission.SELF)
                .doc("Tạo mã API (chỉ hiện một lần)", "Create an API token (shown once)")
                .body(tokenSchema()).answers(NEW_TOKEN)
                .created(c -> users.createToken(c.scope(), c.actor().userId(), c.input(), false));
        routes.delete("/auth/api-tokens/:id", "revokeMyApiToken", Permission.SELF).doc("Thu hồi mã API",
                "Revoke one of my API tokens").answers(TOKEN).json(c -> users.revokeToken(c.scope(), c.actor().userId(), c.id("id"),
                        false));
        routes.get("/roles", "listRoles", Permission.SELF).doc("Các vai trò và quyền", "Roles and their permissions")
                .answers(Schema.arrayOf(Schema.object().required("code", Schema.text(32))
                        .required("name_vi", Schema.text(200)).required("name_en", Schema.text(200))
                        .required("permissions", Schema.arrayOf(Schema.oneOf(java.util.Arrays.stream(Permission.values()).map(Permission::code).toList()))).json()))
                .json(c -> users.roles(c.scope()));

        routes.tag("users");
        routes.get("/users", "listUsers", Permission.USERS_MANAGE).doc("Tài khoản", "Accounts")
                .query(Param.q(), Param.under(), Param.oneOf("status", java.util.List.of("active", "disabled"), null))
                .paged().answers(ACCOUNT).json(c -> users.list(c.scope(), c.filters(), c.page()));
        routes.post("/users", "createUser", Permission.USERS_MANAGE)
                .doc("Tạo tài khoản", "Create an account (a generated password is answered once)")
                .body(userSchema(true)).answers(Schema.extending(ACCOUNT).optional("password", Schema.text(1024)).json())
                .created(c -> users.create(c.scope(), c.input()));
        routes.get("/users/:id", "getUser", Permission.USERS_MANAGE).doc("Một tài khoản", "One account")
                .answers(ACCOUNT).json(c -> users.get(c.scope(), c.id("id")));
        routes.patch("/users/:id", "updateUser", Permission.USERS_MANAGE)
                .doc("Sửa tài khoản (kể cả khoá)", "Change an account (status disabled locks it)").body(userSchema(false)).answers(ACCOUNT)
                .json(c -> users.update(c.scope(), c.id("id"), c.ifMatch(), c.input()));
        routes.put("/users/:id/grants", "replaceUserGrants", Permission.USERS_MANAGE)
                .doc("Đặt vai trò và đơn vị", "Replace the account's grants (role on a unit subtree)")
                .body(Schema.object().required("grants", GRANTS).json()).answers(ACCOUNT)
                .json(c -> users.replaceGrants(c.scope(), c.id("id"), c.input()));
        routes.post("/users/:id/password", "resetUserPassword", Permission.USERS_MANAGE)
                .doc("Đặt lại mật khẩu", "Reset the password (generated and answered once when none is given)")
                .optionalBody(Schema.object().optional("password", Schema.text(1024)).json())
                .answers(Schema.object().required("id", Schema.id()).required("login", Schema.text(64))
                        .optional("password", Schema.text(1024)).json())
                .json(c -> users.resetPassword(c.scope(), c.id("id"), c.optionalInput()));
        routes.get("/users/:id/api-tokens", "listUserApiTokens", Permission.USERS_MANAGE)
                .doc("Mã API của tài khoản", "The account's API tokens").answers(Schema.arrayOf(TOKEN))
                .json(c -> users.tokens(c.scope(), c.id("id"), true));
        routes.post("/users/:id/api-tokens", "createUserApiToken", Permission.USERS_MANAGE)
                .doc("Tạo mã API cho tài khoản", "Create an API token for the account (shown once)")
                .body(tokenSchema()).answers(NEW_TOKEN)
                .created(c -> users.createToken(c.scope(), c.id("id"), c.input(), true));
        routes.delete("/users/:id/api-tokens/:token_id", "revokeUserApiToken", Permission.USERS_MANAGE)
                .doc("Thu hồi mã API của tài khoản", "Revoke an API token of the account").answers(TOKEN)
                .json(c -> users.revokeToken(c.scope(), c.id("id"), c.id("token_id"), true));
    }

    private Future<JsonObject> login(Call c) {
        var in = c.input();
        String login = in.text("login", 64, true);
        String password = in.text("password", 1024, true);
        String client = AccessControl.client(c.ctx());
        String agent = c.header("User-Agent");
        return blocking.run(() -> auth.login(login, password, client, agent, c.scope()))
                .map(s -> loggedIn(c.ctx(), s)).recover(e -> {
                    if (e instanceof ApiException a && a.extensions().get("retry_after") != null) {
                        c.ctx().response().putHeader("Retry-After", String.valueOf(a.extensions().get("retry_after")));
                    }
                    return Future.failedFuture(e);
                });
    }

    /** A session just opened, however the caller proved who they are: its cookie, and the answer with the CSRF token. */
    static JsonObject loggedIn(io.vertx.ext.web.RoutingContext ctx, AuthService.NewSession s) {
        ctx.response().addCookie(AccessControl.sessionCookie(ctx, s.cookie()));
        return new JsonObject().put("login", s.principal().login()).put("full_name", s.principal().fullName())
                .put("language", s.principal().language()).put("csrf_token", s.csrfToken())
                .put("expires_at", s.expiresAt().toString());
    }

    private static JsonObject tokenSchema() {
        return Schema.object().required("name", Schema.text(100)).optional("days", Schema.integer(1, 3650)).json();
    }

    private static final JsonObject LANGUAGE = Schema.oneOf(java.util.List.of("vi", "en"));

    /** A session just opened ({@link #loggedIn}), whichever way the caller logged in. */
    static final JsonObject SESSION = Schema.object().required("login", Schema.text(64))
            .required("full_name", Schema.text(200)).required("language", LANGUAGE)
            .required("csrf_token", Schema.text(100)).required("expires_at", Schema.instant()).json();

    /** An account as answered (never its password hash). */
    private static final JsonObject ACCOUNT = Schema.object().required("id", Schema.id())
            .required("login", Schema.text(64)).required("full_name", Schema.text(200))
            .optional("email", Schema.text(200)).optional("unit_id", Schema.id()).optional("person_id", Schema.id())
            .required("status", Schema.oneOf(java.util.List.of("active", "disabled"))).required("language", LANGUAGE)
            .optional("oidc_subject", Schema.text(300)).optional("oidc_issuer", Schema.text(500))
            .optional("oidc_sub", Schema.text(300)).required("has_password", Schema.bool())
            .required("grants", Schema.arrayOf(Schema.object().required("role", Schema.text(32))
                    .optional("unit_id", Schema.id()).optional("unit_code", Schema.code())
                    .optional("unit_name", Schema.text(300)).json()))
            .required("created_at", Schema.instant()).required("version", Schema.integer(0, Integer.MAX_VALUE)).json();

    /** An API token as listed: never the token itself, only its prefix. */
    private static final JsonObject TOKEN = Schema.object().required("id", Schema.id()).required("user_id", Schema.id())
            .required("name", Schema.text(100)).required("prefix", Schema.text(12)).required("created_at", Schema.instant())
            .required("expires_at", Schema.instant()).optional("revoked_at", Schema.instant())
            .optional("last_used_at", Schema.instant()).json();

    /** A new token: shown this once. */
    private static final JsonObject NEW_TOKEN = Schema.extending(TOKEN).required("token", Schema.text(100)).json();

    private static final JsonObject GRANTS = Schema.array(Schema.object()
            .required("role", Schema.oneOf(new java.util.TreeSet<>(UserService.ROLES)))
            .optional("unit_code", Schema.code()).json(), 100);

    /** An account as written: on create the login and full name are required, the password may be generated. */
    private static JsonObject userSchema(boolean creating) {
        Schema s = Schema.object().optional("full_name", Schema.text(200)).optional("email", Schema.text(200))
                .optional("unit_id", Schema.id()).optional("unit_code", Schema.text(64))
                .optional("person_id", Schema.id()).optional("person_code", Schema.text(64))
                .optional("language", Schema.oneOf(java.util.List.of("vi", "en")))
                .optional("status", Schema.oneOf(java.util.List.of("active", "disabled")))
                .optional("oidc_subject", Schema.text(300)).optional("grants", GRANTS);
        if (creating) {
            s.required("login", Schema.text(64)).required("full_name", Schema.text(200))
                    .optional("password", Schema.text(1024));
        } else {
            s.readOnly("id", Schema.id()).readOnly("version", Schema.integer(0, Integer.MAX_VALUE))
                    .readOnly("created_at", Schema.instant()).readOnly("updated_at", Schema.instant())
                    .readOnly("oidc_issuer", Schema.text(500)).readOnly("oidc_sub", Schema.text(300));
        }
        return s.json();
    }
}
