package vn.hatang.pki.certs;

import static vn.hatang.db.Tables.PKI_CERTIFICATE;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.PKI_VERDICT;
import static vn.hatang.db.Tables.UNIT;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import vn.hatang.coverage.CertificateVerdicts;
import vn.hatang.coverage.Reason;

/**
 * The certificate register as the source of KPI SIGNER_CERT: a person holds a valid signing certificate on a day when
 * a certificate confirmed as theirs has the verdict {@code valid} and covers that day (Vietnam time).
 */
public final class PkiCertificateVerdicts implements CertificateVerdicts {
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Override
    public Condition holdsValid(Field<Long> personId, LocalDate day) {
        Instant start = day.atStartOfDay(VIETNAM).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(VIETNAM).toInstant();
        return DSL.exists(DSL.selectOne().from(PKI_CERTIFICATE)
            .where(PKI_CERTIFICATE.PERSON_ID.eq(personId))
            .and(PKI_CERTIFICATE.PERSON_MATCH.eq("confirmed"))
            .and(PKI_CERTIFICATE.VERDICT.eq("valid"))
            .and(PKI_CERTIFICATE.NOT_BEFORE.lt(end))
            .and(PKI_CERTIFICATE.NOT_AFTER.gt(start)));
    }

    @Override
    public Map<Long, Reason> reasons(DSLContext dsl, Collection<Long> personIds, LocalDate day) {
        Map<Long, Reason> out = new HashMap<>();
        personIds.forEach(id -> out.put(id, new Reason("reason.cert_none_recorded")));
        Instant start = day.atStartOfDay(VIETNAM).toInstant();
        // The latest certificate of each person says why: expired, revoked, or otherwise not valid.
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (Record r : dsl.select(PKI_CERTIFICATE.PERSON_ID, PKI_CERTIFICATE.ID, PKI_CERTIFICATE.SERIAL_HEX, PKI_CERTIFICATE.VERDICT,
                    PKI_CERTIFICATE.NOT_AFTER, PKI_CERTIFICATE.CHECKED_AT)
                .from(PKI_CERTIFICATE)
                .where(PKI_CERTIFICATE.PERSON_ID.in(personIds)).and(PKI_CERTIFICATE.PERSON_MATCH.eq("confirmed"))
                .orderBy(PKI_CERTIFICATE.PERSON_ID, PKI_CERTIFICATE.NOT_AFTER.desc())
                .fetch()) {
            if (!seen.add(r.get(PKI_CERTIFICATE.PERSON_ID))) continue;
            String serial = r.get(PKI_CERTIFICATE.SERIAL_HEX);
            String verdict = r.get(PKI_CERTIFICATE.VERDICT);
            Instant notAfter = r.get(PKI_CERTIFICATE.NOT_AFTER);
            Reason reason;
            if ("expired".equals(verdict) || !notAfter.isAfter(start)) {
                reason = new Reason("reason.cert_expired", serial, notAfter.atZone(VIETNAM).toLocalDate().toString());
            } else if ("revoked".equals(verdict)) {
                Instant when = dsl.select(PKI_VERDICT.REVOCATION_DATE).from(PKI_VERDICT)
                    .where(PKI_VERDICT.CERTIFICATE_ID.eq(r.get(PKI_CERTIFICATE.ID)))
                    .and(PKI_VERDICT.REVOCATION_DATE.isNotNull())
                    .orderBy(PKI_VERDICT.CHECKED_AT.desc()).limit(1).fetchOne(PKI_VERDICT.REVOCATION_DATE);
                reason = new Reason("reason.cert_revoked", serial,
                    (when != null ? when : r.get(PKI_CERTIFICATE.CHECKED_AT)).atZone(VIETNAM).toLocalDate().toString());
            } else {
                reason = new Reason("reason.cert_not_valid", serial, verdict == null ? "?" : verdict);
            }
            out.put(r.get(PKI_CERTIFICATE.PERSON_ID), reason);
        }
        return out;
    }

    @Override
    public java.util.List<Event> events(DSLContext dsl, String path, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(VIETNAM).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(VIETNAM).toInstant();
        var c = PKI_CERTIFICATE;
        var revokedAt = DSL.field(DSL.select(DSL.max(PKI_VERDICT.REVOCATION_DATE)).from(PKI_VERDICT)
            .where(PKI_VERDICT.CERTIFICATE_ID.eq(c.ID)));
        java.util.List<Event> out = new java.util.ArrayList<>();
        for (Record r : dsl.select(c.NOT_BEFORE, c.NOT_AFTER, revokedAt, UNIT.CODE, UNIT.NAME, UNIT.NAME_EN, PERSON.FULL_NAME,
                    c.SERIAL_HEX, c.SUBJECT)
                .from(c).join(UNIT).on(UNIT.ID.eq(c.UNIT_ID)).leftJoin(PERSON).on(PERSON.ID.eq(c.PERSON_ID))
                .where(UNIT.PATH.startsWith(path))
                .and(c.NOT_BEFORE.between(start, end).or(c.NOT_AFTER.between(start, end)).or(revokedAt.between(start, end)))
                .fetch()) {
            for (var e : java.util.List.of(java.util.Map.entry("issued", r.get(c.NOT_BEFORE)),
                    java.util.Map.entry("expired", r.get(c.NOT_AFTER)))) {
                if (!e.getValue().isBefore(start) && e.getValue().isBefore(end)) {
                    out.add(event(r, e.getKey(), e.getValue()));
                }
            }
            Instant revoked = r.get(revokedAt);
            if (revoked != null && !revoked.isBefore(start) && revoked.isBefore(end)) {
                out.add(event(r, "revoked", revoked));
            }
        }
        out.sort(java.util.Comparator.comparing(Event::day).thenComparing(Event::unitCode).thenComparing(Event::serial));
        return out;
    }

    private static Event event(Record r, String kind, Instant at) {
        return new Event(at.atZone(VIETNAM).toLocalDate(), kind, r.get(UNIT.CODE), r.get(UNIT.NAME), r.get(UNIT.NAME_EN),
            r.get(PERSON.FULL_NAME), r.get(PKI_CERTIFICATE.SERIAL_HEX), SubjectNames.readable(r.get(PKI_CERTIFICATE.SUBJECT)));
    }

    @Override
    public String source() { return "pki"; }

    @Override
    public String noteKey() { return null; }
}
