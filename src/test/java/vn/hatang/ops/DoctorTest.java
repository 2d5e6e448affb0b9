package vn.hatang.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.App;
import vn.hatang.pki.sample.PkiFactory;
import vn.hatang.platform.i18n.Messages;

/**
 * Verifies that {@code doctor} names each problem of a broken installation, in Vietnamese with what to do (English
 * with {@code --lang en}), and finds a working one healthy.
 */
class DoctorTest {
    @TempDir
    Path dir;

    private Map<String, String> env(int httpPort) {
        return Map.of("HATANG_DATA_DIR", dir.resolve("data").toString(), "HATANG_HTTP_PORT", String.valueOf(httpPort),
                "HATANG_BACKUP_DIR", dir.resolve("backups").toString(), "HATANG_PKI_DIR", dir.resolve("pki").toString(),
                "HATANG_INVENTORY", dir.resolve("none").toString(), "HATANG_SNMP_TRAP_PORT", "-1",
                "HATANG_COVERAGE_SCHEDULE", "off");
    }

    private static String run(Doctor doctor, java.util.Locale locale, int[] exit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exit[0] = Doctor.print(doctor.check(), locale, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBrokenInstallHasEachProblemNamedWithWhatToDo() throws Exception {
        Path key = dir.resolve("data/snmp-secret.key");
        Files.createDirectories(key.getParent());
        Files.writeString(key, "c2VjcmV0\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        PkiFactory pki = new PkiFactory();
        Instant now = Instant.now();
        var root = pki.root("CN=CA sắp hết hạn", PkiFactory.Alg.EC, now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(10)));
        Files.createDirectories(dir.resolve("pki/trust"));
        Files.writeString(dir.resolve("pki/trust/ca.pem"), vn.hatang.pki.certs.Pem.of(root.cert()));

        int[] exit = new int[1];
        String vi = run(Doctor.fromEnv(env(freePort()), Clock.systemUTC()), Messages.VI, exit);
        assertEquals(1, exit[0], vi);
        assertTrue(vi.contains("[LỖI] Tệp khoá " + key + " để người khác đọc được (rw-r--r--)"), vi);
        assertTrue(vi.contains("→ Chạy: chmod 600 " + key), vi);
        assertTrue(vi.contains("[LỖI] Cơ sở dữ liệu nhúng trong " + dir.resolve("data") + " không chạy"), vi);
        assertTrue(vi.contains("[LỖI] Chưa có bản sao lưu nào trong " + dir.resolve("backups")), vi);
        assertTrue(vi.contains("[CẢNH BÁO] Chứng thư tin cậy CN=CA sắp hết hạn"), vi);
        assertTrue(vi.contains("[CẢNH BÁO] Không có dịch vụ nào trả lời"), vi);

        String en = run(Doctor.fromEnv(env(freePort()), Clock.systemUTC()), Messages.EN, exit);
        assertTrue(en.contains("[FAIL] Key file " + key + " is readable by others"), en);
        assertTrue(en.contains("[FAIL] The embedded database in " + dir.resolve("data") + " is not running"), en);
    }

    @Test
    void aRunningHealthyInstallPassesAndAStaleBackupIsNamed() throws Exception {
        int port = freePort();
        try (App app = App.start(vn.hatang.platform.config.HatangConfig.fromEnv(env(port)))) {
            app.module(OpsModule.class).backupNow().orElseThrow();
            int[] exit = new int[1];
            String now = run(Doctor.fromEnv(env(port), Clock.systemUTC()), Messages.VI, exit);
            assertEquals(0, exit[0], now);
            assertTrue(now.contains("[ĐẠT] hatang trả lời ở 127.0.0.1:" + port + " và sẵn sàng."), now);
            assertTrue(now.contains("[ĐẠT] Cơ sở dữ liệu"), now);
            assertTrue(now.contains("[ĐẠT] Bản sao lưu mới nhất"), now);
            // Two days later, nothing new: the backup is too old.
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(2));
            String stale = run(Doctor.fromEnv(env(port), later), Messages.EN, exit);
            assertTrue(stale.contains("[FAIL] The newest backup"), stale);
            assertTrue(stale.contains("more than 26 hours"), stale);
            assertTrue(stale.contains("[FAIL] The clock of this machine is"), stale);
        }
    }

    private static int freePort() throws Exception {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
