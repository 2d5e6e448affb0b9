package vn.hatang.console.pages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import vn.hatang.audit.AuditLog;
import vn.hatang.audit.AuditModule;
import vn.hatang.console.Console;
import vn.hatang.console.Form;
import vn.hatang.console.Reply;
import vn.hatang.console.Req;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.json.Input;
import vn.hatang.security.UserService;

/**
 * {@code /admin}: accounts ({@code listUsers}) and a new one ({@code createUser}), roles ({@code listRoles}); an
 * account: its role and units ({@code replaceUserGrants}), locking it ({@code updateUser}), a new generated password
 * ({@code resetUserPassword}), its API tokens, issuing ({@code createUserApiToken}) and revoking one
 * ({@code revokeUserApiToken}). {@code /audit}: the filtered
 * log ({@code listAudit}) and, for whole-tree auditors, the chain's state ({@code getAuditStatus}).
 */
public final class AdminPage implements Console.Page {
    private final Db db;
    private final UserService users;
    private final AuditModule audit;
    private final Blocking blocking;

    public AdminPage(Db db, UserService users, AuditModule audit, Blocking blocking) {
        this.db = db;
        this.users = users;
        this.audit = audit;
        this.blocking = blocking;
    }

    @Override
    public void addRoutes(Console.Pages console) {
        console.get("/admin", r -> accounts(r, Form.NONE));
        console.post("/admin/users", r -> Forms.answer(r, "create", Forms.attempt(() -> users.create(
                r.scope("createUser"), newAccount(r.form()))), u -> account(r, u.getLong("id"), Form.NONE,
                u.getString("password"), null), f -> accounts(r, f.field(AdminPage::formField))));
        console.get("/admin/users/:id", r -> account(r, Form.NONE));
        // A page answered to a form (what is shown once) has the form's address: reloading it goes back to the page.
        console.get("/admin/users", r -> Future.succeededFuture(Reply.redirect("/admin")));
        for (String shownOnce : new String[] {"api-tokens", "password"}) {
            console.get("/admin/users/:id/" + shownOnce, r -> Future.succeededFuture(Reply.redirect("/admin/users/"
                    + r.id("id"))));
        }
        console.post("/admin/users/:id/grants", r -> {
            long id = r.id("id");
            return Forms.submit(r, "grants", Forms.attempt(() -> users.replaceGrants(r.scope("replaceUserGrants"), id,
                    Input.of(new JsonObject().put("grants", grants(r.form()))))), "/admin/users/" + id
                    + "?done=grants", f -> account(r, f.field(AdminPage::formField)));
        });
        console.post("/admin/users/:id/api-tokens", r -> {
            long id = r.id("id");
            return Forms.answer(r, "token", Forms.attempt(() -> users.createToken(r.scope("createUserApiToken"), id,
                    Input.ofStrings(r.form()), true)), t -> account(r, id, Form.NONE, null, t),
                    f -> account(r, f));
        });
        console.post("/admin/users/:id/password", r -> {
            long id = r.id("id");
            return Forms.answer(r, "password", Forms.attempt(() -> users.resetPassword(r.scope("resetUserPassword"), id,
                    Input.of(new JsonObject()))), p -> account(r, id, Form.NONE, p.getString("password"), null),
                    f -> account(r, f));
        });
        console.post("/admin/users/:id/status", r -> {
            long id = r.id("id");
            return Forms.submit(r, "status", Forms.attempt(() -> users.update(r.scope("updateUser"), id, null,
                    Input.ofStrings(r.form()))), "/admin/users/" + id + "?done=account", f -> account(r, f));
        });
        console.post("/admin/users/:id/api-tokens/:token_id/revoke", r -> {
            long id = r.id("id");
            long token = r.id("token_id");
            return Forms.submit(r, "revoke", Forms.attempt(() -> users.revokeToken(r.scope("revokeUserApiToken"), id,
                    token, true)), "/admin/users/" + id + "?done=token_revoked", f -> account(r, f));
        });
        console.get("/audit", this::auditLog);
    }

    /**
     * The account form's fields as {@code createUser} takes them: one role on each of the units typed (none: the
     * whole tree, which only a whole-tree manager may give); the account belongs to the first unit.
     */
    private static Input newAccount(Map<String, String> form) {
        JsonArray grants = grants(form);
        JsonObject in = new JsonObject().put("login", form.get("login")).put("full_name", form.get("full_name"))
                .put("grants", grants);
        if (!grants.isEmpty() && grants.getJsonObject(0).getString("unit_code") != null) {
            in.put("unit_code", grants.getJsonObject(0).getString("unit_code"));
        }
        in.fieldNames().removeIf(n -> in.getValue(n) == null);
        return Input.of(in);
    }

    /** The grants of a form: its role on each unit code of its {@code units} field (spaces or commas between). */
    private static JsonArray grants(Map<String, String> form) {
        String role = form.get("role");
        JsonArray out = new JsonArray();
        String units = form.getOrDefault("units", "");
        for (String code : units.split("[\\s,;]+")) {
            if (!code.isEmpty()) {
                out.add(new JsonObject().put("role", role).put("unit_code", code));
            }
        }
        if (out.isEmpty()) {
            out.add(new JsonObject().put("role", role));
        }
        return out;
    }

    /** Where the form shows the service's refusal of an API field: {@code grants[2].unit_code} is the units field. */
    private static String formField(String apiField) {
        if (apiField.matches("grants\\[\\d+]\\.role")) {
            return "role";
        }
        return apiField.startsWith("grants") || apiField.equals("unit_code") ? "units" : apiField;
    }

    private Future<Reply> accounts(Req r, Form form) {
        Map<String, String> filters = r.filters("q", "status");
        Future<Page> page = users.list(r.scope("listUsers"), filters, Page.Request.of("50", r.query("cursor")));
        Future<JsonArray> roles = users.roles(r.scope("listRoles"));
        return Future.all(page, roles).map(x -> Reply.ok(r.render("admin.jte", "v", r.view("admin"), "users",
                page.result(), "filters", filters, "roles", roles.result(), "form", form,
                "canCreate", r.may("createUser"))));
    }

    private Future<Reply> account(Req r, Form form) {
        return account(r, r.id("id"), form, null, null);
    }

    /**
     * An account's page; {@code password} (just generated) and {@code newToken} (just issued) are shown this once:
     * the page is not stored (no-store) and they are never read back.
     */
    private Future<Reply> account(Req r, long id, Form form, String password, JsonObject newToken) {
        Future<JsonObject> user = users.get(r.scope("getUser"), id);
        Future<JsonArray> roles = users.roles(r.scope("listRoles"));
        return Future.all(user, roles).compose(u -> users.tokens(r.scope("listUserApiTokens"), id, true))
                .map(tokens -> Reply.ok(r.render("account.jte", "v", r.view("admin"), "user", user.result(), "tokens",
                        tokens, "form", form, "roles", roles.result(), "password", password, "newToken", newToken)));
    }

    private Future<Reply> auditLog(Req r) {
        var scope = r.scope("listAudit");
        Map<String, String> filters = r.filters("actor", "action", "object_type", "under");
        Future<Page> page = db.read(scope, dsl -> AuditLog.page(dsl, scope, filters,
                Page.Request.of("50", r.query("cursor"))));
        Future<JsonObject> status = r.may("getAuditStatus") ? blocking.run(() -> {
            var s = audit.checkTail();
            return new JsonObject().put("ok", s.ok()).put("head_seq", s.headSeq()).put("checked", s.checked())
                    .put("first_bad_seq", s.firstBad());
        }) : Future.succeededFuture(null);
        return Future.all(page, status).map(x -> Reply.ok(r.render("audit.jte", "v", r.view("audit"), "page",
                page.result(), "filters", filters, "status", status.result())));
    }
}
