package vn.hatang.pki.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.pki.validation.TestPki.*;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.junit.jupiter.api.Test;
import vn.hatang.pki.sample.PkiFactory.Issued;

/**
 * Verifies RFC 5280 §4.2.1.6 and §4.2.1.10 for names: malformed names in certificates and in name constraints
 * are refused before any comparison (defect class 4), constraints of a form that cannot be compared give a verdict,
 * not an exception (class 6), the common name is not a DNS name (class 7), and each name form is compared as the
 * RFC defines it.
 */
class NameRulesTest {
    static final Issued ROOT = root("CN=Names Root,C=VN");

    static Issued leafWith(GeneralName... sans) { return san(ee("CN=leaf", ROOT), sans).issue(); }

    /** Verifies §4.2.1.6: a subjectAltName whose value is not DER is refused (the JDK accepted it as non-critical). */
    @Test
    void testSubjectAltNameNotDer() {
        Issued leaf = ee("CN=leaf", ROOT).rawExtension(Extension.subjectAlternativeName, false,
            "example.com".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).issue();
        assertRefused(check(ROOT, leaf), Verdict.UNTRUSTED_CHAIN, "subjectAltName");
    }

    /** Verifies that malformed DNS, e-mail and IP names in a subjectAltName are refused. */
    @Test
    void testMalformedSubjectAltNames() {
        for (GeneralName bad : List.of(dns("_ldap.example.com"), dns(".example.com"), dns("192.0.2.1"), dns(" "),
                dns("a..b"), dns("-x.example.com"), email("a@b@example.com"), email("nobody"),
                ip(192, 0, 2, 0, 255, 255, 255, 0), uri("//no-scheme.example"))) {
            assertRefused(check(ROOT, leafWith(bad)), Verdict.UNTRUSTED_CHAIN, "malformed name in subjectAltName");
        }
        assertValid(check(ROOT, leafWith(dns("*.example.com"), dns("xn--bcher-kva.example"), email("a.b+c@example.com"),
            email("\"quoted@local\"@example.com"), ip(192, 0, 2, 1), uri("https://example.com/x"), uri("urn:isbn:123"))));
    }

    /** Verifies that a malformed name does not slip past a constraint that would permit its well-formed neighbours. */
    @Test
    void testMalformedNamesDoNotSlipPastConstraints() {
        Issued ca = constrained(ca("CN=Constrained", ROOT), subtrees(dns("example.com"), ip(192, 0, 2, 0, 255, 255, 255, 0),
            email("example.com")), null).without(Extension.subjectAlternativeName).issue();
        for (GeneralName bad : List.of(dns(".example.com"), ip(192, 0, 2, 0, 255, 255, 255, 0),
                email("invalid@address@example.com"))) {
            Issued leaf = san(ee("CN=leaf", ca), dns("foo.example.com"), bad).issue();
            assertRefused(check(ROOT, leaf, ca), Verdict.UNTRUSTED_CHAIN, "malformed");
        }
    }

    /** Verifies §4.2.1.10: wildcards, leading periods in DNS constraints and wrong-length IP constraints are refused. */
    @Test
    void testMalformedNameConstraints() {
        for (GeneralSubtree[] bad : List.of(subtrees(dns("*.example.com")), subtrees(dns(".example.com")),
                subtrees(ip(127, 0, 0, 1)), subtrees(ip(10, 0, 0, 0, 255, 0, 255, 0)), subtrees(email("a@b@example.com")),
                subtrees(uri("http://example.com/path")))) {
            Issued root = constrained(rootSpec("CN=Bad NC Root"), bad, null).issue();
            assertRefused(check(root, leafWith(root, dns("foo.example.com"))), Verdict.UNTRUSTED_CHAIN,
                "malformed name constraint");
        }
    }

    /** Verifies each form's matching rule: DNS adds labels to the left, e-mail mailbox/host/.domain, URI host. */
    @Test
    void testMatchingRulesOfEachForm() {
        Issued ca = constrained(ca("CN=Many Forms", ROOT), subtrees(dns("example.com"), email("boss@tinhuy.vn"),
            email("vpt.vn"), email(".gov.vn"), uri(".example.org"), uri("host.example.net"),
            ip(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), null)
            .without(Extension.subjectAlternativeName).issue();
        List<GeneralName> ok = List.of(dns("example.com"), dns("a.b.example.com"), email("boss@tinhuy.vn"),
            email("x@vpt.vn"), email("x@so.gov.vn"), uri("https://www.example.org/"), uri("ldap://host.example.net/c=vn"),
            ip(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1));
        List<GeneralName> outside = List.of(dns("notexample.com"), email("clerk@tinhuy.vn"), email("x@sub.vpt.vn"),
            email("x@gov.vn"), uri("https://example.org/"), uri("https://other.example.net/"),
            uri("urn:isbn:123"), ip(0x20, 0x01, 0x0d, 0xb9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), ip(10, 0, 0, 1));
        for (GeneralName g : ok) assertValid(check(ROOT, leafWith(ca, g), ca));
        for (GeneralName g : outside) {
            assertRefused(check(ROOT, leafWith(ca, g), ca), Verdict.UNTRUSTED_CHAIN, "outside the permitted subtrees");
        }
    }

    /** Verifies excluded subtrees win over permitted ones, and reach the subject's directory name and SAN names. */
    @Test
    void testExcludedSubtrees() {
        Issued ca = constrained(ca("CN=Excluding,O=Tinh uy,C=VN", ROOT), subtrees(dns("example.com"), dn("C=VN")),
            subtrees(dns("bad.example.com"), dn("C=VN,O=Blocked"))).without(Extension.subjectAlternativeName).issue();
        assertValid(check(ROOT, san(ee("CN=ok,O=Tinh uy,C=VN", ca), dns("good.example.com")).issue(), ca));
        assertRefused(check(ROOT, san(ee("CN=x,O=Tinh uy,C=VN", ca), dns("www.bad.example.com")).issue(), ca),
            Verdict.UNTRUSTED_CHAIN, "excluded subtree");
        assertRefused(check(ROOT, san(ee("CN=x,O=Tinh uy,C=VN", ca), dns("*.example.com")).issue(), ca),
            Verdict.UNTRUSTED_CHAIN, "excluded subtree");
        assertRefused(check(ROOT, san(ee("CN=x,O=Blocked,C=VN", ca), dns("good.example.com")).issue(), ca),
            Verdict.UNTRUSTED_CHAIN, "excluded subtree");
        assertRefused(check(ROOT, san(ee("CN=x,O=Tinh uy,C=VN", ca), dn("C=VN,O=Blocked,CN=alias")).issue(), ca),
            Verdict.UNTRUSTED_CHAIN, "excluded subtree");
    }

    /** Verifies §4.2.1.10 for e-mail addresses in the subject when there is no subjectAltName. */
    @Test
    void testEmailAddressInTheSubject() {
        Issued ca = constrained(ca("CN=Mail CA", ROOT), subtrees(email("tinhuy.vn")), null)
            .without(Extension.subjectAlternativeName).issue();
        assertValid(check(ROOT, ee("CN=An,EMAILADDRESS=an@tinhuy.vn", ca).without(Extension.subjectAlternativeName).issue(), ca));
        assertRefused(check(ROOT, ee("CN=An,EMAILADDRESS=an@elsewhere.vn", ca).without(Extension.subjectAlternativeName).issue(), ca),
            Verdict.UNTRUSTED_CHAIN, "emailAddress");
    }

    /** Verifies that otherName constraints give a verdict (refused when an otherName is present), never an exception. */
    @Test
    void testOtherNameConstraintsEndInAVerdict() {
        ASN1ObjectIdentifier type = new ASN1ObjectIdentifier("1.3.6.1.4.1.55738.666.3");
        GeneralName otherName = new GeneralName(GeneralName.otherName,
            new DERSequence(new ASN1Encodable[] {type, new DERTaggedObject(true, 0, DERNull.INSTANCE)}));
        Issued ca = constrained(ca("CN=ON CA", ROOT), subtrees(dns("example.com")), subtrees(otherName))
            .without(Extension.subjectAlternativeName).issue();
        assertRefused(check(ROOT, leafWith(ca, dns("example.com"), otherName), ca), Verdict.UNTRUSTED_CHAIN,
            "otherName names cannot be processed");
        assertValid(check(ROOT, leafWith(ca, dns("example.com")), ca));
    }

    /** Verifies that the common name of a CA without SAN is not taken for a DNS name under DNS constraints. */
    @Test
    void testCommonNameIsNotADnsName() {
        Issued ca = constrained(ca("CN=Sub", ROOT), subtrees(dns("permitted.example.com")), null)
            .without(Extension.subjectAlternativeName).issue();
        Issued sub = ca("CN=an-intermediate.example.org", ca).without(Extension.subjectAlternativeName).issue();
        assertValid(check(ROOT, leafWith(sub, dns("permitted.example.com")), ca, sub));
    }

    /** Verifies self-issued intermediates are exempt from name constraints, a self-issued target is not (§6.1.3(b)). */
    @Test
    void testSelfIssuedCertificates() {
        Issued root = constrained(rootSpec("CN=not-example.com"), subtrees(dns("example.com")), null).issue();
        Issued rollover = san(ca("CN=not-example.com", root), dns("not-example.com")).issue();
        assertValid(check(root, leafWith(rollover, dns("www.example.com")), rollover));
        Issued selfIssuedLeaf = san(ee("CN=not-example.com", rollover), dns("not-example.com")).issue();
        assertRefused(check(root, selfIssuedLeaf, rollover), Verdict.UNTRUSTED_CHAIN, "outside the permitted");
    }

    /** Verifies that a CA with thousands of constraints evaluates each name by look-ups, correctly at both ends. */
    @Test
    void testThousandsOfConstraints() {
        List<GeneralName> permitted = new ArrayList<>();
        for (int i = 0; i < 2500; i++) permitted.add(dns("host" + i + ".tinhuy.vn"));
        Issued root = constrained(rootSpec("CN=Big NC Root"), subtrees(permitted.toArray(GeneralName[]::new)), null)
            .issue();
        List<GeneralName> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) many.add(dns("www.host" + (i * 5) + ".tinhuy.vn"));
        ValidationResult ok = check(root, leafWith(root, many.toArray(GeneralName[]::new)));
        assertValid(ok);
        many.add(dns("host2500.tinhuy.vn"));
        assertRefused(check(root, leafWith(root, many.toArray(GeneralName[]::new))), Verdict.UNTRUSTED_CHAIN,
            "host2500.tinhuy.vn");
        assertTrue(ok.signatureChecks() <= 2, "one signature per certificate: " + ok.signatureChecks());
    }

    static Issued leafWith(Issued issuer, GeneralName... sans) { return san(ee("CN=leaf", issuer), sans).issue(); }
}
