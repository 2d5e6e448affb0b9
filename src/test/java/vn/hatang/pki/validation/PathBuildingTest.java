package vn.hatang.pki.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.pki.validation.TestPki.*;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.pki.bench.PathologicalCases;
import vn.hatang.pki.sample.PkiFactory.Issued;

/**
 * Verifies path building (defect classes 2 and 7): the work is bounded whatever the intermediates (the bound, not
 * the clock, is asserted), alternative paths are tried and the best candidate's reason is reported, "issuer not
 * found" is said only when no issuer was found, and the order or repetition of intermediates never changes a
 * verdict.
 */
class PathBuildingTest {
    static final int CHECKS = ValidatorOptions.defaults().limits().maxSignatureChecks();
    static Issued rootA, rootB, untrusted, constrainedCa, viaB;
    static Issued x1, x2, x3, x4, leaf;
    static List<Issued> decoys = new ArrayList<>();

    /**
     * One leaf, one key for its issuer "CN=X" and five certificates of it: under an untrusted root (dead end), under
     * a CA whose name constraints exclude the leaf (fails at the leaf), directly under anchor B but expired (fails
     * at X, sorted last), under anchor B through D (valid), plus same-name decoys with other keys.
     */
    @BeforeAll
    static void graph() {
        rootA = root("CN=Root A,C=VN");
        rootB = root("CN=Root B,C=VN");
        untrusted = root("CN=Untrusted Root,C=VN");
        constrainedCa = constrained(ca("CN=Constrained,C=VN", rootA), null, subtrees(dns("leaf.example.com")))
            .without(Extension.subjectAlternativeName).issue();
        Issued d = ca("CN=D,C=VN", rootB).issue();
        KeyPair kx = key();
        x1 = PKI.cert("CN=X,C=VN", kx, untrusted).ca(-1).validity(FROM, TO).issue();
        x2 = PKI.cert("CN=X,C=VN", kx, constrainedCa).ca(-1).validity(FROM, TO).issue();
        x3 = PKI.cert("CN=X,C=VN", kx, rootB).ca(-1).validity(FROM, NOW.minus(Duration.ofDays(1))).issue();
        x4 = PKI.cert("CN=X,C=VN", kx, d).ca(-1).validity(FROM, TO).issue();
        viaB = d;
        for (int i = 0; i < 5; i++) decoys.add(ca("CN=X,C=VN", rootA).issue());
        Issued issuer = new Issued(x1.cert(), kx, x1.alg());
        leaf = san(ee("CN=leaf.example.com", issuer), dns("leaf.example.com")).issue();
    }

    static List<Issued> validGraph() {
        List<Issued> all = new ArrayList<>(List.of(untrusted, constrainedCa, viaB, x1, x2, x3, x4));
        all.addAll(decoys);
        return all;
    }

    static List<Issued> invalidGraph() {
        List<Issued> all = new ArrayList<>(List.of(untrusted, constrainedCa, x1, x2, x3));
        all.addAll(decoys);
        return all;
    }

    static ValidationResult validate(List<X509Certificate> extra) {
        return validator(List.of(rootA, rootB), List.of(), STRUCTURE_ONLY).validate(leaf.cert(), extra, NOW);
    }

    static List<X509Certificate> certs(List<Issued> issued) { return issued.stream().map(Issued::cert).toList(); }

    /** Verifies that when candidate paths fail, the builder goes on to the one that is valid. */
    @Test
    void testAlternativePathIsFound() {
        ValidationResult r = validate(certs(validGraph()));
        assertValid(r);
        assertEquals(List.of(leaf.cert(), x4.cert(), viaB.cert(), rootB.cert()), r.path());
    }

    /** Verifies that the reason comes from the best candidate (failed at the leaf), not the last one tried (expired X). */
    @Test
    void testReasonOfTheBestCandidate() {
        ValidationResult r = validate(certs(invalidGraph()));
        assertRefused(r, Verdict.UNTRUSTED_CHAIN, "excluded subtree");
        assertEquals(List.of(leaf.cert(), x2.cert(), constrainedCa.cert(), rootA.cert()), r.path());
    }

    /**
     * Property: random permutations and repetitions of the intermediates never change the verdict or its reason, and
     * never exceed the signature-check bound (seeded, so a failure can be replayed).
     */
    @Test
    void testPermutationsAndDuplicatesNeverChangeTheVerdict() {
        Random random = new Random(20261202L);
        for (List<Issued> graph : List.of(validGraph(), invalidGraph())) {
            ValidationResult baseline = validate(certs(graph));
            for (int trial = 0; trial < 40; trial++) {
                List<X509Certificate> extra = new ArrayList<>(certs(graph));
                int copies = random.nextInt(4);
                for (int i = 0; i < copies; i++) extra.add(extra.get(random.nextInt(extra.size())));
                Collections.shuffle(extra, random);
                ValidationResult r = validate(extra);
                assertEquals(baseline.verdict(), r.verdict(), "trial " + trial + ": " + r.reasonEn());
                assertEquals(baseline.reasonEn(), r.reasonEn(), "trial " + trial);
                assertEquals(baseline.path(), r.path(), "trial " + trial);
                assertTrue(r.signatureChecks() <= CHECKS, "trial " + trial + ": " + r.signatureChecks());
            }
        }
    }

    /** Verifies that every pathological input ends, untrusted, within the signature-check bound. */
    @Test
    void testPathologicalInputsStayWithinTheBound() {
        PathologicalCases cases = new PathologicalCases(PKI, NOW);
        for (PathologicalCases.Case c : List.of(cases.sameNameSameKey(24), cases.sameNameDifferentKeys(24),
                cases.layers(36), cases.cycle())) {
            ValidationResult r = validator(c.anchors(), List.of(), STRUCTURE_ONLY)
                .validate(c.target().cert(), certs(c.extra()), NOW);
            assertEquals(Verdict.UNTRUSTED_CHAIN, r.verdict(), c.name() + ": " + r.reasonEn());
            assertTrue(r.signatureChecks() <= CHECKS, c.name() + ": " + r.signatureChecks() + " signature checks");
            assertTrue(r.reasonEn().startsWith("No certification path to a trust anchor"), c.name() + ": " + r.reasonEn());
        }
        PathologicalCases.Case big = cases.manyNameConstraints(4);
        ValidationResult r = validator(big.anchors(), List.of(), STRUCTURE_ONLY).validate(big.target().cert(), List.of(), NOW);
        assertValid(r);
        assertEquals(1, r.signatureChecks());
    }

    /** Verifies that a found issuer is never reported as "not found": the reason names where the chain ends. */
    @Test
    void testIssuerFoundButNoAnchor() {
        Issued missing = root("CN=Missing Root,C=VN");
        Issued ica = ca("CN=Orphan CA,C=VN", missing).issue();
        Issued orphanLeaf = ee("CN=leaf", ica).issue();
        ValidationResult r = check(rootA, orphanLeaf, ica);
        assertRefused(r, Verdict.UNTRUSTED_CHAIN, "the chain ends at CN=Orphan CA, whose issuer CN=Missing Root");
        assertRefused(check(rootA, orphanLeaf), Verdict.UNTRUSTED_CHAIN, "issuer CN=Orphan CA,C=VN not found");
    }

    /** Verifies the maximum number of intermediates ({@code --max-depth}). */
    @Test
    void testMaxDepth() {
        List<Issued> chain = new ArrayList<>();
        Issued issuer = rootA;
        for (int i = 0; i < 4; i++) {
            issuer = ca("CN=Level " + i + ",C=VN", issuer).issue();
            chain.add(issuer);
        }
        Issued deep = ee("CN=deep", issuer).issue();
        CertificateValidator three = validator(List.of(rootA), List.of(), STRUCTURE_ONLY.withMaxDepth(3));
        assertRefused(three.validate(deep.cert(), certs(chain), NOW), Verdict.UNTRUSTED_CHAIN,
            "at most 3 intermediate certificates");
        assertValid(validator(List.of(rootA), List.of(), STRUCTURE_ONLY.withMaxDepth(4))
            .validate(deep.cert(), certs(chain), NOW));
    }

    /** Verifies the chain a TLS peer sends (any order, repeats) through the same validator, for certificate login. */
    @Test
    void testPeerChain() {
        CertificateValidator v = validator(List.of(rootA, rootB), List.of(), STRUCTURE_ONLY);
        X509Certificate[] sent = {leaf.cert(), viaB.cert(), x3.cert(), x4.cert(), viaB.cert()};
        ValidationResult r = v.validatePeer(sent, NOW);
        assertValid(r);
        assertEquals(rootB.cert(), r.path().get(r.path().size() - 1));
        assertRefused(v.validatePeer(new X509Certificate[0], NOW), Verdict.UNTRUSTED_CHAIN, "No certificate");
    }
}
