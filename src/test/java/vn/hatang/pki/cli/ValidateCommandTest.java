package vn.hatang.pki.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.cert.CRLReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.hatang.pki.certs.Pem;
import vn.hatang.pki.sample.PkiFactory;
import vn.hatang.pki.sample.PkiFactory.Alg;
import vn.hatang.pki.sample.PkiFactory.Issued;
import vn.hatang.pki.sample.PkiFactory.Revocation;

/** Verifies {@code hatang certs validate}: one line per certificate and an exit status an operator can script. */
class ValidateCommandTest {
    static final PkiFactory PKI = new PkiFactory();
    static final Instant NOW = Instant.now();
    @TempDir static Path dir;
    static Path root, inter, crlRoot, crlInter, oldCrlRoot, oldCrlInter, good, revoked, expired, bundle, garbage;

    @BeforeAll
    static void files() throws Exception {
        Issued r = PKI.root("CN=CLI Root,C=VN", Alg.RSA, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(300)));
        Issued i = PKI.cert("CN=CLI Sub,C=VN", PKI.keyPair(Alg.EC), r).ca(0).issue();
        KeyPair k = PKI.keyPair(Alg.EC);
        Issued g = PKI.cert("CN=Good,C=VN", k, i).issue();
        Issued rv = PKI.cert("CN=Revoked,C=VN", k, i).issue();
        Issued ex = PKI.cert("CN=Expired,C=VN", k, i)
            .validity(NOW.minus(Duration.ofDays(9)), NOW.minus(Duration.ofDays(1))).issue();
        root = Files.writeString(dir.resolve("root.pem"), Pem.of(r.cert()));
        inter = Files.writeString(dir.resolve("sub.pem"), Pem.of(i.cert()));
        crlRoot = Files.write(dir.resolve("root.crl"),
            PKI.crl(r, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)), List.of(), 1).getEncoded());
        List<Revocation> list = new ArrayList<>(PKI.filler(100, NOW.minus(Duration.ofDays(3))));
        list.add(new Revocation(rv.cert().getSerialNumber(), NOW.minus(Duration.ofDays(1)), CRLReason.KEY_COMPROMISE));
        crlInter = Files.writeString(dir.resolve("sub.crl.pem"),
            Pem.of(PKI.crl(i, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)), list, 4)));
        // The CRLs that were current three days ago, before the revocation.
        Instant then = NOW.minus(Duration.ofDays(3));
        oldCrlRoot = Files.write(dir.resolve("old-root.crl"),
            PKI.crl(r, then, then.plus(Duration.ofDays(2)), List.of(), 0).getEncoded());
        oldCrlInter = Files.write(dir.resolve("old-sub.crl"),
            PKI.crl(i, then, then.plus(Duration.ofDays(2)), PKI.filler(10, then.minusSeconds(60)), 3).getEncoded());
        good = Files.write(dir.resolve("good.der"), g.cert().getEncoded());
        revoked = Files.writeString(dir.resolve("revoked.pem"), Pem.of(rv.cert()));
        expired = Files.writeString(dir.resolve("expired.pem"), Pem.of(ex.cert()));
        bundle = Files.writeString(dir.resolve("chain.pem"), Pem.of(g.cert(), i.cert()));
        garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate");
    }

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CertsCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void testAllValidExitsZero() {
        Run r = run("validate", "--trust", root.toString(), "--intermediate", inter.toString(),
            "--crl", crlRoot.toString(), "--crl", crlInter.toString(), good.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().startsWith(good + ": valid — Hợp lệ"), r.out());
        assertTrue(r.out().contains(" / Valid"), r.out());
    }

    @Test
    void testOneLinePerFileAndNonZeroExitWhenAnyIsNotValid() {
        Run r = run("validate", "--lang", "en", "--trust", root.toString(), "--intermediate", inter.toString(),
            "--crl", crlRoot.toString(), "--crl", crlInter.toString(),
            good.toString(), revoked.toString(), expired.toString());
        assertEquals(1, r.status());
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[0].startsWith(good + ": valid — Valid"), lines[0]);
        assertTrue(lines[1].startsWith(revoked + ": revoked — Certificate CN=Revoked was revoked"), lines[1]);
        assertTrue(lines[1].contains("key compromise"), lines[1]);
        assertTrue(lines[2].startsWith(expired + ": expired — "), lines[2]);
    }

    @Test
    void testAtAnEarlierInstantWithTheCrlsOfThatTime() {
        String then = NOW.minus(Duration.ofDays(2)).toString();
        Run r = run("validate", "--lang", "en", "--at", then, "--trust", root.toString(), "--intermediate",
            inter.toString(), "--crl", oldCrlRoot.toString(), "--crl", oldCrlInter.toString(), revoked.toString(),
            expired.toString());
        assertEquals(0, r.status(), r.out());
        Run later = run("validate", "--lang", "en", "--at", then, "--trust", root.toString(), "--intermediate",
            inter.toString(), "--crl", crlRoot.toString(), "--crl", crlInter.toString(), revoked.toString());
        assertEquals(1, later.status(), later.out());
        assertTrue(later.out().contains("issued after the validation time"), later.out());
    }

    @Test
    void testBundleBringsItsOwnIntermediate() {
        Run r = run("validate", "--trust", root.toString(), "--crl", crlRoot.toString(), "--crl",
            crlInter.toString(), bundle.toString());
        assertEquals(0, r.status(), r.out());
        assertEquals(1, r.out().split("\n").length);
    }

    @Test
    void testWithoutCrlsRevocationIsUnknown() {
        Run hard = run("validate", "--offline", "--lang", "en", "--trust", root.toString(), "--intermediate",
            inter.toString(), good.toString());
        assertEquals(1, hard.status());
        assertTrue(hard.out().contains("unknown_revocation — "), hard.out());
        Run soft = run("validate", "--offline", "--soft-fail", "--trust", root.toString(), "--intermediate",
            inter.toString(), good.toString());
        assertEquals(0, soft.status(), soft.out());
    }

    @Test
    void testUnreadableInputIsReportedWithStatusTwo() {
        Run r = run("validate", "--trust", root.toString(), "--intermediate", inter.toString(),
            "--crl", crlRoot.toString(), "--crl", crlInter.toString(), garbage.toString(), good.toString());
        assertEquals(2, r.status());
        assertTrue(r.out().contains(garbage + ": error — Tệp không phải chứng thư số"), r.out());
        assertTrue(r.out().contains(good + ": valid"), r.out());
    }

    /**
     * Verifies that a --crl file that holds no decodable CRL is named on stderr and ignored: the certificates still get
     * their verdicts (revocation unknown where it was the only CRL), while a missing file stops the run (status 2).
     */
    @Test
    void testUndecodableCrlIsIgnoredAndNamed() throws Exception {
        Path cut = Files.writeString(dir.resolve("cut.crl.pem"), "-----BEGIN X509 CRL-----\nMIIB\n");
        Run without = run("validate", "--lang", "en", "--offline", "--trust", root.toString(), "--intermediate",
            inter.toString(), "--crl", crlRoot.toString(), "--crl", garbage.toString(), "--crl", cut.toString(),
            good.toString());
        assertEquals(1, without.status(), without.out() + without.err());
        assertTrue(without.out().contains(good + ": unknown_revocation"), without.out());
        assertTrue(without.err().contains("--crl " + garbage + ": ") && without.err().contains("--crl " + cut + ": ")
            && without.err().contains(" — ignored"), without.err());
        Run with = run("validate", "--offline", "--trust", root.toString(), "--intermediate", inter.toString(),
            "--crl", garbage.toString(), "--crl", crlRoot.toString(), "--crl", crlInter.toString(), good.toString());
        assertEquals(0, with.status(), with.out() + with.err());
        Run missing = run("validate", "--trust", root.toString(), "--crl", dir.resolve("nowhere.crl").toString(),
            good.toString());
        assertEquals(2, missing.status());
        assertTrue(missing.out().isEmpty(), missing.out());
    }

    @Test
    void testUnknownRootIsUntrusted() {
        Run r = run("validate", "--trust", inter.toString(), "--offline", root.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().contains("untrusted_chain"), r.out());
    }

    /**
     * Verifies that a certificate no decoder accepts because it breaks an RFC 5280 §4 rule (an extension twice, an
     * empty issuer) gets the verdict untrusted_chain naming the rule, exit 1, not "unreadable file" (exit 2).
     */
    @Test
    void testNonconformingCertificateGetsAVerdict() throws Exception {
        Issued r = PKI.root("CN=Profile Root,C=VN", Alg.EC, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        X509Certificate leaf = PKI.cert("CN=Twice,C=VN", PKI.keyPair(Alg.EC), r).issue().cert();
        Path twice = Files.write(dir.resolve("twice.der"), PKI.resigned(leaf, r, fields -> {
            ASN1TaggedObject ext = (ASN1TaggedObject) fields.get(fields.size() - 1);
            ASN1Sequence list = ASN1Sequence.getInstance(ext.getExplicitBaseObject());
            ASN1EncodableVector doubled = new ASN1EncodableVector();
            list.forEach(doubled::add);
            doubled.add(list.getObjectAt(0));
            fields.set(fields.size() - 1, new DERTaggedObject(true, 3, new DERSequence(doubled)));
        }));
        Path emptyIssuer = Files.writeString(dir.resolve("empty-issuer.pem"), "-----BEGIN CERTIFICATE-----\n"
            + java.util.Base64.getMimeEncoder().encodeToString(PKI.resigned(leaf, r, f -> f.set(3, new DERSequence())))
            + "\n-----END CERTIFICATE-----\n");
        Path emptySubject = Files.write(dir.resolve("empty-subject.der"), PKI.cert("", PKI.keyPair(Alg.EC), r)
            .extension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName,
                "example.com"))).issue().cert().getEncoded());
        Path rootFile = Files.writeString(dir.resolve("profile-root.pem"), Pem.of(r.cert()));
        Run run = run("validate", "--lang", "en", "--trust", rootFile.toString(), "--no-revocation",
            twice.toString(), emptyIssuer.toString(), emptySubject.toString(), good.toString());
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.out().contains(twice + ": untrusted_chain — The certificate breaks the RFC 5280 profile: extension "
            + Extension.subjectKeyIdentifier + " appears twice (RFC 5280 §4.2)"), run.out());
        assertTrue(run.out().contains(emptyIssuer + ": untrusted_chain — The certificate breaks the RFC 5280 profile: "
            + "empty issuer name (RFC 5280 §4.1.2.4)"), run.out());
        // read by Bouncy Castle, refused by the validator (a trust file with such a certificate stays readable)
        assertTrue(run.out().contains(emptySubject
            + ": untrusted_chain — Certificate (empty subject) breaks the RFC 5280 profile"), run.out());
        assertTrue(run.out().contains(good + ": untrusted_chain"), run.out());
        assertTrue(!run.out().contains("error") && run.err().isEmpty(), run.out() + run.err());
    }

    /** Verifies that a malformed --trust or --intermediate file gets one line in the chosen language naming it. */
    @Test
    void testMalformedTrustOrIntermediateFileIsNamed() {
        Run en = run("validate", "--lang", "en", "--trust", garbage.toString(), good.toString());
        assertEquals(2, en.status());
        assertEquals("--trust " + garbage + ": Not a certificate, PKCS#7 bundle or CRL (PEM/DER)", en.err().strip());
        Run vi = run("validate", "--lang", "vi", "--trust", root.toString(), "--intermediate", garbage.toString(),
            good.toString());
        assertEquals(2, vi.status());
        assertTrue(vi.err().startsWith("--intermediate " + garbage + ": Tệp không phải chứng thư số"), vi.err());
        assertTrue(!vi.err().contains("Exception") && !vi.err().contains("\tat "), vi.err());
    }

    /** Verifies that the valid reason says what was not checked under --no-revocation / --any-key-usage. */
    @Test
    void testValidReasonUnderNoRevocationAndAnyKeyUsage() {
        Run r = run("validate", "--lang", "en", "--no-revocation", "--any-key-usage", "--trust", root.toString(),
            "--intermediate", inter.toString(), good.toString());
        assertEquals(0, r.status(), r.out());
        assertEquals(good + ": valid — Valid: chains to CN=CLI Root,C=VN, revocation not checked, purpose not checked",
            r.out().strip());
    }

    /**
     * Verifies --eku (a required extended key usage; the leaf has no extKeyUsage, so any purpose, and a keyUsage
     * consistent with serverAuth) and --max-depth, with their option errors.
     */
    @Test
    void testEkuAndMaxDepth() {
        Run eku = run("validate", "--lang", "en", "--no-revocation", "--eku", "1.3.6.1.5.5.7.3.1", "--trust",
            root.toString(), "--intermediate", inter.toString(), good.toString());
        assertEquals(0, eku.status(), eku.out());
        assertTrue(eku.out().contains("fit for 1.3.6.1.5.5.7.3.1 (extKeyUsage)"), eku.out());
        Run shallow = run("validate", "--lang", "en", "--no-revocation", "--max-depth", "0", "--trust", root.toString(),
            "--intermediate", inter.toString(), good.toString());
        assertEquals(1, shallow.status(), shallow.out());
        assertTrue(shallow.out().contains("at most 0 intermediate"), shallow.out());
        Run badOid = run("validate", "--lang", "en", "--eku", "server-auth", "--trust", root.toString(), good.toString());
        assertEquals(2, badOid.status());
        assertEquals("--eku: invalid OID: server-auth", badOid.err().strip());
        Run negative = run("validate", "--lang", "vi", "--max-depth", "-1", "--trust", root.toString(), good.toString());
        assertEquals(2, negative.status());
        assertEquals("--max-depth: phải là số không âm", negative.err().strip());
    }

    /** Verifies the forms --at accepts: ISO-8601 with Z or an offset, a space, fractions, a date, epoch seconds. */
    @Test
    void testInstantForms() {
        java.time.Instant jan = java.time.Instant.parse("2024-01-01T00:00:00Z");
        assertEquals(jan, ValidateCommand.parseInstant("2024-01-01T00:00:00Z"));
        assertEquals(jan, ValidateCommand.parseInstant("2024-01-01T07:00:00+07:00"));
        assertEquals(jan, ValidateCommand.parseInstant("2024-01-01 00:00:00+00:00"));
        assertEquals(jan, ValidateCommand.parseInstant("2024-01-01T00:00:00"));
        assertEquals(jan, ValidateCommand.parseInstant("2024-01-01"));
        assertEquals(jan, ValidateCommand.parseInstant("1704067200"));
        assertEquals(jan.plusMillis(5), ValidateCommand.parseInstant("2024-01-01T00:00:00.005Z"));
    }
}
