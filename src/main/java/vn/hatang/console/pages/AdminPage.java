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
 * {@code /admin}: accounts ({@code listUsers}), roles ({@code listRoles}); an account: its grants, locking it
 * ({@code updateUser}), its API tokens and revoking one ({@code revokeUserApiToken}). {@code /audit}: the filtered
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
        console.get("/admin", this::accounts);
        console.get("/admin/users/:id", r -> account(r, Form.NONE));
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

    private Future<Reply> accounts(Req r) {
        Map<String, String> filters = r.filters("q", "status");
        Future<Page> page = users.list(r.scope("listUsers"), filters, Page.Request.of("50", r.query("cursor")));
        Future<JsonArray> roles = users.roles(r.scope("listRoles"));
        return Future.all(page, roles).map(x -> Reply.ok(r.render("admin.jte", "v", r.view("admin"), "users",
                page.result(), "filters", filters, "roles", roles.result())));
    }

    private Future<Reply> account(Req r, Form form) {
        long id = r.id("id");
        Future<JsonObject> user = users.get(r.scope("getUser"), id);
        return user.compose(u -> users.tokens(r.scope("listUserApiTokens"), id, true)).map(tokens -> Reply.ok(
                r.render("account.jte", "v", r.view("admin"), "user", user.result(), "tokens", tokens, "form", form)));
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
