package vn.hatang.pki.tokens;

import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.PKI_TOKEN;
import static vn.hatang.db.Tables.PKI_TOKEN_EVENT;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.records.PersonRecord;
import vn.hatang.db.tables.records.PkiTokenRecord;
import vn.hatang.platform.db.CrudRepository;
import vn.hatang.platform.db.CrudService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.db.RecordSpec;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.json.Input;
import vn.hatang.platform.json.Json;
import vn.hatang.security.Scope;
import vn.hatang.units.UnitRepository;

/**
 * USB tokens and signature SIMs. Descriptive fields are edited like any resource; the state only moves through
 * {@link #transition}: in_stock → assigned (handover, with its document) → returned → in_stock again, and lost or
 * destroyed at the end. Every move is kept in the token's history.
 */
public final class TokenService extends CrudService<PkiTokenRecord> {
    public static final List<String> KINDS = List.of("usb_token", "sim");
    public static final List<String> STATES = List.of("in_stock", "assigned", "returned", "lost", "destroyed");

    /** Allowed moves: action → (from states, to state). */
    private record Move(Set<String> from, String to) {}

    private static final Map<String, Move> MOVES = Map.of(
        "assign", new Move(Set.of("in_stock", "returned"), "assigned"),
        "return", new Move(Set.of("assigned"), "returned"),
        "restock", new Move(Set.of("returned"), "in_stock"),
        "lose", new Move(Set.of("in_stock", "assigned", "returned"), "lost"),
        "destroy", new Move(Set.of("in_stock", "returned", "lost"), "destroyed"));

    public static final Set<String> ACTIONS = MOVES.keySet();

    /** The actions a token in {@code state} allows (the console shows these as its buttons), in a fixed order. */
    public static List<String> actions(String state) {
        return MOVES.entrySet().stream().filter(e -> e.getValue().from().contains(state)).map(Map.Entry::getKey)
                .sorted().toList();
    }

    public static final RecordSpec<PkiTokenRecord> SPEC = new RecordSpec<PkiTokenRecord>()
        .text(PKI_TOKEN.SERIAL, 100, true)
        .oneOf(PKI_TOKEN.KIND, KINDS, true)
        .text(PKI_TOKEN.MODEL, 100, false)
        .mobile(PKI_TOKEN.PHONE, false)
        .text(PKI_TOKEN.CARRIER, 50, false)
        .ref(PKI_TOKEN.UNIT_ID, "unit_code", UNIT, UNIT.CODE, true)
        .text(PKI_TOKEN.NOTE, 500, false)
        .shows(PKI_TOKEN.HOLDER_ID, "holder_code", PERSON, PERSON.CODE);

    public TokenService(Db db) {
        super(db, new CrudRepository<>(PKI_TOKEN, "token", PKI_TOKEN.ID, PKI_TOKEN.UNIT_ID, PKI_TOKEN.VERSION,
            PKI_TOKEN.UPDATED_AT, SPEC).withCode(PKI_TOKEN.SERIAL), TokenService::filter);
    }

    private static Condition filter(DSLContext dsl, Scope scope, Map<String, String> f) {
        Condition c = DSL.trueCondition();
        Input q = Input.ofStrings(f);
        if (f.get("unit") != null) c = c.and(UnitRepository.under(dsl, scope, PKI_TOKEN.UNIT_ID, f.get("unit")));
        if (f.get("state") != null) c = c.and(PKI_TOKEN.STATE.eq(q.oneOf("state", STATES, true)));
        if (f.get("kind") != null) c = c.and(PKI_TOKEN.KIND.eq(q.oneOf("kind", KINDS, true)));
        if (f.get("holder_id") != null) c = c.and(PKI_TOKEN.HOLDER_ID.eq(q.id("holder_id", true)));
        return c;
    }

    @Override
    protected void beforeWrite(DSLContext dsl, Scope scope, PkiTokenRecord t, boolean creating) {
        if ("sim".equals(t.getKind()) && (t.getPhone() == null || t.getPhone().isBlank())) {
            throw ApiException.invalid("phone", "pki.sim_needs_phone");
        }
        if (creating && dsl.fetchExists(PKI_TOKEN, PKI_TOKEN.SERIAL.eq(t.getSerial()))) {
            throw ApiException.conflict("pki.token_duplicate", null, "serial");
        }
    }

    /**
     * Moves a token: {@code assign} needs the recipient ({@code person_id}/{@code person_code}), the handover document
     * ({@code document_no}, {@code document_date}) and the handing official ({@code handed_by}); {@code return} records
     * the return document when given. An illegal move answers 409 naming the current state.
     */
    public Future<JsonObject> transition(Scope scope, long id, String action, Input in) {
        if (!MOVES.containsKey(action)) throw ApiException.invalid("action", "error.one_of", String.join(", ", ACTIONS));
        return db.tx(scope, dsl -> {
            PkiTokenRecord t = repo.lock(dsl, scope, id, null);
            move(dsl, scope, t, action, in);
            return repo.json(dsl, scope, t.getId());
        });
    }

    /** One move of a locked token inside the caller's transaction (the API's {@link #transition}; the importer). */
    public void move(DSLContext dsl, Scope scope, PkiTokenRecord t, String action, Input in) {
        Move move = MOVES.get(action);
        if (!move.from().contains(t.getState())) {
            throw ApiException.stateConflict("pki.token_bad_move", action, t.getState());
        }
        Long holder = t.getHolderId();
        String documentNo = in.text("document_no", 100, "assign".equals(action));
        java.time.LocalDate documentDate = in.pastDate("document_date", "assign".equals(action));
        String handedBy = in.text("handed_by", 200, "assign".equals(action));
        if ("assign".equals(action)) {
            PersonRecord p = person(dsl, scope, in);
            if (!"active".equals(p.getStatus())) throw ApiException.invalid("person_id", "pki.person_not_active");
            holder = p.getId();
            t.setUnitId(p.getUnitId());
        }
        String from = t.getState();
        t.setState(move.to());
        t.setHolderId("assigned".equals(move.to()) ? holder : null);
        repo.save(t);
        dsl.insertInto(PKI_TOKEN_EVENT)
            .set(PKI_TOKEN_EVENT.TOKEN_ID, t.getId())
            .set(PKI_TOKEN_EVENT.FROM_STATE, from)
            .set(PKI_TOKEN_EVENT.TO_STATE, move.to())
            .set(PKI_TOKEN_EVENT.HOLDER_ID, holder)
            .set(PKI_TOKEN_EVENT.DOCUMENT_NO, documentNo)
            .set(PKI_TOKEN_EVENT.DOCUMENT_DATE, documentDate)
            .set(PKI_TOKEN_EVENT.HANDED_BY, handedBy)
            .set(PKI_TOKEN_EVENT.NOTE, in.text("note", 500, false))
            .set(PKI_TOKEN_EVENT.ACTOR, scope.actor().display())
            .set(PKI_TOKEN_EVENT.RECORDED_AT, Instant.now())
            .execute();
    }

    /** The fewest moves from one state to another (empty when there is no way, e.g. out of {@code destroyed}). */
    public static List<String> actions(String from, String to) {
        Map<String, List<String>> reached = new java.util.HashMap<>(Map.of(from, List.of()));
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            for (var m : new java.util.TreeMap<>(MOVES).entrySet()) {
                if (m.getValue().from().contains(at) && !reached.containsKey(m.getValue().to())) {
                    List<String> path = new java.util.ArrayList<>(reached.get(at));
                    path.add(m.getKey());
                    reached.put(m.getValue().to(), path);
                    queue.add(m.getValue().to());
                }
            }
        }
        return reached.getOrDefault(to, List.of());
    }

    public Future<JsonArray> history(Scope scope, long id) {
        return db.read(scope, dsl -> {
            repo.find(dsl, scope, id);
            return Json.array(dsl.selectFrom(PKI_TOKEN_EVENT).where(PKI_TOKEN_EVENT.TOKEN_ID.eq(id))
                .orderBy(PKI_TOKEN_EVENT.ID).fetch());
        });
    }

    private static PersonRecord person(DSLContext dsl, Scope scope, Input in) {
        Long id = in.id("person_id", false);
        PersonRecord p = null;
        if (id != null) {
            p = dsl.selectFrom(PERSON).where(PERSON.ID.eq(id)).and(scope.covers(PERSON.UNIT_ID)).fetchOne();
        } else {
            String code = in.text("person_code", 64, false);
            if (code == null) throw ApiException.invalid("person_code", "error.required");
            p = dsl.selectFrom(PERSON).where(PERSON.CODE.eq(code)).and(scope.covers(PERSON.UNIT_ID)).fetchOne();
        }
        if (p == null) throw ApiException.invalid("person_id", "error.unknown_ref", String.valueOf(id));
        return p;
    }
}
