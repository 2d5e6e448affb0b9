package vn.hatang.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;
import vn.hatang.App;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Database;

/**
 * Verifies the upgrade of an installation of the previous release (commit d0bdeaa: schema V1…V400, the sample
 * province loaded, PostgreSQL trusting every local client): {@code serve --dry-run} lists what would apply and
 * changes nothing, then the service starts on it, applies every migration, hardens the database with a password and
 * loses no row. The fixture is that release's data directory as it left it, 2.4 MB of xz.
 */
class UpgradeFromPreviousReleaseTest {
    /** Tables whose rows only the office changes: after the upgrade exactly as before. */
    private static final Set<String> INVENTORY = Set.of("unit", "person", "device", "link", "rack", "investment_line",
            "information_system", "holding_history", "security_check", "data_destruction", "pki_token",
            "pki_certificate", "device_event", "unit_event");

    @TempDir
    Path dataDir;

    @Test
    void thePreviousReleasesDatabaseIsMigratedWithoutLosingARowAndTheServiceStarts() throws Exception {
        extractFixture();
        Map<String, Long> before = expectedCounts();
        Map<String, String> env = Map.of("HATANG_DATA_DIR", dataDir.toString(), "HATANG_HTTP_PORT", "0",
                "HATANG_INVENTORY", Path.of("inventory").toAbsolutePath().toString(), "HATANG_COVERAGE_SCHEDULE", "off",
                "HATANG_SNMP_TRAP_PORT", "-1");

        ProcessBuilder dryRun = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "vn.hatang.Main", "serve", "--dry-run")
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("dry-run.txt").toFile());
        dryRun.environment().putAll(env);
        assertEquals(0, dryRun.start().waitFor(), Files.readString(dataDir.resolve("dry-run.txt")));
        String printed = Files.readString(dataDir.resolve("dry-run.txt"), StandardCharsets.UTF_8);
        try (Database db = Database.openUnmigrated(HatangConfig.fromEnv(env).database())) {
            assertEquals("400", db.schemaVersion(), "the dry run changed nothing");
            List<String> pending = db.pendingMigrations().stream().map(m -> "V" + m.getVersion()).toList();
            assertTrue(printed.contains(pending.size() + " migration sẽ được áp dụng"), printed);
            pending.forEach(v -> assertTrue(printed.contains(v + " — "), v + " in " + printed));
        }

        try (App app = App.start(HatangConfig.fromEnv(env))) {
            Database db = app.platform().database();
            assertEquals(Database.latestMigration(), db.schemaVersion(), "every migration applied");
            try (var c = db.dataSource().getConnection(); var st = c.createStatement()) {
                for (var e : before.entrySet()) {
                    var rs = st.executeQuery("SELECT count(*) FROM public.\"" + e.getKey() + "\"");
                    rs.next();
                    long now = rs.getLong(1);
                    if (INVENTORY.contains(e.getKey())) {
                        assertEquals(e.getValue(), now, e.getKey());
                    } else {
                        assertTrue(now >= e.getValue(), e.getKey() + ": " + now + " < " + e.getValue());
                    }
                }
            }
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("db-password"))),
                    "the trust-all database of the previous release now has a password");
            vn.hatang.testing.TestAdmin.grantToken(app);
            var http = io.vertx.ext.web.client.WebClient.create(app.vertx());
            var ready = http.get(app.port(), "127.0.0.1", "/health/ready").send().await();
            assertEquals(200, ready.statusCode(), ready.bodyAsString());
            var unit = http.get(app.port(), "127.0.0.1", "/api/v1/units?limit=500")
                    .putHeader("Authorization", vn.hatang.testing.TestAdmin.AUTHORIZATION).send().await().bodyAsJsonObject();
            assertEquals(55, unit.getJsonArray("items").size(), "Tỉnh ủy Hòa Sơn and its 54 units");
        }
    }

    private void extractFixture() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/upgrade/d0bdeaa-sample-province.tar.xz");
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(in)))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                Path target = dataDir.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(dataDir));
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
    }

    private Map<String, Long> expectedCounts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/upgrade/d0bdeaa-counts.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.trim().split(" ");
                    counts.put(f[0], Long.parseLong(f[1]));
                }
            }
        }
        assertEquals(1434L, counts.get("device"), "the sample province");
        return counts;
    }
}
