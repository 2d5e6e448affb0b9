package vn.hatang.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.hatang.testing.Sheets;
import vn.hatang.testing.TestServer;

/**
 * Verifies that {@code report …} works while the server runs: it asks the server over HTTP (the server holds the
 * database), sends the API token, writes the file, and keeps stdout for the data alone.
 */
class ReportCommandTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        CoverageFixture.load(server.app().db());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Run(int exit, byte[] out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new ReportCommand(env, new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .execute(args);
        return new Run(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The server is found where the environment says it listens (HATANG_HTTP_HOST/PORT), as the server itself reads
     * it; the API token of the test administrator goes in HATANG_API_TOKEN.
     */
    private static Map<String, String> serverEnv() {
        return Map.of("HATANG_HTTP_HOST", "127.0.0.1", "HATANG_HTTP_PORT", String.valueOf(server.port()),
                "HATANG_API_TOKEN", vn.hatang.testing.TestDatabase.ADMIN_TOKEN);
    }

    @Test
    void testWithoutATokenTheServerRefusesAndTheCommandSaysWhy() {
        Run r = run(Map.of("HATANG_HTTP_PORT", String.valueOf(server.port())), "coverage");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("HTTP 401") && r.err().contains("HATANG_API_TOKEN"), r.err());
        assertEquals(0, r.out().length);
    }

    @Test
    void testCsvOnStdoutIsTheDataAlone() {
        Run r = run(serverEnv(), "coverage", "--unit", "P");
        assertEquals(0, r.exit(), r.err());
        String csv = new String(r.out(), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFFSTT,Mã đơn vị,Tên đơn vị"), "the BOM and the header come first: " + csv.substring(0, 80));
        assertTrue(csv.lines().noneMatch(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d.*(INFO|WARN).*")), "no log line in the data");
        assertTrue(csv.contains("STAFF_MODERN"), csv);
    }

    @Test
    void testXlsxToAFileAndGapsThroughTheServer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shortfall.xlsx");
        Run r = run(serverEnv(), "shortfall", "--unit", "P", "--out", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(0, r.out().length, "nothing on stdout when writing a file");
        assertTrue(r.err().contains("shortfall.xlsx"), r.err());
        byte[] xlsx = Files.readAllBytes(file);
        byte[] api = server.get("/api/v1/reports/shortfall?format=xlsx&unit=P").body().getBytes();
        assertEquals(Sheets.table(api, 0, "STT").stream().map(Sheets::texts).toList(),
                Sheets.table(xlsx, 0, "STT").stream().map(Sheets::texts).toList(), "the same document the API serves");
        assertEquals("Nhu cầu mua sắm", Sheets.names(xlsx).get(0));
        Run gaps = run(serverEnv(), "gaps", "--kpi", "STAFF_MODERN", "--unit", "P", "--lang", "en");
        assertEquals(0, gaps.exit(), gaps.err());
        assertTrue(new String(gaps.out(), StandardCharsets.UTF_8).startsWith("\uFEFFNo.,Unit code,Unit name,Subject"));
        Run bad = run(serverEnv(), "gaps", "--kpi", "NOPE");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().startsWith("HTTP 404"), bad.err());
    }

    /** Verifies that the token goes as a bearer token, and that a refusal is one clear line on stderr. */
    @Test
    void testTokenIsSentAndRefusalIsExplained(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        AtomicReference<String> auth = new AtomicReference<>();
        HttpServer fake = vertx.createHttpServer().requestHandler(req -> {
            auth.set(req.getHeader("Authorization"));
            req.response().setStatusCode(401).putHeader("Content-Type", "application/problem+json")
                    .end("{\"title\":\"Unauthorized\",\"detail\":\"Mã truy cập không hợp lệ.\"}");
        }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        try {
            Path token = Files.writeString(dir.resolve("token"), "htk_test_123\n");
            Run r = run(Map.of(), "coverage", "--server", "http://127.0.0.1:" + fake.actualPort(), "--token-file", token.toString());
            assertEquals(1, r.exit());
            assertEquals("Bearer htk_test_123", auth.get());
            assertTrue(r.err().contains("HTTP 401") && r.err().contains("Mã truy cập không hợp lệ."), r.err());
            assertEquals(0, r.out().length);
            Run env = run(Map.of("HATANG_API_TOKEN", "htk_env"), "coverage", "--server", "http://127.0.0.1:" + fake.actualPort());
            assertEquals(1, env.exit());
            assertEquals("Bearer htk_env", auth.get());
        } finally {
            fake.close();
            vertx.close();
        }
        Run refused = run(Map.of(), "coverage", "--server", "http://127.0.0.1:1");
        assertEquals(1, refused.exit(), refused.err());
        assertTrue(refused.err().contains("http://127.0.0.1:1"), refused.err());
    }
}
