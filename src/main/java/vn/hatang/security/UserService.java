package vn.hatang.security;

import static vn.hatang.db.Tables.API_TOKEN;
import static vn.hatang.db.Tables.APP_USER;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.ROLE;
import static vn.hatang.db.Tables.ROLE_PERMISSION;
import static vn.hatang.db.Tables.UNIT;
import static vn.hatang.db.Tables.USER_GRANT;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.records.ApiTokenRecord;
import vn.hatang.db.tables.records.AppUserRecord;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.json.Input;
import vn.hatang.units.UnitRepository;

/**
 * Accounts, their grants and API tokens. A manager reaches the accounts whose unit lies in their scope (accounts of
 * the province itself, with no unit, only from the whole tree), may grant any role but {@code admin} on units of their
 * scope, never the whole tree unless they hold it, and never changes their own grants.
 */
public final class UserService {
    public static final Set<String> ROLES = Set.of("admin", "unit_admin", "operator", "pki_officer",
            "network_operator", "viewer", "auditor");
    private static final Set<String> FIELDS = Set.of("login", "full_name", "email", "unit_id", "unit_code",
            "person_id", "person_code", "password", "language", "status", "grants", "oidc_subject");

    /** What an account's answer holds besides {@link #FIELDS}: sent back as read, ignored. */
    private static final Set<String> READ_ONLY = Set.of("id", "version", "created_at", "updated_at", "oidc_issuer",
            "oidc_sub");

    private final Db db;
    private final AuthService auth;
    private final Clock clock;
    private final AccountRepository accounts = new AccountRepository();

    public UserService(Db db, AuthService auth, Clock clock) {
        this.db = db;
        this.auth = auth;
        this.clock = clock;
    }

    /** Accounts the manager reaches. */
    static Condition reached(Scope scope) {
        return scope.isWholeTree() ? DSL.trueCondition() : APP_USER.UNIT_ID.isNotNull().and(scope.covers(APP_USER.UNIT_ID));
    }

    public Future<Page> list(Scope scope, Map<String, String> filters, Page.Request page) {
        return db.read(scope, dsl -> {
            Condition c = reached(scope).and(APP_USER.ID.gt(page.after()));
            if (filters.get("status") != null) {
                c = c.and(APP_USER.STATUS.eq(filters.get("status")));
            }
            if (filters.get("q") != null) {
                c = c.and(APP_USER.LOGIN.containsIgnoreCase(filters.get("q"))
                        .or(APP_USER.FULL_NAME.containsIgnoreCase(filters.get("q"))));
            }
            if (filters.get("under") != null) {
                c = c.and(UnitRepository.under(dsl, scope, APP_USER.UNIT_ID, filters.get("under")));
            }
            List<JsonObject> rows = dsl.selectFrom(APP_USER).where(c).orderBy(APP_USER.ID).limit(page.limit() + 1)
                    .fetch().map(u -> view(dsl, u));
            return page.page(rows);
        });
    }

    public Future<JsonObject> get(Scope scope, long id) {
        return db.read(scope, dsl -> view(dsl, find(dsl, scope, id)));
    }

    private AppUserRecord find(DSLContext dsl, Scope scope, long id) {
        AppUserRecord u = dsl.selectFrom(APP_USER).where(APP_USER.ID.eq(id)).and(reached(scope)).fetchOne();
        if (u == null) {
            throw ApiException.notFound("user", id);
        }
        return u;
    }

    /** Creates an account; answers it with the generated password (shown once) when none was given. */
    public Future<JsonObject> create(Scope scope, Input in) {
        reject(in);
        return db.tx(scope, dsl -> {
            AppUserRecord u = dsl.newRecord(APP_USER);
            String login = in.text("login", 64, true);
            if (!login.matches("[A-Za-z0-9._@-]{2,64}")) {
                throw ApiException.invalid("login", "auth.login_format");
            }
            u.setLogin(login);
            apply(dsl, scope, u, in, true);
            String password = in.text("password", 1024, false);
            boolean generated = password == null;
            if (generated) {
                password = auth.generatePassword(login);
            }
            auth.checkPassword("password", password, login);
            u.setPasswordHash(Passwords.hash(password));
            u.setPasswordChangedAt(clock.instant());
            u.store();
            u.refresh();
            if (in.has("grants")) {
                setGrants(dsl, scope, u, in.array("grants", true));
            }
            JsonObject out = view(dsl, u);
            return generated ? out.put("password", password) : out;
        });
    }

    public Future<JsonObject> update(Scope scope, long id, Integer ifMatch, Input in) {
        reject(in);
        if (in.has("password") || in.has("login")) {
            throw ApiException.invalid(in.has("password") ? "password" : "login", "auth.not_here");
        }
        return db.tx(scope, dsl -> {
            AppUserRecord u = find(dsl, scope, id);
            if (ifMatch != null && !ifMatch.equals(u.getVersion())) {
                throw ApiException.preconditionFailed(u.getVersion());
            }
            apply(dsl, scope, u, in, false);
            if ("disabled".equals(u.getStatus())) {
                AuthService.endSessions(dsl, u.getId(), clock.instant());
            }
            if (u.changed()) {
                u.setVersion(u.getVersion() + 1);
                u.setUpdatedAt(clock.instant());
                u.store();
            }
            if (in.has("grants")) {
                setGrants(dsl, scope, u, in.array("grants", true));
            }
            return view(dsl, u);
        });
    }

    private static void reject(Input in) {
        for (String n : in.names()) {
            if (!FIELDS.contains(n) && !READ_ONLY.contains(n)) {
                throw ApiException.invalid(n, "error.unknown_field", String.join(", ", new java.util.TreeSet<>(FIELDS)));
            }
        }
    }

    private void apply(DSLContext dsl, Scope scope, AppUserRecord u, Input in, boolean creating) {
        if (creating || in.has("full_name")) {
            u.setFullName(in.text("full_name", 200, true));
        }
        if (in.has("email")) {
            u.setEmail(in.text("email", 200, false));
        }
        if (in.has("language")) {
            u.setLanguage(in.oneOf("language", List.of("vi", "en"), true));
        }
        if (in.has("status")) {
            if (u.getId() != null && u.getId().equals(scope.actor().userId())) {
                throw ApiException.invalid("status", "auth.not_self");
            }
            u.setStatus(in.oneOf("status", List.of("active", "disabled"), true));
        }
        if (in.has("oidc_subject")) {
            u.setOidcSubject(in.text("oidc_subject", 300, false));
            // Re-linked to the provider: the next sign-on pins its subject again (OidcLogin).
            u.setOidcIssuer(null);
            u.setOidcSub(null);
        }
        if (in.has("unit_code") || in.has("unit_id")) {
            String ref = in.has("unit_code") ? in.text("unit_code", 64, false) : str(in.id("unit_id", false));
            u.setUnitId(ref == null ? null : UnitRepository.byRef(dsl, scope, ref, in.has("unit_code") ? "unit_code"
                    : "unit_id").getId());
        }
        if (u.getUnitId() == null && !scope.isWholeTree()) {
            throw ApiException.invalid("unit_code", "error.required");
        }
        if (in.has("person_code") || in.has("person_id")) {
            boolean byCode = in.has("person_code");
            String field = byCode ? "person_code" : "person_id";
            Object ref = byCode ? in.text(field, 64, false) : in.id(field, false);
            Long person = null;
            if (ref != null) {
                person = dsl.select(PERSON.ID).from(PERSON)
                        .where(byCode ? PERSON.CODE.eq((String) ref) : PERSON.ID.eq((Long) ref))
                        .and(scope.covers(PERSON.UNIT_ID)).fetchOne(PERSON.ID);
                if (person == null) {
                    throw ApiException.invalid(field, "error.unknown_ref", String.valueOf(ref));
                }
            }
            u.setPersonId(person);
        }
    }

    private static String str(Long id) {
        return id == null ? null : String.valueOf(id);
    }

    /** Replaces the account's grants with {@code [{"role": …, "unit_code": …|null}]}. */
    public Future<JsonObject> replaceGrants(Scope scope, long id, Input in) {
        return db.tx(scope, dsl -> {
            AppUserRecord u = find(dsl, scope, id);
            setGrants(dsl, scope, u, in.array("grants", true));
            return view(dsl, u);
        });
    }

    private void setGrants(DSLContext dsl, Scope scope, AppUserRecord u, JsonArray grants) {
        if (u.getId().equals(scope.actor().userId())) {
            throw ApiException.invalid("grants", "auth.not_self");
        }
        dsl.deleteFrom(USER_GRANT).where(USER_GRANT.USER_ID.eq(u.getId())).execute();
        for (int i = 0; i < grants.size(); i++) {
            String field = "grants[" + i + "]";
            if (!(grants.getValue(i) instanceof JsonObject g)) {
                throw ApiException.invalid(field, "error.not_object");
            }
            Input gi = Input.of(g);
            String role = gi.oneOf("role", ROLES, true);
            if ("admin".equals(role) && !scope.isWholeTree()) {
                throw ApiException.invalid(field + ".role", "auth.role_not_yours", role);
            }
            String unit = gi.text("unit_code", 64, false);
            Long unitId = unit == null ? null : UnitRepository.byRef(dsl, scope, unit, field + ".unit_code").getId();
            if (unitId == null && !scope.isWholeTree()) {
                throw ApiException.invalid(field + ".unit_code", "error.required");
            }
            dsl.insertInto(USER_GRANT).set(USER_GRANT.USER_ID, u.getId()).set(USER_GRANT.ROLE, role)
                    .set(USER_GRANT.UNIT_ID, unitId).onConflictDoNothing().execute();
        }
    }

    /** Sets a new password (generated when none is given, and answered once); the account's sessions end. */
    public Future<JsonObject> resetPassword(Scope scope, long id, Input in) {
        return db.tx(scope, dsl -> {
            AppUserRecord u = find(dsl, scope, id);
            String password = in.text("password", 1024, false);
            boolean generated = password == null;
            if (generated) {
                password = auth.generatePassword(u.getLogin());
            }
            auth.checkPassword("password", password, u.getLogin());
            u.setPasswordHash(Passwords.hash(password));
            u.setPasswordChangedAt(clock.instant());
            u.setVersion(u.getVersion() + 1);
            u.store();
            AuthService.endSessions(dsl, u.getId(), clock.instant());
            JsonObject out = new JsonObject().put("id", u.getId()).put("login", u.getLogin());
            return generated ? out.put("password", password) : out;
        });
    }

    /** The roles with their permissions (data). */
    public Future<JsonArray> roles(Scope scope) {
        return db.read(scope, dsl -> {
            JsonArray out = new JsonArray();
            dsl.selectFrom(ROLE).orderBy(ROLE.CODE).forEach(r -> out.add(new JsonObject().put("code", r.getCode())
                    .put("name_vi", r.getNameVi()).put("name_en", r.getNameEn())
                    .put("permissions", new JsonArray(dsl.select(ROLE_PERMISSION.PERMISSION).from(ROLE_PERMISSION)
                            .where(ROLE_PERMISSION.ROLE.eq(r.getCode())).orderBy(ROLE_PERMISSION.PERMISSION)
                            .fetch(ROLE_PERMISSION.PERMISSION)))));
            return out;
        });
    }

    JsonObject view(DSLContext dsl, AppUserRecord u) {
        JsonArray grants = new JsonArray();
        dsl.select(USER_GRANT.ID, USER_GRANT.ROLE, USER_GRANT.UNIT_ID, UNIT.CODE, UNIT.NAME).from(USER_GRANT)
                .leftJoin(UNIT).on(UNIT.ID.eq(USER_GRANT.UNIT_ID)).where(USER_GRANT.USER_ID.eq(u.getId()))
                .orderBy(USER_GRANT.ID)
                .forEach(r -> grants.add(new JsonObject().put("role", r.value2()).put("unit_id", r.value3())
                        .put("unit_code", r.value4()).put("unit_name", r.value5())));
        return new JsonObject().put("id", u.getId()).put("login", u.getLogin()).put("full_name", u.getFullName())
                .put("email", u.getEmail()).put("unit_id", u.getUnitId()).put("person_id", u.getPersonId())
                .put("status", u.getStatus()).put("language", u.getLanguage()).put("oidc_subject", u.getOidcSubject())
                .put("oidc_issuer", u.getOidcIssuer()).put("oidc_sub", u.getOidcSub())
                .put("has_password", u.getPasswordHash() != null).put("grants", grants)
                .put("created_at", u.getCreatedAt().toString()).put("version", u.getVersion());
    }

    // --- API tokens ---

    /** A new token for a user; the answer holds the token itself, which is never shown again. */
    public Future<JsonObject> createToken(Scope scope, long userId, Input in, boolean managed) {
        return db.tx(scope, dsl -> {
            AppUserRecord u = managed ? find(dsl, scope, userId) : accounts.user(dsl, userId);
            String name = in.text("name", 100, true);
            int days = in.has("days") ? in.integer("days", 1, 3650, true) : 90;
            String token = AuthService.TOKEN_PREFIX + Secrets.random(32);
            ApiTokenRecord t = dsl.newRecord(API_TOKEN);
            t.setUserId(u.getId());
            t.setName(name);
            t.setTokenHash(Secrets.sha256(token));
            t.setPrefix(token.substring(0, 12));
            t.setCreatedAt(clock.instant());
            t.setExpiresAt(clock.instant().plus(Duration.ofDays(days)));
            t.store();
            return tokenView(t).put("token", token);
        });
    }

    public Future<JsonArray> tokens(Scope scope, long userId, boolean managed) {
        return db.read(scope, dsl -> {
            if (managed) {
                find(dsl, scope, userId);
            }
            JsonArray out = new JsonArray();
            dsl.selectFrom(API_TOKEN).where(API_TOKEN.USER_ID.eq(userId)).orderBy(API_TOKEN.ID)
                    .forEach(t -> out.add(tokenView(t)));
            return out;
        });
    }

    public Future<JsonObject> revokeToken(Scope scope, long userId, long tokenId, boolean managed) {
        return db.tx(scope, dsl -> {
            if (managed) {
                find(dsl, scope, userId);
            }
            ApiTokenRecord t = dsl.selectFrom(API_TOKEN).where(API_TOKEN.ID.eq(tokenId))
                    .and(API_TOKEN.USER_ID.eq(userId)).fetchOne();
            if (t == null) {
                throw ApiException.notFound("api_token", tokenId);
            }
            if (t.getRevokedAt() == null) {
                t.setRevokedAt(clock.instant());
                t.store();
            }
            return tokenView(t);
        });
    }

    private static JsonObject tokenView(ApiTokenRecord t) {
        Instant exp = t.getExpiresAt();
        return new JsonObject().put("id", t.getId()).put("user_id", t.getUserId()).put("name", t.getName())
                .put("prefix", t.getPrefix()).put("created_at", t.getCreatedAt().toString())
                .put("expires_at", exp.toString())
                .put("revoked_at", t.getRevokedAt() == null ? null : t.getRevokedAt().toString())
                .put("last_used_at", t.getLastUsedAt() == null ? null : t.getLastUsedAt().toString());
    }

    /** What {@code GET /auth/me} shows. */
    public Future<JsonObject> me(Scope scope, Principal p) {
        return db.read(scope, dsl -> {
            JsonObject out = view(dsl, accounts.user(dsl, p.userId()));
            JsonObject perms = new JsonObject();
            for (Permission perm : Permission.values()) {
                List<Long> reach = perm.scoped() ? p.reach(perm) : null;
                if (reach != null) {
                    perms.put(perm.code(), reach.isEmpty() ? new JsonArray().add("*")
                            : new JsonArray(dsl.select(UNIT.CODE).from(UNIT).where(UNIT.ID.in(reach)).fetch(UNIT.CODE)));
                }
            }
            return out.put("permissions", perms).put("auth_method", p.method()).put("csrf_token", p.csrfToken());
        });
    }

    /** Sets one's own display language (the console remembers it). */
    public Future<JsonObject> setLanguage(Scope scope, Principal p, Input in) {
        String lang = in.oneOf("language", List.of("vi", "en"), true);
        return db.tx(scope, dsl -> {
            dsl.update(APP_USER).set(APP_USER.LANGUAGE, lang).where(APP_USER.ID.eq(p.userId())).execute();
            return new JsonObject().put("language", lang);
        });
    }
}
