package vn.hatang.pki.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.pki.sample.OpensslOcspResponder;
import vn.hatang.pki.sample.PkiFactory;
import vn.hatang.pki.sample.PkiFactory.Alg;
import vn.hatang.pki.sample.PkiFactory.Issued;
import vn.hatang.pki.sample.PkiFactory.Revocation;

/**
 * Verifies the verdicts on a test PKI built here (root → intermediate → end entity, RSA-2048 and ECDSA P-256),
 * with CRLs served over real HTTP and a real {@code openssl ocsp} responder.
 */
class CertificateValidatorTest {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final PkiFactory PKI = new PkiFactory();
    static TestCrlServer http;
    static OpensslOcspResponder ocsp;
    @TempDir static Path tmp;

    static Issued rsaRoot, rsaInter, revokedInter, ecRoot, ecInter;
    static Issued rsaEe, ecEe, expired, notYet, revokedByCrl, wrongUsage, broken, underRevokedInter,
        ocspGood, ocspRevoked, deadCdp;
    static Instant crlRevocationDate = NOW.minus(Duration.ofDays(2));

    @BeforeAll
    static void buildPki() throws Exception {
        http = new TestCrlServer();
        Instant from = NOW.minus(Duration.ofDays(30));
        Instant to = NOW.plus(Duration.ofDays(3650));
        rsaRoot = PKI.root("CN=Root CA RSA,O=Ban Co yeu Chinh phu,C=VN", Alg.RSA, from, to);
        ecRoot = PKI.root("CN=Root CA EC,O=Ban Co yeu Chinh phu,C=VN", Alg.EC, from, to);
        rsaInter = PKI.cert("CN=Sub CA RSA,O=Ban Co yeu Chinh phu,C=VN", PKI.keyPair(Alg.RSA), rsaRoot)
            .ca(0).validity(from, to).crlUrl(http.url("/root-rsa.crl")).issue();
        revokedInter = PKI.cert("CN=Revoked Sub CA,O=Ban Co yeu Chinh phu,C=VN", PKI.keyPair(Alg.RSA), rsaRoot)
            .ca(0).validity(from, to).crlUrl(http.url("/root-rsa.crl")).issue();
        ecInter = PKI.cert("CN=Sub CA EC,O=Ban Co yeu Chinh phu,C=VN", PKI.keyPair(Alg.EC), ecRoot)
            .ca(0).validity(from, to).crlUrl(http.url("/root-ec.crl")).issue();

        KeyPair rsaKey = PKI.keyPair(Alg.RSA);
        KeyPair ecKey = PKI.keyPair(Alg.EC);
        String rsaCrl = http.url("/sub-rsa.crl");
        rsaEe = PKI.cert("CN=Nguyễn Văn An,UID=CCCD:001085012345,O=Văn phòng Tỉnh ủy,C=VN", rsaKey, rsaInter)
            .crlUrl(rsaCrl).issue();
        ecEe = PKI.cert("CN=Trần Thị Bình,O=Văn phòng Tỉnh ủy,C=VN", ecKey, ecInter)
            .crlUrl(http.url("/sub-ec.crl")).issue();
        expired = PKI.cert("CN=Expired", rsaKey, rsaInter).crlUrl(rsaCrl)
            .validity(NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(1))).issue();
        notYet = PKI.cert("CN=Not Yet", rsaKey, rsaInter).crlUrl(rsaCrl)
            .validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(20))).issue();
        revokedByCrl = PKI.cert("CN=Revoked By CRL", rsaKey, rsaInter).crlUrl(rsaCrl).issue();
        wrongUsage = PKI.cert("CN=Encryption Only", rsaKey, rsaInter).crlUrl(rsaCrl)
            .keyUsage(KeyUsage.keyEncipherment).issue();
        broken = PKI.cert("CN=Broken Signature", ecKey, ecInter).crlUrl(http.url("/sub-ec.crl"))
            .brokenSignature().issue();
        underRevokedInter = PKI.cert("CN=Under Revoked CA", rsaKey, revokedInter)
            .crlUrl(http.url("/revoked-sub.crl")).issue();
        deadCdp = PKI.cert("CN=Dead CDP", rsaKey, rsaInter).crlUrl("http://127.0.0.1:9/none.crl").issue();

        http.put("/root-rsa.crl", PKI.crl(rsaRoot, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(7)),
            List.of(new Revocation(revokedInter.cert().getSerialNumber(), crlRevocationDate, CRLReason.CA_COMPROMISE)),
            1));
        http.put("/root-ec.crl", PKI.crl(ecRoot, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(7)), List.of(), 1));
        List<Revocation> subRevoked = new ArrayList<>(PKI.filler(1000, NOW.minus(Duration.ofDays(5))));
        subRevoked.add(new Revocation(revokedByCrl.cert().getSerialNumber(), crlRevocationDate,
            CRLReason.KEY_COMPROMISE));
        http.put("/sub-rsa.crl", PKI.crl(rsaInter, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(7)), subRevoked, 7));
        http.put("/sub-ec.crl", PKI.crl(ecInter, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(7)),
            PKI.filler(10, NOW), 3));
        http.put("/revoked-sub.crl", PKI.crl(revokedInter, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(7)),
            List.of(), 1));

        // The OCSP-checked certificates name only a responder, no distribution point.
        String placeholder = "http://127.0.0.1:1/";
        ocspGood = PKI.cert("CN=Good By OCSP", rsaKey, rsaInter).ocspUrl(placeholder).issue();
        ocspRevoked = PKI.cert("CN=Revoked By OCSP", rsaKey, rsaInter).ocspUrl(placeholder).issue();
        ocsp = OpensslOcspResponder.start(tmp.resolve("ocsp"), rsaInter, List.of(
            OpensslOcspResponder.Entry.good(ocspGood.cert()),
            new OpensslOcspResponder.Entry(ocspRevoked.cert(), crlRevocationDate, CRLReason.AFFILIATION_CHANGED)));
        ocspGood = PKI.cert("CN=Good By OCSP", rsaKey, rsaInter).serial(ocspGood.cert().getSerialNumber())
            .ocspUrl(ocsp.url()).issue();
        ocspRevoked = PKI.cert("CN=Revoked By OCSP", rsaKey, rsaInter).serial(ocspRevoked.cert().getSerialNumber())
            .ocspUrl(ocsp.url()).issue();
    }

    @AfterAll
    static void stop() {
        if (ocsp != null) ocsp.close();
        if (http != null) http.close();
    }

    static CertificateValidator validator(ValidatorOptions options) {
        TrustStore trust = new TrustStore(List.of(rsaRoot.cert(), ecRoot.cert()),
            List.of(rsaInter.cert(), revokedInter.cert(), ecInter.cert()));
        return new CertificateValidator(trust, options, Clock.systemUTC());
    }

    static CertificateValidator validator() {
        return validator(ValidatorOptions.defaults().withHttpTimeout(Duration.ofSeconds(2)));
    }

    static ValidationResult check(CertificateValidator v, Issued c) {
        return v.validate(c.cert(), List.of(), NOW);
    }

    @Test
    void testValidRsaChainWithCrlFetchedOverHttp() {
        ValidationResult r = check(validator(), rsaEe);
        assertEquals(Verdict.VALID, r.verdict(), r.reason().toString());
        assertTrue(r.acceptable());
        assertEquals(3, r.path().size());
        assertTrue(http.hits("/sub-rsa.crl") >= 1, "the CRL was fetched from its distribution point");
        assertTrue(r.reasonVi().startsWith("Hợp lệ"), r.reasonVi());
        assertTrue(r.reasonEn().startsWith("Valid"), r.reasonEn());
    }

    @Test
    void testValidEcdsaChain() {
        ValidationResult r = check(validator(), ecEe);
        assertEquals(Verdict.VALID, r.verdict(), r.reason().toString());
    }

    @Test
    void testCrlIsCachedUntilNextUpdate() {
        CertificateValidator v = validator();
        check(v, ecEe);
        int before = http.hits("/sub-ec.crl");
        for (int i = 0; i < 5; i++) assertEquals(Verdict.VALID, check(v, ecEe).verdict());
        assertEquals(before, http.hits("/sub-ec.crl"), "no new download while the CRL is current");
    }

    @Test
    void testExpired() {
        ValidationResult r = check(validator(), expired);
        assertEquals(Verdict.EXPIRED, r.verdict());
        assertFalse(r.acceptable());
        assertTrue(r.reasonVi().contains("hết hạn"), r.reasonVi());
        assertTrue(r.reasonEn().contains("expired"), r.reasonEn());
    }

    @Test
    void testNotYetValid() {
        assertEquals(Verdict.NOT_YET_VALID, check(validator(), notYet).verdict());
    }

    @Test
    void testRevokedByCrlServedOverHttp() {
        ValidationResult r = check(validator(), revokedByCrl);
        assertEquals(Verdict.REVOKED, r.verdict(), r.reason().toString());
        assertEquals(CRLReason.KEY_COMPROMISE, r.revocationReason());
        assertEquals(crlRevocationDate, r.revocationDate());
        assertEquals("crl", r.revocationSource());
        assertTrue(r.reasonVi().contains("lộ khóa bí mật"), r.reasonVi());
        assertTrue(r.reasonEn().contains("key compromise"), r.reasonEn());
    }

    /**
     * Verifies that the validation time is the "current time" of RFC 5280 §6.3: a CRL issued after it does not speak
     * for it (the status is unknown), while the CRL that was current then does.
     */
    @Test
    void testOnlyTheCrlCurrentAtTheValidationTimeSpeaksForIt() {
        Instant earlier = crlRevocationDate.minusSeconds(3600);
        ValidationResult r = validator().validate(revokedByCrl.cert(), List.of(), earlier);
        assertEquals(Verdict.UNKNOWN_REVOCATION, r.verdict(), r.reason().toString());
        assertTrue(r.reasonEn().contains("issued after the validation time"), r.reasonEn());

        CertificateValidator v = validator(ValidatorOptions.defaults().withNetwork(false, false));
        v.crls().importCrls(List.of(
            PKI.crl(rsaRoot, earlier.minus(Duration.ofDays(1)), earlier.plus(Duration.ofDays(1)), List.of(), 1),
            PKI.crl(rsaInter, earlier.minus(Duration.ofDays(1)), earlier.plus(Duration.ofDays(1)), List.of(), 6)));
        assertEquals(Verdict.VALID, v.validate(revokedByCrl.cert(), List.of(), earlier).verdict());
    }

    /** Verifies RFC 5280 §6.3.3(i): a listed serial is revoked, even with a revocationDate after the validation time. */
    @Test
    void testListedSerialIsRevokedWhateverItsRevocationDate() {
        CertificateValidator v = validator(ValidatorOptions.defaults().withNetwork(false, false));
        v.crls().importCrls(List.of(
            PKI.crl(rsaRoot, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)), List.of(), 5),
            PKI.crl(rsaInter, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)), List.of(new Revocation(
                revokedByCrl.cert().getSerialNumber(), NOW.plus(Duration.ofDays(1)), CRLReason.SUPERSEDED)), 9)));
        assertEquals(Verdict.REVOKED, check(v, revokedByCrl).verdict());
    }

    @Test
    void testRevokedByOcspFromOpensslResponder() {
        ValidationResult r = check(validator(), ocspRevoked);
        assertEquals(Verdict.REVOKED, r.verdict(), r.reason().toString());
        assertEquals("ocsp", r.revocationSource());
        assertEquals(CRLReason.AFFILIATION_CHANGED, r.revocationReason());
        assertEquals(crlRevocationDate, r.revocationDate());
    }

    @Test
    void testGoodByOcspFromOpensslResponder() {
        ValidationResult r = check(validator(), ocspGood);
        assertEquals(Verdict.VALID, r.verdict(), r.reason().toString());
    }

    @Test
    void testWrongKeyUsage() {
        ValidationResult r = check(validator(), wrongUsage);
        assertEquals(Verdict.WRONG_KEY_USAGE, r.verdict());
        assertTrue(r.reasonEn().contains("digitalSignature"), r.reasonEn());
    }

    @Test
    void testUnknownRoot() {
        Issued otherRoot = PKI.root("CN=Unknown Root", Alg.EC, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        Issued ee = PKI.cert("CN=Stranger", PKI.keyPair(Alg.EC), otherRoot).issue();
        ValidationResult r = check(validator(), ee);
        assertEquals(Verdict.UNTRUSTED_CHAIN, r.verdict());
        assertTrue(r.reasonEn().contains("CN=Unknown Root"), r.reasonEn());
    }

    @Test
    void testBrokenSignature() {
        ValidationResult r = check(validator(), broken);
        assertEquals(Verdict.UNTRUSTED_CHAIN, r.verdict());
        assertTrue(r.reasonEn().contains("signature"), r.reasonEn());
    }

    @Test
    void testRevokedIntermediate() {
        ValidationResult r = check(validator(), underRevokedInter);
        assertEquals(Verdict.REVOKED, r.verdict(), r.reason().toString());
        assertEquals(CRLReason.CA_COMPROMISE, r.revocationReason());
        assertTrue(r.reasonEn().contains("Intermediate CA certificate CN=Revoked Sub CA"), r.reasonEn());
    }

    @Test
    void testUnreachableCrlIsUnknownAndUnacceptableUnderHardFail() {
        ValidationResult r = check(validator(), deadCdp);
        assertEquals(Verdict.UNKNOWN_REVOCATION, r.verdict(), r.reason().toString());
        assertFalse(r.acceptable());
    }

    @Test
    void testUnreachableCrlIsUnknownButAcceptableUnderSoftFail() {
        ValidationResult r = check(validator(ValidatorOptions.defaults().withPolicy(RevocationPolicy.SOFT_FAIL)
            .withHttpTimeout(Duration.ofSeconds(2))), deadCdp);
        assertEquals(Verdict.UNKNOWN_REVOCATION, r.verdict(), r.reason().toString());
        assertTrue(r.acceptable());
    }

    @Test
    void testCrlOverTheSizeLimitIsNotUsed() {
        CertificateValidator v = validator(ValidatorOptions.defaults().withMaxCrlBytes(2000));
        ValidationResult r = check(v, rsaEe);
        assertEquals(Verdict.UNKNOWN_REVOCATION, r.verdict(), r.reason().toString());
        assertTrue(r.reasonEn().contains("exceeds") || r.reasonEn().contains("too large"), r.reasonEn());
    }

    @Test
    void testCrlServerThatNeverAnswersIsCutOffByTheTimeLimit() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        com.sun.net.httpserver.HttpServer stall = com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        stall.createContext("/", ex -> {
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        stall.start();
        try {
            Issued ee = PKI.cert("CN=Slow CDP", PKI.keyPair(Alg.EC), ecInter)
                .crlUrl("http://127.0.0.1:" + stall.getAddress().getPort() + "/slow.crl").issue();
            CertificateValidator v = validator(ValidatorOptions.defaults().withHttpTimeout(Duration.ofMillis(500)));
            long t0 = System.nanoTime();
            ValidationResult r = check(v, ee);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Verdict.UNKNOWN_REVOCATION, r.verdict(), r.reason().toString());
            assertTrue(r.reasonEn().contains("timeout"), r.reasonEn());
            assertTrue(ms < 10_000, "gave up after " + ms + " ms");
        } finally {
            release.countDown();
            stall.stop(0);
        }
    }

    @Test
    void testCrlSignedByAnotherKeyIsNotTrusted() {
        Issued impostor = PKI.root("CN=Sub CA EC,O=Ban Co yeu Chinh phu,C=VN", Alg.EC, NOW.minusSeconds(60),
            NOW.plus(Duration.ofDays(1)));
        CertificateValidator v = validator(ValidatorOptions.defaults().withNetwork(false, false));
        v.crls().importCrls(List.of(PKI.crl(impostor, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)),
            List.of(), 99)));
        v.crls().importCrls(List.of(PKI.crl(ecRoot, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)), List.of(), 2)));
        ValidationResult r = check(v, ecEe);
        assertEquals(Verdict.UNKNOWN_REVOCATION, r.verdict(), r.reason().toString());
        assertTrue(r.reasonEn().contains("signature on the CRL"), r.reasonEn());
    }

    @Test
    void testImportedCrlsWorkWithoutNetwork() {
        CertificateValidator v = validator(ValidatorOptions.defaults().withNetwork(false, false));
        v.crls().importCrls(List.of(
            PKI.crl(rsaRoot, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)), List.of(), 5),
            PKI.crl(rsaInter, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)), List.of(
                new Revocation(revokedByCrl.cert().getSerialNumber(), crlRevocationDate, CRLReason.SUPERSEDED)), 9)));
        assertEquals(Verdict.VALID, check(v, rsaEe).verdict());
        ValidationResult r = check(v, revokedByCrl);
        assertEquals(Verdict.REVOKED, r.verdict());
        assertEquals(CRLReason.SUPERSEDED, r.revocationReason());
    }

    @Test
    void testStaleCrlGivesUnknownStatus() {
        CertificateValidator v = validator(ValidatorOptions.defaults().withNetwork(false, false));
        v.crls().importCrls(List.of(
            PKI.crl(rsaRoot, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(3)), List.of(), 5),
            PKI.crl(rsaInter, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)), List.of(), 9)));
        ValidationResult r = check(v, rsaEe);
        assertEquals(Verdict.UNKNOWN_REVOCATION, r.verdict());
        assertTrue(r.reasonEn().contains("nextUpdate"), r.reasonEn());
    }

    @Test
    void testBundleSuppliesTheIntermediate() {
        TrustStore onlyRoot = new TrustStore(List.of(ecRoot.cert()), List.of());
        CertificateValidator v = new CertificateValidator(onlyRoot, ValidatorOptions.defaults(), Clock.systemUTC());
        assertEquals(Verdict.UNTRUSTED_CHAIN, v.validate(ecEe.cert(), List.of(), NOW).verdict());
        X509Certificate inter = ecInter.cert();
        ValidationResult r = v.validate(ecEe.cert(), List.of(inter), NOW);
        assertEquals(Verdict.VALID, r.verdict(), r.reason().toString());
        assertNotNull(r.path());
    }
}
