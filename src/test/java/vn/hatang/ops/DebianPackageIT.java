package vn.hatang.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.Eventually;

/**
 * Verifies the Debian package as an office installs it, on a machine without a running systemd (CI): {@code dpkg -i},
 * the files and the service user, {@code systemd-analyze verify} of the unit, the installed launcher started the way
 * the unit starts it (its user, its working directory, its environment file), ready on {@code /health/ready}; then
 * {@code dpkg -r}, after which the data directory is still there. Needs root (CI runs as root); the machine is left as
 * it was found.
 */
class DebianPackageIT {
    private static final Path DEB = Path.of("target/hatang.deb");
    private static final Path UNIT = Path.of("/lib/systemd/system/hatang.service");
    private static final Path STATE = Path.of("/var/lib/hatang");
    private static final Path BACKUPS = Path.of("/var/backups/hatang");

    @Test
    void installStartAsTheUnitDoesAndRemoveKeepingTheData() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "dpkg -i needs root (CI runs as root)");
        assertTrue(Files.exists(DEB), "the build makes " + DEB);
        // Two builds on one machine must not install and remove the package under each other.
        try (FileChannel ch = FileChannel.open(Path.of("/tmp/hatang-deb-it.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            assumeTrue(run("dpkg-query", "-W", "hatang").exit() != 0, "a hatang package is installed here: not touched");
            boolean userExisted = run("getent", "passwd", "hatang").exit() == 0;
            boolean stateExisted = Files.exists(STATE);
            try {
                installedAndRemoved();
            } finally {
                run("dpkg", "--purge", "hatang");
                if (!stateExisted) {
                    run("rm", "-rf", STATE.toString(), BACKUPS.toString());
                }
                if (!userExisted) {
                    run("userdel", "hatang");
                }
            }
        }
    }

    private void installedAndRemoved() throws Exception {
        Result install = run("dpkg", "-i", DEB.toAbsolutePath().toString());
        assertEquals(0, install.exit(), install.output());

        for (String f : List.of("/usr/share/hatang/hatang.jar", "/usr/bin/hatang", UNIT.toString(),
                "/etc/hatang/hatang.env", "/usr/share/hatang/sample-inventory/units.yaml")) {
            assertTrue(Files.isRegularFile(Path.of(f)), f);
        }
        assertTrue(Files.isExecutable(Path.of("/usr/bin/hatang")));
        String[] user = run("getent", "passwd", "hatang").output().trim().split(":");
        assertEquals("/var/lib/hatang", user[5], "home of the service user");
        assertEquals("/usr/sbin/nologin", user[6], "no login shell");
        PosixFileAttributes state = Files.readAttributes(STATE, PosixFileAttributes.class);
        assertEquals("hatang", state.owner().getName());
        assertEquals("rwxr-x---", PosixFilePermissions.toString(state.permissions()));
        PosixFileAttributes env = Files.readAttributes(Path.of("/etc/hatang/hatang.env"), PosixFileAttributes.class);
        assertEquals("hatang", env.group().getName(), "the service user reads its environment file");
        assertEquals("rw-r-----", PosixFilePermissions.toString(env.permissions()));

        Result verify = run("systemd-analyze", "verify", UNIT.toString());
        assertEquals(0, verify.exit(), verify.output());
        assertFalse(verify.output().contains("hatang.service:"), "no complaint about the unit: " + verify.output());

        Map<String, String> unit = unitSettings(UNIT);
        assertEquals("on-failure", unit.get("Restart"));
        for (String hardening : List.of("NoNewPrivileges", "PrivateTmp")) {
            assertEquals("yes", unit.get(hardening), hardening);
        }
        assertEquals("strict", unit.get("ProtectSystem"));
        startedAsTheUnitStartsIt(unit);

        Result remove = run("dpkg", "-r", "hatang");
        assertEquals(0, remove.exit(), remove.output());
        assertFalse(Files.exists(Path.of("/usr/share/hatang/hatang.jar")), "the program is removed");
        assertTrue(Files.isDirectory(STATE.resolve("data/pg")), "the data directory is kept");
        assertTrue(Files.exists(STATE.resolve("data/db-password")), "and its password");
    }

    /** User, working directory, environment file and command line from the unit itself; a private TMPDIR. */
    private void startedAsTheUnitStartsIt(Map<String, String> unit) throws Exception {
        Path tmp = Files.createTempDirectory("hatang-private-tmp");
        run("chown", unit.get("User") + ":" + unit.get("Group"), tmp.toString());
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + unit.get("User"), "--regid=" + unit.get("Group"),
                "--init-groups", "--"));
        cmd.addAll(List.of(unit.get("ExecStart").split(" ")));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of(unit.get("WorkingDirectory")).toFile())
                .redirectErrorStream(true).redirectOutput(Path.of("target/hatang-deb-service.log").toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        pb.environment().putAll(envFile(Path.of(unit.get("EnvironmentFile"))));
        // What systemd would add (PrivateTmp), and the only two changes: a free port, no trap port (tests share it).
        pb.environment().put("TMPDIR", tmp.toString());
        pb.environment().put("HATANG_HTTP_PORT", String.valueOf(port));
        pb.environment().put("HATANG_SNMP_TRAP_PORT", "-1");
        Process service = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            Eventually.until(() -> {
                assertTrue(service.isAlive(), "the service exited; see target/hatang-deb-service.log");
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode() == 200;
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            }, "/health/ready of the installed service");
            assertEquals("hatang", Files.getOwner(STATE.resolve("data/pg")).getName(), "files belong to the service user");
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(STATE.resolve("data/db-password"))));
        } finally {
            service.destroy(); // SIGTERM, as systemctl stop
            if (!service.waitFor(90, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
            run("rm", "-rf", tmp.toString());
        }
        assertTrue(List.of(0, 143).contains(service.exitValue()), "exit " + service.exitValue());
    }

    /** The [Service] and [Unit] settings of a unit file (last value wins, as in systemd). */
    static Map<String, String> unitSettings(Path unit) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(unit)) {
            String l = line.trim();
            int eq = l.indexOf('=');
            if (!l.startsWith("#") && !l.startsWith("[") && eq > 0) {
                m.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return m;
    }

    /** {@code KEY=VALUE} lines of a systemd environment file (comments and blank lines skipped). */
    static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String l = line.trim();
            int eq = l.indexOf('=');
            if (!l.startsWith("#") && eq > 0) {
                m.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return m;
    }

    record Result(int exit, String output) {
    }

    private static Result run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
