package vn.hatang.pki.certs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads certificates and CRLs from PEM, DER or PKCS#7 (PEM or DER) files and byte arrays.
 *
 * <p>Rejects, with a clear bilingual message and without returning anything: empty files, files over the
 * size limit (checked before reading), truncated PEM, garbage, and any file containing a private key.
 * Certificates are parsed by the JDK's X.509 factory, whose objects cache a verified signature, so a CA
 * certificate read once is verified once.
 */
public final class PkiFileReader {
    /** Default size limit: a certificate bundle or a CRL with several hundred thousand entries fits. */
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    /** {@link ImportException#code()} of a certificate by its shape that breaks an RFC 5280 §4 rule decoders enforce. */
    public static final String NONCONFORMING = "nonconforming_certificate";

    private final long maxBytes;
    private final boolean lenient;

    public PkiFileReader() { this(DEFAULT_MAX_BYTES); }

    public PkiFileReader(long maxBytes) { this(maxBytes, false); }

    private PkiFileReader(long maxBytes, boolean lenient) {
        this.maxBytes = maxBytes;
        this.lenient = lenient;
    }

    /**
     * A reader that also accepts certificates the JDK refuses to decode (a critical extension whose value is not
     * DER, a public key it cannot read) by decoding them with Bouncy Castle, so that the validator can give them
     * a verdict with the reason instead of the file being rejected. Used by {@code certs validate}; the register
     * keeps refusing such files.
     */
    public static PkiFileReader lenient() { return new PkiFileReader(DEFAULT_MAX_BYTES, true); }

    /** Certificates and CRLs found in one file. */
    public record Contents(List<X509Certificate> certificates, List<X509CRL> crls) {
        public boolean isEmpty() { return certificates.isEmpty() && crls.isEmpty(); }
    }

    public Contents read(Path file) throws ImportException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ImportException("not_found", "Không tìm thấy tệp " + file, "File not found: " + file);
        } catch (IOException e) {
            throw new ImportException("unreadable", "Không đọc được tệp " + file, "Cannot read file " + file);
        }
        checkSize(size);
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ImportException("unreadable", "Không đọc được tệp " + file, "Cannot read file " + file);
        }
    }

    /** Certificates only; a file that holds none (e.g. only a CRL) is an error. */
    public List<X509Certificate> readCertificates(Path file) throws ImportException {
        Contents c = read(file);
        if (c.certificates().isEmpty()) throw noCertificate();
        return c.certificates();
    }

    /** CRLs only; a file that holds none is an error. */
    public List<X509CRL> readCrls(Path file) throws ImportException {
        Contents c = read(file);
        if (c.crls().isEmpty()) {
            throw new ImportException("no_crl", "Tệp không chứa danh sách thu hồi (CRL)", "The file contains no CRL");
        }
        return c.crls();
    }

    public Contents parse(byte[] bytes) throws ImportException {
        checkSize(bytes.length);
        if (bytes.length == 0 || isBlank(bytes)) {
            throw new ImportException("empty", "Tệp rỗng", "The file is empty");
        }
        if (looksLikePem(bytes)) return parsePem(new String(bytes, StandardCharsets.US_ASCII));
        return parseDer(bytes);
    }

    private void checkSize(long size) throws ImportException {
        if (size > maxBytes) {
            throw new ImportException("too_large",
                "Tệp quá lớn (" + size + " byte, tối đa " + maxBytes + " byte)",
                "File too large (" + size + " bytes, limit " + maxBytes + " bytes)");
        }
    }

    private Contents parsePem(String text) throws ImportException {
        if (text.contains("PRIVATE KEY-----")) throw privateKey();
        int begins = count(text, "-----BEGIN ");
        int ends = count(text, "-----END ");
        if (begins != ends) throw truncated();
        List<X509Certificate> certs = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        int objects = 0;
        // PEM blocks are decoded with the JDK's MIME Base64 decoder (a 10,000-entry CRL in a twentieth of the time
        // of a line-by-line reader); a block with RFC 1421 headers goes through Bouncy Castle's PEM reader.
        for (int from = 0, begin; (begin = text.indexOf("-----BEGIN ", from)) >= 0; ) {
            int typeEnd = text.indexOf("-----", begin + 11);
            if (typeEnd < 0) throw truncated();
            String type = text.substring(begin + 11, typeEnd);
            String endLine = "-----END " + type + "-----";
            int end = text.indexOf(endLine, typeEnd + 5);
            if (end < 0) throw truncated();
            byte[] content = pemContent(text.substring(begin, end + endLine.length()), typeEnd + 5 - begin);
            objects++;
            from = end + endLine.length();
            switch (type) {
                case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE" -> certs.add(certificate(content));
                case "PKCS7", "CMS" -> certs.addAll(pkcs7(content));
                case "X509 CRL" -> crls.add(crl(content));
                default -> throw new ImportException("unsupported",
                    "Loại dữ liệu PEM không được hỗ trợ: " + type,
                    "Unsupported PEM type: " + type);
            }
        }
        if (objects != begins) throw truncated();
        return new Contents(List.copyOf(certs), List.copyOf(crls));
    }

    /** The bytes of one PEM block ({@code body} starts at {@code bodyStart} of {@code block}). */
    private static byte[] pemContent(String block, int bodyStart) throws ImportException {
        String body = block.substring(bodyStart, block.lastIndexOf("-----END "));
        try {
            if (body.indexOf(':') < 0) return Base64.getMimeDecoder().decode(body);
            try (PemReader reader = new PemReader(new StringReader(block))) {
                PemObject o = reader.readPemObject();
                if (o == null) throw truncated();
                return o.getContent();
            }
        } catch (IOException | RuntimeException e) {
            throw truncated();
        }
    }

    private Contents parseDer(byte[] der) throws ImportException {
        ASN1Primitive root;
        try {
            root = ASN1Primitive.fromByteArray(der);
        } catch (IOException | RuntimeException e) {
            throw garbage();
        }
        if (!(root instanceof ASN1Sequence seq) || seq.size() < 2) throw garbage();
        if (isPrivateKey(seq)) throw privateKey();
        if (isPkcs7(seq)) return new Contents(pkcs7(der), List.of());
        // Certificate and CertificateList have the same outer shape; tell them apart by their TBS contents.
        try {
            return new Contents(List.of(certificate(der)), List.of());
        } catch (ImportException notCert) {
            try {
                return new Contents(List.of(), List.of(crl(der)));
            } catch (ImportException notCrl) {
                if (NONCONFORMING.equals(notCert.code())) throw notCert;
                throw garbage();
            }
        }
    }

    private X509Certificate certificate(byte[] der) throws ImportException {
        try {
            Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            return (X509Certificate) c;
        } catch (CertificateException | RuntimeException e) {
            ImportException nonconforming = nonconforming(der);     // unreadable to both: no need to load BC's factory
            if (nonconforming != null) throw nonconforming;
            if (lenient) {
                try {
                    return (X509Certificate) new org.bouncycastle.jcajce.provider.asymmetric.x509.CertificateFactory()
                        .engineGenerateCertificate(new ByteArrayInputStream(der));
                } catch (CertificateException | RuntimeException bc) {
                    // neither can decode it: refused below
                }
            }
            throw new ImportException("bad_certificate", "Chứng thư số bị hỏng hoặc sai định dạng",
                "Malformed certificate");
        }
    }

    /**
     * A certificate by its shape (SEQUENCE of TBSCertificate, AlgorithmIdentifier, BIT STRING) that neither decoder
     * accepts because it breaks a rule of RFC 5280 §4 the decoders enforce — an extension repeated (§4.2), an empty
     * issuer (§4.1.2.4) —, so that {@code certs validate} can give it a verdict instead of calling the file unreadable.
     */
    private static ImportException nonconforming(byte[] der) {
        ASN1Sequence tbs;
        try {
            ASN1Sequence outer = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
            if (outer.size() != 3 || !(outer.getObjectAt(2) instanceof ASN1BitString)) return null;
            AlgorithmIdentifier.getInstance(outer.getObjectAt(1));
            tbs = ASN1Sequence.getInstance(outer.getObjectAt(0));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String vi = null, en = null;
        int i = tbs.getObjectAt(0) instanceof ASN1TaggedObject ? 1 : 0;    // [0] version
        if (tbs.size() >= i + 6 && tbs.getObjectAt(i + 2) instanceof ASN1Sequence issuer && issuer.size() == 0) {
            vi = "tên bên cấp rỗng (RFC 5280 §4.1.2.4)";
            en = "empty issuer name (RFC 5280 §4.1.2.4)";
        }
        for (ASN1Encodable field : tbs) {
            if (field instanceof ASN1TaggedObject t && t.getTagNo() == 3) {
                String repeated = repeatedExtension(t);
                if (repeated != null) {
                    vi = "phần mở rộng " + repeated + " xuất hiện hai lần (RFC 5280 §4.2)";
                    en = "extension " + repeated + " appears twice (RFC 5280 §4.2)";
                }
            }
        }
        if (en == null) return null;
        return new ImportException(NONCONFORMING, "Chứng thư số không tuân thủ hồ sơ RFC 5280: " + vi,
            "The certificate breaks the RFC 5280 profile: " + en);
    }

    private static String repeatedExtension(ASN1TaggedObject extensions) {
        try {
            java.util.Set<ASN1Encodable> seen = new java.util.HashSet<>();
            for (ASN1Encodable e : ASN1Sequence.getInstance(extensions.getExplicitBaseObject())) {
                ASN1Encodable oid = ASN1Sequence.getInstance(e).getObjectAt(0);
                if (!seen.add(oid)) return oid.toString();
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    private static List<X509Certificate> pkcs7(byte[] der) throws ImportException {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(der))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) throw noCertificate();
            return out;
        } catch (CertificateException | RuntimeException e) {
            throw new ImportException("bad_pkcs7", "Gói PKCS#7 bị hỏng hoặc sai định dạng", "Malformed PKCS#7 bundle");
        }
    }

    private static X509CRL crl(byte[] der) throws ImportException {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (CertificateException | CRLException | RuntimeException e) {
            throw new ImportException("bad_crl", "Danh sách thu hồi (CRL) bị hỏng hoặc sai định dạng", "Malformed CRL");
        }
    }

    private static boolean isPkcs7(ASN1Sequence seq) {
        return PKCSObjectIdentifiers.signedData.equals(seq.getObjectAt(0));
    }

    /** PKCS#8 PrivateKeyInfo, PKCS#1 RSAPrivateKey or SEC1 ECPrivateKey: all start with a small INTEGER version. */
    private static boolean isPrivateKey(ASN1Sequence seq) {
        ASN1Encodable first = seq.getObjectAt(0);
        if (!(first instanceof ASN1Integer version) || version.getValue().bitLength() > 8) return false;
        ASN1Encodable second = seq.getObjectAt(1);
        if (second instanceof ASN1Sequence alg && seq.size() >= 3 && seq.getObjectAt(2) instanceof ASN1OctetString) {
            try {
                AlgorithmIdentifier.getInstance(alg);
                return true;                                   // PKCS#8
            } catch (RuntimeException e) {
                return false;
            }
        }
        if (second instanceof ASN1OctetString) return true;    // SEC1 EC private key
        return seq.size() >= 9 && second instanceof ASN1Integer; // PKCS#1 RSA private key
    }

    private static boolean looksLikePem(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 64 * 1024), StandardCharsets.US_ASCII);
        return head.contains("-----BEGIN ");
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) if (!Character.isWhitespace(b)) return false;
        return true;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) n++;
        return n;
    }

    private static ImportException privateKey() {
        return new ImportException("private_key",
            "Tệp chứa khóa bí mật — không được tải khóa bí mật lên; tệp đã bị từ chối và không lưu gì",
            "The file contains a private key — never upload private keys; the file was rejected and nothing was stored");
    }

    private static ImportException truncated() {
        return new ImportException("truncated_pem", "Tệp PEM bị cắt cụt hoặc hỏng", "Truncated or damaged PEM file");
    }

    private static ImportException garbage() {
        return new ImportException("not_pki", "Tệp không phải chứng thư số, gói PKCS#7 hay CRL (PEM/DER)",
            "Not a certificate, PKCS#7 bundle or CRL (PEM/DER)");
    }

    private static ImportException noCertificate() {
        return new ImportException("no_certificate", "Tệp không chứa chứng thư số nào",
            "The file contains no certificate");
    }
}
