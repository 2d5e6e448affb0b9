package vn.hatang.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import vn.hatang.ops.backup.Backups;
import vn.hatang.ops.backup.Manifest;
import vn.hatang.pki.PkiTrust;
import vn.hatang.pki.certs.PkiFileReader;
import vn.hatang.platform.SecretFiles;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.EmbeddedServer;
import vn.hatang.platform.i18n.Messages;

/**
 * {@code doctor}: checks an installation as an operator would, and says in words what is wrong and what to do —
 * the ports, the permissions of the key files, whether the database answers, the last backup, the clock against the
 * database's, and the trust-store certificates about to expire. Each finding is a message key of the bundles
 * ({@code ops.doctor.*}), so it reads in Vietnamese or English.
 */
public final class Doctor {
    /** A clock further off than this makes certificate checks and the audit trail's times doubtful. */
    static final Duration MAX_SKEW = Duration.ofSeconds(5);
    /** A trust anchor expiring sooner than this needs replacing now. */
    static final Duration CERT_WARNING = Duration.ofDays(30);

    public enum Level { OK, WARN, FAIL }

    /** One finding: a message key (and {@code <key>.fix} for what to do unless it is OK) with its arguments. */
    public record Finding(Level level, String key, Object... args) {
    }

    private final HatangConfig config;
    private final OpsOptions ops;
    private final Clock clock;

    public Doctor(HatangConfig config, OpsOptions ops, Clock clock) {
        this.config = config;
        this.ops = ops;
        this.clock = clock;
    }

    public List<Finding> check() {
        List<Finding> f = new ArrayList<>();
        boolean hatangUp = checkHttpPort(f);
        checkTrapPort(f, hatangUp);
        checkKeyFile(f, ops.snmpKeyFile());
        checkKeyFile(f, ops.auditKeyFile());
        if (config.database().embedded()) {
            checkKeyFile(f, config.database().dataDir().resolve(EmbeddedServer.PASSWORD_FILE));
        }
        checkDatabase(f);
        checkBackup(f);
        checkTrustStore(f);
        return f;
    }

    /** Prints the findings; exit status 0 when nothing failed, 1 otherwise. */
    public static int print(List<Finding> findings, Locale locale, PrintStream out) {
        long failed = findings.stream().filter(x -> x.level() == Level.FAIL).count();
        long warned = findings.stream().filter(x -> x.level() == Level.WARN).count();
        out.println(Messages.get(locale, "ops.doctor.title", findings.size(), failed, warned));
        for (Finding x : findings) {
            out.println("[" + Messages.get(locale, "ops.doctor.level." + x.level().name().toLowerCase(Locale.ROOT)) + "] "
                    + Messages.get(locale, x.key(), x.args()));
            if (x.level() != Level.OK) {
                out.println("      → " + Messages.get(locale, x.key() + ".fix", x.args()));
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private boolean checkHttpPort(List<Finding> f) {
        String host = config.http().host();
        int port = config.http().port();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
        } catch (IOException e) {
            f.add(new Finding(Level.WARN, "ops.doctor.http.free", host, String.valueOf(port)));
            return false;
        }
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/health/ready"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.body().contains("\"components\"")) {
                f.add(r.statusCode() == 200 ? new Finding(Level.OK, "ops.doctor.http.hatang", host, String.valueOf(port))
                        : new Finding(Level.FAIL, "ops.doctor.http.not_ready", host, String.valueOf(port), r.body()));
                return true;
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // something else listens there
        }
        f.add(new Finding(Level.FAIL, "ops.doctor.http.other", host, String.valueOf(port)));
        return false;
    }

    private void checkTrapPort(List<Finding> f, boolean hatangUp) {
        String v = config.env().getOrDefault("HATANG_SNMP_TRAP_PORT", "1162");
        int port;
        try {
            port = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return; // the service itself refuses it at start, naming the variable
        }
        if (port < 0 || hatangUp || "false".equalsIgnoreCase(config.env().get("HATANG_SNMP_ENABLED"))) {
            return;
        }
        String host = config.env().getOrDefault("HATANG_SNMP_TRAP_HOST", "0.0.0.0");
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(host, port))) {
            f.add(new Finding(Level.OK, "ops.doctor.trap.free", host, String.valueOf(port)));
        } catch (IOException e) {
            f.add(new Finding(Level.FAIL, "ops.doctor.trap.busy", host, String.valueOf(port)));
        }
    }

    private static void checkKeyFile(List<Finding> f, Path file) {
        if (!Files.exists(file)) {
            return; // created (0600) on first use
        }
        try {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
            f.add(SecretFiles.isPrivate(file) ? new Finding(Level.OK, "ops.doctor.key.private", file, mode)
                    : new Finding(Level.FAIL, "ops.doctor.key.readable", file, mode));
        } catch (IOException e) {
            f.add(new Finding(Level.FAIL, "ops.doctor.key.unreadable", file, e.getMessage()));
        }
    }

    private void checkDatabase(List<Finding> f) {
        Optional<Connection> c;
        try {
            c = connect();
        } catch (SQLException | IOException | RuntimeException e) {
            f.add(new Finding(Level.FAIL, "ops.doctor.db.unreachable", where(), e.getMessage()));
            return;
        }
        if (c.isEmpty()) {
            f.add(new Finding(Level.FAIL, "ops.doctor.db.not_running", config.database().dataDir()));
            return;
        }
        try (Connection conn = c.get(); var st = conn.createStatement();
             var rs = st.executeQuery("SELECT now(), current_setting('server_version')")) {
            rs.next();
            Instant dbNow = rs.getTimestamp(1).toInstant();
            f.add(new Finding(Level.OK, "ops.doctor.db.ok", where(), rs.getString(2)));
            Duration skew = Duration.between(dbNow, clock.instant()).abs();
            f.add(skew.compareTo(MAX_SKEW) > 0
                    ? new Finding(Level.FAIL, "ops.doctor.clock.skew", skew.toMillis() / 1000.0, MAX_SKEW.toSeconds())
                    : new Finding(Level.OK, "ops.doctor.clock.ok", skew.toMillis()));
        } catch (SQLException e) {
            f.add(new Finding(Level.FAIL, "ops.doctor.db.unreachable", where(), e.getMessage()));
        }
    }

    private String where() {
        return config.database().embedded() ? config.database().dataDir().resolve("pg").toString() : config.database().url();
    }

    /** The embedded database the service runs (empty when none runs), or the external one. */
    private Optional<Connection> connect() throws SQLException, IOException {
        Properties p = new Properties();
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "5");
        p.setProperty("ApplicationName", "hatang-doctor");
        if (!config.database().embedded()) {
            p.setProperty("user", config.database().user());
            p.setProperty("password", config.database().password());
            return Optional.of(DriverManager.getConnection(config.database().url(), p));
        }
        Path dataDir = config.database().dataDir();
        Optional<String> url = EmbeddedServer.runningUrl(dataDir);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        p.setProperty("user", "postgres");
        p.setProperty("password", EmbeddedServer.password(dataDir));
        return Optional.of(DriverManager.getConnection(url.get(), p));
    }

    private void checkBackup(List<Finding> f) {
        if (ops.backupDir() == null) {
            f.add(new Finding(Level.WARN, "ops.doctor.backup.off"));
            return;
        }
        Optional<Manifest> newest = Backups.newest(ops.backupDir());
        if (newest.isEmpty()) {
            f.add(new Finding(Level.FAIL, "ops.doctor.backup.none", ops.backupDir()));
            return;
        }
        Duration age = Duration.between(newest.get().createdAt(), clock.instant());
        double hours = Math.round(age.toMinutes() / 6.0) / 10.0;
        f.add(age.compareTo(OpsOptions.MAX_BACKUP_AGE) > 0
                ? new Finding(Level.FAIL, "ops.doctor.backup.old", newest.get().id(), hours, OpsOptions.MAX_BACKUP_AGE.toHours())
                : new Finding(Level.OK, "ops.doctor.backup.ok", newest.get().id(), hours));
    }

    private void checkTrustStore(List<Finding> f) {
        Path pki = vn.hatang.pki.PkiOptions.from(config.environment(), config.inventoryDir()).dir();
        PkiFileReader reader = new PkiFileReader();
        int problems = f.size();
        int fine = 0;
        for (String sub : List.of("trust", "intermediates")) {
            Path dir = pki.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                continue;
            }
            for (Path file : files) {
                try {
                    for (X509Certificate c : reader.readCertificates(file)) {
                        Instant end = c.getNotAfter().toInstant();
                        String who = c.getSubjectX500Principal().getName();
                        if (end.isBefore(clock.instant())) {
                            f.add(new Finding(Level.FAIL, "ops.doctor.cert.expired", who, file, end));
                        } else if (end.isBefore(clock.instant().plus(CERT_WARNING))) {
                            f.add(new Finding(Level.WARN, "ops.doctor.cert.expiring", who, file, end,
                                    Duration.between(clock.instant(), end).toDays()));
                        } else {
                            fine++;
                        }
                    }
                } catch (Exception e) {
                    f.add(new Finding(Level.WARN, "ops.doctor.cert.unreadable", file, e.getMessage()));
                }
            }
        }
        if (f.size() == problems) {
            f.add(new Finding(Level.OK, "ops.doctor.cert.ok", fine, pki, CERT_WARNING.toDays()));
        }
    }

    /** The configuration the service would read, from {@code env}. */
    public static Doctor fromEnv(Map<String, String> env, Clock clock) {
        HatangConfig config = HatangConfig.fromEnv(env);
        return new Doctor(config, OpsOptions.of(config), clock);
    }
}
