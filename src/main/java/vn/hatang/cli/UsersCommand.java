package vn.hatang.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.json.Input;
import vn.hatang.security.AuthService;
import vn.hatang.security.Scope;
import vn.hatang.security.UserService;

/**
 * {@code users add|list|disable|reset-password}: accounts for the administrator, on the same database as the
 * service (while a server holds the embedded database, use the API or stop the server).
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"Tài khoản: thêm, liệt kê, khoá, đặt lại mật khẩu.", "Accounts: add, list, disable, reset password."},
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Disable.class,
                UsersCommand.ResetPassword.class})
public final class UsersCommand {
    static final Scope SCOPE = Scope.system("cli");

    static UserService users(Offline o) {
        var p = o.platform();
        return new UserService(p.db(), new AuthService(p.db(), p.audit(), p.config().security(), p.clock()), p.clock());
    }

    static long idOf(Offline o, String login) {
        Long id = o.platform().db().readNow(SCOPE, dsl -> dsl.select(vn.hatang.db.Tables.APP_USER.ID)
                .from(vn.hatang.db.Tables.APP_USER).where(vn.hatang.db.Tables.APP_USER.LOGIN.eq(login))
                .fetchOne(vn.hatang.db.Tables.APP_USER.ID));
        if (id == null) {
            throw new IllegalArgumentException("Không có tài khoản / no account '" + login + "'");
        }
        return id;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = {"Thêm tài khoản (mật khẩu sinh ngẫu nhiên, "
            + "in một lần).", "Add an account (a random password is printed once)."})
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;
        @Option(names = "--name", required = true, description = "họ và tên / full name")
        String name;
        @Option(names = "--role", required = true, description = "admin, unit_admin, operator, pki_officer, "
                + "network_operator, viewer, auditor")
        String role;
        @Option(names = "--unit", description = "mã đơn vị (lặp lại được; bỏ trống: toàn tỉnh) / unit code "
                + "(repeatable; none: the whole tree)")
        List<String> units = new ArrayList<>();
        @Option(names = "--email")
        String email;

        @Override
        public Integer call() {
            return Cli.run(o -> {
                JsonArray grants = new JsonArray();
                if (units.isEmpty()) {
                    grants.add(new JsonObject().put("role", role).putNull("unit_code"));
                }
                units.forEach(u -> grants.add(new JsonObject().put("role", role).put("unit_code", u)));
                JsonObject in = new JsonObject().put("login", login).put("full_name", name).put("grants", grants)
                        .put("email", email);
                if (!units.isEmpty()) {
                    in.put("unit_code", units.get(0));
                }
                JsonObject u = Cli.await(users(o).create(SCOPE, Input.of(in)));
                System.err.println("Đã tạo / created " + u.getString("login") + " (id " + u.getLong("id") + ")");
                System.out.println(u.getString("password"));
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"Liệt kê tài khoản.", "List accounts."})
    static final class ListUsers implements Callable<Integer> {
        @Override
        public Integer call() {
            return Cli.run(o -> {
                Page.Request page = new Page.Request(Page.MAX_LIMIT, 0);
                while (true) {
                    Page p = Cli.await(users(o).list(SCOPE, java.util.Map.of(), page));
                    for (JsonObject u : p.items()) {
                        List<String> grants = new ArrayList<>();
                        u.getJsonArray("grants").forEach(g -> grants.add(((JsonObject) g).getString("role") + "@"
                                + (((JsonObject) g).getString("unit_code") == null ? "*" : ((JsonObject) g).getString("unit_code"))));
                        System.out.printf("%-24s %-9s %-40s %s%n", u.getString("login"), u.getString("status"),
                                u.getString("full_name"), String.join(" ", grants));
                    }
                    if (p.next() == null) {
                        return 0;
                    }
                    page = new Page.Request(Page.MAX_LIMIT, p.items().get(p.items().size() - 1).getLong("id"));
                }
            });
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = {"Khoá tài khoản (các phiên kết thúc).",
            "Disable an account (its sessions end)."})
    static final class Disable implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;

        @Override
        public Integer call() {
            return Cli.run(o -> {
                Cli.await(users(o).update(SCOPE, idOf(o, login), null, Input.of(new JsonObject().put("status",
                        "disabled"))));
                System.err.println("Đã khoá / disabled " + login);
                return 0;
            });
        }
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true, description = {"Đặt lại mật khẩu (in mật khẩu "
            + "mới một lần).", "Reset the password (the new one is printed once)."})
    static final class ResetPassword implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;

        @Override
        public Integer call() {
            return Cli.run(o -> {
                JsonObject r = Cli.await(users(o).resetPassword(SCOPE, idOf(o, login), Input.of(new JsonObject())));
                System.out.println(r.getString("password"));
                return 0;
            });
        }
    }
}
