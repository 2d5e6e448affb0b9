package vn.hatang.platform.db;

import io.vertx.core.Future;
import java.util.function.Function;
import org.jooq.DSLContext;
import vn.hatang.platform.Blocking;

/**
 * jOOQ work on the worker pool. {@link #tx} runs the whole function in one transaction: a write either happens
 * completely or not at all. Database exceptions are translated into API errors here, once.
 */
public final class Db {
    private final DSLContext dsl;
    private final Blocking blocking;

    public Db(DSLContext dsl, Blocking blocking) {
        this.dsl = dsl;
        this.blocking = blocking;
    }

    public <T> Future<T> read(Function<DSLContext, T> work) {
        return blocking.run(() -> DbErrors.translate(() -> work.apply(dsl)));
    }

    public <T> Future<T> tx(Function<DSLContext, T> work) {
        return blocking.run(() -> inTransaction(work));
    }

    /** Synchronous form for callers already off the event loop (CLI, import, schedulers). */
    public <T> T inTransaction(Function<DSLContext, T> work) {
        return DbErrors.translate(() -> dsl.transactionResult(c -> work.apply(c.dsl())));
    }

    public DSLContext dsl() {
        return dsl;
    }

    public Blocking blocking() {
        return blocking;
    }
}
