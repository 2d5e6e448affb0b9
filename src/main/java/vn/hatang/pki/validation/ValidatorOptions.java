package vn.hatang.pki.validation;

import java.time.Duration;
import java.util.Set;

/**
 * Typed options of the certificate validator, defaults in one place.
 *
 * @param policy               what an undeterminable revocation status means
 * @param checkRevocation      check CRL/OCSP at all (off only for diagnostics)
 * @param fetchCrls            download CRLs from the certificates' distribution points
 * @param useOcsp              ask OCSP responders named in the certificates' AIA
 * @param httpTimeout          connect and total time limit of one CRL or OCSP request
 * @param maxCrlBytes          size limit of a downloaded CRL
 * @param maxOcspBytes         size limit of an OCSP response
 * @param failureBackoff       how long a failed download is not retried (a dead CDP must not stall every check)
 * @param defaultOcspLifetime  cache lifetime of an OCSP response without nextUpdate
 * @param initialPolicies      RFC 5280 user-initial-policy-set; empty means any-policy
 * @param explicitPolicyRequired RFC 5280 initial-explicit-policy
 * @param policyMappingInhibited RFC 5280 initial-policy-mapping-inhibit
 * @param anyPolicyInhibited   RFC 5280 initial-any-policy-inhibit
 * @param requireSigningKeyUsage  the target must allow digitalSignature or nonRepudiation
 */
public record ValidatorOptions(
        RevocationPolicy policy,
        boolean checkRevocation,
        boolean fetchCrls,
        boolean useOcsp,
        Duration httpTimeout,
        long maxCrlBytes,
        long maxOcspBytes,
        Duration failureBackoff,
        Duration defaultOcspLifetime,
        Set<String> initialPolicies,
        boolean explicitPolicyRequired,
        boolean policyMappingInhibited,
        boolean anyPolicyInhibited,
        boolean requireSigningKeyUsage) {

    public static ValidatorOptions defaults() {
        return new ValidatorOptions(RevocationPolicy.HARD_FAIL, true, true, true, Duration.ofSeconds(5),
            20L * 1024 * 1024, 64 * 1024, Duration.ofMinutes(1), Duration.ofMinutes(5),
            Set.of(), false, false, false, true);
    }

    public ValidatorOptions withPolicy(RevocationPolicy p) {
        return new ValidatorOptions(p, checkRevocation, fetchCrls, useOcsp, httpTimeout, maxCrlBytes, maxOcspBytes,
            failureBackoff, defaultOcspLifetime, initialPolicies, explicitPolicyRequired, policyMappingInhibited,
            anyPolicyInhibited, requireSigningKeyUsage);
    }

    public ValidatorOptions withNetwork(boolean fetch, boolean ocsp) {
        return new ValidatorOptions(policy, checkRevocation, fetch, ocsp, httpTimeout, maxCrlBytes, maxOcspBytes,
            failureBackoff, defaultOcspLifetime, initialPolicies, explicitPolicyRequired, policyMappingInhibited,
            anyPolicyInhibited, requireSigningKeyUsage);
    }

    public ValidatorOptions withHttpTimeout(Duration timeout) {
        return new ValidatorOptions(policy, checkRevocation, fetchCrls, useOcsp, timeout, maxCrlBytes, maxOcspBytes,
            failureBackoff, defaultOcspLifetime, initialPolicies, explicitPolicyRequired, policyMappingInhibited,
            anyPolicyInhibited, requireSigningKeyUsage);
    }

    public ValidatorOptions withMaxCrlBytes(long max) {
        return new ValidatorOptions(policy, checkRevocation, fetchCrls, useOcsp, httpTimeout, max, maxOcspBytes,
            failureBackoff, defaultOcspLifetime, initialPolicies, explicitPolicyRequired, policyMappingInhibited,
            anyPolicyInhibited, requireSigningKeyUsage);
    }

    public ValidatorOptions withPolicySettings(Set<String> initial, boolean explicit, boolean mappingInhibited,
                                               boolean anyInhibited) {
        return new ValidatorOptions(policy, checkRevocation, fetchCrls, useOcsp, httpTimeout, maxCrlBytes, maxOcspBytes,
            failureBackoff, defaultOcspLifetime, Set.copyOf(initial), explicit, mappingInhibited, anyInhibited,
            requireSigningKeyUsage);
    }

    public ValidatorOptions withSigningKeyUsageRequired(boolean required) {
        return new ValidatorOptions(policy, checkRevocation, fetchCrls, useOcsp, httpTimeout, maxCrlBytes, maxOcspBytes,
            failureBackoff, defaultOcspLifetime, initialPolicies, explicitPolicyRequired, policyMappingInhibited,
            anyPolicyInhibited, required);
    }

    public ValidatorOptions withRevocationChecking(boolean check) {
        return new ValidatorOptions(policy, check, fetchCrls, useOcsp, httpTimeout, maxCrlBytes, maxOcspBytes,
            failureBackoff, defaultOcspLifetime, initialPolicies, explicitPolicyRequired, policyMappingInhibited,
            anyPolicyInhibited, requireSigningKeyUsage);
    }
}
