package vn.hatang.pki.validation;

import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The verdict on one certificate at one instant, with the reason in words and, when revoked, the
 * revocation reason and date.
 *
 * @param acceptable   whether the certificate may be relied upon: true for {@code valid}, and for
 *                     {@code unknown_revocation} under the soft-fail policy
 * @param path         the certification path that was checked, target first, trust anchor last (the best
 *                     candidate when none was valid; the target alone when no path reached an anchor)
 * @param revocationReason  set only for {@code revoked}
 * @param revocationDate    set only for {@code revoked}
 * @param revocationSource  {@code crl} or {@code ocsp}, set only for {@code revoked}
 * @param signatureChecks   signature checks path building used (bounded by the validator's limits)
 */
public record ValidationResult(
        Verdict verdict,
        Reason reason,
        boolean acceptable,
        Instant at,
        List<X509Certificate> path,
        CRLReason revocationReason,
        Instant revocationDate,
        String revocationSource,
        int signatureChecks) {

    public String reasonVi() { return reason.vi(); }

    public String reasonEn() { return reason.en(); }

    static ValidationResult of(Verdict verdict, Reason reason, Instant at, List<X509Certificate> path, int checks) {
        return new ValidationResult(verdict, reason, verdict == Verdict.VALID, at, List.copyOf(path), null, null, null,
            checks);
    }
}
