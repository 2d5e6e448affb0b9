package vn.hatang.pki.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import vn.hatang.pki.certs.Pem;

/**
 * A real OCSP responder: Debian's {@code openssl ocsp} serving one CA's index file on a free port. The index is
 * written before the process starts (openssl re-reads it one request late).
 */
public final class OpensslOcspResponder implements AutoCloseable {
    private static final DateTimeFormatter INDEX_TIME =
        DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** One line of the index: a certificate, revoked or not. */
    public record Entry(X509Certificate cert, Instant revokedAt, CRLReason reason) {
        public static Entry good(X509Certificate c) { return new Entry(c, null, null); }
    }

    private final Process process;
    private final int port;
    private final StringBuffer log = new StringBuffer();

    private OpensslOcspResponder(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code openssl ocsp} for {@code ca} in {@code dir}, answering with nextUpdate = now + 60 min. */
    public static OpensslOcspResponder start(Path dir, PkiFactory.Issued ca, List<Entry> entries) throws IOException {
        return start(dir, ca, entries, freePort());
    }

    /** As {@link #start(Path, PkiFactory.Issued, List)} on a given port (chosen before the certificates naming it). */
    public static OpensslOcspResponder start(Path dir, PkiFactory.Issued ca, List<Entry> entries, int port)
            throws IOException {
        Files.createDirectories(dir);
        Path caPem = dir.resolve("ocsp-ca.pem");
        Path caKey = dir.resolve("ocsp-ca.key");
        Path index = dir.resolve("index.txt");
        Files.writeString(caPem, Pem.of(ca.cert()));
        Files.writeString(caKey, Pem.of(ca.keys().getPrivate()));
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            String serial = e.cert().getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
            if (serial.length() % 2 == 1) serial = "0" + serial;
            String expiry = INDEX_TIME.format(e.cert().getNotAfter().toInstant());
            String revoked = e.revokedAt() == null ? "" : INDEX_TIME.format(e.revokedAt())
                + (e.reason() == null ? "" : "," + opensslReason(e.reason()));
            sb.append(e.revokedAt() == null ? 'V' : 'R').append('\t').append(expiry).append('\t').append(revoked)
                .append('\t').append(serial).append("\tunknown\t").append(slashName(e.cert())).append('\n');
        }
        Files.writeString(index, sb.toString(), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder("openssl", "ocsp", "-index", index.toString(), "-port",
            String.valueOf(port), "-rsigner", caPem.toString(), "-rkey", caKey.toString(), "-CA", caPem.toString(),
            "-nmin", "60", "-ignore_err")
            .redirectErrorStream(true);
        Process p = pb.start();
        OpensslOcspResponder r = new OpensslOcspResponder(p, port);
        r.awaitListening();
        return r;
    }

    public int port() { return port; }

    public String url() { return "http://127.0.0.1:" + port + "/"; }

    /**
     * Waits for openssl's "waiting for OCSP client connections" line. (Probing the port instead would hang
     * openssl 3.0: a connection closed without a request blocks its single-threaded loop.)
     */
    private void awaitListening() throws IOException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.append(line).append('\n');
                    if (line.contains("waiting for OCSP client connections")) ready.complete(null);
                }
            } catch (IOException ignored) {
                // process ended
            }
            ready.completeExceptionally(new IOException("openssl ocsp ended: " + log));
        }, "openssl-ocsp-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IOException("openssl ocsp did not start on port " + port + ": " + log, e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String slashName(X509Certificate c) {
        return "/" + String.join("/", reverse(c.getSubjectX500Principal().getName().split(",(?=[A-Za-z.0-9]+=)")));
    }

    private static List<String> reverse(String[] parts) {
        List<String> l = new java.util.ArrayList<>(List.of(parts));
        java.util.Collections.reverse(l);
        return l;
    }

    private static String opensslReason(CRLReason r) {
        return switch (r) {
            case KEY_COMPROMISE -> "keyCompromise";
            case CA_COMPROMISE -> "CACompromise";
            case AFFILIATION_CHANGED -> "affiliationChanged";
            case SUPERSEDED -> "superseded";
            case CESSATION_OF_OPERATION -> "cessationOfOperation";
            case CERTIFICATE_HOLD -> "certificateHold";
            case REMOVE_FROM_CRL -> "removeFromCRL";
            default -> "unspecified";
        };
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
