package vn.hatang.platform.report;

import java.util.Map;

/**
 * Settings of the documents hatang issues (reports, handover minutes, asset labels), read from the environment:
 * <ul>
 *   <li>the console's address as officials reach it ({@code HttpOptions.baseUrl}), printed in the labels' QR codes;</li>
 *   <li>{@code HATANG_DOC_ISSUER} — code of the issuing unit named in the title block (default {@code VPTU}, the
 *       provincial committee's office, or the root unit when there is none);</li>
 *   <li>{@code HATANG_DOC_PLACE} — the place in "…, ngày … tháng … năm …" (default: the root unit's name without
 *       "Tỉnh ủy").</li>
 * </ul>
 */
public record DocumentOptions(String publicUrl, String issuerCode, String place) {
    public static final String DEFAULT_ISSUER = "VPTU";

    /** From the service's configuration: its variables and the address HTTP really listens on. */
    public static DocumentOptions from(vn.hatang.platform.config.HatangConfig config) {
        Map<String, String> env = config.env();
        return new DocumentOptions(config.http().baseUrl(), env.getOrDefault("HATANG_DOC_ISSUER", DEFAULT_ISSUER).trim(),
                blankToNull(env.get("HATANG_DOC_PLACE")));
    }

    /** For commands without a running service: the variables alone. */
    public static DocumentOptions fromEnv(Map<String, String> env) {
        return from(vn.hatang.platform.config.HatangConfig.fromEnv(env));
    }

    /** The console page of a device, as its label's QR code opens it. */
    public String devicePage(long deviceId) {
        return publicUrl + "/devices/" + deviceId;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
