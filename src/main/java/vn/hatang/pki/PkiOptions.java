package vn.hatang.pki;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import vn.hatang.platform.config.Env;
import vn.hatang.pki.validation.Purpose;
import vn.hatang.pki.validation.RevocationPolicy;
import vn.hatang.pki.validation.ValidatorOptions;

/**
 * PKI settings of the service, read once from the configuration's environment ({@link Env}), defaults here:
 * <ul>
 *   <li>{@code HATANG_PKI_DIR} — trust/, intermediates/, crls/ (default {@code <inventory>/pki});</li>
 *   <li>{@code HATANG_PKI_REVOCATION} — {@code hard_fail} (default) or {@code soft_fail};</li>
 *   <li>{@code HATANG_PKI_FETCH} — download CRLs and ask OCSP responders (default on);</li>
 *   <li>{@code HATANG_PKI_EKU} — extended key usage OIDs the certificates must carry, comma-separated
 *       (default unset: fit for signing documents);</li>
 *   <li>{@code HATANG_PKI_MAX_DEPTH} — intermediate CA certificates allowed in a path (default 10);</li>
 *   <li>{@code HATANG_PKI_REVALIDATE_MINUTES} — re-validation period (default 360).</li>
 * </ul>
 */
public record PkiOptions(Path dir, RevocationPolicy revocation, boolean fetch, Purpose purpose, int maxDepth,
                         Duration revalidateEvery) {

    public static PkiOptions from(Env env, Path inventoryDir) {
        RevocationPolicy revocation = "soft_fail".equals(
            env.oneOf("HATANG_PKI_REVOCATION", "hard_fail", Set.of("hard_fail", "soft_fail")))
            ? RevocationPolicy.SOFT_FAIL : RevocationPolicy.HARD_FAIL;
        String eku = env.text("HATANG_PKI_EKU");
        Purpose purpose;
        try {
            purpose = eku == null ? Purpose.SIGNING : Purpose.eku(Arrays.asList(eku.split(",")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HATANG_PKI_EKU phải là các OID cách nhau bởi dấu phẩy / must be "
                + "comma-separated OIDs: '" + eku + "'");
        }
        return new PkiOptions(env.path("HATANG_PKI_DIR", inventoryDir.resolve("pki")), revocation,
            env.flag("HATANG_PKI_FETCH", true), purpose,
            env.integer("HATANG_PKI_MAX_DEPTH", ValidatorOptions.DEFAULT_MAX_DEPTH, 0, 64),
            env.minutes("HATANG_PKI_REVALIDATE_MINUTES", Duration.ofHours(6), 1, 7 * 24 * 60));
    }

    /** The validator's options these settings give. */
    public ValidatorOptions validatorOptions() {
        return ValidatorOptions.defaults().withPolicy(revocation).withNetwork(fetch, fetch).withPurpose(purpose)
            .withMaxDepth(maxDepth);
    }
}
