package vn.hatang.pki.validation;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * A CRL parsed once and indexed for fast lookups: revoked serials in a hash map per certificate issuer (an
 * indirect CRL names several), the issuing distribution point decoded, unknown critical extensions noted.
 * The CRL signature is verified at most once per public key.
 */
public final class IndexedCrl {
    static final String IDP = "2.5.29.28";
    static final String DELTA_CRL_INDICATOR = "2.5.29.27";
    static final String CRL_NUMBER = "2.5.29.20";
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
    private final boolean unknownCriticalExtension;
    private final Map<X500Principal, Map<BigInteger, Entry>> entries = new HashMap<>();
    private final Map<PublicKey, Boolean> signatureChecks = new ConcurrentHashMap<>();
    private final int size;

    public IndexedCrl(X509CRL crl) {
        this.crl = crl;
        this.issuer = crl.getIssuerX500Principal();
        this.thisUpdate = crl.getThisUpdate().toInstant();
        this.nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
        this.crlNumber = integerExtension(crl.getExtensionValue(CRL_NUMBER));
        this.deltaBase = integerExtension(crl.getExtensionValue(DELTA_CRL_INDICATOR));
        this.idp = idp(crl.getExtensionValue(IDP));
        Set<String> critical = crl.getCriticalExtensionOIDs();
        this.unknownCriticalExtension = critical != null && !KNOWN_CRL_EXTENSIONS.containsAll(critical);
        int n = 0;
        Set<? extends X509CRLEntry> revoked = crl.getRevokedCertificates();
        if (revoked != null) {
            for (X509CRLEntry e : revoked) {
                X500Principal certIssuer = e.getCertificateIssuer() != null ? e.getCertificateIssuer() : issuer;
                Set<String> entryCritical = e.getCriticalExtensionOIDs();
                boolean unknown = entryCritical != null && !KNOWN_ENTRY_EXTENSIONS.containsAll(entryCritical);
                CRLReason reason = e.getRevocationReason() == null ? CRLReason.UNSPECIFIED : e.getRevocationReason();
                entries.computeIfAbsent(certIssuer, k -> new HashMap<>())
                    .put(e.getSerialNumber(), new Entry(e.getRevocationDate().toInstant(), reason, unknown));
                n++;
            }
        }
        this.size = n;
    }

    public X509CRL crl() { return crl; }
    public X500Principal issuer() { return issuer; }
    public Instant thisUpdate() { return thisUpdate; }
    public Instant nextUpdate() { return nextUpdate; }
    public BigInteger crlNumber() { return crlNumber; }
    public boolean isDelta() { return deltaBase != null; }
    public BigInteger deltaBase() { return deltaBase; }
    public IssuingDistributionPoint idp() { return idp; }
    public boolean hasUnknownCriticalExtension() { return unknownCriticalExtension; }
    public int size() { return size; }

    /** The entry for a certificate of {@code certIssuer} with {@code serial}, or null when not listed. */
    public Entry entry(X500Principal certIssuer, BigInteger serial) {
        Map<BigInteger, Entry> m = entries.get(certIssuer);
        return m == null ? null : m.get(serial);
    }

    /** Whether the CRL was signed by {@code key}; verified once per key, then remembered. */
    public boolean signedBy(PublicKey key) {
        return signatureChecks.computeIfAbsent(key, k -> {
            try {
                crl.verify(k, Providers.bc());
                return true;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Usable at {@code at}: not past its nextUpdate. A CRL issued after {@code at} still tells what was revoked then. */
    public boolean currentAt(Instant at) {
        return nextUpdate == null || !nextUpdate.isBefore(at);
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
