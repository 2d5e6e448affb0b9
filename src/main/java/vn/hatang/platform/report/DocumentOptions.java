package vn.hatang.platform.report;

import java.net.URI;
import java.util.Map;

/**
 * Settings of the documents hatang issues (reports, handover minutes, asset labels), read from the environment:
 * <ul>
 *   <li>{@code HATANG_PUBLIC_URL} — the console's address as officials reach it, printed in the labels' QR codes
 *       (default {@code http://<HATANG_HTTP_HOST>:<HATANG_HTTP_PORT>});</li>
 *   <li>{@code HATANG_DOC_ISSUER} — code of the issuing unit named in the title block (default {@code VPTU}, the
 *       provincial committee's office, or the root unit when there is none);</li>
 *   <li>{@code HATANG_DOC_PLACE} — the place in "…, ngày … tháng … năm …" (default: the root unit's name without
 *       "Tỉnh ủy").</li>
 * </ul>
 */
public record DocumentOptions(String publicUrl, String issuerCode, String place) {
    public static final String DEFAULT_ISSUER = "VPTU";

    public static DocumentOptions fromEnv(Map<String, String> env, String httpHost, int httpPort) {
        String url = blankToNull(env.get("HATANG_PUBLIC_URL"));
        if (url == null) {
            String host = "0.0.0.0".equals(httpHost) || "::".equals(httpHost) ? "127.0.0.1" : httpHost;
            url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort;
        }
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
                throw new IllegalArgumentException(url);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HATANG_PUBLIC_URL phải là địa chỉ http(s) / must be an http(s) URL: " + url);
        }
        return new DocumentOptions(url.replaceAll("/+$", ""), env.getOrDefault("HATANG_DOC_ISSUER", DEFAULT_ISSUER).trim(),
                blankToNull(env.get("HATANG_DOC_PLACE")));
    }

    /** From the service's configuration: its variables and the address HTTP really listens on. */
    public static DocumentOptions from(vn.hatang.platform.config.HatangConfig config) {
        return fromEnv(config.env(), config.http().host(), config.http().port());
    }

    public static DocumentOptions fromEnv(Map<String, String> env) {
        return fromEnv(env, env.getOrDefault("HATANG_HTTP_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("HATANG_HTTP_PORT", "8080").trim()));
    }

    /** The console page of a device, as its label's QR code opens it. */
    public String devicePage(long deviceId) {
        return publicUrl + "/devices/" + deviceId;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
