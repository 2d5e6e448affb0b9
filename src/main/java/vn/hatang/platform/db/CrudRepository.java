package vn.hatang.platform.db;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.ArrayList;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UpdatableRecord;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.json.Json;
import vn.hatang.security.Scope;

/**
 * Find, lock, list and save for one table whose rows belong to a unit: keyset pagination by id, optimistic
 * concurrency on {@code version}, and the caller's {@link Scope} applied to every query.
 */
public final class CrudRepository<R extends UpdatableRecord<R>> {
    private final Table<R> table;
    private final String what;
    private final TableField<R, Long> id;
    private final TableField<R, Long> unitId;
    private final TableField<R, Integer> version;
    private final TableField<R, Instant> updatedAt;
    private final RecordSpec<R> spec;
    private TableField<R, String> code;

    public CrudRepository(Table<R> table, String what, TableField<R, Long> id, TableField<R, Long> unitId,
            TableField<R, Integer> version, TableField<R, Instant> updatedAt, RecordSpec<R> spec) {
        this.table = table;
        this.what = what;
        this.id = id;
        this.unitId = unitId;
        this.version = version;
        this.updatedAt = updatedAt;
        this.spec = spec;
    }

    /** Rows may also be read by this natural key ({@code /units/TUHS}, {@code /devices/SN123}). */
    public CrudRepository<R> withCode(TableField<R, String> code) {
        this.code = code;
        return this;
    }

    /** By id (digits) or, when the table has a natural key, by it; 404 when absent or outside the scope. */
    public R find(DSLContext dsl, Scope scope, String ref) {
        boolean numeric = ref.matches("\\d{1,18}");
        if (code == null) {
            if (!numeric) {
                throw ApiException.notFound(what, ref);
            }
            return find(dsl, scope, Long.parseLong(ref));
        }
        Condition byRef = numeric ? id.eq(Long.parseLong(ref)).or(code.eq(ref)) : code.eq(ref);
        R r = dsl.selectFrom(table).where(byRef).and(scope.covers(unitId)).orderBy(id).limit(1).fetchOne();
        if (r == null) {
            throw ApiException.notFound(what, ref);
        }
        return r;
    }

    public RecordSpec<R> spec() {
        return spec;
    }

    public Table<R> table() {
        return table;
    }

    public TableField<R, Long> idField() {
        return id;
    }

    public TableField<R, Long> unitField() {
        return unitId;
    }

    public TableField<R, Integer> versionField() {
        return version;
    }

    public TableField<R, Instant> updatedAtField() {
        return updatedAt;
    }

    public R find(DSLContext dsl, Scope scope, long key) {
        R r = dsl.selectFrom(table).where(id.eq(key)).and(scope.covers(unitId)).fetchOne();
        if (r == null) {
            throw ApiException.notFound(what, key);
        }
        return r;
    }

    /** Locks the row for the rest of the transaction, checking the client's version when it gave one. */
    public R lock(DSLContext dsl, Scope scope, long key, Integer expectedVersion) {
        R r = dsl.selectFrom(table).where(id.eq(key)).and(scope.covers(unitId)).forUpdate().fetchOne();
        if (r == null) {
            throw ApiException.notFound(what, key);
        }
        if (expectedVersion != null && !expectedVersion.equals(r.get(version))) {
            throw ApiException.preconditionFailed(r.get(version));
        }
        return r;
    }

    public Page list(DSLContext dsl, Scope scope, Condition filter, Page.Request page) {
        List<JsonObject> rows = withReferences(dsl, scope)
                .where(filter).and(scope.covers(unitId)).and(id.gt(page.after()))
                .orderBy(id).limit(page.limit() + 1)
                .fetch(Json::of);
        return page.page(rows);
    }

    /** One row as the API answers it: its columns and the code and name of each row it refers to. */
    public JsonObject json(DSLContext dsl, Scope scope, long key) {
        Record r = withReferences(dsl, scope).where(id.eq(key)).and(scope.covers(unitId)).fetchOne();
        if (r == null) {
            throw ApiException.notFound(what, key);
        }
        return Json.of(r);
    }

    /**
     * The table joined to the rows its references point to ({@link RecordSpec#shown}), for their codes and names. A
     * referenced row outside the caller's scope shows no code or name, as if it did not exist (the id stays).
     */
    private SelectJoinStep<Record> withReferences(DSLContext dsl, Scope scope) {
        List<Field<?>> fields = new ArrayList<>(List.of(table.fields()));
        Table<?> from = table;
        int n = 0;
        for (RecordSpec.Shown ref : spec.shown()) {
            Table<?> t = ref.target().as("ref_" + n++);
            Field<Long> targetId = t.field("id", Long.class);
            from = from.leftJoin(t).on(targetId.eq(table.field(ref.field().getName(), Long.class))
                    .and(DbLookups.scopeOf(ref.target(), t, scope)));
            fields.add(t.field(ref.targetCode().getName(), String.class).as(ref.codeName()));
            if (ref.nameName() != null) {
                fields.add(t.field(ref.nameField().getName(), String.class).as(ref.nameName()));
            }
        }
        return dsl.select(fields).from(from);
    }

    /** Writes a changed row with a new version. */
    public void save(R r) {
        r.set(version, r.get(version) + 1);
        r.set(updatedAt, Instant.now());
        r.update();
    }
}
