package vn.hatang.platform.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.UpdatableRecord;
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
        beforeWrite(dsl, scope, r, true);
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
            beforeWrite(dsl, scope, r, false);
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

    public CrudRepository<R> repository() {
        return repo;
    }
}
