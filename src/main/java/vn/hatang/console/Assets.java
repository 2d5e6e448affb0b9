package vn.hatang.console;

import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import io.vertx.core.buffer.Buffer;

/**
 * The console's static files (ours and the WebJars'), read once from the class path and served under a name that
 * carries a hash of their content ({@code /assets/3f2a9c1e/htmx.min.js}), so browsers may keep them for a year: a new
 * build with a changed file changes the name. Nothing is fetched at run time.
 */
public final class Assets {
    public static final String PREFIX = "/assets/";

    private record Asset(String url, String contentType, Buffer bytes) {
    }

    private final Map<String, Asset> byName = new LinkedHashMap<>();
    private final Map<String, Asset> byUrl = new LinkedHashMap<>();

    public Assets() {
        add("pico.min.css", "META-INF/resources/webjars/picocss__pico/1.5.10/css/pico.min.css");
        add("htmx.min.js", "META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js");
        add("uPlot.iife.min.js", "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
        add("uPlot.min.css", "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css");
        add("console.css", "console/console.css");
        add("console.js", "console/console.js");
    }

    private void add(String name, String resource) {
        byte[] bytes;
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing console asset " + resource);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String type = name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
        Asset a = new Asset(PREFIX + hash + "/" + name, type, Buffer.buffer(bytes));
        byName.put(name, a);
        byUrl.put(a.url(), a);
    }

    /** The versioned URL of an asset, for templates. */
    public String url(String name) {
        Asset a = byName.get(name);
        if (a == null) {
            throw new IllegalArgumentException("unknown asset " + name);
        }
        return a.url();
    }

    /** Serves {@code /assets/<hash>/<name>}; an unknown or outdated name is a 404. */
    public void serve(RoutingContext ctx) {
        Asset a = byUrl.get(ctx.request().path());
        if (a == null) {
            ctx.response().setStatusCode(404).putHeader("Cache-Control", "no-store").end();
            return;
        }
        ctx.response().putHeader("Content-Type", a.contentType())
                .putHeader("Cache-Control", "public, max-age=31536000, immutable")
                .putHeader("X-Content-Type-Options", "nosniff");
        vn.hatang.platform.http.Http.end(ctx, a.bytes());
    }
}
