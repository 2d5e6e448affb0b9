package vn.hatang.pki.exports;

import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.PKI_CERTIFICATE;
import static vn.hatang.db.Tables.PKI_REQUEST;
import static vn.hatang.db.Tables.PKI_TOKEN;
import static vn.hatang.db.Tables.PKI_TOKEN_EVENT;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.report.Report;
import vn.hatang.platform.report.ReportTable;
import vn.hatang.platform.report.ReportWriter;
import vn.hatang.platform.report.Text;
import vn.hatang.pki.certs.SubjectNames;
import vn.hatang.pki.workflow.RequestService;
import vn.hatang.security.Scope;

/**
 * The three lists the office sends on paper: certificate requests, token handovers, revocations. Each is a
 * {@link Report} (STT as numbers, dates as dates, subject names decoded) written by the one
 * {@link ReportWriter}, as CSV or XLSX.
 */
public final class PkiExports {
    public static final List<String> LISTS = List.of("certificate-requests", "handovers", "revocations");

    private final Db db;
    private final RequestService requests;

    public PkiExports(Db db, RequestService requests) {
        this.db = db;
        this.requests = requests;
    }

    public Future<Report> report(Scope scope, String list, Map<String, String> filters) {
        return db.read(scope, dsl -> {
            ReportTable t = switch (list) {
                case "certificate-requests" -> requestList(dsl, scope, filters);
                case "handovers" -> handoverList(dsl, scope, filters);
                default -> revocationList(dsl, scope, filters);
            };
            return new Report(list, filters.get("unit"), Instant.now().toString(), List.of(), List.of(t));
        });
    }

    private static ReportTable table(String sheet, String... columns) {
        return new ReportTable(Text.of("documents", "pki.sheet." + sheet),
            java.util.Arrays.stream(columns).map(c -> Text.of("documents", "pki.col." + c)).toList());
    }

    private ReportTable requestList(DSLContext dsl, Scope scope, Map<String, String> f) {
        ReportTable t = table("requests", "stt", "full_name", "person_code", "title", "unit", "kind", "reason", "secret_level",
            "email", "phone", "state", "created_on", "note");
        for (Record r : requests.rows(dsl, scope, f, PKI_REQUEST.KIND.in("new", "renew", "reissue")
                .and(PKI_REQUEST.STATE.ne("rejected")))) {
            t.add(t.rows().size() + 1, r.get(PERSON.FULL_NAME), r.get(PERSON.CODE), r.get(PERSON.TITLE), r.get(UNIT.NAME),
                word("kind", r.get(PKI_REQUEST.KIND)), word("reason", r.get(PKI_REQUEST.REASON)),
                word("yes_no", String.valueOf(Boolean.TRUE.equals(r.get(PKI_REQUEST.SECRET_LEVEL)))), r.get(PERSON.EMAIL),
                r.get(PERSON.PHONE), word("state", r.get(PKI_REQUEST.STATE)), day(r.get(PKI_REQUEST.CREATED_AT)),
                r.get(PKI_REQUEST.NOTE));
        }
        return t;
    }

    private ReportTable revocationList(DSLContext dsl, Scope scope, Map<String, String> f) {
        ReportTable t = table("revocations", "stt", "full_name", "person_code", "unit", "cert_serial", "subject", "issuer",
            "revocation_reason", "state", "created_on", "note");
        for (Record r : requests.rows(dsl, scope, f, PKI_REQUEST.KIND.eq("revoke").and(PKI_REQUEST.STATE.ne("rejected")))) {
            t.add(t.rows().size() + 1, r.get(PERSON.FULL_NAME), r.get(PERSON.CODE), r.get(UNIT.NAME),
                r.get(PKI_CERTIFICATE.SERIAL_HEX), SubjectNames.readable(r.get(PKI_CERTIFICATE.SUBJECT)),
                SubjectNames.readable(r.get(PKI_CERTIFICATE.ISSUER)), word("reason", r.get(PKI_REQUEST.REASON)),
                word("state", r.get(PKI_REQUEST.STATE)), day(r.get(PKI_REQUEST.CREATED_AT)), r.get(PKI_REQUEST.NOTE));
        }
        return t;
    }

    private ReportTable handoverList(DSLContext dsl, Scope scope, Map<String, String> f) {
        var cond = PKI_TOKEN_EVENT.TO_STATE.in("assigned", "returned").and(scope.covers(PKI_TOKEN.UNIT_ID));
        if (f.get("unit") != null) {
            cond = cond.and(vn.hatang.units.UnitRepository.under(dsl, scope, PERSON.UNIT_ID, f.get("unit")));
        }
        ReportTable t = table("handovers", "stt", "content", "document_no", "document_date", "recipient", "title", "unit",
            "device_kind", "serial", "phone", "carrier", "handed_by", "note");
        for (Record r : dsl.select().from(PKI_TOKEN_EVENT).join(PKI_TOKEN).on(PKI_TOKEN.ID.eq(PKI_TOKEN_EVENT.TOKEN_ID))
                .join(PERSON).on(PERSON.ID.eq(PKI_TOKEN_EVENT.HOLDER_ID)).join(UNIT).on(UNIT.ID.eq(PERSON.UNIT_ID))
                .where(cond).orderBy(PKI_TOKEN_EVENT.ID).fetch()) {
            t.add(t.rows().size() + 1, word("move", r.get(PKI_TOKEN_EVENT.TO_STATE)), r.get(PKI_TOKEN_EVENT.DOCUMENT_NO),
                r.get(PKI_TOKEN_EVENT.DOCUMENT_DATE), r.get(PERSON.FULL_NAME), r.get(PERSON.TITLE), r.get(UNIT.NAME),
                word("token_kind", r.get(PKI_TOKEN.KIND)), r.get(PKI_TOKEN.SERIAL), r.get(PKI_TOKEN.PHONE),
                r.get(PKI_TOKEN.CARRIER), r.get(PKI_TOKEN_EVENT.HANDED_BY), r.get(PKI_TOKEN_EVENT.NOTE));
        }
        return t;
    }

    /** A coded value in words ({@code pki.<group>.<value>} of the documents bundle); nothing for nothing. */
    private static Text word(String group, String value) {
        return value == null ? null : Text.of("documents", "pki." + group + "." + value);
    }

    private static LocalDate day(Instant at) {
        return at == null ? null : at.atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate();
    }
}
