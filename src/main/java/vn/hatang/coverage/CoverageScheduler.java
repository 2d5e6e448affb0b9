package vn.hatang.coverage;

import java.time.LocalDate;
import java.time.YearMonth;
import vn.hatang.platform.db.Db;
import vn.hatang.security.Scope;

/**
 * Once a day the KPI snapshot, and from the report day of each month (default the 20th, before the 25th deadline)
 * the monthly report, kept. Run hourly by {@link vn.hatang.platform.Jobs}, so a service down at midnight catches up
 * when it starts.
 */
public final class CoverageScheduler {
    private final Db db;
    private final CoverageService service;
    private final CoverageReports reports;
    private final int monthlyDay;

    public CoverageScheduler(Db db, CoverageService service, CoverageReports reports, int monthlyDay) {
        this.db = db;
        this.service = service;
        this.reports = reports;
        this.monthlyDay = monthlyDay;
    }

    /** Does whatever is due now (blocking); returns a short description of what was done, or null. */
    public String runDue(Scope scope) {
        return db.inTransaction(scope, dsl -> {
            StringBuilder done = new StringBuilder();
            LocalDate today = service.today();
            if (!service.hasSnapshot(dsl, today)) {
                done.append("snapshot ").append(service.snapshot(dsl)).append(" rows; ");
            }
            KpiCache.prune(dsl, service.clock().instant());
            String period = YearMonth.from(today).toString();
            if (today.getDayOfMonth() >= monthlyDay && dsl.fetchExists(vn.hatang.db.Tables.UNIT)
                    && !reports.hasKept(dsl, CoverageReports.MONTHLY, period)) {
                reports.keepMonthly(dsl, scope);
                done.append("monthly report ").append(period);
            }
            return done.isEmpty() ? null : done.toString();
        });
    }
}
