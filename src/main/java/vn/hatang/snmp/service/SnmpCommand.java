package vn.hatang.snmp.service;

import static vn.hatang.db.Tables.DEVICE;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.hatang.cli.Offline;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.db.EmbeddedDatabaseBusyException;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Scope;
import vn.hatang.snmp.snmp4j.Snmp4jClient;

/**
 * {@code hatang snmp …}: the guided set-up from the command line, on the same database as the server and with the
 * same rules as the API. Secrets are never taken from the command line (where {@code ps} and the shell history
 * would keep them): they are asked for without echo, or read one per line from standard input.
 */
@Command(name = "snmp", mixinStandardHelpOptions = true,
        description = {"Thiết lập SNMP: hồ sơ, gán hồ sơ, thử thiết bị / SNMP set-up: profiles, assignment, tests"},
        subcommands = {SnmpCommand.Profiles.class, SnmpCommand.Assign.class, SnmpCommand.Test.class})
public final class SnmpCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("Dùng / use: hatang snmp profiles add|list, hatang snmp assign, hatang snmp test (--help)");
    }

    /** The command line's writes are audited as this job (there is no logged-in caller). */
    static final Scope SCOPE = Scope.system("cli");

    /** Runs {@code work} on the database of this installation; 3 when a running server holds it. */
    static int withDatabase(Function<Context, Integer> work) {
        HatangConfig config = HatangConfig.fromEnv();
        SnmpOptions options = SnmpOptions.from(config);
        if (!options.hasKey()) {
            System.err.println("Cần HATANG_SNMP_KEY hoặc HATANG_SNMP_KEY_FILE (cơ sở dữ liệu ngoài) / set HATANG_SNMP_KEY"
                    + " or HATANG_SNMP_KEY_FILE (external database)");
            return 2;
        }
        Offline offline;
        try {
            offline = Offline.open(config);
        } catch (EmbeddedDatabaseBusyException e) {
            System.err.println(e.getMessage() + "\nMáy chủ đang chạy: dùng API /api/v1/snmp/... / the server is running:"
                    + " use the API /api/v1/snmp/...");
            return 3;
        }
        try (offline) {
            return work.apply(new Context(offline.platform().db(), new ProfileService(options.secretBox())));
        } catch (ApiException e) {
            System.err.println("Lỗi / error" + (e.field() == null ? "" : " [" + e.field() + "]") + ": "
                    + Messages.get(Messages.VI, e.messageKey(), e.args()) + " / "
                    + Messages.get(Messages.EN, e.messageKey(), e.args()));
            return e.status() < 500 ? 2 : 1;
        }
    }

    record Context(Db db, ProfileService profiles) {
    }

    /** {@code snmp profiles add|list}. */
    @Command(name = "profiles", mixinStandardHelpOptions = true, description = "Hồ sơ SNMP / SNMP profiles",
            subcommands = {Add.class, ListProfiles.class})
    static final class Profiles implements Runnable {
        @Override
        public void run() {
            System.err.println("Dùng / use: hatang snmp profiles add|list (--help)");
        }
    }

    /** {@code snmp profiles add}: community or v3 passphrases are asked for, not given as arguments. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = {
        "Thêm hồ sơ SNMP; community/mật khẩu được hỏi (không hiện) hoặc đọc từng dòng từ stdin",
        "Add an SNMP profile; the community or passphrases are asked for (no echo) or read one per line from stdin"})
    static final class Add implements Callable<Integer> {
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--unit", description = "đơn vị sở hữu (mã), mặc định gốc / owning unit (code), default the root")
        String unit;
        @Option(names = "--network", description = "dải được phép gửi bí mật tới (CIDR), lặp lại được; mặc định các dải"
                + " riêng / a network the secrets may be sent to (CIDR), repeatable; default the private ranges")
        List<String> networks;
        @Option(names = "--v3", description = "SNMPv3 (mặc định v2c / default v2c)")
        boolean v3;
        @Option(names = "--user")
        String user;
        @Option(names = "--level", defaultValue = "authPriv", description = "noAuthNoPriv|authNoPriv|authPriv")
        String level;
        @Option(names = "--auth", defaultValue = "SHA-256", description = "MD5|SHA|SHA-224|SHA-256|SHA-384|SHA-512")
        String auth;
        @Option(names = "--priv", defaultValue = "AES-128", description = "DES|AES-128|AES-192|AES-256")
        String priv;
        @Option(names = "--port", defaultValue = "161")
        int port;
        @Option(names = "--timeout-ms", defaultValue = "2000")
        int timeout;
        @Option(names = "--retries", defaultValue = "1")
        int retries;

        @Override
        public Integer call() {
            JsonObject body = new JsonObject().put("name", name).put("port", port).put("timeout_ms", timeout)
                    .put("retries", retries);
            if (unit != null) {
                body.put("unit_code", unit);
            }
            if (networks != null) {
                body.put("networks", new JsonArray(new ArrayList<>(networks)));
            }
            try {
                Secrets secrets = new Secrets();
                if (v3) {
                    body.put("snmp_version", "v3").put("user_name", user).put("security_level", level);
                    if (!"noauthnopriv".equalsIgnoreCase(level)) {
                        body.put("auth_protocol", auth).put("auth_passphrase", secrets.ask("Auth passphrase"));
                    }
                    if ("authpriv".equalsIgnoreCase(level)) {
                        body.put("priv_protocol", priv).put("priv_passphrase", secrets.ask("Priv passphrase"));
                    }
                } else {
                    body.put("snmp_version", "v2c").put("community", secrets.ask("Community"));
                }
            } catch (IOException e) {
                System.err.println("Không đọc được bí mật / cannot read the secret: " + e.getMessage());
                return 2;
            }
            return withDatabase(c -> {
                var r = c.db().inTransaction(SCOPE, dsl -> c.profiles().create(dsl, SCOPE, Input.of(body)));
                System.out.println("Đã thêm hồ sơ / profile added: id=" + r.getId() + " name=" + r.getName());
                return 0;
            });
        }
    }

    /** Asks for secrets on the terminal without echo, or reads them from standard input one per line. */
    private static final class Secrets {
        private final Console console = System.console();
        private BufferedReader stdin;

        String ask(String what) throws IOException {
            if (console != null) {
                char[] v = console.readPassword("%s: ", what);
                return v == null ? "" : new String(v);
            }
            if (stdin == null) {
                stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            }
            String line = stdin.readLine();
            if (line == null) {
                throw new IOException(what + ": no more input");
            }
            return line;
        }
    }

    /** {@code snmp profiles list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Liệt kê hồ sơ / list profiles")
    static final class ListProfiles implements Callable<Integer> {
        @Override
        public Integer call() {
            return withDatabase(c -> {
                JsonArray all = c.db().readNow(SCOPE, dsl -> c.profiles().list(dsl, SCOPE));
                for (Object o : all) {
                    JsonObject p = (JsonObject) o;
                    System.out.println(p.getLong("id") + "\t" + p.getString("name") + "\t" + p.getString("snmp_version")
                            + "\tunit=" + p.getString("unit_code") + "\tnetworks=" + p.getJsonArray("networks").encode()
                            + (p.getBoolean("simulated") ? "\tsimulated" : ""));
                }
                return 0;
            });
        }
    }

    /** {@code snmp assign --profile ID --unit CODE [--category …] [--dry-run]}. */
    @Command(name = "assign", mixinStandardHelpOptions = true, description = {
        "Gán hồ sơ cho mọi thiết bị mạng của một cây đơn vị", "Assign a profile to every network device of a subtree"})
    static final class Assign implements Callable<Integer> {
        @Option(names = "--profile", required = true, description = "id")
        long profile;
        @Option(names = "--unit", required = true)
        String unit;
        @Option(names = "--category", description = "firewall|switch|router|… (mặc định / default: firewall, switch,"
                + " router)")
        List<String> categories;
        @Option(names = "--dry-run")
        boolean dryRun;

        @Override
        public Integer call() {
            return withDatabase(c -> {
                JsonObject in = new JsonObject().put("unit_code", unit);
                if (categories != null) {
                    in.put("categories", new JsonArray(new ArrayList<>(categories)));
                }
                JsonObject r = c.db().inTransaction(SCOPE, dsl -> SnmpService.assignAll(dsl, SCOPE, profile,
                        null, unit, SnmpService.categories(Input.of(in)), dryRun));
                for (Object o : r.getJsonArray("devices")) {
                    JsonObject d = (JsonObject) o;
                    System.out.println(d.getString("serial") + "\t" + d.getString("category") + "\t"
                            + d.getString("address"));
                }
                System.out.println((dryRun ? "Sẽ gán / would assign " : "Đã gán / assigned ") + r.getInteger("count")
                        + "; ngoài dải mạng của hồ sơ / outside the profile's networks: "
                        + r.getJsonArray("outside_networks").size());
                return 0;
            });
        }
    }

    /** {@code snmp test SERIAL [--address A --confirm]}: the same diagnosis as POST /snmp/devices/{id}/test. */
    @Command(name = "test", mixinStandardHelpOptions = true, description = {
        "Thử một thiết bị ngay và nói lỗi bằng lời", "Test a device now and say in words what is wrong"})
    static final class Test implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SERIAL")
        String serial;
        @Option(names = "--address")
        String address;
        @Option(names = "--profile")
        Long profile;
        @Option(names = "--confirm", description = "thử địa chỉ khác kiểm kê / test an address other than the inventory's")
        boolean confirm;
        @Option(names = "--lang", defaultValue = "vi")
        String lang;

        @Override
        public Integer call() {
            return withDatabase(c -> {
                Long id = c.db().readNow(SCOPE, dsl -> dsl.select(DEVICE.ID).from(DEVICE)
                        .where(DEVICE.SERIAL.eq(serial)).and(SCOPE.covers(DEVICE.UNIT_ID)).fetchOne(DEVICE.ID));
                if (id == null) {
                    throw ApiException.notFound("device", serial);
                }
                try (Snmp4jClient client = new Snmp4jClient()) {
                    DeviceTest test = new DeviceTest(client, c.profiles());
                    DeviceTest.Prepared p = c.db().readNow(SCOPE, dsl -> test.prepare(dsl, SCOPE, id,
                            address, profile, confirm));
                    JsonObject r = test.run(p, Messages.fromAcceptLanguage(lang));
                    System.out.println(r.getString("outcome") + ": " + r.getString("message"));
                    return r.getBoolean("ok") ? 0 : 1;
                }
            });
        }
    }
}
