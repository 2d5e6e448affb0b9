package vn.hatang.pki.validation;

import static vn.hatang.pki.validation.TestPki.*;

import java.time.Duration;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import vn.hatang.pki.sample.PkiFactory.Issued;

/**
 * Verifies that the trust anchor's own certificate counts (defect class 1): RFC 5280 §6.1.1(d) lets its
 * constraints be inputs to path validation (RFC 5937), and the anchor must be a valid CA certificate at the
 * validation time. Before, anchors were a bare name and key: all of this was ignored.
 */
class TrustAnchorTest {

    /** Verifies that a name-constrained anchor constrains: a leaf outside its permitted DNS subtree is refused. */
    @Test
    void testAnchorPermittedDnsSubtreeConstrainsTheLeaf() {
        Issued root = constrained(rootSpec("CN=Gov Sub CA,O=Ban Co yeu,C=VN"), subtrees(dns("tinhuy.vn")), null).issue();
        assertValid(check(root, san(ee("CN=a", root), dns("mail.tinhuy.vn")).issue()));
        assertRefused(check(root, san(ee("CN=b", root), dns("evil.example")).issue()), Verdict.UNTRUSTED_CHAIN,
            "outside the permitted subtrees");
    }

    /** Verifies IP and directoryName subtrees of the anchor, through an intermediate. */
    @Test
    void testAnchorIpAndDirectoryNameSubtrees() {
        Issued root = constrained(rootSpec("CN=Gov Root,O=Ban Co yeu,C=VN"),
            subtrees(ip(10, 0, 0, 0, 255, 0, 0, 0), dn("C=VN,O=Ban Co yeu")), null).issue();
        Issued sub = ca("CN=Sub,O=Ban Co yeu,C=VN", root).issue();
        assertValid(check(root, san(ee("CN=srv,O=Ban Co yeu,C=VN", sub), ip(10, 1, 2, 3)).issue(), sub));
        assertRefused(check(root, san(ee("CN=srv,O=Ban Co yeu,C=VN", sub), ip(192, 0, 2, 1)).issue(), sub),
            Verdict.UNTRUSTED_CHAIN, "iPAddress 192.0.2.1 is outside");
        assertRefused(check(root, ee("CN=stranger,O=Other,C=VN", sub).issue(), sub), Verdict.UNTRUSTED_CHAIN,
            "directoryName");
        Issued outsideSub = ca("CN=Rogue Sub,O=Other,C=VN", root).issue();
        assertRefused(check(root, ee("CN=x,O=Ban Co yeu,C=VN", outsideSub).issue(), outsideSub),
            Verdict.UNTRUSTED_CHAIN, "CN=Rogue Sub");
    }

    /** Verifies that an expired anchor makes its paths expired, even when the leaf itself is valid. */
    @Test
    void testExpiredAnchor() {
        Issued root = rootSpec("CN=Old Root").validity(NOW.minus(Duration.ofDays(900)), NOW.minus(Duration.ofDays(1)))
            .issue();
        Issued leaf = ee("CN=leaf", root).issue();
        assertRefused(check(root, leaf), Verdict.EXPIRED, "CN=Old Root expired");
    }

    /** Verifies that an anchor with an unknown critical extension is refused (RFC 5280 §4.2). */
    @Test
    void testAnchorWithUnknownCriticalExtension() {
        Issued root = rootSpec("CN=Odd Root")
            .extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55738.666.1"), true, DERNull.INSTANCE).issue();
        assertRefused(check(root, ee("CN=leaf", root).issue()), Verdict.UNTRUSTED_CHAIN, "unrecognised critical");
    }

    /** Verifies that an anchor without basicConstraints, or not marking it critical, cannot issue (§4.2.1.9). */
    @Test
    void testAnchorBasicConstraintsMissingOrNotCritical() {
        Issued noBc = rootSpec("CN=No BC Root").withoutBasicConstraints().issue();
        assertRefused(check(noBc, ee("CN=leaf", noBc).issue()), Verdict.UNTRUSTED_CHAIN, "basicConstraints");
        Issued lax = rootSpec("CN=Lax Root").extension(Extension.basicConstraints, false, new BasicConstraints(true))
            .issue();
        assertRefused(check(lax, ee("CN=leaf", lax).issue()), Verdict.UNTRUSTED_CHAIN, "basicConstraints not marked critical");
    }

    /** Verifies that an anchor whose keyUsage lacks keyCertSign cannot issue certificates. */
    @Test
    void testAnchorKeyUsageWithoutKeyCertSign() {
        Issued root = rootSpec("CN=Signing Only Root").keyUsage(KeyUsage.digitalSignature | KeyUsage.cRLSign).issue();
        assertRefused(check(root, ee("CN=leaf", root).issue()), Verdict.UNTRUSTED_CHAIN, "keyUsage");
    }

    /** Verifies that the anchor's pathLenConstraint limits the path (RFC 5937). */
    @Test
    void testAnchorPathLength() {
        Issued root = rootSpec("CN=Flat Root").ca(0).issue();
        Issued sub = ca("CN=Sub", root).issue();
        assertValid(check(root, ee("CN=direct", root).issue()));
        assertRefused(check(root, ee("CN=below sub", sub).issue(), sub), Verdict.UNTRUSTED_CHAIN, "too long");
    }

    /** Verifies that a certificate that is itself a configured anchor gets the same checks. */
    @Test
    void testTheAnchorAsTarget() {
        Issued root = root("CN=Plain Root");
        assertValid(check(root, root));
        Issued expired = rootSpec("CN=Expired Root").validity(NOW.minus(Duration.ofDays(90)), NOW.minusSeconds(1))
            .issue();
        assertRefused(check(expired, expired), Verdict.EXPIRED, "expired");
        Issued odd = rootSpec("CN=Odd Root")
            .extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55738.666.1"), true, DERNull.INSTANCE).issue();
        assertRefused(check(odd, odd), Verdict.UNTRUSTED_CHAIN, "unrecognised critical");
    }
}
