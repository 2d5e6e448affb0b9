package vn.hatang.coverage;

import java.time.Clock;
import java.util.List;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.report.DocumentOptions;

/** Wires coverage for the service: endpoints, and the daily snapshot / monthly report schedule. */
public final class CoverageModule {
    private CoverageModule() {
    }

    public static List<Endpoint> endpoints(Db db, DocumentOptions documents) {
        CoverageService service = new CoverageService(CoverageSources.service(), Clock.systemUTC());
        return List.of(new CoverageEndpoint(db, service, new CoverageReports(service, documents)));
    }

    /** Coverage figures for the Prometheus endpoint. */
    public static vn.hatang.monitoring.KpiSource kpiSource(Db db) {
        return new CoverageKpiSource(db.dsl(), new CoverageService(CoverageSources.service(), Clock.systemUTC()));
    }

    /** Starts the schedule (hourly check; first check a few seconds after start). */
    public static CoverageScheduler schedule(Db db, int monthlyDay, DocumentOptions documents) {
        CoverageService service = new CoverageService(CoverageSources.service(), Clock.systemUTC());
        return new CoverageScheduler(db.blocking().vertx(), db, service, new CoverageReports(service, documents), monthlyDay)
                .start(3_600_000L, 5_000L);
    }
}
