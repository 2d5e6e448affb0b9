package vn.hatang.pki.validation;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** Decoding of the certificate extensions that revocation checking and the register need. */
public final class CertExtensions {
    private CertExtensions() {}

    static ASN1Primitive extension(X509Certificate cert, String oid) {
        byte[] v = cert.getExtensionValue(oid);
        if (v == null) return null;
        try {
            return ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(v).getOctets());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** CRL distribution points, empty when absent or undecodable. */
    public static List<DistributionPoint> distributionPoints(X509Certificate cert) {
        ASN1Primitive p = extension(cert, Extension.cRLDistributionPoints.getId());
        if (p == null) return List.of();
        try {
            return List.of(CRLDistPoint.getInstance(p).getDistributionPoints());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The URIs in the full names of the CRL distribution points. */
    public static List<String> crlUrls(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        for (DistributionPoint dp : distributionPoints(cert)) {
            DistributionPointName n = dp.getDistributionPoint();
            if (n == null || n.getType() != DistributionPointName.FULL_NAME) continue;
            for (GeneralName g : GeneralNames.getInstance(n.getName()).getNames()) {
                if (g.getTagNo() == GeneralName.uniformResourceIdentifier) out.add(g.getName().toString());
            }
        }
        return out;
    }

    /** The OCSP responder URIs of the authority information access extension. */
    public static List<String> ocspUrls(X509Certificate cert) {
        return accessUrls(cert, AccessDescription.id_ad_ocsp.getId());
    }

    /** The caIssuers URIs of the authority information access extension. */
    public static List<String> caIssuerUrls(X509Certificate cert) {
        return accessUrls(cert, AccessDescription.id_ad_caIssuers.getId());
    }

    private static List<String> accessUrls(X509Certificate cert, String method) {
        ASN1Primitive p = extension(cert, Extension.authorityInfoAccess.getId());
        if (p == null) return List.of();
        List<String> out = new ArrayList<>();
        try {
            for (AccessDescription ad : AuthorityInformationAccess.getInstance(p).getAccessDescriptions()) {
                GeneralName g = ad.getAccessLocation();
                if (ad.getAccessMethod().getId().equals(method) && g.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    out.add(g.getName().toString());
                }
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return out;
    }

    public static boolean isCa(X509Certificate cert) { return cert.getBasicConstraints() >= 0; }
}
