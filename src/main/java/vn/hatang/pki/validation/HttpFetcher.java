package vn.hatang.pki.validation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Downloads CRLs and exchanges OCSP requests over HTTP with a time limit and a size limit. Only http and
 * https URLs are followed (LDAP distribution points are ignored).
 */
public final class HttpFetcher {
    private final Duration timeout;
    private HttpClient client;

    public HttpFetcher(Duration timeout) {
        this.timeout = timeout;
    }

    /** Built on the first download: validations that need no network never start its threads. */
    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)   // simple CA servers (openssl ocsp) do not speak h2c upgrades
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        }
        return client;
    }

    /** Thrown when a download fails; the message is safe to show to an operator. */
    public static final class FetchException extends IOException {
        public FetchException(String message) { super(message); }
    }

    public static boolean isHttp(String url) {
        return url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8);
    }

    public byte[] get(String url, long maxBytes) throws FetchException {
        return send(HttpRequest.newBuilder(uri(url)).timeout(timeout).GET().build(), url, maxBytes);
    }

    public byte[] post(String url, String contentType, byte[] body, long maxBytes) throws FetchException {
        HttpRequest req = HttpRequest.newBuilder(uri(url)).timeout(timeout)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return send(req, url, maxBytes);
    }

    private static URI uri(String url) throws FetchException {
        if (!isHttp(url)) throw new FetchException("unsupported URL scheme: " + url);
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new FetchException("bad URL: " + url);
        }
    }

    private byte[] send(HttpRequest req, String url, long maxBytes) throws FetchException {
        CompletableFuture<byte[]> f = client().sendAsync(req, HttpResponse.BodyHandlers.ofInputStream())
            .thenApply(resp -> {
                try (InputStream in = resp.body()) {
                    if (resp.statusCode() != 200) throw new FetchFailure("HTTP " + resp.statusCode() + " from " + url);
                    long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
                    if (declared > maxBytes) throw new FetchFailure("response from " + url + " too large: " + declared);
                    return readBounded(in, maxBytes, url);
                } catch (IOException e) {
                    throw new FetchFailure("reading " + url + " failed: " + e.getMessage());
                }
            });
        try {
            // One deadline for the whole exchange, body included (the request timeout covers headers only).
            return f.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new FetchException("timeout fetching " + url);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof java.net.http.HttpTimeoutException) throw new FetchException("timeout fetching " + url);
            throw new FetchException(c instanceof FetchFailure ff ? ff.getMessage()
                : "fetching " + url + " failed: " + describe(c));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted fetching " + url);
        }
    }

    /** What went wrong, in words for the verdict a person reads (not the name of a Java exception class). */
    private static String describe(Throwable c) {
        if (c instanceof java.net.ConnectException) return "connection refused";
        if (c instanceof java.net.UnknownHostException) return "unknown host";
        if (c instanceof javax.net.ssl.SSLException) return "TLS failure";
        return "network error";
    }

    private static byte[] readBounded(InputStream in, long maxBytes, String url) throws IOException {
        byte[] buf = new byte[8192];
        int len = 0;
        int n;
        while ((n = in.read(buf, len, buf.length - len)) >= 0) {
            len += n;
            if (len > maxBytes) throw new FetchFailure("response from " + url + " exceeds " + maxBytes + " bytes");
            if (len == buf.length) buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxBytes + 1));
        }
        return Arrays.copyOf(buf, len);
    }

    private static final class FetchFailure extends RuntimeException {
        FetchFailure(String message) { super(message, null, false, false); }
    }
}
