package vn.hatang.platform.db;

import io.vertx.core.Future;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import vn.hatang.platform.Blocking;
import vn.hatang.security.Actor;
import vn.hatang.security.Scope;

/**
 * jOOQ work on the worker pool, always on behalf of a {@link Scope}: there is no way in without one. {@link #tx} runs
 * the whole function in one transaction, so a write happens completely or not at all, and its audit row is written
 * in that same transaction ({@link TransactionHook}). A deadlock or serialization failure is retried a few times
 * before the client is told 409. Database exceptions are translated into API errors here, once.
 */
public final class Db {
    /** SQLSTATEs after which the whole transaction may simply run again. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");
    private static final int ATTEMPTS = 4;

    /** Called inside every transaction: at its start (who acts) and just before commit (what changed). */
    public interface TransactionHook {
        void opened(DSLContext tx, Actor actor);

        void closing(DSLContext tx, Scope scope);
    }

    private final DSLContext dsl;
    private final Blocking blocking;
    private final TransactionHook hook;

    public Db(DSLContext dsl, Blocking blocking, TransactionHook hook) {
        this.dsl = dsl;
        this.blocking = blocking;
        this.hook = hook;
    }

    public <T> Future<T> read(Scope scope, Function<DSLContext, T> work) {
        return blocking.run(() -> readNow(scope, work));
    }

    public <T> Future<T> tx(Scope scope, Function<DSLContext, T> work) {
        return blocking.run(() -> inTransaction(scope, work));
    }

    /** Synchronous read for callers already off the event loop (CLI, schedulers). */
    public <T> T readNow(Scope scope, Function<DSLContext, T> work) {
        return DbErrors.translate(() -> work.apply(dsl));
    }

    /** Synchronous form of {@link #tx} for callers already off the event loop (CLI, import, schedulers). */
    public <T> T inTransaction(Scope scope, Function<DSLContext, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return DbErrors.translate(() -> dsl.transactionResult(c -> {
                    DSLContext tx = c.dsl();
                    hook.opened(tx, scope.actor());
                    T result = work.apply(tx);
                    hook.closing(tx, scope);
                    return result;
                }));
            } catch (DataAccessException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw DbErrors.afterRetries(e);
                }
            }
        }
    }

    private static boolean retryable(DataAccessException e) {
        SQLException sql = e.getCause(SQLException.class);
        return sql != null && RETRYABLE.contains(sql.getSQLState());
    }

    /**
     * The plain connection, for system components that read across the whole tree and own no route (metrics
     * collectors, the poller). Routes and services go through {@link #read} and {@link #tx}.
     */
    public DSLContext dsl() {
        return dsl;
    }

    public Blocking blocking() {
        return blocking;
    }
}
