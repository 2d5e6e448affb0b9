package vn.hatang.pki.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.junit.jupiter.api.Test;
import vn.hatang.pki.sample.PkiFactory;
import vn.hatang.pki.sample.PkiFactory.Alg;
import vn.hatang.pki.sample.PkiFactory.Issued;
import vn.hatang.pki.sample.PkiFactory.Revocation;

/**
 * Verifies RFC 5280 rules beyond the everyday verdicts: path constraints of CA certificates and the scope, signer
 * and delta rules of CRLs (§6.3). CRLs are imported as files; no network.
 */
class Rfc5280RulesTest {
    static final PkiFactory PKI = new PkiFactory();
    static final Instant NOW = Instant.now();
    static final Instant LATER = NOW.plus(Duration.ofDays(5));
    static final Issued ROOT = PKI.root("CN=RFC Root,C=VN", Alg.EC, NOW.minus(Duration.ofDays(30)),
        NOW.plus(Duration.ofDays(300)));
    static final KeyPair EE_KEY = PKI.keyPair(Alg.EC);

    static CertificateValidator validator(List<Issued> intermediates, X509CRL... crls) {
        CertificateValidator v = new CertificateValidator(new TrustStore(List.of(ROOT.cert()),
            intermediates.stream().map(Issued::cert).toList()),
            ValidatorOptions.defaults().withNetwork(false, false), Clock.systemUTC());
        v.crls().importCrls(List.of(crls));
        return v;
    }

    static X509CRL emptyCrl(Issued ca, long number) {
        return PKI.crl(ca, NOW.minusSeconds(60), LATER, List.of(), number);
    }

    /** A name encoded as the certificates' names are (the order of an X500Principal). */
    static X500Name name(String dn) {
        return X500Name.getInstance(new javax.security.auth.x500.X500Principal(dn).getEncoded());
    }

    static ValidationResult check(CertificateValidator v, Issued ee) {
        return v.validate(ee.cert(), List.of(), NOW);
    }

    @Test
    void testPathLengthConstraintIsEnforced() {
        Issued ca1 = PKI.cert("CN=CA1,C=VN", PKI.keyPair(Alg.EC), ROOT).ca(0).issue();
        Issued ca2 = PKI.cert("CN=CA2,C=VN", PKI.keyPair(Alg.EC), ca1).ca(0).issue();
        Issued ee = PKI.cert("CN=EE,C=VN", EE_KEY, ca2).issue();
        ValidationResult r = check(validator(List.of(ca1, ca2), emptyCrl(ROOT, 1), emptyCrl(ca1, 1), emptyCrl(ca2, 1)), ee);
        assertEquals(Verdict.UNTRUSTED_CHAIN, r.verdict());
        assertTrue(r.reasonEn().contains("too long"), r.reasonEn());
    }

    @Test
    void testCaWithoutBasicConstraintsCannotIssue() {
        Issued ca = PKI.cert("CN=No BC CA,C=VN", PKI.keyPair(Alg.EC), ROOT).ca(-1).withoutBasicConstraints().issue();
        Issued ee = PKI.cert("CN=EE,C=VN", EE_KEY, ca).issue();
        assertEquals(Verdict.UNTRUSTED_CHAIN, check(validator(List.of(ca), emptyCrl(ROOT, 1), emptyCrl(ca, 1)), ee)
            .verdict());
    }

    @Test
    void testCaWithoutKeyCertSignCannotIssue() {
        Issued ca = PKI.cert("CN=No KCS CA,C=VN", PKI.keyPair(Alg.EC), ROOT).ca(-1)
            .keyUsage(KeyUsage.digitalSignature | KeyUsage.cRLSign).issue();
        Issued ee = PKI.cert("CN=EE,C=VN", EE_KEY, ca).issue();
        ValidationResult r = check(validator(List.of(ca), emptyCrl(ROOT, 1), emptyCrl(ca, 1)), ee);
        assertEquals(Verdict.UNTRUSTED_CHAIN, r.verdict());
        assertTrue(r.reasonEn().contains("keyUsage"), r.reasonEn());
    }

    @Test
    void testNameConstraintsAreEnforced() {
        Issued ca = PKI.cert("CN=Constrained CA,O=Tinh uy,C=VN", PKI.keyPair(Alg.EC), ROOT).ca(-1)
            .customize(b -> b.addExtension(Extension.nameConstraints, true, new NameConstraints(
                new GeneralSubtree[] {new GeneralSubtree(new GeneralName(new X500Name("C=VN,O=Tinh uy")))}, null)))
            .issue();
        X509CRL crlCa = emptyCrl(ca, 1);
        Issued inside = PKI.cert("CN=Inside,O=Tinh uy,C=VN", EE_KEY, ca).issue();
        Issued outside = PKI.cert("CN=Outside,O=Other,C=VN", EE_KEY, ca).issue();
        CertificateValidator v = validator(List.of(ca), emptyCrl(ROOT, 1), crlCa);
        assertEquals(Verdict.VALID, check(v, inside).verdict(), check(v, inside).reasonEn());
        ValidationResult r = check(v, outside);
        assertEquals(Verdict.UNTRUSTED_CHAIN, r.verdict());
        assertTrue(r.reasonEn().contains("name constraints"), r.reasonEn());
    }

    @Test
    void testUnknownCriticalExtensionIsRejected() {
        Issued ca = PKI.cert("CN=CA,C=VN", PKI.keyPair(Alg.EC), ROOT).ca(0).issue();
        Issued ee = PKI.cert("CN=EE,C=VN", EE_KEY, ca)
            .customize(b -> b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true, DERNull.INSTANCE))
            .issue();
        ValidationResult r = check(validator(List.of(ca), emptyCrl(ROOT, 1), emptyCrl(ca, 1)), ee);
        assertEquals(Verdict.UNTRUSTED_CHAIN, r.verdict());
        assertTrue(r.reasonEn().contains("critical extension"), r.reasonEn());
    }

    @Test
    void testCaWhoseKeyUsageLacksCrlSignCannotSignItsCrl() {
        Issued ca = PKI.cert("CN=No CRL Sign CA,C=VN", PKI.keyPair(Alg.EC), ROOT).ca(0)
            .keyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature).issue();
        Issued ee = PKI.cert("CN=EE,C=VN", EE_KEY, ca).issue();
        ValidationResult r = check(validator(List.of(ca), emptyCrl(ROOT, 1), emptyCrl(ca, 1)), ee);
        assertEquals(Verdict.UNKNOWN_REVOCATION, r.verdict(), r.reasonEn());
    }

    @Test
    void testCrlWithUnknownCriticalExtensionIsNotUsed() {
        Issued ca = PKI.cert("CN=CA,C=VN", PKI.keyPair(Alg.EC), ROOT).ca(0).issue();
        Issued ee = PKI.cert("CN=EE,C=VN", EE_KEY, ca).issue();
        X509CRL odd = PKI.crl(ca, NOW.minusSeconds(60), LATER, List.of(), 1,
            b -> b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.2"), true, DERNull.INSTANCE));
        ValidationResult r = check(validator(List.of(ca), emptyCrl(ROOT, 1), odd), ee);
        assertEquals(Verdict.UNKNOWN_REVOCATION, r.verdict());
        assertTrue(r.reasonEn().contains("unrecognised critical extension"), r.reasonEn());
    }

    @Test
    void testSeparateCrlSigningCertificateOfTheSameCa() {
        Issued ca = PKI.cert("CN=Split CA,C=VN", PKI.keyPair(Alg.EC), ROOT).ca(0).issue();
        Issued crlSigner = PKI.cert("CN=Split CA,C=VN", PKI.keyPair(Alg.EC), ROOT).ca(-1).keyUsage(KeyUsage.cRLSign)
            .issue();
        Issued ee = PKI.cert("CN=EE,C=VN", EE_KEY, ca).issue();
        X509CRL byOtherKey = PKI.crl(crlSigner, NOW.minusSeconds(60), LATER, List.of(), 1);
        assertEquals(Verdict.VALID, check(validator(List.of(ca, crlSigner), emptyCrl(ROOT, 1), byOtherKey), ee)
            .verdict());
        X509CRL rootRevokesSigner = PKI.crl(ROOT, NOW.minusSeconds(60), LATER, List.of(
            new Revocation(crlSigner.cert().getSerialNumber(), NOW.minus(Duration.ofDays(1)), CRLReason.KEY_COMPROMISE)), 2);
        assertEquals(Verdict.UNKNOWN_REVOCATION,
            check(validator(List.of(ca, crlSigner), rootRevokesSigner, byOtherKey), ee).verdict());
    }

    @Test
    void testDeltaCrlRevokesAndRemovesFromCrl() {
        Issued ca = PKI.cert("CN=Delta CA,C=VN", PKI.keyPair(Alg.EC), ROOT).ca(0).issue();
        Issued held = PKI.cert("CN=Held,C=VN", EE_KEY, ca).issue();
        Issued fresh = PKI.cert("CN=Freshly Revoked,C=VN", EE_KEY, ca).issue();
        X509CRL base = PKI.crl(ca, NOW.minus(Duration.ofDays(1)), LATER, List.of(
            new Revocation(held.cert().getSerialNumber(), NOW.minus(Duration.ofDays(2)), CRLReason.CERTIFICATE_HOLD)), 10);
        X509CRL delta = PKI.crl(ca, NOW.minusSeconds(60), LATER, List.of(
            new Revocation(held.cert().getSerialNumber(), NOW.minusSeconds(120), CRLReason.REMOVE_FROM_CRL),
            new Revocation(fresh.cert().getSerialNumber(), NOW.minusSeconds(120), CRLReason.KEY_COMPROMISE)), 11,
            b -> b.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(BigInteger.TEN)));
        CertificateValidator v = validator(List.of(ca), emptyCrl(ROOT, 1), base, delta);
        assertEquals(Verdict.VALID, check(v, held).verdict(), check(v, held).reasonEn());
        assertEquals(Verdict.REVOKED, check(v, fresh).verdict());
        assertEquals(Verdict.REVOKED, check(validator(List.of(ca), emptyCrl(ROOT, 1), base), held).verdict(),
            "without the delta the hold stands");
        X509CRL staleDelta = PKI.crl(ca, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(1)), List.of(), 11,
            b -> b.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(BigInteger.TEN)));
        assertEquals(Verdict.UNKNOWN_REVOCATION,
            check(validator(List.of(ca), emptyCrl(ROOT, 1), base, staleDelta), fresh).verdict());
    }

    @Test
    void testCrlScopedToCaCertificatesDoesNotCoverEndEntities() {
        Issued ca = PKI.cert("CN=Scoped CA,C=VN", PKI.keyPair(Alg.EC), ROOT).ca(0).issue();
        Issued ee = PKI.cert("CN=EE,C=VN", EE_KEY, ca).issue();
        X509CRL caOnly = PKI.crl(ca, NOW.minusSeconds(60), LATER, List.of(), 1, b -> b.addExtension(
            Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(null, false, true, null, false, false)));
        assertEquals(Verdict.UNKNOWN_REVOCATION, check(validator(List.of(ca), emptyCrl(ROOT, 1), caOnly), ee).verdict());
        X509CRL userOnly = PKI.crl(ca, NOW.minusSeconds(60), LATER, List.of(), 1, b -> b.addExtension(
            Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(null, true, false, null, false, false)));
        assertEquals(Verdict.VALID, check(validator(List.of(ca), emptyCrl(ROOT, 1), userOnly), ee).verdict());
    }

    @Test
    void testCrlForAnotherDistributionPointDoesNotCoverTheCertificate() {
        Issued ca = PKI.cert("CN=DP CA,C=VN", PKI.keyPair(Alg.EC), ROOT).ca(0).issue();
        Issued ee = PKI.cert("CN=EE,C=VN", EE_KEY, ca).crlUrl("http://ca.invalid/part1.crl").issue();
        GeneralNames part2 = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
            "http://ca.invalid/part2.crl"));
        X509CRL other = PKI.crl(ca, NOW.minusSeconds(60), LATER, List.of(), 1, b -> b.addExtension(
            Extension.issuingDistributionPoint, true,
            new IssuingDistributionPoint(new DistributionPointName(part2), false, false, null, false, false)));
        assertEquals(Verdict.UNKNOWN_REVOCATION, check(validator(List.of(ca), emptyCrl(ROOT, 1), other), ee).verdict());
        GeneralNames part1 = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
            "http://ca.invalid/part1.crl"));
        X509CRL right = PKI.crl(ca, NOW.minusSeconds(60), LATER, List.of(), 1, b -> b.addExtension(
            Extension.issuingDistributionPoint, true,
            new IssuingDistributionPoint(new DistributionPointName(part1), false, false, null, false, false)));
        assertEquals(Verdict.VALID, check(validator(List.of(ca), emptyCrl(ROOT, 1), right), ee).verdict());
    }

    /**
     * Verifies an indirect CRL (§5.2.5, §6.3.3) whose signer's own certificate it covers too (PKITS 4.14.30): the
     * signer's status is looked up on the CRL it signs, which is good when it is not listed there and proves nothing
     * once it is (no CRL signer then, so no status).
     */
    @Test
    void testIndirectCrlCoversItsOwnSigner() throws Exception {
        Issued ca = PKI.cert("CN=Indirect CA,C=VN", PKI.keyPair(Alg.EC), ROOT).ca(0).issue();
        GeneralNames signerName = new GeneralNames(new GeneralName(name("CN=CRL Signer,C=VN")));
        var onSignersCrl = new org.bouncycastle.asn1.x509.CRLDistPoint(new org.bouncycastle.asn1.x509.DistributionPoint[] {
            new org.bouncycastle.asn1.x509.DistributionPoint(null, null, signerName)});
        Issued signer = PKI.cert("CN=CRL Signer,C=VN", PKI.keyPair(Alg.EC), ca).keyUsage(KeyUsage.cRLSign)
            .extension(Extension.cRLDistributionPoints, false, onSignersCrl).issue();
        Issued ee = PKI.cert("CN=EE,C=VN", EE_KEY, ca).extension(Extension.cRLDistributionPoints, false, onSignersCrl)
            .issue();
        PkiFactory.CrlCustomizer indirect = b -> b.addExtension(Extension.issuingDistributionPoint, true,
            new IssuingDistributionPoint(null, false, false, null, true, false));
        X509CRL clean = PKI.crl(signer, NOW.minusSeconds(60), LATER, List.of(), 1, indirect);
        ValidationResult r = check(validator(List.of(ca, signer), emptyCrl(ROOT, 1), clean), ee);
        assertEquals(Verdict.VALID, r.verdict(), r.reasonEn());

        // The same CRL signer, revoked on its own CRL (an entry naming the CA that issued it).
        X509CRL listsSigner = PKI.crl(signer, NOW.minusSeconds(60), LATER, List.of(), 2, b -> {
            indirect.accept(b);
            b.addCRLEntry(signer.cert().getSerialNumber(), java.util.Date.from(NOW.minusSeconds(120)),
                new org.bouncycastle.asn1.x509.Extensions(new Extension(Extension.certificateIssuer, true,
                    new GeneralNames(new GeneralName(ca.name())).getEncoded())));
        });
        r = check(validator(List.of(ca, signer), emptyCrl(ROOT, 1), listsSigner), ee);
        assertEquals(Verdict.UNKNOWN_REVOCATION, r.verdict(), r.reasonEn());
        assertTrue(r.reasonEn().contains("signature on the CRL"), r.reasonEn());
    }

    /** Verifies RFC 5280 §5.2.3: a CRL without a CRLNumber, or with a critical one, proves nothing (defect class 5). */
    @Test
    void testCrlNumberMissingOrCritical() {
        Issued ca = PKI.cert("CN=Numbering CA,C=VN", PKI.keyPair(Alg.EC), ROOT).ca(0).issue();
        Issued ee = PKI.cert("CN=EE,C=VN", EE_KEY, ca).issue();
        X509CRL unnumbered = PKI.crl(ca, NOW.minusSeconds(60), LATER, List.of(), -1);
        ValidationResult r = check(validator(List.of(ca), emptyCrl(ROOT, 1), unnumbered), ee);
        assertEquals(Verdict.UNKNOWN_REVOCATION, r.verdict(), r.reasonEn());
        assertTrue(r.reasonEn().contains("has no CRLNumber"), r.reasonEn());
        X509CRL critical = PKI.crl(ca, NOW.minusSeconds(60), LATER, List.of(), -1,
            b -> b.addExtension(Extension.cRLNumber, true, new CRLNumber(BigInteger.TEN)));
        r = check(validator(List.of(ca), emptyCrl(ROOT, 1), critical), ee);
        assertEquals(Verdict.UNKNOWN_REVOCATION, r.verdict(), r.reasonEn());
        assertTrue(r.reasonEn().contains("marks CRLNumber critical"), r.reasonEn());
        assertEquals(Verdict.VALID, check(validator(List.of(ca), emptyCrl(ROOT, 1), emptyCrl(ca, 3)), ee).verdict());
    }

    /** Verifies that a CRL listing a serial twice, or without nextUpdate, or issued after the validation time, is not used. */
    @Test
    void testAmbiguousOrUndatedCrls() {
        Issued ca = PKI.cert("CN=Careless CA,C=VN", PKI.keyPair(Alg.EC), ROOT).ca(0).issue();
        Issued ee = PKI.cert("CN=EE,C=VN", EE_KEY, ca).issue();
        Revocation other = new Revocation(BigInteger.valueOf(77), NOW.minus(Duration.ofDays(1)), CRLReason.SUPERSEDED);
        X509CRL twice = PKI.crl(ca, NOW.minusSeconds(60), LATER, List.of(other, other), 4);
        ValidationResult r = check(validator(List.of(ca), emptyCrl(ROOT, 1), twice), ee);
        assertEquals(Verdict.UNKNOWN_REVOCATION, r.verdict(), r.reasonEn());
        assertTrue(r.reasonEn().contains("lists a certificate twice"), r.reasonEn());
        X509CRL undated = PKI.crl(ca, NOW.minusSeconds(60), null, List.of(), 4);
        r = check(validator(List.of(ca), emptyCrl(ROOT, 1), undated), ee);
        assertTrue(r.reasonEn().contains("has no nextUpdate"), r.reasonEn());
        X509CRL future = PKI.crl(ca, NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)), List.of(), 4);
        r = check(validator(List.of(ca), emptyCrl(ROOT, 1), future), ee);
        assertTrue(r.reasonEn().contains("issued after the validation time"), r.reasonEn());
    }
}
