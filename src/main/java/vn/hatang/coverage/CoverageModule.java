package vn.hatang.coverage;

import java.time.Duration;
import java.util.List;
import vn.hatang.platform.Jobs;
import vn.hatang.platform.Module;
import vn.hatang.platform.Platform;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.report.DocumentOptions;

/**
 * Coverage for the service: KPI values, gaps, history, reports; the daily snapshot and the monthly report; the KPI
 * figures of {@code /metrics}. Inputs owned by other modules (certificate verdicts, live link status) come in through
 * {@link CoverageSources}, wired by {@code App}.
 */
public final class CoverageModule implements Module {
    private final Platform platform;
    private final CoverageService service;
    private final CoverageReports reports;
    private final CoverageOptions options;

    public CoverageModule(Platform platform, CoverageSources sources, DocumentOptions documents) {
        this.platform = platform;
        this.service = new CoverageService(sources, platform.clock());
        this.reports = new CoverageReports(service, documents);
        this.options = CoverageOptions.from(platform.config().environment());
    }

    public CoverageService service() {
        return service;
    }

    public CoverageReports reports() {
        return reports;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new CoverageEndpoint(platform.db(), service, reports));
    }

    /** Coverage figures for the Prometheus endpoint. */
    public vn.hatang.monitoring.KpiSource kpiSource() {
        return new CoverageKpiSource(platform.db().dsl(), service);
    }

    /** Hourly: what is due (today's snapshot, this month's report from its day on); the first check soon after start. */
    @Override
    public void jobs(Jobs jobs) {
        if (options.schedule()) {
            CoverageScheduler scheduler = new CoverageScheduler(platform.db(), service, reports,
                    options.monthlyReportDay());
            jobs.every("coverage", Duration.ofHours(1), Duration.ofSeconds(5), scheduler::runDue);
        }
    }
}
