package vn.hatang.coverage;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Whether a person holds a currently valid signing certificate: the one place where the certificate register (branch
 * {@code pki}) plugs into the coverage KPIs. {@link #holdsValid} is used inside the KPI SQL; {@link #reasons} words
 * the gap list.
 */
public interface CertificateVerdicts {
    /** Rows of {@code person} (by id) holding a valid certificate on {@code day}. */
    Condition holdsValid(Field<Long> personId, LocalDate day);

    /** For people without one: why (message key of the coverage bundle + arguments), by person id. */
    Map<Long, Reason> reasons(DSLContext dsl, Collection<Long> personIds, LocalDate day);

    /** Where the verdicts come from, shown with every SIGNER_CERT value: "pki" or "inventory". */
    String source();

    /** A sentence (message key) explaining the source, or null. */
    String noteKey();

    /** Something that happened to a certificate on a day: {@code issued}, {@code expired} or {@code revoked}. */
    record Event(LocalDate day, String kind, String unitCode, String unitName, String unitNameEn, String holder,
            String serial, String subject) {
    }

    /** The certificate events of the days {@code from}–{@code to} in the subtree at {@code path}, by day. */
    default java.util.List<Event> events(DSLContext dsl, String path, LocalDate from, LocalDate to) {
        return java.util.List.of();
    }

    /**
     * Until the certificate register exists, nobody is known to hold a valid certificate: every signer shows in the
     * gap list as "no certificate recorded", and the value says why.
     */
    CertificateVerdicts NO_REGISTER = new CertificateVerdicts() {
        @Override
        public Condition holdsValid(Field<Long> personId, LocalDate day) {
            return DSL.falseCondition();
        }

        @Override
        public Map<Long, Reason> reasons(DSLContext dsl, Collection<Long> personIds, LocalDate day) {
            Map<Long, Reason> out = new java.util.HashMap<>();
            personIds.forEach(id -> out.put(id, new Reason("reason.cert_none_recorded")));
            return out;
        }

        @Override
        public String source() {
            return "inventory";
        }

        @Override
        public String noteKey() {
            return "note.cert_no_register";
        }
    };
}
