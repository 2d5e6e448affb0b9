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
import org.jooq.impl.DSL;
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
    private List<String> sortable = List.of();

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

    /**
     * Lists may be sorted by these columns ({@link Page.Sort}): the table's own, or the code or name of a row it refers
     * to as the answers show them ({@link RecordSpec.Shown}: {@code unit_code}, {@code unit_name}).
     */
    public CrudRepository<R> withSort(String... columns) {
        for (String c : columns) {
            sortField(c);
        }
        this.sortable = List.of(columns);
        return this;
    }

    public List<String> sortable() {
        return sortable;
    }

    private Field<?> sortField(String column) {
        if (table.field(column) != null) {
            return table.field(column);
        }
        List<RecordSpec.Shown> shown = spec.shown();
        for (int n = 0; n < shown.size(); n++) {
            RecordSpec.Shown ref = shown.get(n);
            if (ref.codeName().equals(column)) {
                return DSL.field(DSL.name("ref_" + n, ref.targetCode().getName()), String.class);
            }
            if (column.equals(ref.nameName())) {
                return DSL.field(DSL.name("ref_" + n, ref.nameField().getName()), String.class);
            }
        }
        throw new IllegalArgumentException(what + " has no column " + column);
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
        Page.Sort sort = page.sort();
        if (sort == null) {
            return page.page(withReferences(dsl, scope).where(filter).and(scope.covers(unitId)).and(id.gt(page.after()))
                    .orderBy(id).limit(page.limit() + 1).fetch(Json::of));
        }
        if (!sortable.contains(sort.column())) {
            throw ApiException.invalid("sort", "error.param_one_of", sort.spec(), String.join(", ", sortable));
        }
        @SuppressWarnings("unchecked")
        Field<Object> f = (Field<Object>) sortField(sort.column());
        return page.page(withReferences(dsl, scope).where(filter).and(scope.covers(unitId)).and(after(f, sort, page))
                .orderBy(sort.descending() ? f.desc().nullsLast() : f.asc().nullsLast(), id.asc())
                .limit(page.limit() + 1).fetch(Json::of));
    }

    /**
     * The rows after the cursor's (value, id) in the order (value nulls last, id): those with a value further on, the
     * same value and a greater id, or no value (they come last); after a row without a value, only the rest of those.
     */
    private Condition after(Field<Object> f, Page.Sort sort, Page.Request page) {
        if (page.after() == 0) {
            return DSL.noCondition();
        }
        Condition laterIds = id.gt(page.after());
        if (page.afterValue() == null) {
            return f.isNull().and(laterIds);
        }
        Object v;
        try {
            v = f.getDataType().convert(page.afterValue());
        } catch (org.jooq.exception.DataTypeException | IllegalArgumentException e) {
            throw ApiException.invalid("cursor", "error.bad_cursor");
        }
        Field<Object> value = DSL.val(v, f.getDataType());
        return (sort.descending() ? f.lt(value) : f.gt(value)).or(f.eq(value).and(laterIds)).or(f.isNull());
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
