package vn.hatang.coverage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.db.Db;

/**
 * Once a day the KPI snapshot, and from the report day of each month (default the 20th, before the 25th deadline)
 * the monthly report, kept. A Vert.x timer checks hourly what is due, so a service down at midnight catches up when
 * it starts; the work itself runs on the worker pool.
 */
public final class CoverageScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoverageScheduler.class);
    public static final int DEFAULT_MONTHLY_DAY = 20;

    private final Vertx vertx;
    private final Db db;
    private final CoverageService service;
    private final CoverageReports reports;
    private final int monthlyDay;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;
    private long first = -1;

    public CoverageScheduler(Vertx vertx, Db db, CoverageService service, CoverageReports reports, int monthlyDay) {
        this.vertx = vertx;
        this.db = db;
        this.service = service;
        this.reports = reports;
        this.monthlyDay = monthlyDay;
    }

    public CoverageScheduler start(long periodMs, long initialDelayMs) {
        first = vertx.setTimer(initialDelayMs, id -> runDue());
        timer = vertx.setPeriodic(periodMs, id -> runDue());
        return this;
    }

    /** Does whatever is due now; completes with a short description of what was done. */
    public Future<String> runDue() {
        if (!running.compareAndSet(false, true)) {
            return Future.succeededFuture("busy");
        }
        return db.blocking().run(() -> db.inTransaction(dsl -> {
            StringBuilder done = new StringBuilder();
            LocalDate today = service.today();
            if (!service.hasSnapshot(dsl, today)) {
                done.append("snapshot ").append(service.snapshot(dsl)).append(" rows; ");
            }
            String period = YearMonth.from(today).toString();
            if (today.getDayOfMonth() >= monthlyDay && dsl.fetchExists(vn.hatang.db.Tables.UNIT)
                    && !reports.hasKept(dsl, CoverageReports.MONTHLY, period)) {
                reports.keepMonthly(dsl);
                done.append("monthly report ").append(period);
            }
            return done.toString();
        })).onComplete(ar -> {
            running.set(false);
            if (ar.failed()) {
                LOG.error("Tác vụ định kỳ chỉ tiêu lỗi / coverage scheduled work failed", ar.cause());
            } else if (!ar.result().isEmpty()) {
                LOG.info("Chỉ tiêu định kỳ / coverage scheduled work: {}", ar.result());
            }
        });
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
        vertx.cancelTimer(first);
    }
}
