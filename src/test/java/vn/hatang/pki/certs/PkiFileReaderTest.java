package vn.hatang.pki.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.pki.sample.PkiFactory;
import vn.hatang.pki.sample.PkiFactory.Alg;
import vn.hatang.pki.sample.PkiFactory.Issued;

/** Verifies that certificate files are read in every supported form and that bad files are refused clearly. */
class PkiFileReaderTest {
    static final PkiFactory PKI = new PkiFactory();
    static Issued root;
    static Issued ee;
    @TempDir Path dir;
    final PkiFileReader reader = new PkiFileReader();

    @BeforeAll
    static void pki() {
        root = PKI.root("CN=Root,C=VN", Alg.EC, Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(9)));
        ee = PKI.cert("CN=Lê Văn Cường,UID=CCCD:001085012345,C=VN", PKI.keyPair(Alg.EC), root).issue();
    }

    @Test
    void testReadsPemBundleDerAndPkcs7() throws Exception {
        assertEquals(List.of(ee.cert(), root.cert()), reader.parse(Pem.of(ee.cert(), root.cert())
            .getBytes(StandardCharsets.US_ASCII)).certificates());
        assertEquals(List.of(ee.cert()), reader.parse(ee.cert().getEncoded()).certificates());
        CMSSignedDataGenerator g = new CMSSignedDataGenerator();
        g.addCertificates(new JcaCertStore(List.of(ee.cert(), root.cert())));
        byte[] p7 = g.generate(new CMSProcessableByteArray(new byte[0])).getEncoded();
        assertEquals(2, reader.parse(p7).certificates().size());
        String p7pem = "-----BEGIN PKCS7-----\n" + Base64.getMimeEncoder().encodeToString(p7) + "\n-----END PKCS7-----\n";
        assertEquals(2, reader.parse(p7pem.getBytes(StandardCharsets.US_ASCII)).certificates().size());
        assertTrue(ee.cert().getSubjectX500Principal().getName().contains("Lê Văn Cường"));
    }

    @Test
    void testReadsCrlInPemAndDer() throws Exception {
        var crl = PKI.crl(root, Instant.now(), Instant.now().plusSeconds(3600), List.of(), 1);
        assertEquals(1, reader.parse(crl.getEncoded()).crls().size());
        assertEquals(1, reader.parse(Pem.of(crl).getBytes(StandardCharsets.US_ASCII)).crls().size());
    }

    @Test
    void testGarbageIsRefused() {
        ImportException e = assertThrows(ImportException.class,
            () -> reader.parse("hello, this is not a certificate".getBytes(StandardCharsets.UTF_8)));
        assertEquals("not_pki", e.code());
        assertTrue(e.messageVi().contains("không phải chứng thư"), e.messageVi());
        byte[] randomDer = {0x30, 0x03, 0x02, 0x01, 0x05};
        assertThrows(ImportException.class, () -> reader.parse(randomDer));
    }

    @Test
    void testTruncatedPemIsRefused() {
        String pem = Pem.of(ee.cert());
        byte[] half = pem.substring(0, pem.length() / 2).getBytes(StandardCharsets.US_ASCII);
        ImportException e = assertThrows(ImportException.class, () -> reader.parse(half));
        assertEquals("truncated_pem", e.code());
        String noEnd = pem.replace("-----END CERTIFICATE-----", "");
        assertEquals("truncated_pem", assertThrows(ImportException.class,
            () -> reader.parse(noEnd.getBytes(StandardCharsets.US_ASCII))).code());
    }

    @Test
    void testPrivateKeyIsRefusedWithoutEchoingIt() throws Exception {
        KeyPair kp = PKI.keyPair(Alg.RSA);
        String keyPem = Pem.of(kp.getPrivate());
        String bundle = Pem.of(ee.cert()) + keyPem;
        ImportException e = assertThrows(ImportException.class,
            () -> reader.parse(bundle.getBytes(StandardCharsets.US_ASCII)));
        assertEquals("private_key", e.code());
        assertTrue(e.messageEn().contains("private key"), e.messageEn());
        String keyBody = keyPem.split("\n")[1];
        assertFalse(e.getMessage().contains(keyBody.substring(0, 20)), "the key is not echoed");
        // DER forms: PKCS#8 and SEC1 EC keys.
        assertEquals("private_key", assertThrows(ImportException.class,
            () -> reader.parse(kp.getPrivate().getEncoded())).code());
        assertEquals("private_key", assertThrows(ImportException.class,
            () -> reader.parse(PKI.keyPair(Alg.EC).getPrivate().getEncoded())).code());
    }

    @Test
    void testFiftyMegabyteFileIsRefusedBeforeReading() throws Exception {
        Path big = dir.resolve("big.pem");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(50L * 1024 * 1024);
        }
        ImportException e = assertThrows(ImportException.class, () -> reader.read(big));
        assertEquals("too_large", e.code());
        assertTrue(e.messageVi().contains("quá lớn"), e.messageVi());
    }

    @Test
    void testEmptyAndMissingFiles() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "  \n");
        assertEquals("empty", assertThrows(ImportException.class, () -> reader.read(empty)).code());
        assertEquals("not_found", assertThrows(ImportException.class,
            () -> reader.read(dir.resolve("missing.pem"))).code());
    }
}
