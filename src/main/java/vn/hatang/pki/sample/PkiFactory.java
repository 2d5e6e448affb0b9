package vn.hatang.pki.sample;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds certificate authorities, certificates and CRLs with Bouncy Castle: for the sample inventory, the
 * benchmark and the tests. Not a CA for production use.
 */
public final class PkiFactory {
    /** Key algorithms; DSA only for tests of RFC 5280's rules about it (nobody issues DSA certificates now). */
    public enum Alg { RSA, EC, DSA }

    /** A certificate with its key pair. */
    public record Issued(X509Certificate cert, KeyPair keys, Alg alg) {
        public X500Name name() { return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()); }
    }

    /** A revocation to list in a CRL. */
    public record Revocation(BigInteger serial, Instant date, CRLReason reason) {}

    private final SecureRandom random = new SecureRandom();
    private final AtomicLong serials = new AtomicLong(System.nanoTime() & 0xffffffffL);

    public PkiFactory() { Providers.bc(); }

    public KeyPair keyPair(Alg alg) {
        try {
            KeyPairGenerator g;
            if (alg == Alg.RSA) {
                g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048, random);
            } else if (alg == Alg.DSA) {
                g = KeyPairGenerator.getInstance("DSA"); // the JDK's precomputed 2048-bit domain parameters
                g.initialize(2048, random);
            } else {
                // Bouncy Castle's PKCS#8 encoding of EC keys is the one openssl 3 reads (the JDK's is refused).
                g = KeyPairGenerator.getInstance("EC", Providers.bc());
                g.initialize(new ECGenParameterSpec("secp256r1"), random);
            }
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public BigInteger nextSerial() { return BigInteger.valueOf(serials.incrementAndGet()); }

    /** A self-signed root CA valid from {@code from} to {@code to}. */
    public Issued root(String dn, Alg alg, Instant from, Instant to) {
        return selfSigned(dn, keyPair(alg)).ca(-1).validity(from, to).issue();
    }

    /** Starts a self-signed certificate (a root, once {@link Spec#ca} is called). */
    public Spec selfSigned(String dn, KeyPair keys) {
        return new Spec(dn, keys, null, algOf(keys));
    }

    /** Starts a certificate for {@code dn} with key {@code subjectKeys}, to be signed by {@code issuer}. */
    public Spec cert(String dn, KeyPair subjectKeys, Issued issuer) {
        return new Spec(dn, subjectKeys, issuer, algOf(subjectKeys));
    }

    /** Fluent description of one certificate. */
    public final class Spec {
        private final String dn;
        private final KeyPair keys;
        private final Issued issuer;
        private final Alg alg;
        private Instant from = Instant.now().minusSeconds(10 * 86_400);
        private Instant to = Instant.now().plusSeconds(365L * 86_400);
        private int pathLen = -2;
        private Integer keyUsage;
        private List<KeyPurposeId> eku;
        private String crlUrl;
        private String ocspUrl;
        private BigInteger serial;
        private boolean breakSignature;
        private CertCustomizer extra = b -> {};
        private boolean noBasicConstraints;
        private String issuerDn;
        private final Map<ASN1ObjectIdentifier, Extension> replaced = new LinkedHashMap<>();
        private final Set<ASN1ObjectIdentifier> dropped = new HashSet<>();

        private Spec(String dn, KeyPair keys, Issued issuer, Alg alg) {
            this.dn = dn;
            this.keys = keys;
            this.issuer = issuer;
            this.alg = alg;
        }

        public Spec validity(Instant notBefore, Instant notAfter) { from = notBefore; to = notAfter; return this; }

        /** Writes {@code dn} as the issuer name whoever signs (e.g. a certificate signed by its own key, not self-issued). */
        public Spec issuerName(String name) { issuerDn = name; return this; }

        /** A CA certificate; {@code pathLen} &lt; 0 means unlimited. */
        public Spec ca(int pathLen) { this.pathLen = Math.max(pathLen, -1); return this; }

        /** Key usage bits as in {@link KeyUsage}, e.g. {@code KeyUsage.digitalSignature | KeyUsage.nonRepudiation}. */
        public Spec keyUsage(int bits) { keyUsage = bits; return this; }

        public Spec extendedKeyUsage(KeyPurposeId... ids) { eku = List.of(ids); return this; }

        public Spec crlUrl(String url) { crlUrl = url; return this; }

        public Spec ocspUrl(String url) { ocspUrl = url; return this; }

        public Spec serial(BigInteger s) { serial = s; return this; }

        /** Adds extensions of a test's own (name constraints, policies, unknown critical extensions...). */
        public Spec customize(CertCustomizer c) { extra = c; return this; }

        /** A CA certificate without basicConstraints (invalid in a CA position, RFC 5280 §6.1.4 (k)). */
        public Spec withoutBasicConstraints() { noBasicConstraints = true; return this; }

        /** Leaves out extensions this factory adds by default (key identifiers, key usage...), for tests. */
        public Spec without(ASN1ObjectIdentifier... oids) { dropped.addAll(List.of(oids)); return this; }

        /** Adds an extension, or replaces the default one of that type (e.g. to change its criticality). */
        public Spec extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
            try {
                replaced.put(oid, new Extension(oid, critical, value.toASN1Primitive().getEncoded(ASN1Encoding.DER)));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e);
            }
            return this;
        }

        /** As {@link #extension}, with a value of raw octets (for tests of malformed extensions). */
        public Spec rawExtension(ASN1ObjectIdentifier oid, boolean critical, byte[] value) {
            replaced.put(oid, new Extension(oid, critical, value));
            return this;
        }

        /** Corrupts the signature, for tests of broken certificates. */
        public Spec brokenSignature() { breakSignature = true; return this; }

        public Issued issue() {
            return new Issued(issuer == null ? sign(keys, alg) : sign(issuer.keys(), issuer.alg()), keys, alg);
        }

        private X509Certificate sign(KeyPair signer, Alg signerAlg) {
            try {
                X500Name subject = X500Name.getInstance(new X500Principal(dn).getEncoded());
                X500Name issuerName = issuerDn != null ? X500Name.getInstance(new X500Principal(issuerDn).getEncoded())
                    : issuer == null ? subject : issuer.name();
                X509v3CertificateBuilder cb = new JcaX509v3CertificateBuilder(issuerName,
                    serial != null ? serial : nextSerial(), Date.from(from), Date.from(to), subject, keys.getPublic());
                Defaults b = new Defaults();
                JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
                b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(keys.getPublic()));
                b.addExtension(Extension.authorityKeyIdentifier, false,
                    u.createAuthorityKeyIdentifier(signer.getPublic()));
                if (pathLen >= -1) {
                    if (!noBasicConstraints) {
                        b.addExtension(Extension.basicConstraints, true,
                            pathLen < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLen));
                    }
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage != null ? keyUsage
                        : KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                } else {
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage != null ? keyUsage
                        : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                }
                if (eku != null) {
                    b.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(eku.toArray(new KeyPurposeId[0])));
                }
                if (crlUrl != null) {
                    GeneralNames gn = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl));
                    b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                        new DistributionPoint(new DistributionPointName(gn), null, null)}));
                }
                if (ocspUrl != null) {
                    b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        new AccessDescription(AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl))));
                }
                b.all.putAll(replaced);
                b.all.keySet().removeAll(dropped);
                for (Extension e : b.all.values()) cb.addExtension(e);
                extra.accept(cb);
                X509CertificateHolder h = cb.build(signer(signer, signerAlg));
                byte[] der = h.getEncoded();
                if (breakSignature) der[der.length - 3] ^= 0x55;
                try {
                    return (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der));
                } catch (java.security.cert.CertificateException jdkRefuses) {
                    // e.g. a critical extension that is not DER: tests still need the certificate
                    return (X509Certificate) new org.bouncycastle.jcajce.provider.asymmetric.x509.CertificateFactory()
                        .engineGenerateCertificate(new ByteArrayInputStream(der));
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot issue " + dn, e);
            }
        }
    }

    /**
     * The DER of {@code template} re-signed by {@code signer} after {@code edit} rewrote the fields of its
     * TBSCertificate: certificates no decoder accepts (an extension repeated, an empty issuer), which exist only as bytes.
     */
    public byte[] resigned(X509Certificate template, Issued signer,
                           java.util.function.Consumer<List<ASN1Encodable>> edit) {
        try {
            List<ASN1Encodable> fields = new ArrayList<>();
            for (ASN1Encodable f : org.bouncycastle.asn1.ASN1Sequence.getInstance(
                    org.bouncycastle.asn1.x509.Certificate.getInstance(template.getEncoded()).getTBSCertificate())) {
                fields.add(f);
            }
            edit.accept(fields);
            byte[] tbs = new org.bouncycastle.asn1.DERSequence(fields.toArray(new ASN1Encodable[0]))
                .getEncoded(ASN1Encoding.DER);
            ContentSigner cs = signer(signer.keys(), signer.alg());
            cs.getOutputStream().write(tbs);
            return new org.bouncycastle.asn1.DERSequence(new ASN1Encodable[] {
                org.bouncycastle.asn1.ASN1Primitive.fromByteArray(tbs), cs.getAlgorithmIdentifier(),
                new org.bouncycastle.asn1.DERBitString(cs.getSignature())}).getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new IllegalStateException("cannot re-sign " + template.getSubjectX500Principal(), e);
        }
    }

    /** The default extensions of a certificate, by type, before a test's replacements and omissions. */
    private static final class Defaults {
        final Map<ASN1ObjectIdentifier, Extension> all = new LinkedHashMap<>();

        void addExtension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) throws java.io.IOException {
            all.put(oid, new Extension(oid, critical, value.toASN1Primitive().getEncoded(ASN1Encoding.DER)));
        }
    }

    /** A CRL of {@code issuer} listing {@code revoked}. */
    public X509CRL crl(Issued issuer, Instant thisUpdate, Instant nextUpdate, List<Revocation> revoked, long number) {
        return crl(issuer, thisUpdate, nextUpdate, revoked, number, b -> {});
    }

    /**
     * As above, with extensions of a test's own (delta CRL indicator, issuing distribution point...); a negative
     * {@code number} leaves the CRLNumber out (RFC 5280 requires it: for tests of CRLs that break the rule).
     */
    public X509CRL crl(Issued issuer, Instant thisUpdate, Instant nextUpdate, List<Revocation> revoked, long number,
                       CrlCustomizer extra) {
        try {
            X509v2CRLBuilder b = new X509v2CRLBuilder(issuer.name(), Date.from(thisUpdate));
            if (nextUpdate != null) b.setNextUpdate(Date.from(nextUpdate));
            for (Revocation r : revoked) {
                b.addCRLEntry(r.serial(), Date.from(r.date()), r.reason().ordinal());
            }
            if (number >= 0) b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.keys().getPublic()));
            extra.accept(b);
            X509CRLHolder h = b.build(signer(issuer.keys(), issuer.alg()));
            return (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(h.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build CRL", e);
        }
    }

    /** Adds certificate extensions. */
    public interface CertCustomizer {
        void accept(X509v3CertificateBuilder b) throws Exception;
    }

    /** Adds CRL extensions. */
    public interface CrlCustomizer {
        void accept(X509v2CRLBuilder b) throws Exception;
    }

    /** {@code count} revocations of random serials that no issued certificate uses (padding for big CRLs). */
    public List<Revocation> filler(int count, Instant date) {
        List<Revocation> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new Revocation(new BigInteger(96, random).setBit(95), date, CRLReason.SUPERSEDED));
        }
        return out;
    }

    private static Alg algOf(KeyPair kp) {
        return switch (kp.getPublic().getAlgorithm()) {
            case "RSA" -> Alg.RSA;
            case "DSA" -> Alg.DSA;
            default -> Alg.EC;
        };
    }

    private static ContentSigner signer(KeyPair kp, Alg alg) throws Exception {
        return new JcaContentSignerBuilder(switch (alg) {
                case RSA -> "SHA256withRSA";
                case DSA -> "SHA256withDSA";
                case EC -> "SHA256withECDSA";
            })
            .setProvider(Providers.BC).build(kp.getPrivate());
    }
}
