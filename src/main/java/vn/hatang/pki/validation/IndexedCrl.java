package vn.hatang.pki.validation;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * A CRL parsed once and indexed for fast lookups: revoked serials in a hash map per certificate issuer (an
 * indirect CRL names several), the issuing distribution point decoded, and the first reason it may not be used at
 * all ({@link #problem()}): RFC 5280 §5 requires a non-critical CRLNumber and a nextUpdate in every CRL, a
 * critical extension that is not understood makes the CRL unusable, and a serial listed twice makes it ambiguous.
 * The CRL signature is verified at most once per signer.
 */
public final class IndexedCrl {
    static final String IDP = "2.5.29.28";
    static final String DELTA_CRL_INDICATOR = "2.5.29.27";
    static final String CRL_NUMBER = "2.5.29.20";
    /** A CRL stamped a little ahead of our clock is still the CA's current list. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Set<String> KNOWN_CRL_EXTENSIONS =
        Set.of(IDP, DELTA_CRL_INDICATOR, CRL_NUMBER, "2.5.29.35", "2.5.29.46", "2.5.29.18", "1.3.6.1.5.5.7.1.1");
    private static final Set<String> KNOWN_ENTRY_EXTENSIONS = Set.of("2.5.29.21", "2.5.29.24", "2.5.29.29");

    /** One revoked certificate. */
    public record Entry(Instant revocationDate, CRLReason reason, boolean unknownCriticalExtension) {}

    private final X509CRL crl;
    private final X500Principal issuer;
    private final Instant thisUpdate;
    private final Instant nextUpdate;
    private final BigInteger crlNumber;
    private final BigInteger deltaBase;
    private final IssuingDistributionPoint idp;
    private final AlgorithmIdentifier signatureAlgorithm;
    private final Map<X500Principal, Map<BigInteger, Entry>> entries = new HashMap<>();
    private final Map<String, Boolean> signatureChecks = new ConcurrentHashMap<>();
    private final int size;
    private Reason problem;

    public IndexedCrl(X509CRL crl) {
        this.crl = crl;
        this.issuer = crl.getIssuerX500Principal();
        this.thisUpdate = crl.getThisUpdate().toInstant();
        this.nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
        this.crlNumber = integerExtension(crl.getExtensionValue(CRL_NUMBER));
        this.deltaBase = integerExtension(crl.getExtensionValue(DELTA_CRL_INDICATOR));
        this.idp = idp(crl.getExtensionValue(IDP));
        this.signatureAlgorithm = algorithm(crl);
        Set<String> critical = crl.getCriticalExtensionOIDs();
        String name = issuer.getName();
        if (critical != null && !KNOWN_CRL_EXTENSIONS.containsAll(critical)) {
            problem = new Reason("revocation.crl_unknown_extension", name);
        } else if (crlNumber == null) {
            problem = new Reason("revocation.crl_no_number", name);                       // §5.2.3
        } else if (critical != null && critical.contains(CRL_NUMBER)) {
            problem = new Reason("revocation.crl_number_critical", name);                 // §5.2.3
        } else if (nextUpdate == null) {
            problem = new Reason("revocation.crl_no_next_update", name);                  // §5.1.2.5
        }
        int n = 0;
        Set<? extends X509CRLEntry> revoked = crl.getRevokedCertificates();
        if (revoked != null) {
            for (X509CRLEntry e : revoked) {
                X500Principal certIssuer = e.getCertificateIssuer() != null ? e.getCertificateIssuer() : issuer;
                Set<String> entryCritical = e.getCriticalExtensionOIDs();
                boolean unknown = entryCritical != null && !KNOWN_ENTRY_EXTENSIONS.containsAll(entryCritical);
                CRLReason reason = e.getRevocationReason() == null ? CRLReason.UNSPECIFIED : e.getRevocationReason();
                Entry previous = entries.computeIfAbsent(certIssuer, k -> new HashMap<>())
                    .put(e.getSerialNumber(), new Entry(e.getRevocationDate().toInstant(), reason, unknown));
                if (previous != null && problem == null) {
                    problem = new Reason("revocation.crl_duplicate_entry", name, e.getSerialNumber().toString(16));
                }
                n++;
            }
        }
        this.size = n;
        // The JDK folds byte-identical entries into one: count them in the encoding itself.
        if (problem == null && encodedEntries(crl) > n) {
            problem = new Reason("revocation.crl_duplicate_entry", name, "");
        }
    }

    /**
     * The number of entries of revokedCertificates as encoded, by a walk over the DER (type-length-value) that builds
     * no object per entry: decoding a 10,000-entry CRL a second time cost a third of a second in a fresh JVM.
     */
    static int encodedEntries(X509CRL crl) {
        try {
            byte[] d = crl.getEncoded();
            int[] at = {0};
            enter(d, at);                                   // CertificateList
            int tbsEnd = enter(d, at);                      // TBSCertList
            boolean afterTimes = false;
            while (at[0] < tbsEnd) {
                int tag = d[at[0]] & 0xff;
                if (tag == 0x17 || tag == 0x18) {           // thisUpdate, nextUpdate
                    afterTimes = true;
                } else if (afterTimes && tag == 0x30) {     // revokedCertificates
                    int end = enter(d, at);
                    int n = 0;
                    for (; at[0] < end; n++) skip(d, at);
                    return n;
                }
                skip(d, at);
            }
            return 0;
        } catch (Exception e) {
            return 0;
        }
    }

    /** Reads a tag and a definite DER length at {@code at[0]}, leaves it at the contents; returns their end. */
    private static int enter(byte[] d, int[] at) {
        int i = at[0] + 1;
        int len = d[i++] & 0xff;
        if (len > 0x80 && len <= 0x84) {
            int bytes = len - 0x80;
            len = 0;
            for (int k = 0; k < bytes; k++) len = (len << 8) | (d[i++] & 0xff);
        } else if (len == 0x80) {
            throw new IllegalArgumentException("indefinite length");
        }
        if (len < 0 || i + len > d.length) throw new IllegalArgumentException("length beyond the encoding");
        at[0] = i;
        return i + len;
    }

    private static void skip(byte[] d, int[] at) { at[0] = enter(d, at); }

    public X509CRL crl() { return crl; }
    public X500Principal issuer() { return issuer; }
    public Instant thisUpdate() { return thisUpdate; }
    public Instant nextUpdate() { return nextUpdate; }
    public BigInteger crlNumber() { return crlNumber; }
    public boolean isDelta() { return deltaBase != null; }
    public BigInteger deltaBase() { return deltaBase; }
    public IssuingDistributionPoint idp() { return idp; }
    public int size() { return size; }

    /** Why this CRL cannot be used at all, or null. */
    public Reason problem() { return problem; }

    /** The entry for a certificate of {@code certIssuer} with {@code serial}, or null when not listed. */
    public Entry entry(X500Principal certIssuer, BigInteger serial) {
        Map<BigInteger, Entry> m = entries.get(certIssuer);
        return m == null ? null : m.get(serial);
    }

    /** Whether the CRL was signed with {@code signer}'s key; verified once per signer, then remembered. */
    boolean signedBy(Cert signer) {
        return signatureChecks.computeIfAbsent(signer.fingerprint, k -> {
            try {
                return Signatures.verify(signer.verifiers(), signatureAlgorithm, crl.getTBSCertList(),
                    crl.getSignature());
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Issued by {@code at} (give or take the clock skew): a CRL from after the validation time does not speak for it. */
    public boolean issuedBy(Instant at) { return !thisUpdate.isAfter(at.plus(CLOCK_SKEW)); }

    /** Not past its nextUpdate at {@code at}. */
    public boolean freshAt(Instant at) { return nextUpdate == null || !nextUpdate.isBefore(at); }

    /** The CRL of the validation time: issued by then and not yet superseded (RFC 5280 §6.3.3(a)). */
    public boolean currentAt(Instant at) { return issuedBy(at) && freshAt(at); }

    private static AlgorithmIdentifier algorithm(X509CRL crl) {
        try {
            byte[] params = crl.getSigAlgParams();
            return new AlgorithmIdentifier(new ASN1ObjectIdentifier(crl.getSigAlgOID()),
                params == null ? null : ASN1Primitive.fromByteArray(params));
        } catch (Exception e) {
            return null;
        }
    }

    private static BigInteger integerExtension(byte[] ext) {
        if (ext == null) return null;
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets());
            return ASN1Integer.getInstance(p).getValue();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static IssuingDistributionPoint idp(byte[] ext) {
        if (ext == null) return null;
        try {
            return IssuingDistributionPoint.getInstance(
                ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
