package vn.hatang.platform.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jooq.UpdatableRecord;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.json.Input;
import vn.hatang.platform.json.Json;
import vn.hatang.security.Scope;

/**
 * List / get / create / update of one resource. Resources with rules beyond their field specs override
 * {@link #beforeWrite} (checked in the same transaction, before the row is stored).
 */
public class CrudService<R extends UpdatableRecord<R>> {
    /** Turns a list endpoint's query parameters into a condition. */
    public interface FilterBuilder {
        Condition build(DSLContext dsl, Scope scope, Map<String, String> filters);
    }

    protected final Db db;
    protected final CrudRepository<R> repo;
    private final FilterBuilder filters;

    public CrudService(Db db, CrudRepository<R> repo, FilterBuilder filters) {
        this.db = db;
        this.repo = repo;
        this.filters = filters;
    }

    public Future<Page> list(Scope scope, Map<String, String> query, Page.Request page) {
        return db.read(scope, dsl -> repo.list(dsl, scope, filters.build(dsl, scope, query), page));
    }

    public Future<JsonObject> get(Scope scope, long id) {
        return db.read(scope, dsl -> repo.json(dsl, scope, id));
    }

    /** By id or natural key (code, serial). */
    public Future<JsonObject> get(Scope scope, String ref) {
        return db.read(scope, dsl -> repo.json(dsl, scope, idOf(repo.find(dsl, scope, ref))));
    }

    public Future<JsonObject> create(Scope scope, Input in) {
        return db.tx(scope, dsl -> repo.json(dsl, scope, idOf(create(dsl, scope, in))));
    }

    private long idOf(R r) {
        return r.get(repo.idField());
    }

    public R create(DSLContext dsl, Scope scope, Input in) {
        repo.spec().rejectUnknown(in);
        R r = dsl.newRecord(repo.table());
        repo.spec().apply(in, r, true, new DbLookups(dsl, scope));
        checkOne(dsl, scope, r);
        r.store();
        r.refresh();
        return r;
    }

    public Future<JsonObject> update(Scope scope, long id, Integer ifMatch, Input in) {
        return db.tx(scope, dsl -> repo.json(dsl, scope, idOf(update(dsl, scope, id, ifMatch, in))));
    }

    public R update(DSLContext dsl, Scope scope, long id, Integer ifMatch, Input in) {
        repo.spec().rejectUnknown(in);
        R r = repo.lock(dsl, scope, id, ifMatch);
        if (!repo.spec().apply(in, r, false, new DbLookups(dsl, scope)).isEmpty()) {
            checkOne(dsl, scope, r);
            repo.save(r);
        }
        return r;
    }

    /** The body of a create: the spec's writable fields (a resource with further inputs adds them). */
    public JsonObject createSchema() {
        return repo.spec().schema(true);
    }

    /** Cross-field and cross-row rules; throw an ApiException to refuse the write. */
    protected void beforeWrite(DSLContext dsl, Scope scope, R r, boolean creating) {
    }

    /** {@link #check} of one row: the first refusal is thrown. */
    protected final void checkOne(DSLContext dsl, Scope scope, R r) {
        check(dsl, scope, List.of(r), (i, e) -> {
            throw e;
        });
    }

    /**
     * The rules beyond each field's spec, for the rows about to be written: one (an API write) or many at once (an
     * import, which reports every refused row by its index). Rows without an id are being created. Values of the
     * spec's unique fields may not be held by any other row; then {@link #checkRules}.
     */
    public void check(DSLContext dsl, Scope scope, List<R> rows, BiConsumer<Integer, ApiException> refuse) {
        checkUnique(dsl, rows, refuse);
        checkRules(dsl, scope, rows, refuse);
    }

    /** {@link #beforeWrite} row by row; a service whose rules need the database overrides this to ask once for all. */
    protected void checkRules(DSLContext dsl, Scope scope, List<R> rows, BiConsumer<Integer, ApiException> refuse) {
        for (int i = 0; i < rows.size(); i++) {
            try {
                beforeWrite(dsl, scope, rows.get(i), rows.get(i).get(repo.idField()) == null);
            } catch (ApiException e) {
                refuse.accept(i, e);
            }
        }
    }

    /** Clashes with rows outside the batch; clashes inside it are the caller's to report (it knows the lines). */
    private void checkUnique(DSLContext dsl, List<R> rows, BiConsumer<Integer, ApiException> refuse) {
        for (TableField<R, ?> f : repo.spec().uniqueFields()) {
            Map<Object, List<Integer>> wanted = new HashMap<>();
            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < rows.size(); i++) {
                Object v = rows.get(i).get(f);
                if (v != null) {
                    wanted.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
                }
                if (rows.get(i).get(repo.idField()) != null) {
                    ids.add(rows.get(i).get(repo.idField()));
                }
            }
            if (wanted.isEmpty()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            TableField<R, Object> field = (TableField<R, Object>) f;
            for (var held : dsl.select(repo.idField(), field).from(repo.table()).where(AnyOf.values(field, wanted.keySet()))
                    .fetch()) {
                if (!ids.contains(held.value1())) {
                    wanted.get(held.value2()).forEach(i -> refuse.accept(i,
                            ApiException.conflict("error.duplicate", null, f.getName()).with("value", held.value2())));
                }
            }
        }
    }

    /** Columns its lists may be sorted by (none: by id only). */
    public List<String> sortable() {
        return repo.sortable();
    }

    public CrudRepository<R> repository() {
        return repo;
    }
}
