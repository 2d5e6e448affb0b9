package vn.hatang.pki.validation;

import java.time.Duration;
import java.util.Set;

/**
 * Typed options of the certificate validator, defaults in one place ({@link #defaults()}).
 *
 * @param policy          what an undeterminable revocation status means
 * @param checkRevocation check CRL/OCSP at all (off only for diagnostics)
 * @param network         where revocation information comes from and how long to wait for it
 * @param policyInputs    the RFC 5280 §6.1.1 (c), (e)–(g) inputs
 * @param purpose         what the certificate must be fit for (default: signing documents)
 * @param limits          the bounds of path building
 */
public record ValidatorOptions(
        RevocationPolicy policy,
        boolean checkRevocation,
        Network network,
        PolicyInputs policyInputs,
        Purpose purpose,
        Limits limits) {

    /**
     * @param fetchCrls            download CRLs from the certificates' distribution points
     * @param useOcsp              ask OCSP responders named in the certificates' AIA
     * @param httpTimeout          connect and total time limit of one CRL or OCSP request
     * @param maxCrlBytes          size limit of a downloaded CRL
     * @param maxOcspBytes         size limit of an OCSP response
     * @param failureBackoff       how long a failed download is not retried (a dead CDP must not stall every check)
     * @param defaultOcspLifetime  cache lifetime of an OCSP response without nextUpdate
     */
    public record Network(boolean fetchCrls, boolean useOcsp, Duration httpTimeout, long maxCrlBytes,
                          long maxOcspBytes, Duration failureBackoff, Duration defaultOcspLifetime) {}

    /**
     * @param initialPolicies        user-initial-policy-set; empty means any-policy
     * @param explicitPolicyRequired initial-explicit-policy
     * @param policyMappingInhibited initial-policy-mapping-inhibit
     * @param anyPolicyInhibited     initial-any-policy-inhibit
     */
    public record PolicyInputs(Set<String> initialPolicies, boolean explicitPolicyRequired,
                               boolean policyMappingInhibited, boolean anyPolicyInhibited) {}

    /**
     * @param maxDepth              intermediate CA certificates allowed between the target and a trust anchor
     * @param maxCandidatesPerStep  issuers tried for one certificate (best AKI/SKI match first)
     * @param maxSignatureChecks    signature checks of one validation, all paths together
     * @param maxRevocationPaths    structurally valid paths whose revocation status is looked up
     * @param maxTime               CPU time of the validating thread one validation may spend building paths
     */
    public record Limits(int maxDepth, int maxCandidatesPerStep, int maxSignatureChecks, int maxRevocationPaths,
                         Duration maxTime) {
        public Limits {
            if (maxDepth < 0 || maxCandidatesPerStep < 1 || maxSignatureChecks < 1 || maxRevocationPaths < 1) {
                throw new IllegalArgumentException("limits must be positive (max depth: zero or more)");
            }
        }
    }

    public static final int DEFAULT_MAX_DEPTH = 10;

    public static ValidatorOptions defaults() {
        return new ValidatorOptions(RevocationPolicy.HARD_FAIL, true,
            new Network(true, true, Duration.ofSeconds(5), 20L * 1024 * 1024, 64 * 1024, Duration.ofMinutes(1),
                Duration.ofMinutes(5)),
            new PolicyInputs(Set.of(), false, false, false),
            Purpose.SIGNING,
            new Limits(DEFAULT_MAX_DEPTH, 8, 64, 4, Duration.ofSeconds(1)));
    }

    public ValidatorOptions withPolicy(RevocationPolicy p) {
        return new ValidatorOptions(p, checkRevocation, network, policyInputs, purpose, limits);
    }

    public ValidatorOptions withRevocationChecking(boolean check) {
        return new ValidatorOptions(policy, check, network, policyInputs, purpose, limits);
    }

    public ValidatorOptions withNetwork(boolean fetch, boolean ocsp) {
        return withNetwork(new Network(fetch, ocsp, network.httpTimeout(), network.maxCrlBytes(),
            network.maxOcspBytes(), network.failureBackoff(), network.defaultOcspLifetime()));
    }

    public ValidatorOptions withNetwork(Network n) {
        return new ValidatorOptions(policy, checkRevocation, n, policyInputs, purpose, limits);
    }

    public ValidatorOptions withHttpTimeout(Duration timeout) {
        return withNetwork(new Network(network.fetchCrls(), network.useOcsp(), timeout, network.maxCrlBytes(),
            network.maxOcspBytes(), network.failureBackoff(), network.defaultOcspLifetime()));
    }

    public ValidatorOptions withMaxCrlBytes(long max) {
        return withNetwork(new Network(network.fetchCrls(), network.useOcsp(), network.httpTimeout(), max,
            network.maxOcspBytes(), network.failureBackoff(), network.defaultOcspLifetime()));
    }

    public ValidatorOptions withPolicySettings(Set<String> initial, boolean explicit, boolean mappingInhibited,
                                               boolean anyInhibited) {
        return new ValidatorOptions(policy, checkRevocation, network,
            new PolicyInputs(Set.copyOf(initial), explicit, mappingInhibited, anyInhibited), purpose, limits);
    }

    public ValidatorOptions withPurpose(Purpose p) {
        return new ValidatorOptions(policy, checkRevocation, network, policyInputs, p, limits);
    }

    public ValidatorOptions withLimits(Limits l) {
        return new ValidatorOptions(policy, checkRevocation, network, policyInputs, purpose, l);
    }

    public ValidatorOptions withMaxDepth(int maxDepth) {
        return withLimits(new Limits(maxDepth, limits.maxCandidatesPerStep(), limits.maxSignatureChecks(),
            limits.maxRevocationPaths(), limits.maxTime()));
    }
}
