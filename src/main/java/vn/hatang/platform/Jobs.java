package vn.hatang.platform;

import static vn.hatang.db.Tables.JOB_RUN;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.db.Db;
import vn.hatang.security.Scope;

/**
 * Background work on a schedule, run through the blocking helper as {@code system:<name>}, once per period across
 * every instance on the database: each tick claims its period (aligned to the epoch) in {@code job_run}, and only the
 * instance whose claim wins runs it. A run still going when the next tick comes skips that tick; a failure is logged
 * and recorded without stopping the schedule. Timers end with Vert.x.
 */
public final class Jobs {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    private final Vertx vertx;
    private final Db db;
    private final Clock clock;
    private final String node;
    private final boolean enabled;

    /** {@code enabled} false: nothing is scheduled (tests run jobs by hand). */
    public Jobs(Vertx vertx, Db db, Clock clock, String node, boolean enabled) {
        this.vertx = vertx;
        this.db = db;
        this.clock = clock;
        this.node = node;
        this.enabled = enabled;
    }

    /** False in tests and commands that run jobs by hand. */
    public boolean enabled() {
        return enabled;
    }

    /** Runs {@code work} once every {@code period} across the cluster, the first check after {@code initialDelay}. */
    public void every(String name, Duration period, Duration initialDelay, Function<Scope, ?> work) {
        if (!enabled) {
            return;
        }
        AtomicBoolean running = new AtomicBoolean();
        vertx.setPeriodic(Math.max(1, initialDelay.toMillis()), period.toMillis(), id -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            db.blocking().run(() -> runOnce(name, period, work)).onComplete(r -> {
                running.set(false);
                if (r.failed()) {
                    LOG.error("Tác vụ {} lỗi / job {} failed", name, name, r.cause());
                } else if (r.result() != null) {
                    LOG.info("Tác vụ {} / job {}: {}", name, name, r.result());
                }
            });
        });
    }

    /**
     * Claims this period of the job and runs it (blocking); null when another instance already has the period.
     * Public so that tests and commands run a job exactly as the schedule would.
     */
    public Object runOnce(String name, Duration period, Function<Scope, ?> work) {
        Scope scope = Scope.system(name);
        long p = period.toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(clock.millis(), p) * p);
        boolean claimed = db.inTransaction(scope, dsl -> dsl.insertInto(JOB_RUN).set(JOB_RUN.NAME, name)
                .set(JOB_RUN.PERIOD_START, start).set(JOB_RUN.NODE_ID, node).set(JOB_RUN.STARTED_AT, clock.instant())
                .onConflictDoNothing().execute() == 1);
        if (!claimed) {
            return null;
        }
        String outcome = "failed";
        try {
            Object result = work.apply(scope);
            outcome = result == null ? "ok" : String.valueOf(result);
            return result;
        } catch (RuntimeException e) {
            outcome = "failed: " + e;
            throw e;
        } finally {
            String done = outcome.length() > 1000 ? outcome.substring(0, 1000) : outcome;
            db.inTransaction(scope, dsl -> dsl.update(JOB_RUN).set(JOB_RUN.FINISHED_AT, clock.instant())
                    .set(JOB_RUN.OUTCOME, done).where(JOB_RUN.NAME.eq(name)).and(JOB_RUN.PERIOD_START.eq(start))
                    .execute());
        }
    }
}
