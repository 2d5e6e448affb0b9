package vn.hatang.console.pages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import vn.hatang.audit.AuditLog;
import vn.hatang.console.Console;
import vn.hatang.console.Reply;
import vn.hatang.console.Req;
import vn.hatang.coverage.CoverageService;
import vn.hatang.devices.DeviceService;
import vn.hatang.pki.certs.CertificateService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.Page;

/**
 * {@code /}: the caller's subtree at a glance — the eight KPIs, the units furthest from target, communes whose WAN
 * is down, certificates expiring within 30 days, devices waiting for their security check, recent changes. Each
 * block is one API operation's data ({@code getKpiValues}, {@code getKpiUnitTable}, {@code getKpiGaps},
 * {@code listCertificates}, {@code listDevices}, {@code listAudit}).
 */
public final class DashboardPage implements Console.Page {
    private static final int SHOWN = 8;
    private final Db db;
    private final CoverageService coverage;
    private final CertificateService certificates;
    private final DeviceService devices;

    public DashboardPage(Db db, CoverageService coverage, CertificateService certificates, DeviceService devices) {
        this.db = db;
        this.coverage = coverage;
        this.certificates = certificates;
        this.devices = devices;
    }

    @Override
    public void addRoutes(Console.Pages console) {
        console.get("/", this::dashboard);
    }

    private Future<Reply> dashboard(Req r) {
        // The KPI values and "furthest from target" are two views of one computation of the subtree.
        var kpiScope = r.sharedScope("getKpiValues", "getKpiUnitTable");
        var gapScope = r.scope("getKpiGaps");
        Future<JsonObject[]> computed = db.read(kpiScope, dsl -> {
            var c = coverage.compute(dsl, kpiScope, null, null, 20);
            return new JsonObject[] {coverage.values(dsl, c, true), coverage.unitTable(dsl, c, SHOWN)};
        });
        Future<JsonObject> kpis = computed.map(c -> c[0]);
        Future<JsonObject> worst = computed.map(c -> c[1]);
        Future<JsonObject> wan = NetworkPage.linksDown(db, coverage, gapScope);
        Future<Page> expiring = certificates.list(r.scope("listCertificates"),
                Map.of("expiring_within_days", "30"), new Page.Request(SHOWN, 0));
        Future<Page> waiting = devices.list(r.scope("listDevices"), Map.of("status", "received"),
                new Page.Request(SHOWN, 0));
        Future<Page> changes = r.may("listAudit")
                ? db.read(r.scope("listAudit"), dsl -> AuditLog.page(dsl, r.scope("listAudit"), Map.of(),
                        new Page.Request(SHOWN, 0)))
                : Future.succeededFuture(null);
        return Future.all(kpis, worst, wan, expiring, waiting, changes).map(x -> Reply.ok(r.render("dashboard.jte",
                "v", r.view("dashboard"), "kpis", kpis.result(), "worst", worst.result(), "wan", wan.result(),
                "expiring", expiring.result(), "waiting", waiting.result(), "changes", changes.result())));
    }
}
