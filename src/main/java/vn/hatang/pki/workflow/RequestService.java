package vn.hatang.pki.workflow;

import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.PKI_CERTIFICATE;
import static vn.hatang.db.Tables.PKI_REQUEST;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.records.PersonRecord;
import vn.hatang.db.tables.records.PkiCertificateRecord;
import vn.hatang.db.tables.records.PkiRequestRecord;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.json.Input;
import vn.hatang.platform.json.Json;
import vn.hatang.security.Scope;
import vn.hatang.units.UnitRepository;

/**
 * Requests to the CA (new, renew, reissue, revoke with a reason): proposed by hatang or created by an operator,
 * submitted to the CA, then completed or rejected; who and when is kept at each step.
 */
public final class RequestService {
    public static final List<String> KINDS = List.of("new", "renew", "reissue", "revoke");
    public static final List<String> REASONS = List.of("transfer", "retirement", "loss", "key_compromise",
        "change_of_details");
    public static final List<String> STATES = List.of("proposed", "new", "submitted", "completed", "rejected");
    private static final Set<String> OPEN = Set.of("proposed", "new", "submitted");

    private record Move(Set<String> from, String to) {}

    public static final List<String> ACTIONS = List.of("submit", "complete", "reject");

    private static final Map<String, Move> MOVES = Map.of(
        "submit", new Move(Set.of("proposed", "new"), "submitted"),
        "complete", new Move(Set.of("submitted"), "completed"),
        "reject", new Move(Set.of("proposed", "new", "submitted"), "rejected"));

    private final Db db;
    private final Clock clock;

    /** The moves a request in this state may make (the console shows only these). */
    public static List<String> actions(String state) {
        return ACTIONS.stream().filter(a -> MOVES.get(a).from().contains(state)).toList();
    }

    public RequestService(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Future<JsonObject> create(Scope scope, Input in) {
        String actor = scope.actor().display();
        return db.tx(scope, dsl -> {
            String kind = in.oneOf("kind", KINDS, true);
            String reason = in.oneOf("reason", REASONS, "revoke".equals(kind));
            PersonRecord p = person(dsl, scope, in);
            Long certId = in.id("certificate_id", false);
            if (certId != null && !dsl.fetchExists(PKI_CERTIFICATE, PKI_CERTIFICATE.ID.eq(certId)
                    .and(scope.covers(PKI_CERTIFICATE.UNIT_ID)))) {
                throw ApiException.invalid("certificate_id", "error.unknown_ref", certId);
            }
            if (("revoke".equals(kind) || "renew".equals(kind) || "reissue".equals(kind)) && certId == null) {
                throw ApiException.invalid("certificate_id", "error.required");
            }
            Boolean secret = in.bool("secret_level", false);
            PkiRequestRecord r = insert(dsl, kind, reason, "new", p, certId, secret != null ? secret : p.getSecretSigning(),
                in.text("note", 1000, false), actor);
            return Json.of(r);
        });
    }

    private PkiRequestRecord insert(DSLContext dsl, String kind, String reason, String state, PersonRecord p, Long certId,
                                    boolean secret, String note, String actor) {
        PkiRequestRecord r = dsl.newRecord(PKI_REQUEST);
        r.setKind(kind);
        r.setReason(reason);
        r.setState(state);
        r.setPersonId(p.getId());
        r.setUnitId(p.getUnitId());
        r.setCertificateId(certId);
        r.setSecretLevel(secret);
        r.setNote(note);
        r.setCreatedBy(actor);
        r.setCreatedAt(clock.instant());
        r.store();
        r.refresh();
        return r;
    }

    public Future<JsonObject> transition(Scope scope, long id, String action, Input in) {
        String actor = scope.actor().display();
        Move move = MOVES.get(action);
        if (move == null) throw ApiException.invalid("action", "error.one_of", String.join(", ", MOVES.keySet()));
        return db.tx(scope, dsl -> {
            PkiRequestRecord r = dsl.selectFrom(PKI_REQUEST).where(PKI_REQUEST.ID.eq(id))
                .and(scope.covers(PKI_REQUEST.UNIT_ID)).forUpdate().fetchOne();
            if (r == null) throw ApiException.notFound("certificate request", id);
            if (!move.from().contains(r.getState())) {
                throw ApiException.stateConflict("pki.request_bad_move", action, r.getState());
            }
            Instant now = clock.instant();
            r.setState(move.to());
            if ("submitted".equals(move.to())) {
                r.setSubmittedBy(actor);
                r.setSubmittedAt(now);
            } else {
                r.setClosedBy(actor);
                r.setClosedAt(now);
                r.setCloseNote(in.text("note", 1000, "rejected".equals(move.to())));
            }
            r.setVersion(r.getVersion() + 1);
            r.setUpdatedAt(now);
            r.update();
            return Json.of(r);
        });
    }

    public Future<Page> list(Scope scope, Map<String, String> f, Page.Request page) {
        return db.read(scope, dsl -> {
            Condition c = condition(dsl, scope, f);
            return page.page(dsl.selectFrom(PKI_REQUEST).where(c).and(PKI_REQUEST.ID.gt(page.after()))
                .orderBy(PKI_REQUEST.ID).limit(page.limit() + 1).fetch(Json::of));
        });
    }

    static Condition condition(DSLContext dsl, Scope scope, Map<String, String> f) {
        Input q = Input.ofStrings(f);
        Condition c = scope.covers(PKI_REQUEST.UNIT_ID);
        if (f.get("unit") != null) c = c.and(UnitRepository.under(dsl, scope, PKI_REQUEST.UNIT_ID, f.get("unit")));
        if (f.get("state") != null) c = c.and(PKI_REQUEST.STATE.eq(q.oneOf("state", STATES, true)));
        if (f.get("kind") != null) c = c.and(PKI_REQUEST.KIND.eq(q.oneOf("kind", KINDS, true)));
        return c;
    }

    /**
     * Proposes the requests the records call for, once each: revoke (retirement) for certificates of people who left;
     * reissue (transfer) for certificates of people now in another unit than the certificate was issued for; new — or
     * renew when an old certificate exists — for active signers without a valid certificate or with one expiring
     * within 30 days.
     */
    public Future<JsonArray> propose(Scope scope) {
        return db.blocking().run(() -> proposeNow(scope));
    }

    /** {@link #propose} for callers already off the event loop (the schedule). */
    public JsonArray proposeNow(Scope scope) {
        String actor = scope.actor().display();
        return db.inTransaction(scope, dsl -> {
            JsonArray created = new JsonArray();
            Instant now = clock.instant();
            for (PkiCertificateRecord c : dsl.selectFrom(PKI_CERTIFICATE).where(PKI_CERTIFICATE.PERSON_MATCH.eq("confirmed"))
                    .and(scope.covers(PKI_CERTIFICATE.UNIT_ID))
                    .and(PKI_CERTIFICATE.NOT_AFTER.gt(now)).and(PKI_CERTIFICATE.VERDICT.ne("revoked")).fetch()) {
                PersonRecord p = dsl.selectFrom(PERSON).where(PERSON.ID.eq(c.getPersonId()))
                    .and(scope.covers(PERSON.UNIT_ID)).fetchOne();
                if (p == null || openFor(dsl, p.getId(), c.getId())) continue;
                if ("left".equals(p.getStatus())) {
                    created.add(Json.of(insert(dsl, "revoke", "retirement", "proposed", p, c.getId(), p.getSecretSigning(),
                        "Đề xuất tự động: cán bộ đã nghỉ / proposed: holder left", actor)));
                } else if (c.getUnitId() != null && !c.getUnitId().equals(p.getUnitId())) {
                    created.add(Json.of(insert(dsl, "reissue", "transfer", "proposed", p, c.getId(), p.getSecretSigning(),
                        "Đề xuất tự động: cán bộ chuyển đơn vị / proposed: holder moved to another unit", actor)));
                }
            }
            for (PersonRecord p : dsl.selectFrom(PERSON).where(PERSON.SIGNS_DOCUMENTS.isTrue())
                    .and(PERSON.STATUS.eq("active")).and(scope.covers(PERSON.UNIT_ID)).fetch()) {
                boolean validLongEnough = dsl.fetchExists(PKI_CERTIFICATE, PKI_CERTIFICATE.PERSON_ID.eq(p.getId())
                    .and(PKI_CERTIFICATE.PERSON_MATCH.eq("confirmed")).and(PKI_CERTIFICATE.VERDICT.eq("valid"))
                    .and(PKI_CERTIFICATE.NOT_AFTER.gt(now.plus(Duration.ofDays(30)))));
                if (validLongEnough || openFor(dsl, p.getId(), null)) continue;
                PkiCertificateRecord old = dsl.selectFrom(PKI_CERTIFICATE).where(PKI_CERTIFICATE.PERSON_ID.eq(p.getId()))
                    .and(PKI_CERTIFICATE.PERSON_MATCH.eq("confirmed")).and(PKI_CERTIFICATE.VERDICT.ne("revoked"))
                    .orderBy(PKI_CERTIFICATE.NOT_AFTER.desc()).limit(1).fetchOne();
                created.add(Json.of(insert(dsl, old == null ? "new" : "renew", null, "proposed", p,
                    old == null ? null : old.getId(), p.getSecretSigning(),
                    "Đề xuất tự động: người ký chưa có chứng thư hợp lệ / proposed: signer lacks a valid certificate",
                    actor)));
            }
            return created;
        });
    }

    private static boolean openFor(DSLContext dsl, long personId, Long certId) {
        Condition c = PKI_REQUEST.PERSON_ID.eq(personId).and(PKI_REQUEST.STATE.in(OPEN));
        if (certId != null) c = c.and(PKI_REQUEST.CERTIFICATE_ID.eq(certId).or(PKI_REQUEST.CERTIFICATE_ID.isNull()));
        return dsl.fetchExists(PKI_REQUEST, c);
    }

    private static PersonRecord person(DSLContext dsl, Scope scope, Input in) {
        Long id = in.id("person_id", false);
        PersonRecord p;
        if (id != null) {
            p = dsl.selectFrom(PERSON).where(PERSON.ID.eq(id)).and(scope.covers(PERSON.UNIT_ID)).fetchOne();
            if (p == null) throw ApiException.invalid("person_id", "error.unknown_ref", id);
        } else {
            String code = in.text("person_code", 64, true);
            p = dsl.selectFrom(PERSON).where(PERSON.CODE.eq(code)).and(scope.covers(PERSON.UNIT_ID)).fetchOne();
            if (p == null) throw ApiException.invalid("person_code", "error.unknown_ref", code);
        }
        return p;
    }

    static boolean isOpen(String state) { return OPEN.contains(state); }

    /** For exports: the rows matching the list filters, oldest first. */
    public List<org.jooq.Record> rows(DSLContext dsl, Scope scope, Map<String, String> f, Condition extra) {
        return dsl.select().from(PKI_REQUEST).join(PERSON).on(PERSON.ID.eq(PKI_REQUEST.PERSON_ID))
            .join(vn.hatang.db.Tables.UNIT).on(vn.hatang.db.Tables.UNIT.ID.eq(PKI_REQUEST.UNIT_ID))
            .leftJoin(PKI_CERTIFICATE).on(PKI_CERTIFICATE.ID.eq(PKI_REQUEST.CERTIFICATE_ID))
            .where(condition(dsl, scope, f)).and(extra == null ? DSL.trueCondition() : extra)
            .orderBy(PKI_REQUEST.ID).fetch().stream().map(r -> (org.jooq.Record) r).toList();
    }
}
