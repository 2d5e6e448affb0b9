package vn.hatang.units;

import static vn.hatang.db.Tables.UNIT;
import static vn.hatang.db.Tables.UNIT_EVENT;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.records.UnitRecord;
import vn.hatang.platform.db.CrudRepository;
import vn.hatang.platform.db.RecordSpec;
import vn.hatang.platform.http.ApiException;
import vn.hatang.security.Scope;

/** Units and their materialised paths. */
public final class UnitRepository {
    public static final RecordSpec<UnitRecord> SPEC = new RecordSpec<UnitRecord>()
            .code(UNIT.CODE)
            .text(UNIT.NAME, 300, true)
            .text(UNIT.NAME_EN, 300, false)
            .oneOf(UNIT.KIND, UnitKind.ALL, true)
            .text(UNIT.ADDRESS, 500, false)
            .shows(UNIT.PARENT_ID, "parent_code", UNIT, UNIT.CODE)
            .shows(UNIT.SUCCESSOR_ID, "successor_code", UNIT, UNIT.CODE);

    final CrudRepository<UnitRecord> crud =
            new CrudRepository<>(UNIT, "unit", UNIT.ID, UNIT.ID, UNIT.VERSION, UNIT.UPDATED_AT, SPEC).withCode(UNIT.CODE);

    /** The unit given by code or numeric id, within scope. */
    public static UnitRecord byRef(DSLContext dsl, Scope scope, String codeOrId, String field) {
        Condition c = codeOrId.matches("\\d{1,18}") ? UNIT.ID.eq(Long.parseLong(codeOrId)).or(UNIT.CODE.eq(codeOrId))
                : UNIT.CODE.eq(codeOrId);
        UnitRecord u = dsl.selectFrom(UNIT).where(c).and(scope.covers(UNIT.ID)).fetchAny();
        if (u == null) {
            throw ApiException.invalid(field, "error.unknown_ref", codeOrId);
        }
        return u;
    }

    /** A unit things may be put under or merged into: an active one (a merged or dissolved unit takes nothing). */
    public static UnitRecord active(UnitRecord u, String field) {
        if (!"active".equals(u.getStatus())) {
            throw ApiException.invalid(field, "error.unit_inactive", u.getCode());
        }
        return u;
    }

    /** The {@code under=} filter of every list: rows whose unit lies in the subtree of the unit given by code or id. */
    public static Condition under(DSLContext dsl, Scope scope, org.jooq.Field<Long> unitId, String ref) {
        UnitRecord root = byRef(dsl, scope, ref, "under");
        return unitId.in(DSL.select(UNIT.ID).from(UNIT).where(UNIT.PATH.startsWith(root.getPath())));
    }

    /** The deepest a unit may sit (province 0 … cell 4, with room for sub-cells); deeper is a mistake in the data. */
    public static final int MAX_DEPTH = 12;

    /**
     * Serialises changes of the tree's shape (create, move, merge, split, rename): they are rare, and one lock taken
     * first means two of them never deadlock and never check a cycle against paths the other is rewriting.
     */
    static void lockTree(DSLContext dsl) {
        dsl.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.inline(0x756e6974L))).fetch();
    }

    /** Gives a new unit its place under {@code parent} (or at the top). */
    void place(UnitRecord u, UnitRecord parent) {
        u.setParentId(parent == null ? null : parent.getId());
        u.setPath((parent == null ? "/" : parent.getPath()) + u.getId() + "/");
        u.setDepth(parent == null ? 0 : parent.getDepth() + 1);
        if (u.getDepth() > MAX_DEPTH) {
            throw ApiException.invalid("parent_code", "error.unit_too_deep", MAX_DEPTH);
        }
    }

    /** Moves a unit and its whole subtree under {@code parent}, rewriting the descendants' paths. */
    void move(DSLContext dsl, UnitRecord u, UnitRecord parent) {
        String oldPath = u.getPath();
        int oldDepth = u.getDepth();
        place(u, parent);
        String newPath = u.getPath();
        int depthDelta = u.getDepth() - oldDepth;
        Integer deepest = dsl.select(DSL.max(UNIT.DEPTH)).from(UNIT).where(UNIT.PATH.startsWith(oldPath)).fetchOne(0, Integer.class);
        if (deepest != null && deepest + depthDelta > MAX_DEPTH) {
            throw ApiException.invalid("parent_code", "error.unit_too_deep", MAX_DEPTH);
        }
        dsl.update(UNIT)
                .set(UNIT.PATH, DSL.inline(newPath).concat(DSL.substring(UNIT.PATH, DSL.inline(oldPath.length() + 1))))
                .set(UNIT.DEPTH, UNIT.DEPTH.plus(depthDelta))
                .where(UNIT.PATH.startsWith(oldPath)).and(UNIT.ID.ne(u.getId()))
                .execute();
    }

    /** Records a reorganisation; its actor is the transaction's (the column's default), so it is always the real one. */
    void event(DSLContext dsl, long unitId, String kind, Instant effectiveAt, String decisionNo, JsonObject details) {
        dsl.insertInto(UNIT_EVENT)
                .set(UNIT_EVENT.UNIT_ID, unitId)
                .set(UNIT_EVENT.KIND, kind)
                .set(UNIT_EVENT.EFFECTIVE_AT, effectiveAt)
                .set(UNIT_EVENT.DECISION_NO, decisionNo)
                .set(UNIT_EVENT.DETAILS, JSONB.valueOf(details.encode()))
                .execute();
    }

    List<JsonObject> events(DSLContext dsl, long unitId) {
        return dsl.selectFrom(UNIT_EVENT).where(UNIT_EVENT.UNIT_ID.eq(unitId)).orderBy(UNIT_EVENT.EFFECTIVE_AT, UNIT_EVENT.ID)
                .fetch(vn.hatang.platform.json.Json::of);
    }
}
