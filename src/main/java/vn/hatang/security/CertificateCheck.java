package vn.hatang.security;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the certificate register says about a certificate presented for login: its verdict now, given by the same
 * validator as the register's (chain to the configured CAs, validity, key usage, CRL/OCSP as configured), and the
 * official it is confirmed to belong to. Owned here, implemented by the PKI module, wired in {@code App}.
 */
public interface CertificateCheck {
    /**
     * @param acceptable     whether the certificate may be relied upon now
     * @param verdict        the verdict code ({@code valid}, {@code revoked}, {@code expired}, …)
     * @param fingerprint    SHA-256 of the certificate, hex
     * @param holderPersonId the person the register holds this very certificate for (confirmed match), or null
     */
    record Outcome(boolean acceptable, String verdict, String reasonVi, String reasonEn, String fingerprint,
            Long holderPersonId) {
    }

    /** Blocking (revocation may be fetched): call it on the worker pool. */
    Outcome check(X509Certificate certificate, List<X509Certificate> presentedChain);
}
