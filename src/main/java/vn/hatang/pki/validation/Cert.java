package vn.hatang.pki.validation;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentVerifierProvider;

/**
 * One certificate decoded once with Bouncy Castle: the fields path validation reads, the extensions RFC 5280 §4.2
 * defines (each decoded strictly: DER, no duplicates, criticality as the profile demands) and the first
 * violation of a profile rule that does not depend on where the certificate sits in a path ({@link #defect()}).
 * Never throws: a certificate that cannot be decoded carries a defect and is refused wherever it appears.
 *
 * <p>Trust-store certificates are long-lived, so the verifier of their key is built once and kept.
 */
final class Cert {
    static final String ANY_POLICY = "2.5.29.32.0";
    static final String ANY_EKU = KeyPurposeId.anyExtendedKeyUsage.getId();
    private static final ASN1ObjectIdentifier SUBJECT_DIRECTORY_ATTRIBUTES = Extension.subjectDirectoryAttributes;

    /** An extension this validator knows: its name in reasons, and whether RFC 5280 lets it be critical. */
    private record Known(String name, boolean mayBeCritical) {}

    private static final Map<ASN1ObjectIdentifier, Known> KNOWN = Map.ofEntries(
        Map.entry(Extension.authorityKeyIdentifier, new Known("authorityKeyIdentifier", false)),    // §4.2.1.1
        Map.entry(Extension.subjectKeyIdentifier, new Known("subjectKeyIdentifier", false)),        // §4.2.1.2
        Map.entry(Extension.keyUsage, new Known("keyUsage", true)),           // §4.2.1.3 SHOULD be critical: not enforced
        Map.entry(Extension.certificatePolicies, new Known("certificatePolicies", true)),
        Map.entry(Extension.policyMappings, new Known("policyMappings", true)),  // §4.2.1.5 SHOULD be critical: not enforced
        Map.entry(Extension.subjectAlternativeName, new Known("subjectAltName", true)),
        Map.entry(Extension.issuerAlternativeName, new Known("issuerAltName", true)),
        Map.entry(SUBJECT_DIRECTORY_ATTRIBUTES, new Known("subjectDirectoryAttributes", false)),    // §4.2.1.8
        Map.entry(Extension.basicConstraints, new Known("basicConstraints", true)),
        Map.entry(Extension.nameConstraints, new Known("nameConstraints", true)),
        Map.entry(Extension.policyConstraints, new Known("policyConstraints", true)),
        Map.entry(Extension.extendedKeyUsage, new Known("extKeyUsage", true)),
        Map.entry(Extension.cRLDistributionPoints, new Known("cRLDistributionPoints", true)),
        Map.entry(Extension.inhibitAnyPolicy, new Known("inhibitAnyPolicy", true)),
        Map.entry(Extension.freshestCRL, new Known("freshestCRL", false)),                          // §4.2.1.15
        Map.entry(Extension.authorityInfoAccess, new Known("authorityInfoAccess", false)),          // §4.2.2.1
        Map.entry(Extension.subjectInfoAccess, new Known("subjectInfoAccess", false)));             // §4.2.2.2
    /** Extensions carrying names that name constraints judge: they must be DER, not merely decodable. */
    private static final Set<ASN1ObjectIdentifier> NAME_BEARING =
        Set.of(Extension.subjectAlternativeName, Extension.nameConstraints);
    /** §4.2.1.10, §4.2.1.11, §4.2.1.14: MUST be critical. */
    private static final Set<ASN1ObjectIdentifier> MUST_BE_CRITICAL =
        Set.of(Extension.nameConstraints, Extension.policyConstraints, Extension.inhibitAnyPolicy);

    final X509Certificate x509;
    final String fingerprint;
    final X500Principal subject;
    final X500Principal issuer;
    final X500Name subjectName;
    final boolean selfIssued;
    final BigInteger serial;
    final Instant notBefore;
    final Instant notAfter;
    final byte[] tbs;
    final byte[] signature;
    final AlgorithmIdentifier signatureAlgorithm;
    final SubjectPublicKeyInfo publicKeyInfo;
    final byte[] publicKeyBytes;
    final String displayName;

    // Decoded extensions (null when absent).
    final BasicConstraints basicConstraints;
    final boolean basicConstraintsCritical;
    final KeyUsage keyUsage;
    final List<String> extendedKeyUsage;
    final List<GeneralName> subjectAltNames;
    final NameConstraintLayer nameConstraints;
    final List<String> policies;
    final List<String[]> policyMappings;
    final PolicyConstraints policyConstraints;
    final Integer inhibitAnyPolicy;
    final byte[] authorityKeyId;
    final byte[] subjectKeyId;
    final boolean unknownCriticalExtension;
    final Reason defect;

    private volatile ContentVerifierProvider verifiers;
    /** The DSA domain parameters this key inherits from its signer's key, once known ({@link #inheritKeyParameters}). */
    private volatile AlgorithmIdentifier inheritedKeyAlgorithm;
    private volatile List<String> subjectRdnKeys;

    private Cert(X509Certificate x509, Builder b) {
        this.x509 = x509;
        this.fingerprint = b.fingerprint;
        this.subject = b.subject;
        this.issuer = b.issuer;
        this.subjectName = b.subjectName;
        this.selfIssued = b.subject != null && b.subject.equals(b.issuer);
        this.serial = b.serial;
        this.notBefore = b.notBefore;
        this.notAfter = b.notAfter;
        this.tbs = b.tbs;
        this.signature = b.signature;
        this.signatureAlgorithm = b.signatureAlgorithm;
        this.publicKeyInfo = b.publicKeyInfo;
        this.publicKeyBytes = b.publicKeyBytes;
        this.displayName = b.displayName;
        this.basicConstraints = b.basicConstraints;
        this.basicConstraintsCritical = b.basicConstraintsCritical;
        this.keyUsage = b.keyUsage;
        this.extendedKeyUsage = b.extendedKeyUsage;
        this.subjectAltNames = b.subjectAltNames;
        this.nameConstraints = b.nameConstraints;
        this.policies = b.policies;
        this.policyMappings = b.policyMappings;
        this.policyConstraints = b.policyConstraints;
        this.inhibitAnyPolicy = b.inhibitAnyPolicy;
        this.authorityKeyId = b.authorityKeyId;
        this.subjectKeyId = b.subjectKeyId;
        this.unknownCriticalExtension = b.unknownCritical;
        this.defect = b.defect;
    }

    static Cert of(X509Certificate x509) {
        Builder b = new Builder();
        try {
            b.read(x509);
        } catch (RuntimeException e) {
            b.fail("cert.malformed_structure");
        }
        return new Cert(x509, b);
    }

    /** cA asserted in basicConstraints. */
    boolean isCa() { return basicConstraints != null && basicConstraints.isCA(); }

    boolean hasKeyUsage(int bit) { return keyUsage == null || keyUsage.hasUsages(bit); }

    /** Valid at {@code at}, RFC 5280 §4.1.2.5: notBefore through notAfter inclusive. */
    boolean validAt(Instant at) { return !at.isBefore(notBefore) && !at.isAfter(notAfter); }

    /** Same subject and same key: a second occurrence in one path is a loop (RFC 4158 §5.2). */
    boolean sameEntity(Cert other) {
        return subject.equals(other.subject) && Arrays.equals(publicKeyBytes, other.publicKeyBytes);
    }

    ContentVerifierProvider verifiers() {
        ContentVerifierProvider v = verifiers;
        if (v == null) {
            AlgorithmIdentifier inherited = inheritedKeyAlgorithm;
            v = inherited == null ? Signatures.verifierFor(publicKeyInfo, safePublicKey())
                : Signatures.verifierFor(new SubjectPublicKeyInfo(inherited, publicKeyInfo.getPublicKeyData().getBytes()),
                    null);
            verifiers = v;
        }
        return v;
    }

    /**
     * A DSA key that omits its domain parameters and has not been given them: they are those of the key that
     * signed this certificate (RFC 3279 §2.3.2, RFC 5280 §6.1.4(d)–(f)), so until then the key verifies nothing.
     */
    boolean lacksKeyParameters() {
        return inheritedKeyAlgorithm == null && X9ObjectIdentifiers.id_dsa.equals(keyAlgorithm())
            && (publicKeyInfo.getAlgorithm().getParameters() == null
                || publicKeyInfo.getAlgorithm().getParameters() instanceof org.bouncycastle.asn1.ASN1Null);
    }

    /**
     * Gives this certificate's DSA key the domain parameters of {@code signer}'s DSA key, which the caller has found to
     * verify this certificate's signature (counted in its {@link Work}): they can only be that key's. Nothing when
     * {@code signer}'s key is not DSA or has none either.
     */
    void inheritKeyParameters(Cert signer) {
        if (lacksKeyParameters() && X9ObjectIdentifiers.id_dsa.equals(signer.keyAlgorithm())
                && !signer.lacksKeyParameters()) {
            inheritedKeyAlgorithm = signer.inheritedKeyAlgorithm != null ? signer.inheritedKeyAlgorithm
                : signer.publicKeyInfo.getAlgorithm();
            verifiers = null;
        }
    }

    private ASN1ObjectIdentifier keyAlgorithm() {
        return publicKeyInfo == null ? null : publicKeyInfo.getAlgorithm().getAlgorithm();
    }

    /** Whether this certificate's signature verifies with {@code issuer}'s key (not cached; see {@link Work}). */
    boolean signedBy(Cert issuer) {
        return tbs != null && Signatures.verify(issuer.verifiers(), signatureAlgorithm, tbs, signature);
    }

    /** Canonical forms of the subject's leading RDNs (1, 2, … all): what directoryName constraints compare. */
    List<String> subjectRdnKeys() {
        List<String> k = subjectRdnKeys;
        if (k == null) {
            k = NameConstraintLayer.rdnPrefixKeys(subjectName);
            subjectRdnKeys = k;
        }
        return k;
    }

    /** emailAddress attributes of the subject: rfc822Name constraints apply to them when there is no SAN. */
    List<String> subjectEmails() {
        List<String> out = new ArrayList<>();
        if (subjectName == null) return out;
        for (RDN rdn : subjectName.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(PKCSObjectIdentifiers.pkcs_9_at_emailAddress)
                        && atv.getValue() instanceof ASN1String s) {
                    out.add(s.getString());
                }
            }
        }
        return out;
    }

    private java.security.PublicKey safePublicKey() {
        try {
            return x509.getPublicKey();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) { return o instanceof Cert c && c.fingerprint.equals(fingerprint); }

    @Override
    public int hashCode() { return fingerprint.hashCode(); }

    @Override
    public String toString() { return displayName; }

    /** "CN=&lt;common name&gt;" when there is one (readable in a reason), else the whole subject. */
    static String displayName(X500Name n, X500Principal fallback) {
        if (n != null) {
            RDN[] cn = n.getRDNs(BCStyle.CN);
            if (cn.length > 0) return "CN=" + IETFUtils.valueToString(cn[0].getFirst().getValue());
        }
        String s = fallback == null ? "" : fallback.getName();
        return s.isEmpty() ? "(empty subject)" : s;
    }

    /** Collects the decoded fields; {@link #fail} keeps the first profile violation. */
    private static final class Builder {
        String fingerprint = "";
        X500Principal subject;
        X500Principal issuer;
        X500Name subjectName;
        BigInteger serial = BigInteger.ZERO;
        Instant notBefore = Instant.MAX;
        Instant notAfter = Instant.MIN;
        byte[] tbs;
        byte[] signature;
        AlgorithmIdentifier signatureAlgorithm;
        SubjectPublicKeyInfo publicKeyInfo;
        byte[] publicKeyBytes = new byte[0];
        String displayName = "?";
        BasicConstraints basicConstraints;
        boolean basicConstraintsCritical;
        KeyUsage keyUsage;
        List<String> extendedKeyUsage;
        List<GeneralName> subjectAltNames;
        NameConstraintLayer nameConstraints;
        List<String> policies;
        List<String[]> policyMappings;
        PolicyConstraints policyConstraints;
        Integer inhibitAnyPolicy;
        byte[] authorityKeyId;
        byte[] subjectKeyId;
        boolean unknownCritical;
        Reason defect;
        boolean sanCritical;

        void fail(String key, Object... args) {
            if (defect == null) defect = new Reason(key, args);
        }

        void read(X509Certificate x509) {
            byte[] der;
            try {
                der = x509.getEncoded();
                fingerprint = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
                subject = x509.getSubjectX500Principal();
                issuer = x509.getIssuerX500Principal();
                notBefore = x509.getNotBefore().toInstant();
                notAfter = x509.getNotAfter().toInstant();
                tbs = x509.getTBSCertificate();
                signature = x509.getSignature();
            } catch (Exception e) {
                fail("cert.malformed_structure");
                return;
            }
            org.bouncycastle.asn1.x509.Certificate c;
            try {
                c = org.bouncycastle.asn1.x509.Certificate.getInstance(ASN1Primitive.fromByteArray(der));
            } catch (Exception e) {
                fail("cert.malformed_structure");
                return;
            }
            TBSCertificate t = c.getTBSCertificate();
            subjectName = t.getSubject();
            displayName = displayName(subjectName, subject);
            serial = t.getSerialNumber().getValue();
            signatureAlgorithm = c.getSignatureAlgorithm();
            publicKeyInfo = t.getSubjectPublicKeyInfo();
            try {
                publicKeyBytes = publicKeyInfo.getEncoded(ASN1Encoding.DER);
            } catch (Exception e) {
                fail("cert.malformed_structure");
            }
            // §4.1.1.2: the outer signatureAlgorithm MUST equal the signature field inside the TBS.
            if (!c.getSignatureAlgorithm().equals(t.getSignature())) fail("cert.signature_algorithm_mismatch");
            // §4.1.2.2: a positive integer of at most 20 octets.
            if (serial.signum() <= 0) fail("cert.serial_not_positive");
            else if (serial.bitLength() > 160) fail("cert.serial_too_long");
            if (t.getIssuer().getRDNs().length == 0) fail("cert.issuer_empty");              // §4.1.2.4
            Extensions exts = t.getExtensions();
            if (exts != null && t.getVersionNumber() != 3) fail("cert.extensions_not_v3");  // §4.1.2.9
            if (exts != null) readExtensions(exts);
            weakKey();
            boolean emptySubject = subjectName.getRDNs().length == 0;
            if (emptySubject && isCa()) fail("cert.ca_subject_empty");                        // §4.1.2.6
            if (emptySubject && (subjectAltNames == null || !sanCritical)) fail("cert.empty_subject_san");
        }

        private boolean isCa() { return basicConstraints != null && basicConstraints.isCA(); }

        private void readExtensions(Extensions exts) {
            for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
                Extension e = exts.getExtension(oid);
                Known known = KNOWN.get(oid);
                if (known == null) {
                    if (e.isCritical()) unknownCritical = true;
                    continue;
                }
                String name = known.name();
                if (e.isCritical() && !known.mayBeCritical()) fail("cert.extension_must_not_be_critical", name);
                if (!e.isCritical() && MUST_BE_CRITICAL.contains(oid)) fail("cert.extension_must_be_critical", name);
                ASN1Primitive value;
                try {
                    byte[] octets = e.getExtnValue().getOctets();
                    value = ASN1Primitive.fromByteArray(octets);
                    // Names must read the same to every parser: a BER variant could be read differently elsewhere.
                    if (NAME_BEARING.contains(oid) && !Arrays.equals(value.getEncoded(ASN1Encoding.DER), octets)) {
                        fail("cert.extension_not_der", name);
                        continue;
                    }
                    decode(oid, value, e.isCritical());
                } catch (Exception ex) {
                    fail("cert.extension_malformed", name);
                }
            }
            checkConsistency();
        }

        private void decode(ASN1ObjectIdentifier oid, ASN1Primitive v, boolean critical) throws Exception {
            if (oid.equals(Extension.basicConstraints)) {
                basicConstraints = BasicConstraints.getInstance(v);
                basicConstraintsCritical = critical;
                BigInteger pathLen = basicConstraints.getPathLenConstraint();
                if (pathLen != null && pathLen.signum() < 0) fail("cert.extension_malformed", "basicConstraints");
            } else if (oid.equals(Extension.keyUsage)) {
                keyUsage = KeyUsage.getInstance(v);
                if (keyUsage.getBytes().length == 0 || allZero(keyUsage.getBytes())) fail("cert.key_usage_empty");
            } else if (oid.equals(Extension.extendedKeyUsage)) {
                KeyPurposeId[] ids = ExtendedKeyUsage.getInstance(v).getUsages();
                if (ids.length == 0) fail("cert.extension_malformed", "extKeyUsage");
                extendedKeyUsage = Arrays.stream(ids).map(KeyPurposeId::getId).toList();
            } else if (oid.equals(Extension.subjectAlternativeName)) {
                GeneralName[] names = GeneralNames.getInstance(v).getNames();
                sanCritical = critical;
                subjectAltNames = List.of(names);
                if (names.length == 0) fail("cert.san_empty");                                 // §4.2.1.6
                for (GeneralName g : names) {
                    String bad = NameConstraintLayer.malformedName(g);
                    if (bad != null) fail("cert.san_malformed", bad);
                }
            } else if (oid.equals(Extension.nameConstraints)) {
                NameConstraints nc = NameConstraints.getInstance(v);
                NameConstraintLayer.Parsed p = NameConstraintLayer.parse(nc);
                if (p.problem() != null) fail("cert.name_constraints_malformed", p.problem());
                else nameConstraints = p.layer();
            } else if (oid.equals(Extension.certificatePolicies)) {
                List<String> ids = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (PolicyInformation pi : CertificatePolicies.getInstance(v).getPolicyInformation()) {
                    String id = pi.getPolicyIdentifier().getId();
                    if (!seen.add(id)) fail("cert.policy_duplicate", id);                    // §4.2.1.4
                    ids.add(id);
                }
                if (ids.isEmpty()) fail("cert.extension_malformed", "certificatePolicies");
                policies = ids;
            } else if (oid.equals(Extension.policyMappings)) {
                List<String[]> maps = new ArrayList<>();
                for (ASN1Encodable pair : ASN1Sequence.getInstance(v)) {
                    ASN1Sequence s = ASN1Sequence.getInstance(pair);
                    if (s.size() != 2) throw new IllegalArgumentException("policy mapping");
                    maps.add(new String[] {ASN1ObjectIdentifier.getInstance(s.getObjectAt(0)).getId(),
                        ASN1ObjectIdentifier.getInstance(s.getObjectAt(1)).getId()});
                }
                if (maps.isEmpty()) fail("cert.extension_malformed", "policyMappings");
                policyMappings = maps;
            } else if (oid.equals(Extension.policyConstraints)) {
                policyConstraints = PolicyConstraints.getInstance(v);
                if (policyConstraints.getRequireExplicitPolicyMapping() == null
                        && policyConstraints.getInhibitPolicyMapping() == null) {
                    fail("cert.extension_malformed", "policyConstraints");                   // §4.2.1.11
                }
            } else if (oid.equals(Extension.inhibitAnyPolicy)) {
                BigInteger skip = ASN1Integer.getInstance(v).getValue();
                if (skip.signum() < 0) throw new IllegalArgumentException("SkipCerts");
                inhibitAnyPolicy = skip.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
            } else if (oid.equals(Extension.authorityKeyIdentifier)) {
                authorityKeyId = AuthorityKeyIdentifier.getInstance(v).getKeyIdentifierOctets();
                if (authorityKeyId == null) authorityKeyId = new byte[0]; // present, but without keyIdentifier
            } else if (oid.equals(Extension.subjectKeyIdentifier)) {
                subjectKeyId = ASN1OctetString.getInstance(v).getOctets();
            } else if (oid.equals(Extension.authorityInfoAccess) || oid.equals(Extension.subjectInfoAccess)) {
                AuthorityInformationAccess.getInstance(v).getAccessDescriptions();
            } else if (oid.equals(Extension.cRLDistributionPoints) || oid.equals(Extension.freshestCRL)) {
                CRLDistPoint.getInstance(v).getDistributionPoints();
            } else if (oid.equals(Extension.issuerAlternativeName)) {
                GeneralNames.getInstance(v);
            } else if (oid.equals(SUBJECT_DIRECTORY_ATTRIBUTES)) {
                ASN1Sequence.getInstance(v);
            }
        }

        /** Rules that relate several extensions of one certificate. */
        private void checkConsistency() {
            boolean ca = isCa();
            boolean certSign = keyUsage != null && keyUsage.hasUsages(KeyUsage.keyCertSign);
            // §4.2.1.3 / §4.2.1.9: keyCertSign only with cA; pathLenConstraint only with cA and keyCertSign.
            if (certSign && !ca) fail("cert.key_cert_sign_not_ca");
            if (basicConstraints != null && basicConstraints.getPathLenConstraint() != null
                    && (!ca || (keyUsage != null && !certSign))) {
                fail("cert.path_len_not_ca");
            }
            // §4.2.1.2: every CA certificate carries a subjectKeyIdentifier.
            if (ca && subjectKeyId == null) fail("cert.ski_missing");
            // §4.2.1.10: name constraints only in CA certificates.
            if (nameConstraints != null && !ca) fail("cert.name_constraints_not_ca");
        }

        /** RSA keys under 1024 bits can be factored. */
        private void weakKey() {
            if (!PKCSObjectIdentifiers.rsaEncryption.equals(publicKeyInfo.getAlgorithm().getAlgorithm())) return;
            try {
                BigInteger modulus = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(publicKeyInfo.parsePublicKey())
                    .getModulus();
                if (modulus.bitLength() < 1024) fail("cert.weak_key");
            } catch (Exception e) {
                // an unreadable key fails signature verification where it is used
            }
        }

        private static boolean allZero(byte[] b) {
            for (byte x : b) if (x != 0) return false;
            return true;
        }
    }
}
