package vn.hatang.pki;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import vn.hatang.pki.validation.Purpose;
import vn.hatang.pki.validation.RevocationPolicy;
import vn.hatang.pki.validation.ValidatorOptions;

/**
 * PKI settings of the service, read once from the configuration's environment, defaults here:
 * <ul>
 *   <li>{@code HATANG_PKI_DIR} — trust/, intermediates/, crls/ (default {@code <inventory>/pki});</li>
 *   <li>{@code HATANG_PKI_REVOCATION} — {@code hard_fail} (default) or {@code soft_fail};</li>
 *   <li>{@code HATANG_PKI_FETCH} — download CRLs and ask OCSP responders ({@code true} default);</li>
 *   <li>{@code HATANG_PKI_EKU} — extended key usage OIDs the certificates must carry, comma-separated
 *       (default unset: fit for signing documents);</li>
 *   <li>{@code HATANG_PKI_MAX_DEPTH} — intermediate CA certificates allowed in a path (default 10);</li>
 *   <li>{@code HATANG_PKI_REVALIDATE_MINUTES} — re-validation period (default 360).</li>
 * </ul>
 */
public record PkiOptions(Path dir, RevocationPolicy revocation, boolean fetch, Purpose purpose, int maxDepth,
                         Duration revalidateEvery) {

    public static PkiOptions fromEnv(Map<String, String> env, Path inventoryDir) {
        String dir = env.get("HATANG_PKI_DIR");
        String policy = env.getOrDefault("HATANG_PKI_REVOCATION", "hard_fail").trim();
        RevocationPolicy revocation = switch (policy.toLowerCase(Locale.ROOT)) {
            case "hard_fail" -> RevocationPolicy.HARD_FAIL;
            case "soft_fail" -> RevocationPolicy.SOFT_FAIL;
            default -> throw new IllegalArgumentException(
                "HATANG_PKI_REVOCATION phải là hard_fail hoặc soft_fail / must be hard_fail or soft_fail: " + policy);
        };
        boolean fetch = !"false".equalsIgnoreCase(env.getOrDefault("HATANG_PKI_FETCH", "true").trim());
        String eku = env.get("HATANG_PKI_EKU");
        Purpose purpose;
        try {
            purpose = eku == null || eku.isBlank() ? Purpose.SIGNING : Purpose.eku(Arrays.asList(eku.split(",")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "HATANG_PKI_EKU phải là các OID cách nhau bởi dấu phẩy / must be comma-separated OIDs: " + eku);
        }
        int maxDepth = nonNegative(env, "HATANG_PKI_MAX_DEPTH", ValidatorOptions.DEFAULT_MAX_DEPTH);
        int minutes = nonNegative(env, "HATANG_PKI_REVALIDATE_MINUTES", 360);
        if (minutes == 0) {
            throw new IllegalArgumentException("HATANG_PKI_REVALIDATE_MINUTES phải lớn hơn 0 / must be positive");
        }
        return new PkiOptions(dir != null && !dir.isBlank() ? Path.of(dir) : inventoryDir.resolve("pki"), revocation,
            fetch, purpose, maxDepth, Duration.ofMinutes(minutes));
    }

    /** The validator's options these settings give. */
    public ValidatorOptions validatorOptions() {
        return ValidatorOptions.defaults().withPolicy(revocation).withNetwork(fetch, fetch).withPurpose(purpose)
            .withMaxDepth(maxDepth);
    }

    private static int nonNegative(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return fallback;
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " phải là số nguyên không âm / must be a non-negative integer: " + v);
    }
}
