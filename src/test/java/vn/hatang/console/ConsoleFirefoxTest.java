package vn.hatang.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * The console in Firefox as well as Chromium: Debian's firefox-esr driven over WebDriver BiDi by puppeteer-core
 * (geckodriver is neither packaged by Debian nor on Maven Central). The script {@code console/firefox.cjs} logs in,
 * checks the dashboard, navigates with the keyboard alone and saves screenshots beside the Chromium ones.
 */
class ConsoleFirefoxTest {
    /** Where .ci/run installs puppeteer-core from the npm registry (as it does axe-core). */
    static final Path PUPPETEER = Path.of(System.getProperty("hatang.puppeteer", ".cache/firefox/node_modules"));
    static final Path FIREFOX = Path.of("/usr/bin/firefox-esr");
    static final String LOGIN = "truongphong";
    static final String PASSWORD = "Mat-khau-that-dai-2026";
    static TestServer server;

    @BeforeAll
    static void start() {
        TestDatabase.reset();
        server = TestServer.start(Path.of("inventory"));
        assertEquals(201, server.post("/api/v1/users", new JsonObject().put("login", LOGIN)
                .put("full_name", "Trưởng phòng Chuyển đổi số").put("password", PASSWORD)
                .put("grants", new JsonArray().add(new JsonObject().put("role", "admin")))).statusCode());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theConsoleWorksInFirefoxWithTheKeyboard() throws Exception {
        if (!Files.isDirectory(PUPPETEER.resolve("puppeteer-core")) || !Files.isExecutable(FIREFOX)) {
            fail("Firefox or puppeteer-core is missing: run .ci/run (apt-get install firefox-esr; npm install "
                    + "--prefix .cache/firefox puppeteer-core)");
        }
        Path script = Files.createTempFile("hatang-firefox", ".cjs");
        Files.copy(getClass().getResourceAsStream("/console/firefox.cjs"), script,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(Browser.SCREENSHOTS);
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), "http://127.0.0.1:" + server.port(), LOGIN,
                PASSWORD, Browser.SCREENSHOTS.toAbsolutePath().toString()).redirectErrorStream(true);
        pb.environment().put("NODE_PATH", PUPPETEER.toAbsolutePath().toString());
        pb.environment().put("FIREFOX", FIREFOX.toString());
        Process node = pb.start();
        try {
            var output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (var in = node.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            boolean ended = node.waitFor(5, TimeUnit.MINUTES);
            if (!ended) {
                node.descendants().forEach(ProcessHandle::destroy);
                node.destroy();
            }
            String out = output.get(30, TimeUnit.SECONDS);
            assertTrue(ended, "node did not finish in 5 minutes:\n" + out);
            assertEquals(0, node.exitValue(), out);
            List<String> lines = out.lines().toList();
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("done firefox/")), out);
            assertTrue(lines.stream().filter(l -> l.startsWith("ok ")).count() >= 8, out);
            assertTrue(Files.size(Browser.SCREENSHOTS.resolve("firefox-01-dashboard.png")) > 0);
        } finally {
            node.descendants().forEach(ProcessHandle::destroy);
            node.destroy();
            Files.deleteIfExists(script);
        }
    }
}
