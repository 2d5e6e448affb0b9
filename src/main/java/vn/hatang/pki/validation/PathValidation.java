package vn.hatang.pki.validation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * RFC 5280 §6.1 basic path validation of one candidate path, step by step, with the trust anchor's own
 * certificate as the source of the §6.1.1(d) inputs (RFC 5937: its name constraints, path length, policy
 * constraints, inhibitAnyPolicy and policies constrain the path), and with the §4 profile rules each position
 * implies. The anchor's certificate is checked as well (validity, critical extensions, a CA certificate fit to
 * sign certificates), but its own signature is not: it is trusted by configuration.
 *
 * <p>Revocation (§6.1.3(a)(3)) is left to the caller, which looks it up only for paths that pass everything else.
 */
final class PathValidation {
    /** Why a path failed, and how far validation got (certificates accepted, counted from the anchor). */
    record Failure(Verdict verdict, Reason reason, int progress) {}

    private PathValidation() {}

    /** Validates {@code path} (target first, trust anchor last) at {@code at}; null when it is valid. */
    static Failure validate(List<Cert> path, Instant at, ValidatorOptions.PolicyInputs inputs, Work work) {
        int n = path.size() - 1;
        Cert anchor = path.get(n);
        Failure f = certificate(anchor, 0, at, work);
        if (f != null) return f;
        if (n > 0) {
            if (!anchor.isCa()) return untrusted(0, "chain.anchor_not_ca", anchor);
            // §4.2.1.9 asks CAs to mark basicConstraints critical. Required of the anchor, a certificate the office
            // chose; an intermediate only needs cA (§6.1.4(k), PKITS 4.6.4), its constraints applied either way.
            if (!anchor.basicConstraintsCritical) {
                return profile(0, anchor, new Reason("cert.extension_must_be_critical", "basicConstraints"));
            }
            if (!anchor.hasKeyUsage(KeyUsage.keyCertSign)) return untrusted(0, "chain.ca_key_usage", anchor);
        }

        // §6.1.2 initialisation, narrowed by the anchor certificate's constraints (RFC 5937 §2).
        long maxPathLength = n;
        long explicitPolicy = inputs.explicitPolicyRequired() ? 0 : n + 1L;
        long inhibitAnyPolicy = inputs.anyPolicyInhibited() ? 0 : n + 1L;
        long policyMapping = inputs.policyMappingInhibited() ? 0 : n + 1L;
        Set<String> userPolicies = inputs.initialPolicies().isEmpty() ? null : new LinkedHashSet<>(inputs.initialPolicies());
        if (anchor.basicConstraints != null && anchor.basicConstraints.getPathLenConstraint() != null) {
            maxPathLength = Math.min(maxPathLength, clamp(anchor.basicConstraints.getPathLenConstraint()));
        }
        if (anchor.policyConstraints != null) {
            BigInteger r = anchor.policyConstraints.getRequireExplicitPolicyMapping();
            BigInteger m = anchor.policyConstraints.getInhibitPolicyMapping();
            if (r != null) explicitPolicy = Math.min(explicitPolicy, clamp(r));
            if (m != null) policyMapping = Math.min(policyMapping, clamp(m));
        }
        if (anchor.inhibitAnyPolicy != null) inhibitAnyPolicy = Math.min(inhibitAnyPolicy, anchor.inhibitAnyPolicy);
        if (anchor.policies != null && !anchor.policies.contains(Cert.ANY_POLICY)) {
            if (userPolicies == null) userPolicies = new LinkedHashSet<>(anchor.policies);
            else userPolicies.retainAll(anchor.policies);
        }
        List<NameConstraintLayer> constraints = new ArrayList<>();
        if (anchor.nameConstraints != null) constraints.add(anchor.nameConstraints);
        PolicyGraph policies = new PolicyGraph();
        Cert working = anchor;

        for (int i = 1; i <= n; i++) {
            Cert c = path.get(n - i);
            boolean last = i == n;
            if (Signatures.broken(c.signatureAlgorithm)) return untrusted(i, "chain.weak_algorithm", c);
            if (!c.issuer.equals(working.subject)) return untrusted(i, "chain.name_chaining", c);
            if (!work.alreadyVerified(c, working) && !work.signedBy(c, working)) {
                return untrusted(i, "chain.bad_signature", c);
            }
            f = certificate(c, i, at, work);
            if (f != null) return f;
            // §6.1.3(b)–(c): self-issued intermediates are exempt (key rollover), the target never is.
            if (!c.selfIssued || last) {
                for (NameConstraintLayer layer : constraints) {
                    Reason r = layer.violation(c);
                    if (r != null) return new Failure(Verdict.UNTRUSTED_CHAIN,
                        new Reason("chain.name_constraints", c.displayName, r), i);
                }
            }
            // §6.1.3(d)–(f)
            policies.processCertificate(i, c.policies, inhibitAnyPolicy > 0 || (!last && c.selfIssued));
            if (explicitPolicy == 0 && policies.isNull()) return untrusted(i, "chain.policy", c);

            if (last) {
                // §6.1.5 wrap-up.
                if (explicitPolicy != 0) explicitPolicy--;
                if (c.policyConstraints != null && BigInteger.ZERO.equals(
                        c.policyConstraints.getRequireExplicitPolicyMapping())) {
                    explicitPolicy = 0;
                }
                if (c.unknownCriticalExtension) return untrusted(i, "chain.critical_extension", c);
                if (explicitPolicy == 0 && !policies.intersects(userPolicies, n)) return untrusted(i, "chain.policy", c);
                return null;
            }

            // §6.1.4 preparation for certificate i+1.
            if (c.policyMappings != null) {
                for (String[] m : c.policyMappings) {
                    if (m[0].equals(Cert.ANY_POLICY) || m[1].equals(Cert.ANY_POLICY)) {
                        return untrusted(i, "chain.policy", c);                                          // (a)
                    }
                }
                policies.applyMappings(i, c.policyMappings, policyMapping > 0);                        // (b)
            }
            if (c.nameConstraints != null) constraints.add(c.nameConstraints);                          // (g)
            if (!c.selfIssued) {                                                                        // (h)
                if (explicitPolicy != 0) explicitPolicy--;
                if (policyMapping != 0) policyMapping--;
                if (inhibitAnyPolicy != 0) inhibitAnyPolicy--;
            }
            if (c.policyConstraints != null) {                                                          // (i)
                BigInteger r = c.policyConstraints.getRequireExplicitPolicyMapping();
                BigInteger m = c.policyConstraints.getInhibitPolicyMapping();
                if (r != null) explicitPolicy = Math.min(explicitPolicy, clamp(r));
                if (m != null) policyMapping = Math.min(policyMapping, clamp(m));
            }
            if (c.inhibitAnyPolicy != null) inhibitAnyPolicy = Math.min(inhibitAnyPolicy, c.inhibitAnyPolicy); // (j)
            if (!c.isCa()) return untrusted(i, "chain.not_ca", c);                                      // (k)
            if (!c.selfIssued) {                                                                        // (l)
                if (maxPathLength <= 0) return untrusted(i, "chain.path_too_long", c);
                maxPathLength--;
            }
            if (c.basicConstraints.getPathLenConstraint() != null) {                                    // (m)
                maxPathLength = Math.min(maxPathLength, clamp(c.basicConstraints.getPathLenConstraint()));
            }
            if (!c.hasKeyUsage(KeyUsage.keyCertSign)) return untrusted(i, "chain.ca_key_usage", c);     // (n)
            if (c.unknownCriticalExtension) return untrusted(i, "chain.critical_extension", c);         // (o)
            working = c;
        }
        return null; // n == 0: the target is the trust anchor itself
    }

    /** The checks every certificate of the path gets, the anchor's included: profile, AKI, validity. */
    private static Failure certificate(Cert c, int progress, Instant at, Work work) {
        if (c.defect != null) {
            return profile(progress, c, c.defect);
        }
        // §4.2.1.1: the keyIdentifier of authorityKeyIdentifier is required unless the CA distributes its key in a
        // "self-signed" certificate, i.e. one its own key verifies; its issuer name need not repeat its subject.
        boolean noAki = c.authorityKeyId == null || c.authorityKeyId.length == 0;
        if (noAki && !work.signedBy(c, c)) {
            return profile(progress, c, new Reason("cert.aki_missing"));
        }
        if (at.isAfter(c.notAfter)) {
            return new Failure(Verdict.EXPIRED, new Reason("expired", c.displayName, c.notAfter), progress);
        }
        if (at.isBefore(c.notBefore)) {
            return new Failure(Verdict.NOT_YET_VALID, new Reason("not_yet_valid", c.displayName, c.notBefore), progress);
        }
        if (progress == 0 && c.unknownCriticalExtension) return untrusted(0, "chain.critical_extension", c);
        return null;
    }

    private static Failure untrusted(int progress, String key, Cert c) {
        return new Failure(Verdict.UNTRUSTED_CHAIN, new Reason(key, c.displayName), progress);
    }

    /** {@code c} breaks a rule of the certificate profile (RFC 5280 §4), said by {@code why}. */
    private static Failure profile(int progress, Cert c, Reason why) {
        return new Failure(Verdict.UNTRUSTED_CHAIN, new Reason("chain.profile", c.displayName, why), progress);
    }

    private static long clamp(BigInteger v) {
        return v.signum() < 0 ? 0 : v.min(BigInteger.valueOf(Integer.MAX_VALUE)).longValue();
    }
}
