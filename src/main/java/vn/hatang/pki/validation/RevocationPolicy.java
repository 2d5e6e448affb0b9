package vn.hatang.pki.validation;

/**
 * What to do when neither a CRL nor an OCSP response gives the revocation status of a certificate.
 * Both record the verdict {@code unknown_revocation}; they differ in whether that verdict is acceptable.
 */
public enum RevocationPolicy {
    /** Unknown status is recorded but the certificate is still accepted (e.g. offline networks). */
    SOFT_FAIL,
    /** Unknown status makes the certificate unacceptable. */
    HARD_FAIL
}
