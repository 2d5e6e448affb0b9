package vn.hatang.platform;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.security.Scope;

/**
 * Background work on a schedule, run through the blocking helper as {@code system:<name>}: a run still going when the
 * next is due skips that tick, and a failure is logged without stopping the schedule. Timers end with Vert.x.
 */
public final class Jobs {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    private final Vertx vertx;
    private final Blocking blocking;
    private final boolean enabled;

    /** {@code enabled} false: nothing is scheduled (tests, and commands that run one job by hand). */
    public Jobs(Vertx vertx, Blocking blocking, boolean enabled) {
        this.vertx = vertx;
        this.blocking = blocking;
        this.enabled = enabled;
    }

    /** Runs {@code work} every {@code period}, first after {@code initialDelay}; its result is logged. */
    public void every(String name, Duration period, Duration initialDelay, Function<Scope, ?> work) {
        if (!enabled) {
            return;
        }
        AtomicBoolean running = new AtomicBoolean();
        vertx.setPeriodic(Math.max(1, initialDelay.toMillis()), period.toMillis(), id -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            blocking.run(() -> work.apply(Scope.system(name))).onComplete(r -> {
                running.set(false);
                if (r.failed()) {
                    LOG.error("Tác vụ {} lỗi / job {} failed", name, name, r.cause());
                } else if (r.result() != null) {
                    LOG.info("Tác vụ {} / job {}: {}", name, name, r.result());
                }
            });
        });
    }
}
