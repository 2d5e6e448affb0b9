package vn.hatang.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.hatang.platform.http.HttpVerticle;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * Probes of the HTTP layer over a raw socket, below what any HTTP client would send: a broken request line, headers
 * too large, bad chunked encoding, conflicting lengths, a multipart body that never ends. Verifies that each is
 * answered with a problem+json whose status fits, that the server then closes the connection, and that an upload
 * cut off or timed out leaves no file behind.
 */
class HttpProbeTest {
    private static final String AUTH = "Authorization: Bearer " + TestDatabase.ADMIN_TOKEN + "\r\n";
    private static TestServer server;
    private static Path uploadDir;

    @BeforeAll
    static void start() {
        TestDatabase.reset();
        server = TestServer.start(Path.of("target/no-inventory"), Map.of("HATANG_HTTP_BODY_TIMEOUT_SECONDS", "2"));
        uploadDir = server.app().module(vn.hatang.ops.OpsModule.class).uploads();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> malformed() {
        String json = "Content-Type: application/json\r\n";
        return Stream.of(
                Arguments.of("a request line without method, target and version", "GARBAGE\r\n\r\n", 400),
                Arguments.of("a request line of 10,000 characters", "GET /api/v1/units?q=" + "a".repeat(10_000)
                        + " HTTP/1.1\r\nHost: x\r\n\r\n", 414),
                Arguments.of("20,000 bytes of headers", "GET /api/v1/units HTTP/1.1\r\nHost: x\r\nX-Big: "
                        + "b".repeat(20_000) + "\r\n\r\n", 431),
                Arguments.of("a header line without a colon", "GET /api/v1/units HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n",
                        400),
                Arguments.of("a chunk size that is not hexadecimal", "POST /api/v1/units HTTP/1.1\r\nHost: x\r\n" + AUTH
                        + json + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n", 400),
                Arguments.of("a chunk longer than announced", "POST /api/v1/units HTTP/1.1\r\nHost: x\r\n" + AUTH + json
                        + "Transfer-Encoding: chunked\r\n\r\n2\r\n{\"code\":1}\r\n0\r\n\r\n", 400),
                Arguments.of("both Content-Length and chunked (smuggling)", "POST /api/v1/units HTTP/1.1\r\nHost: x\r\n"
                        + AUTH + json + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 400),
                Arguments.of("a negative Content-Length", "POST /api/v1/units HTTP/1.1\r\nHost: x\r\n" + AUTH + json
                        + "Content-Length: -5\r\n\r\n{}", 400),
                Arguments.of("two different Content-Lengths", "POST /api/v1/units HTTP/1.1\r\nHost: x\r\n" + AUTH + json
                        + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400),
                Arguments.of("a body beyond the size limit", "POST /api/v1/units HTTP/1.1\r\nHost: x\r\n" + AUTH + json
                        + "Content-Length: " + (HttpVerticle.MAX_BODY_BYTES + 1) + "\r\n\r\n{", 413),
                Arguments.of("a multipart type without boundary", "POST /api/v1/imports HTTP/1.1\r\nHost: x\r\n" + AUTH
                        + "Content-Type: multipart/form-data\r\nContent-Length: 4\r\n\r\n--\r\n", 400));
    }

    /** Verifies that each malformed request gets a problem+json with the expected status, then the connection closes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void testMalformedRequestIsAProblemAndTheConnectionCloses(String what, String request, int status) throws IOException {
        Answer a = exchange(request);
        assertEquals(status, a.status, what + ": " + a);
        assertTrue(a.headers.getOrDefault("content-type", "").startsWith("application/problem+json"), what + ": " + a);
        assertEquals(status, new JsonObject(a.body).getInteger("status"), a.toString());
        assertTrue(a.closed, what + ": the connection stayed open");
    }

    /**
     * Verifies that a multipart upload whose closing boundary never comes is answered 408 (problem+json) once the body
     * time is up, that the connection is closed, and that the part already written to disk is deleted.
     */
    @Test
    void testMultipartWithoutItsEndTimesOutAndLeavesNoFile() throws Exception {
        long before = uploads();
        try (ProblemLog log = new ProblemLog()) {
            Answer a = exchange(unfinishedUpload());
            assertEquals(408, a.status, a.toString());
            assertTrue(a.headers.getOrDefault("content-type", "").startsWith("application/problem+json"), a.toString());
            assertTrue(a.closed);
            awaitUploads(before);
            log.assertNoError();
        }
    }

    /**
     * Verifies that a multipart body whose bytes all arrived but whose closing boundary is missing is refused as a
     * 400 naming the body, well before the body time-out, and that its part on disk is deleted.
     */
    @Test
    void testMultipartEndingWithoutItsClosingBoundaryIsABadRequest() throws Exception {
        long before = uploads();
        String body = "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"units.yaml\"\r\n\r\nunits: []\r\n";
        try (ProblemLog log = new ProblemLog()) {
            Answer a = exchange("POST /api/v1/imports?dry_run=true HTTP/1.1\r\nHost: x\r\n" + AUTH
                    + "Content-Type: multipart/form-data; boundary=XYZ\r\nConnection: close\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body);
            assertEquals(400, a.status, a.toString());
            assertEquals("body", new JsonObject(a.body).getString("field"), a.toString());
            awaitUploads(before);
            log.assertNoError();
        }
    }

    /** Verifies that a client that goes away in the middle of a multipart upload leaves no file behind. */
    @Test
    void testUploadCutOffByTheClientLeavesNoFile() throws Exception {
        long before = uploads();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(unfinishedUpload().getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
        }
        awaitUploads(before);
    }

    /**
     * Verifies that a request of a method without a body (GET, HEAD, OPTIONS) that carries one anyway is answered, and
     * that the connection then takes the client's next request (or closes, so the client opens another) instead of
     * hanging: the unread body must not stall the connection.
     */
    @ParameterizedTest(name = "GET {0} with a body of {1} bytes")
    @org.junit.jupiter.params.provider.CsvSource({"/api/v1/units, 10", "/api/v1/units, 100000", "/api/v1/units, 3000000",
        "/health/live, 3000000", "/units, 3000000"})
    void testABodyOnAGetDoesNotStallTheConnection(String path, int size) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + AUTH + "Content-Type: application/json\r\n"
                    + "Content-Length: " + size + "\r\n\r\n" + "x".repeat(size)).getBytes(StandardCharsets.UTF_8));
            out.flush();
            Answer first = readOne(in);
            assertTrue(first.status >= 200 && first.status < 500, path + ": " + first);
            if (first.closed) {
                return;
            }
            try {
                out.write(("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException closedMeanwhile) {
                return;
            }
            Answer second = readOne(in);
            assertTrue(second.closed && second.status == -1 || second.status == 200, path + ", the next request: " + second);
        }
    }

    /** Reads one response (its headers and a body of Content-Length or chunked); {@code closed} when the stream ended first. */
    private static Answer readOne(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int bodyAt = -1; // where the body starts, once the headers are in
        long length = -1; // the body's Content-Length, or -1 (chunked, or until the connection closes)
        boolean chunked = false;
        try {
            for (int b; (b = in.read()) >= 0; ) {
                got.write(b);
                if (bodyAt < 0 && b == '\n' && got.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    bodyAt = got.size();
                    String head = got.toString(StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("content-length: *(\\d+)").matcher(head);
                    length = m.find() ? Long.parseLong(m.group(1)) : -1;
                    chunked = head.contains("transfer-encoding: chunked");
                }
                boolean done = bodyAt >= 0 && (length >= 0 ? got.size() - bodyAt >= length
                        : !chunked || b == '\n' && got.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n"));
                if (done) {
                    return parse(new String(got.toByteArray(), StandardCharsets.UTF_8), false);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no complete answer within 10 s; got: " + got.toString(StandardCharsets.UTF_8));
        } catch (IOException reset) {
            // closed by the server
        }
        return got.size() == 0 ? new Answer(-1, Map.of(), "", true) : parse(got.toString(StandardCharsets.UTF_8), true);
    }

    private static String unfinishedUpload() {
        String part = "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"units.yaml\"\r\n"
                + "Content-Type: application/x-yaml\r\n\r\n" + "units:\n".repeat(2000);
        return "POST /api/v1/imports HTTP/1.1\r\nHost: x\r\n" + AUTH + "Content-Type: multipart/form-data; boundary=XYZ\r\n"
                + "Content-Length: " + (part.length() + 100_000) + "\r\n\r\n" + part;
    }

    private static long uploads() throws IOException {
        assertTrue(Files.isDirectory(uploadDir), uploadDir.toString());
        try (Stream<Path> files = Files.list(uploadDir)) {
            return files.count();
        }
    }

    /**
     * Waits (up to 10 s) until the upload directory holds no more files than before: woken by the directory's own
     * deletion events, not by a clock.
     */
    private static void awaitUploads(long before) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        try (java.nio.file.WatchService watcher = uploadDir.getFileSystem().newWatchService()) {
            uploadDir.register(watcher, java.nio.file.StandardWatchEventKinds.ENTRY_DELETE);
            // Counted after registering: a deletion in between is seen either way.
            while (uploads() > before) {
                java.nio.file.WatchKey key = watcher.poll(deadline - System.nanoTime(),
                        java.util.concurrent.TimeUnit.NANOSECONDS);
                if (key == null) {
                    throw new AssertionError("an upload file was left behind in " + uploadDir);
                }
                key.pollEvents();
                key.reset();
            }
        }
    }

    /**
     * What the problem handler logs from now on. Refusing an upload cancels it, and the cancelled upload then fails
     * the request once more, after the answer: that is logged, and must not be logged as an error.
     */
    private static final class ProblemLog implements AutoCloseable {
        private final ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(vn.hatang.platform.http.ProblemHandler.class);
        private final java.util.concurrent.BlockingQueue<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new java.util.concurrent.LinkedBlockingQueue<>();
        private final ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.AppenderBase<>() {
                    @Override
                    protected void append(ch.qos.logback.classic.spi.ILoggingEvent e) {
                        events.add(e);
                    }
                };

        ProblemLog() {
            appender.start();
            log.addAppender(appender);
        }

        /** Waits (up to 10 s) for the first line logged, which must be there and must not be an error. */
        void assertNoError() throws InterruptedException {
            var e = events.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(e != null, "the cancelled upload's failure is logged");
            assertTrue(e.getLevel() != ch.qos.logback.classic.Level.ERROR, e.getFormattedMessage());
        }

        @Override
        public void close() {
            log.detachAppender(appender);
        }
    }

    record Answer(int status, Map<String, String> headers, String body, boolean closed) {
    }

    /** Writes the request and reads until the server closes (or 10 s pass: then {@code closed} is false). */
    private static Answer exchange(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // The server may refuse and close before it has read everything: read what it answered.
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            boolean closed = false;
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                }
                closed = true;
            } catch (SocketTimeoutException e) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
            return parse(got.toString(StandardCharsets.UTF_8), closed);
        }
    }

    private static Answer parse(String raw, boolean closed) {
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Answer(-1, Map.of(), raw, closed);
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body = raw.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            StringBuilder b = new StringBuilder();
            int i = 0;
            while (i < body.length()) {
                int eol = body.indexOf("\r\n", i);
                int size = Integer.parseInt(body.substring(i, eol).trim(), 16);
                if (size == 0) {
                    break;
                }
                b.append(body, eol + 2, eol + 2 + size);
                i = eol + 2 + size + 2;
            }
            body = b.toString();
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body, closed);
    }
}
