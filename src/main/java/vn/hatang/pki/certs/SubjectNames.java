package vn.hatang.pki.certs;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Distinguished names as an officer reads them. The register keeps subjects in RFC 2253 form, where attributes the
 * JDK has no keyword for (emailAddress, the UID of Vietnamese CAs) are hex-encoded DER
 * ({@code 1.2.840.113549.1.9.1=#1610…}); here they are decoded and named ({@code E=nguyen.van.a@hoason.dcs.vn}).
 */
public final class SubjectNames {
    private SubjectNames() {
    }

    public static String readable(String rfc2253) {
        if (rfc2253 == null || rfc2253.isBlank()) {
            return rfc2253;
        }
        try {
            StringBuffer out = new StringBuffer();
            for (RDN rdn : new X500Name(BCStyle.INSTANCE, rfc2253).getRDNs()) {
                if (out.length() > 0) {
                    out.append(", ");
                }
                out.append(BCStyle.INSTANCE.toString(new X500Name(new RDN[] {rdn})));
            }
            return out.toString();
        } catch (RuntimeException e) {
            return rfc2253; // not a name BC can parse: show it as stored rather than nothing
        }
    }
}
