package vn.hatang.pki.validation;

import static vn.hatang.pki.validation.TestPki.*;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertTrue;
import vn.hatang.pki.sample.PkiFactory;
import vn.hatang.pki.sample.PkiFactory.Issued;

/**
 * Verifies the RFC 5280 §4 profile rules enforced on every certificate of a path (defect class 3) and the
 * one-second resolution of validity (class 9). The README section "Certificates and tokens" says, rule by rule,
 * why each is strict.
 */
class ProfileRulesTest {
    static final Issued ROOT = root("CN=Profile Root,C=VN");

    /** §4.2.1.1: a certificate that is not self-signed names its issuer's key. */
    @Test
    void testAuthorityKeyIdentifierRequiredUnlessSelfSigned() {
        assertRefused(check(ROOT, ee("CN=no aki", ROOT).without(Extension.authorityKeyIdentifier).issue()),
            Verdict.UNTRUSTED_CHAIN, "authorityKeyIdentifier");
        Issued sub = ca("CN=No AKI Sub", ROOT).without(Extension.authorityKeyIdentifier).issue();
        assertRefused(check(ROOT, ee("CN=leaf", sub).issue(), sub), Verdict.UNTRUSTED_CHAIN, "CN=No AKI Sub breaks");
        Issued bareRoot = rootSpec("CN=Root Without AKI").without(Extension.authorityKeyIdentifier).issue();
        assertValid(check(bareRoot, ee("CN=leaf", bareRoot).issue()));
        // Signed by its own key under another issuer name: still the CA distributing its own key ("self-signed").
        Issued ownKey = rootSpec("CN=Own Key Anchor").issuerName("CN=Some Other Name")
            .without(Extension.authorityKeyIdentifier).issue();
        assertValid(check(ownKey, ee("CN=leaf", ownKey).issue()));
        Issued crossSigned = ca("CN=Cross Signed Anchor", ROOT).without(Extension.authorityKeyIdentifier).issue();
        assertRefused(check(crossSigned, ee("CN=leaf", crossSigned).issue()), Verdict.UNTRUSTED_CHAIN,
            "authorityKeyIdentifier");
    }

    /** §4.2.1.2: every CA certificate, anchor included, carries a subjectKeyIdentifier. */
    @Test
    void testSubjectKeyIdentifierRequiredInCaCertificates() {
        Issued sub = ca("CN=No SKI Sub", ROOT).without(Extension.subjectKeyIdentifier).issue();
        assertRefused(check(ROOT, ee("CN=leaf", sub).issue(), sub), Verdict.UNTRUSTED_CHAIN, "subjectKeyIdentifier");
        Issued root = rootSpec("CN=No SKI Root").without(Extension.subjectKeyIdentifier).issue();
        assertRefused(check(root, ee("CN=leaf", root).issue()), Verdict.UNTRUSTED_CHAIN, "subjectKeyIdentifier");
        assertValid(check(ROOT, ee("CN=leaf without ski", ROOT).without(Extension.subjectKeyIdentifier).issue()));
    }

    /** §4.2.1.3 / §4.2.1.9: keyCertSign only in a CA certificate. */
    @Test
    void testKeyCertSignInAnEndEntity() {
        Issued leaf = ee("CN=leaf", ROOT).keyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign).issue();
        assertRefused(check(ROOT, leaf), Verdict.UNTRUSTED_CHAIN, "keyCertSign without basicConstraints cA");
    }

    /** §4.2.1.9: a pathLenConstraint needs cA and keyCertSign. */
    @Test
    void testPathLenConstraintWithoutKeyCertSign() {
        Issued sub = ca("CN=Odd Sub", ROOT).ca(0).keyUsage(KeyUsage.cRLSign).issue();
        assertRefused(check(ROOT, ee("CN=leaf", sub).issue(), sub), Verdict.UNTRUSTED_CHAIN, "pathLenConstraint");
    }

    /** §4.2.1.10: name constraints only in CA certificates, critical or not. */
    @Test
    void testNameConstraintsInAnEndEntity() {
        for (boolean critical : new boolean[] {true, false}) {
            Issued leaf = ee("CN=leaf", ROOT).extension(Extension.nameConstraints, critical,
                new org.bouncycastle.asn1.x509.NameConstraints(subtrees(dns("example.com")), null)).issue();
            assertRefused(check(ROOT, leaf), Verdict.UNTRUSTED_CHAIN, critical ? "not a CA" : "nameConstraints");
        }
    }

    /**
     * §6.1.4(k): an intermediate is a CA by its cA flag, whether or not basicConstraints is marked critical (PKITS
     * 4.6.4, "basicConstraints Not Critical"), and its path length still counts. The anchor must mark it critical
     * ({@link TrustAnchorTest}).
     */
    @Test
    void testIntermediateBasicConstraintsNotCritical() {
        Issued lax = ca("CN=Lax BC Sub", ROOT).extension(Extension.basicConstraints, false,
            new org.bouncycastle.asn1.x509.BasicConstraints(0)).issue();
        assertValid(check(ROOT, ee("CN=leaf", lax).issue(), lax));
        Issued below = ca("CN=Below Lax", lax).issue();
        assertRefused(check(ROOT, ee("CN=leaf", below).issue(), below, lax), Verdict.UNTRUSTED_CHAIN, "too long");
        Issued notCa = ca("CN=Not CA Sub", ROOT).extension(Extension.basicConstraints, false,
            new org.bouncycastle.asn1.x509.BasicConstraints(false)).keyUsage(KeyUsage.digitalSignature).issue();
        assertRefused(check(ROOT, ee("CN=leaf", notCa).issue(), notCa), Verdict.UNTRUSTED_CHAIN, "CN=Not CA Sub");
    }

    /**
     * RFC 5280 §6.1.4(d)–(f), RFC 3279 §2.3.2: a DSA key that omits its domain parameters takes those of the DSA key
     * that signed its certificate; under a key of another algorithm it has none and verifies nothing. (PKITS 4.1.4,
     * where that key also signs a CRL, is in {@link PkitsTest}.)
     */
    @Test
    void testDsaKeyInheritsItsIssuersDomainParameters() {
        Issued dsaCa = PKI.cert("CN=DSA CA", PKI.keyPair(PkiFactory.Alg.DSA), ROOT).ca(-1).validity(FROM, TO).issue();
        Issued inheriting = withoutDsaParameters("CN=Inheriting CA", dsaCa);
        assertTrue(inheriting.cert().getPublicKey().getEncoded().length
            < dsaCa.cert().getPublicKey().getEncoded().length / 2, "the parameters are left out");
        assertValid(check(ROOT, ee("CN=leaf", inheriting).issue(), inheriting, dsaCa));
        Issued orphan = withoutDsaParameters("CN=Orphan CA", ROOT);
        assertRefused(check(ROOT, ee("CN=leaf", orphan).issue(), orphan), Verdict.UNTRUSTED_CHAIN,
            "does not verify with its issuer's key");
    }

    /** A DSA CA certificate signed by {@code signer} whose subjectPublicKeyInfo leaves the domain parameters out. */
    private static Issued withoutDsaParameters(String dn, Issued signer) {
        java.security.KeyPair keys = PKI.keyPair(PkiFactory.Alg.DSA);
        Issued full = PKI.cert(dn, keys, signer).ca(-1).validity(FROM, TO).issue();
        var spki = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        byte[] der = PKI.resigned(full.cert(), signer, fields -> fields.replaceAll(f -> f.equals(spki)
            ? new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(spki.getAlgorithm().getAlgorithm()),
                spki.getPublicKeyData().getBytes())
            : f));
        try {
            return new Issued((java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(der)), keys,
                PkiFactory.Alg.DSA);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** §4.2.1.11, §4.2.1.1, §4.2.1.2, §4.2.2.1: criticality the profile prescribes. */
    @Test
    void testCriticalityRules() {
        Issued pcLax = ca("CN=PC Sub", ROOT).extension(Extension.policyConstraints, false,
            new PolicyConstraints(BigInteger.valueOf(3), null)).issue();
        assertRefused(check(ROOT, ee("CN=leaf", pcLax).issue(), pcLax), Verdict.UNTRUSTED_CHAIN,
            "policyConstraints not marked critical");
        JcaX509ExtensionUtils u = utils();
        Issued akiCritical = ee("CN=leaf", ROOT).extension(Extension.authorityKeyIdentifier, true,
            u.createAuthorityKeyIdentifier(ROOT.keys().getPublic())).issue();
        assertRefused(check(ROOT, akiCritical), Verdict.UNTRUSTED_CHAIN, "authorityKeyIdentifier marked critical");
        Issued skiCritical = rootSpec("CN=SKI Critical Root").extension(Extension.subjectKeyIdentifier, true,
            new org.bouncycastle.asn1.DEROctetString(new byte[] {1, 2, 3})).issue();
        assertRefused(check(skiCritical, ee("CN=leaf", skiCritical).issue()), Verdict.UNTRUSTED_CHAIN,
            "subjectKeyIdentifier marked critical");
        Issued aiaCritical = ee("CN=leaf", ROOT).extension(Extension.authorityInfoAccess, true,
            new AuthorityInformationAccess(new AccessDescription(AccessDescription.id_ad_caIssuers,
                uri("http://ca.example/root.crt")))).issue();
        assertRefused(check(ROOT, aiaCritical), Verdict.UNTRUSTED_CHAIN, "authorityInfoAccess marked critical");
    }

    /** §4.1.2.2: a positive serial number of at most 20 octets. */
    @Test
    void testSerialNumbers() {
        assertRefused(check(ROOT, ee("CN=zero", ROOT).serial(BigInteger.ZERO).issue()), Verdict.UNTRUSTED_CHAIN,
            "serial number zero or negative");
        assertRefused(check(ROOT, ee("CN=negative", ROOT).serial(BigInteger.valueOf(-42)).issue()),
            Verdict.UNTRUSTED_CHAIN, "serial number zero or negative");
        assertRefused(check(ROOT, ee("CN=long", ROOT).serial(BigInteger.ONE.shiftLeft(168)).issue()),
            Verdict.UNTRUSTED_CHAIN, "longer than 20 octets");
        assertValid(check(ROOT, ee("CN=twenty octets", ROOT).serial(BigInteger.ONE.shiftLeft(159)).issue()));
    }

    /** §4.1.2.6: an empty subject needs a critical subjectAltName. */
    @Test
    void testEmptySubject() {
        Issued lax = ee("", ROOT).extension(Extension.subjectAlternativeName, false, names(dns("example.com"))).issue();
        assertRefused(check(ROOT, lax), Verdict.UNTRUSTED_CHAIN, "empty subject");
        Issued ok = ee("", ROOT).extension(Extension.subjectAlternativeName, true, names(dns("example.com"))).issue();
        assertValid(check(ROOT, ok));
    }

    /** §4.1.2.5: notBefore through notAfter inclusive, compared at the second the instant falls in. */
    @Test
    void testValidityAtOneSecondResolution() {
        java.time.Instant nb = NOW.minus(Duration.ofDays(1));
        java.time.Instant na = NOW.plus(Duration.ofDays(1));
        Issued leaf = ee("CN=timed", ROOT).validity(nb, na).issue();
        CertificateValidator v = validator(List.of(ROOT), List.of(), STRUCTURE_ONLY);
        assertValid(v.validate(leaf.cert(), List.of(), nb));
        assertValid(v.validate(leaf.cert(), List.of(), na));
        assertValid(v.validate(leaf.cert(), List.of(), na.plusMillis(5)));
        assertRefused(v.validate(leaf.cert(), List.of(), nb.minusMillis(1)), Verdict.NOT_YET_VALID, "not valid before");
        assertRefused(v.validate(leaf.cert(), List.of(), na.plusSeconds(1)), Verdict.EXPIRED, "expired");
    }

    private static JcaX509ExtensionUtils utils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
