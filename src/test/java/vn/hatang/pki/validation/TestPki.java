package vn.hatang.pki.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import vn.hatang.pki.sample.PkiFactory;
import vn.hatang.pki.sample.PkiFactory.Alg;
import vn.hatang.pki.sample.PkiFactory.Issued;

/**
 * A small test PKI for the RFC 5280 rule tests: EC P-256 certificates built with Bouncy Castle, validated without
 * revocation and without a purpose unless a test says otherwise, so each test exercises one rule.
 */
final class TestPki {
    static final PkiFactory PKI = new PkiFactory();
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant FROM = NOW.minus(Duration.ofDays(30));
    static final Instant TO = NOW.plus(Duration.ofDays(300));
    static final ValidatorOptions STRUCTURE_ONLY =
        ValidatorOptions.defaults().withRevocationChecking(false).withPurpose(Purpose.ANY);

    private TestPki() {}

    static KeyPair key() { return PKI.keyPair(Alg.EC); }

    static Issued root(String dn) { return PKI.root(dn, Alg.EC, FROM, TO); }

    /** A root still to be customised. */
    static PkiFactory.Spec rootSpec(String dn) { return PKI.selfSigned(dn, key()).ca(-1).validity(FROM, TO); }

    static PkiFactory.Spec ca(String dn, Issued issuer) { return PKI.cert(dn, key(), issuer).ca(-1).validity(FROM, TO); }

    static PkiFactory.Spec ee(String dn, Issued issuer) { return PKI.cert(dn, key(), issuer).validity(FROM, TO); }

    static CertificateValidator validator(List<Issued> anchors, List<Issued> intermediates, ValidatorOptions o) {
        return new CertificateValidator(new TrustStore(anchors.stream().map(Issued::cert).toList(),
            intermediates.stream().map(Issued::cert).toList()), o, Clock.systemUTC());
    }

    /** Validates {@code target} at NOW against {@code anchor}, with {@code intermediates} sent alongside. */
    static ValidationResult check(Issued anchor, Issued target, Issued... intermediates) {
        return validator(List.of(anchor), List.of(), STRUCTURE_ONLY).validate(target.cert(),
            Arrays.stream(intermediates).map(Issued::cert).toList(), NOW);
    }

    static void assertValid(ValidationResult r) {
        assertEquals(Verdict.VALID, r.verdict(), r.reasonEn());
    }

    /** Not acceptable, with the given verdict, and the English reason mentions {@code text}. */
    static void assertRefused(ValidationResult r, Verdict verdict, String text) {
        assertEquals(verdict, r.verdict(), r.reasonEn());
        assertTrue(!r.acceptable(), r.reasonEn());
        assertTrue(r.reasonEn().contains(text), "expected \"" + text + "\" in: " + r.reasonEn());
        assertTrue(!r.reasonVi().isBlank() && !r.reasonVi().equals(r.reasonEn()), r.reasonVi());
    }

    static GeneralNames names(GeneralName... names) { return new GeneralNames(names); }

    static GeneralName dns(String s) { return new GeneralName(GeneralName.dNSName, s); }

    static GeneralName email(String s) { return new GeneralName(GeneralName.rfc822Name, s); }

    static GeneralName uri(String s) { return new GeneralName(GeneralName.uniformResourceIdentifier, s); }

    static GeneralName dn(String s) { return new GeneralName(new org.bouncycastle.asn1.x500.X500Name(s)); }

    static GeneralName ip(int... octets) {
        byte[] b = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) b[i] = (byte) octets[i];
        return new GeneralName(GeneralName.iPAddress, new org.bouncycastle.asn1.DEROctetString(b));
    }

    static GeneralSubtree[] subtrees(GeneralName... names) {
        return Arrays.stream(names).map(GeneralSubtree::new).toArray(GeneralSubtree[]::new);
    }

    /** A spec with a critical name constraints extension. */
    static PkiFactory.Spec constrained(PkiFactory.Spec spec, GeneralSubtree[] permitted, GeneralSubtree[] excluded) {
        return spec.extension(Extension.nameConstraints, true, new NameConstraints(permitted, excluded));
    }

    static PkiFactory.Spec san(PkiFactory.Spec spec, GeneralName... names) {
        return spec.extension(Extension.subjectAlternativeName, false, names(names));
    }
}
