package vn.hatang.cli;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.hatang.platform.json.Input;

/** {@code tokens create|revoke}: API tokens for scripts; {@code create} prints the token alone on its last line. */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = {"Mã API cho tập lệnh: tạo, thu hồi.", "API tokens for scripts: create, revoke."},
        subcommands = {TokensCommand.Create.class, TokensCommand.Revoke.class})
public final class TokensCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = {"Tạo mã API (chỉ hiện một lần).",
            "Create an API token (shown once)."})
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--days", defaultValue = "90", description = "hiệu lực (ngày) / valid for (days), 1–3650")
        int days;

        @Override
        public Integer call() {
            return Cli.run(o -> {
                JsonObject t = Cli.await(UsersCommand.users(o).createToken(UsersCommand.SCOPE,
                        UsersCommand.idOf(o, login), Input.of(new JsonObject().put("name", name).put("days", days)), true));
                System.err.println("Mã API / API token " + name + " of " + login + ", id " + t.getLong("id")
                        + ", expires " + t.getString("expires_at"));
                System.out.println(t.getString("token"));
                return 0;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = {"Thu hồi mã API.", "Revoke an API token."})
    static final class Revoke implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;
        @Parameters(index = "1", paramLabel = "TOKEN_ID")
        long tokenId;

        @Override
        public Integer call() {
            return Cli.run(o -> {
                Cli.await(UsersCommand.users(o).revokeToken(UsersCommand.SCOPE, UsersCommand.idOf(o, login), tokenId,
                        true));
                System.err.println("Đã thu hồi / revoked " + tokenId);
                return 0;
            });
        }
    }
}
