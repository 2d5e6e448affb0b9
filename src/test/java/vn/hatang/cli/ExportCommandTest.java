package vn.hatang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies the command-line round trip as an operator runs it, each command its own process on one data directory:
 * {@code import inventory}, {@code export --dir}, then {@code import --dry-run} of the export changes nothing.
 */
class ExportCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private Run hatang(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "vn.hatang.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("HATANG_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("HATANG_SNMP_ENABLED", "false");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        return new Run(p.exitValue(), out);
    }

    @Test
    void anExportedInventoryImportsBackWithoutAChange() throws Exception {
        Run first = hatang("import", Path.of("inventory").toAbsolutePath().toString());
        assertEquals(0, first.exit(), first.out());
        Path out = dir.resolve("sua");
        Run export = hatang("export", "--dir", out.toString(), "--format", "xlsx");
        assertEquals(0, export.exit(), export.out());
        assertTrue(Files.exists(out.resolve("devices.xlsx")) && Files.exists(out.resolve("tokens.xlsx")));
        Run again = hatang("import", out.toString(), "--dry-run");
        assertEquals(0, again.exit(), again.out());
        assertTrue(again.out().contains("devices.xlsx: +0 ~0 ="), again.out());
        assertTrue(again.out().contains("people.xlsx: +0 ~0 ="), again.out());
        assertTrue(!again.out().contains("  ~ ") && !again.out().contains("!!"), again.out());
        assertTrue(again.out().contains("Chạy thử: chưa thay đổi gì."), again.out());

        Run unknown = hatang("export", "--dir", out.toString(), "printers");
        assertEquals(2, unknown.exit(), unknown.out());
        Run elsewhere = hatang("export", "--dir", out.toString(), "--under", "NOWHERE");
        assertEquals(2, elsewhere.exit(), elsewhere.out());
        assertTrue(elsewhere.out().contains("không tìm thấy “NOWHERE”"), elsewhere.out());
    }
}
