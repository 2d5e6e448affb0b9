package vn.hatang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.platform.http.Operation;
import vn.hatang.testing.TestServer;

/**
 * Verifies that the published OpenAPI description is a valid OpenAPI 3 document (checked by swagger-parser, as a
 * client generator would read it) and that it carries, for every operation the server routes, an operationId, a
 * summary, the permission and the security requirement.
 */
class OpenApiTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theServedDescriptionValidatesWithoutErrors() {
        var r = server.send(io.vertx.core.http.HttpMethod.GET, "/api/v1/openapi.yaml", null,
                java.util.Map.of("Authorization", TestServer.ANONYMOUS));
        assertEquals(200, r.statusCode());
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(r.bodyAsString(), null, options);
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), () -> String.join("\n",
                parsed.getMessages()));
        assertNotNull(parsed.getOpenAPI());
        assertNotNull(parsed.getOpenAPI().getComponents().getSecuritySchemes().get("bearer"));
        assertEquals(server.app().operations().size(), parsed.getOpenAPI().getPaths().values().stream()
                .mapToLong(p -> p.readOperations().size()).sum());
    }

    /**
     * Verifies that every operation says what it takes and what it answers: a JSON answer has a schema, and a write
     * declares its body (JSON schema or file types) unless it is an action without input. The schemas are enforced
     * (requests) and checked against real answers by the fuzz suite, so a declaration cannot stay wrong.
     */
    @Test
    void everyOperationDeclaresItsAnswerSchema() {
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (Operation op : server.app().operations()) {
            boolean json = op.answerKind() != Operation.Answer.FILE && op.answerKind() != Operation.Answer.NO_CONTENT
                    && op.answerKind() != Operation.Answer.REDIRECT && op.answerKind() != Operation.Answer.PAGE_REDIRECT;
            if (json && op.answer() == null) {
                missing.add(op.operationId());
            }
        }
        assertEquals(java.util.List.of(), missing, "operations without an answer schema");
    }

    /**
     * Verifies that Swagger UI is served at /api/v1/docs from the WebJar, reading this server's description, under a
     * Content-Security-Policy that allows only this server (no inline script), and that a real browser (headless
     * Chromium) renders the operations with it.
     */
    @Test
    void swaggerUiIsServedUnderAStrictPolicyAndRenders() throws Exception {
        var anonymous = java.util.Map.of("Authorization", TestServer.ANONYMOUS);
        var page = server.send(io.vertx.core.http.HttpMethod.GET, "/api/v1/docs/", null, anonymous);
        assertEquals(200, page.statusCode());
        String csp = page.getHeader("Content-Security-Policy");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("script-src 'self';") && !csp.contains("unsafe"), csp);
        assertFalse(page.bodyAsString().matches("(?s).*<script(?![^>]*src=)[^>]*>.*"), "inline script in the page");
        var bundle = server.send(io.vertx.core.http.HttpMethod.GET, "/api/v1/docs/swagger-ui-bundle.js", null, anonymous);
        assertEquals(200, bundle.statusCode());
        assertTrue(bundle.getHeader("Content-Type").contains("javascript"), bundle.getHeader("Content-Type"));
        assertEquals(302, server.anonymousClient().get("/api/v1/docs").followRedirects(false).send()
                .await(10, java.util.concurrent.TimeUnit.SECONDS).statusCode());

        java.nio.file.Path profile = vn.hatang.testing.TempDirs.create("hatang-chromium");
        Process chromium = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--virtual-time-budget=15000", "--dump-dom",
                "http://127.0.0.1:" + server.port() + "/api/v1/docs/").redirectErrorStream(false).start();
        String dom = new String(chromium.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(chromium.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(dom.contains("hatang API") && dom.contains("listDevices"), () -> dom.length() > 2000
                ? dom.substring(0, 2000) : dom);
    }

    @Test
    void everyOperationHasAnIdASummaryAndAPermission() {
        Set<String> ids = new HashSet<>();
        assertFalse(server.app().operations().isEmpty());
        for (Operation op : server.app().operations()) {
            assertTrue(ids.add(op.operationId()), "duplicate " + op.operationId());
            assertNotNull(op.summary(), op + " has no summary");
            assertNotNull(op.permission(), op + " has no permission");
            assertTrue(op.operationId().matches("[a-z][A-Za-z]+"), op.operationId());
        }
    }
}
