package vn.hatang.pki.validation;

import static vn.hatang.pki.validation.TestPki.*;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.junit.jupiter.api.Test;
import vn.hatang.pki.sample.PkiFactory;
import vn.hatang.pki.sample.PkiFactory.Issued;

/** Verifies certificate policy processing, RFC 5280 §6.1.2–§6.1.5 (as the policy graph of RFC 9618). */
class PolicyTest {
    static final String P = "1.3.6.1.4.1.55738.1.1";
    static final String Q = "1.3.6.1.4.1.55738.1.2";
    static final String ANY = "2.5.29.32.0";

    static PkiFactory.Spec policies(PkiFactory.Spec spec, String... oids) {
        PolicyInformation[] pi = new PolicyInformation[oids.length];
        for (int i = 0; i < oids.length; i++) pi[i] = new PolicyInformation(new ASN1ObjectIdentifier(oids[i]));
        return spec.extension(Extension.certificatePolicies, false, new CertificatePolicies(pi));
    }

    static PkiFactory.Spec mappings(PkiFactory.Spec spec, String[]... pairs) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        for (String[] p : pairs) {
            v.add(new DERSequence(new ASN1ObjectIdentifier[] {new ASN1ObjectIdentifier(p[0]), new ASN1ObjectIdentifier(p[1])}));
        }
        return spec.extension(Extension.policyMappings, false, new DERSequence(v));
    }

    static ValidationResult check(Issued root, Issued leaf, ValidatorOptions o, Issued... chain) {
        return validator(List.of(root), List.of(), o).validate(leaf.cert(),
            java.util.Arrays.stream(chain).map(Issued::cert).toList(), NOW);
    }

    static ValidatorOptions explicit(String... initial) {
        return STRUCTURE_ONLY.withPolicySettings(Set.of(initial), true, false, false);
    }

    /** Verifies explicit policy against the user-initial-policy-set. */
    @Test
    void testExplicitPolicy() {
        Issued root = root("CN=Policy Root");
        Issued ca = policies(ca("CN=Policy CA", root), P).issue();
        Issued leaf = policies(ee("CN=leaf", ca), P).issue();
        assertValid(check(root, leaf, explicit(P), ca));
        assertRefused(check(root, leaf, explicit(Q), ca), Verdict.UNTRUSTED_CHAIN, "policy");
        Issued bare = ee("CN=no policy", ca).issue();
        assertValid(check(root, bare, STRUCTURE_ONLY, ca));
        assertRefused(check(root, bare, explicit(), ca), Verdict.UNTRUSTED_CHAIN, "policy");
    }

    /** Verifies requireExplicitPolicy in a CA, and that the anchor's policy constraints count too (RFC 5937). */
    @Test
    void testRequireExplicitPolicyInTheChain() {
        Issued root = root("CN=Policy Root 2");
        Issued ca = policies(ca("CN=Strict CA", root), P)
            .extension(Extension.policyConstraints, true, new PolicyConstraints(BigInteger.ZERO, null)).issue();
        assertValid(check(root, policies(ee("CN=ok", ca), P).issue(), STRUCTURE_ONLY, ca));
        assertRefused(check(root, ee("CN=none", ca).issue(), STRUCTURE_ONLY, ca), Verdict.UNTRUSTED_CHAIN, "policy");
        Issued strictRoot = policies(rootSpec("CN=Strict Root"), ANY)
            .extension(Extension.policyConstraints, true, new PolicyConstraints(BigInteger.ZERO, null)).issue();
        assertRefused(check(strictRoot, ee("CN=none", strictRoot).issue(), STRUCTURE_ONLY), Verdict.UNTRUSTED_CHAIN,
            "policy");
    }

    /** Verifies policy mapping, and that it can be inhibited. */
    @Test
    void testPolicyMapping() {
        Issued root = root("CN=Mapping Root");
        Issued ca = mappings(policies(ca("CN=Bridge", root), P), new String[] {P, Q}).issue();
        Issued leaf = policies(ee("CN=leaf", ca), Q).issue();
        assertValid(check(root, leaf, explicit(P), ca));
        assertRefused(check(root, leaf, STRUCTURE_ONLY.withPolicySettings(Set.of(P), true, true, false), ca),
            Verdict.UNTRUSTED_CHAIN, "policy");
        Issued toAny = mappings(policies(ca("CN=Bad Bridge", root), P), new String[] {P, ANY}).issue();
        assertRefused(check(root, policies(ee("CN=leaf", toAny), P).issue(), STRUCTURE_ONLY, toAny),
            Verdict.UNTRUSTED_CHAIN, "policy");
    }

    /** Verifies anyPolicy in a CA, honoured unless inhibited. */
    @Test
    void testAnyPolicyAndItsInhibition() {
        Issued root = root("CN=Any Root");
        Issued ca = policies(ca("CN=Any CA", root), ANY).issue();
        Issued leaf = policies(ee("CN=leaf", ca), P).issue();
        assertValid(check(root, leaf, explicit(P), ca));
        assertRefused(check(root, leaf, STRUCTURE_ONLY.withPolicySettings(Set.of(P), true, false, true), ca),
            Verdict.UNTRUSTED_CHAIN, "policy");
        Issued inhibiting = policies(ca("CN=Inhibiting CA", root), ANY)
            .extension(Extension.inhibitAnyPolicy, true, new ASN1Integer(0)).issue();
        Issued below = policies(ca("CN=Below", inhibiting), ANY).issue();
        assertRefused(check(root, policies(ee("CN=leaf", below), P).issue(), explicit(P), inhibiting, below),
            Verdict.UNTRUSTED_CHAIN, "policy");
    }

    /**
     * Verifies that CAs asserting and cross-mapping many policies do not blow up the policy tree (its RFC 5280 form
     * grows as policies^depth: 10^6 nodes here); the graph keeps one node per policy and depth.
     */
    @Test
    void testManyMappedPoliciesStayLinear() {
        List<String> oids = new ArrayList<>();
        for (int i = 0; i < 10; i++) oids.add("1.3.6.1.4.1.55738.2." + i);
        List<String[]> all = new ArrayList<>();
        for (String a : oids) for (String b : oids) all.add(new String[] {a, b});
        Issued root = root("CN=Graph Root");
        List<Issued> chain = new ArrayList<>();
        Issued issuer = root;
        for (int level = 0; level < 6; level++) {
            issuer = mappings(policies(ca("CN=Level " + level, issuer), oids.toArray(String[]::new)),
                all.toArray(String[][]::new)).issue();
            chain.add(issuer);
        }
        Issued leaf = policies(ee("CN=leaf", issuer), oids.get(3)).issue();
        assertValid(check(root, leaf, explicit(oids.get(7)), chain.toArray(Issued[]::new)));
    }
}
