package vn.hatang.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * What the certificate module hands to monitoring ({@link DomainSources#withCertificates}): aggregates per unit, never
 * per person. Called on a worker thread at most once per metrics cache period. Monitoring rolls units below the
 * directly subordinate level up into their depth-1 ancestor.
 *
 * <p>Exposed as {@code hatang_certificates{unit,verdict}} and
 * {@code hatang_certificate_soonest_expiry_timestamp_seconds{unit}}.
 */
public interface CertificateSource {
    /** Certificates held in a unit with one validation verdict (a fixed set: valid, expiring, expired, revoked, ...). */
    record VerdictCount(long unitId, String verdict, long count) {
    }

    /** The earliest expiry among the unit's certificates that are currently valid. */
    record SoonestExpiry(long unitId, Instant notAfter) {
    }

    List<VerdictCount> verdicts();

    List<SoonestExpiry> soonestExpiries();
}
