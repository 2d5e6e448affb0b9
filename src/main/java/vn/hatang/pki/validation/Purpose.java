package vn.hatang.pki.validation;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What the target certificate must be fit for. {@link #SIGNING} (the default) is "signing documents": keyUsage,
 * if present, allows digitalSignature or nonRepudiation, and extKeyUsage, if present, names a signing purpose.
 * {@link #eku} asks for given extended key usages: each must be in extKeyUsage (or anyExtendedKeyUsage, or no
 * extKeyUsage at all, RFC 5280 §4.2.1.12), and keyUsage, if present, must be consistent with it per the table of
 * §4.2.1.12. {@link #ANY} checks nothing.
 */
public record Purpose(Kind kind, Set<String> ekus) {
    public enum Kind { SIGNING, EKU, ANY }

    public static final Purpose SIGNING = new Purpose(Kind.SIGNING, Set.of());
    public static final Purpose ANY = new Purpose(Kind.ANY, Set.of());

    private static final Set<String> SIGNING_EKUS = Set.of(
        Cert.ANY_EKU,
        "1.3.6.1.5.5.7.3.2",           // clientAuth (Vietnamese signing certificates carry it)
        "1.3.6.1.5.5.7.3.4",           // emailProtection
        "1.3.6.1.5.5.7.3.36",          // documentSigning (RFC 9336)
        "1.3.6.1.4.1.311.10.3.12",     // Microsoft document signing
        "1.2.840.113583.1.1.5");       // Adobe authentic documents trust

    /** RFC 5280 §4.2.1.12: key usage bits consistent with each purpose (one of them must be set). */
    private static final Map<String, Integer> CONSISTENT_KEY_USAGE = Map.of(
        KeyPurposeId.id_kp_serverAuth.getId(),
            KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyAgreement,
        KeyPurposeId.id_kp_clientAuth.getId(), KeyUsage.digitalSignature | KeyUsage.keyAgreement,
        KeyPurposeId.id_kp_codeSigning.getId(), KeyUsage.digitalSignature,
        KeyPurposeId.id_kp_emailProtection.getId(), KeyUsage.digitalSignature | KeyUsage.nonRepudiation
            | KeyUsage.keyEncipherment | KeyUsage.keyAgreement,
        KeyPurposeId.id_kp_timeStamping.getId(), KeyUsage.digitalSignature | KeyUsage.nonRepudiation,
        KeyPurposeId.id_kp_OCSPSigning.getId(), KeyUsage.digitalSignature | KeyUsage.nonRepudiation);

    /** The given extended key usages (dotted OIDs); throws IllegalArgumentException naming a malformed one. */
    public static Purpose eku(Collection<String> oids) {
        Set<String> set = new LinkedHashSet<>();
        for (String oid : oids) {
            String o = oid.trim();
            if (ASN1ObjectIdentifier.tryFromID(o) == null) throw new IllegalArgumentException(oid);
            set.add(o);
        }
        if (set.isEmpty()) throw new IllegalArgumentException("no OID");
        return new Purpose(Kind.EKU, Set.copyOf(set));
    }

    /** Null when {@code c} is fit for this purpose, else why not. */
    Reason unfit(Cert c) {
        switch (kind) {
            case SIGNING -> {
                if (c.keyUsage != null && !c.keyUsage.hasUsages(KeyUsage.digitalSignature)
                        && !c.keyUsage.hasUsages(KeyUsage.nonRepudiation)) {
                    return new Reason("usage.not_signing");
                }
                if (c.extendedKeyUsage != null && c.extendedKeyUsage.stream().noneMatch(SIGNING_EKUS::contains)) {
                    return new Reason("usage.eku_not_signing");
                }
                return null;
            }
            case EKU -> {
                for (String oid : ekus) {
                    if (c.extendedKeyUsage != null && !c.extendedKeyUsage.contains(oid)
                            && !c.extendedKeyUsage.contains(Cert.ANY_EKU)) {
                        return new Reason("usage.eku_missing", oid);
                    }
                    Integer bits = CONSISTENT_KEY_USAGE.get(oid);
                    if (bits != null && c.keyUsage != null && !anyBit(c.keyUsage, bits)) {
                        return new Reason("usage.key_usage_inconsistent", oid);
                    }
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    /** What a valid verdict says about the purpose. */
    Reason fitness() {
        return switch (kind) {
            case SIGNING -> new Reason("purpose.signing");
            case EKU -> new Reason("purpose.eku", String.join(", ", ekus));
            case ANY -> new Reason("purpose.any");
        };
    }

    private static boolean anyBit(KeyUsage ku, int bits) {
        for (int bit = 1; bit != 0 && bit <= 0x8000; bit <<= 1) {
            if ((bits & bit) != 0 && ku.hasUsages(bit)) return true;
        }
        return false;
    }
}
