package vn.hatang.pki.certs;

import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;
import vn.hatang.pki.validation.CertExtensions;

/**
 * The fields of a certificate the office works with: subject (Vietnamese names in UTF8String), the personal
 * identifier government signing certificates carry in the subject (UID such as {@code CCCD:001085012345},
 * {@code CMND:...}, {@code MST:...}, or serialNumber), issuer, serial, validity, key usages, policies, CRL and OCSP
 * locations and the SHA-256 fingerprint that deduplicates imports.
 */
public record CertificateInfo(
        String fingerprintSha256,
        String subject,
        String commonName,
        String personalId,
        String email,
        String issuer,
        String serialHex,
        Instant notBefore,
        Instant notAfter,
        String keyAlgorithm,
        List<String> keyUsage,
        List<String> extendedKeyUsage,
        List<String> policies,
        List<String> crlUrls,
        List<String> ocspUrls,
        boolean ca) {

    private static final String[] KEY_USAGE_NAMES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    public static CertificateInfo of(X509Certificate c) {
        X500Name subject = X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
        String cn = first(subject, BCStyle.CN);
        String uid = first(subject, BCStyle.UID);
        String serialNumber = first(subject, BCStyle.SERIALNUMBER);
        String email = first(subject, BCStyle.EmailAddress);
        return new CertificateInfo(fingerprint(c), c.getSubjectX500Principal().getName(X500Principal.RFC2253), cn,
            uid != null ? uid : serialNumber, email != null ? email : rfc822(c),
            c.getIssuerX500Principal().getName(X500Principal.RFC2253), c.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
            c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), c.getPublicKey().getAlgorithm(),
            keyUsage(c), eku(c), policies(c), CertExtensions.crlUrls(c), CertExtensions.ocspUrls(c),
            CertExtensions.isCa(c));
    }

    public static String fingerprint(X509Certificate c) {
        try {
            return sha256Hex(c.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The identifier without its kind prefix: {@code CCCD:001085012345} → {@code 001085012345}. */
    public String personalIdNumber() {
        if (personalId == null) return null;
        int colon = personalId.indexOf(':');
        return colon >= 0 ? personalId.substring(colon + 1).trim() : personalId.trim();
    }

    private static String first(X500Name name, ASN1ObjectIdentifier type) {
        for (RDN rdn : name.getRDNs(type)) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(type)) return IETFUtils.valueToString(atv.getValue()).replace("\\", "");
            }
        }
        return null;
    }

    private static String rfc822(X509Certificate c) {
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans == null) return null;
            for (List<?> san : sans) {
                if (Integer.valueOf(1).equals(san.get(0))) return String.valueOf(san.get(1));
            }
        } catch (CertificateParsingException e) {
            return null;
        }
        return null;
    }

    private static List<String> keyUsage(X509Certificate c) {
        boolean[] ku = c.getKeyUsage();
        List<String> out = new ArrayList<>();
        if (ku == null) return out;
        for (int i = 0; i < ku.length && i < KEY_USAGE_NAMES.length; i++) if (ku[i]) out.add(KEY_USAGE_NAMES[i]);
        return out;
    }

    private static List<String> eku(X509Certificate c) {
        try {
            List<String> e = c.getExtendedKeyUsage();
            return e == null ? List.of() : List.copyOf(e);
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static List<String> policies(X509Certificate c) {
        byte[] v = c.getExtensionValue(Extension.certificatePolicies.getId());
        if (v == null) return List.of();
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(v).getOctets());
            List<String> out = new ArrayList<>();
            for (PolicyInformation pi : CertificatePolicies.getInstance(seq).getPolicyInformation()) {
                out.add(pi.getPolicyIdentifier().getId());
            }
            return out;
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
