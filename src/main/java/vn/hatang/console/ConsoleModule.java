package vn.hatang.console;

import java.util.List;
import vn.hatang.audit.AuditModule;
import vn.hatang.console.pages.AdminPage;
import vn.hatang.console.pages.CoveragePage;
import vn.hatang.console.pages.DashboardPage;
import vn.hatang.console.pages.DevicesPage;
import vn.hatang.console.pages.ImportsPage;
import vn.hatang.console.pages.NetworkPage;
import vn.hatang.console.pages.PeoplePage;
import vn.hatang.console.pages.PkiPage;
import vn.hatang.console.pages.UnitsPage;
import vn.hatang.inventory.InventoryImporter;
import vn.hatang.links.LinkService;
import vn.hatang.people.PersonService;
import vn.hatang.units.UnitService;
import vn.hatang.coverage.CoverageModule;
import vn.hatang.documents.DocumentsModule;
import vn.hatang.devices.DeviceService;
import vn.hatang.pki.PkiModule;
import vn.hatang.platform.Module;
import vn.hatang.platform.Platform;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.HttpVerticle;
import vn.hatang.platform.http.Operation;
import vn.hatang.security.SecurityModule;
import vn.hatang.snmp.service.SnmpModule;

/**
 * The web console: server-rendered pages over the same services as the API, for the office's daily tasks. It adds
 * no API operation of its own (every datum and action it shows is an API operation's, by operationId), only the
 * pages — a router extension beside {@code /api/v1}.
 */
public final class ConsoleModule implements Module {
    private final Platform platform;
    private final SecurityModule security;
    private final CoverageModule coverage;
    private final PkiModule pki;
    private final SnmpModule snmp;
    private final AuditModule audit;
    private final DocumentsModule documents;

    public ConsoleModule(Platform platform, SecurityModule security, AuditModule audit, CoverageModule coverage,
            PkiModule pki, DocumentsModule documents, SnmpModule snmp) {
        this.platform = platform;
        this.documents = documents;
        this.audit = audit;
        this.security = security;
        this.coverage = coverage;
        this.pki = pki;
        this.snmp = snmp;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of();
    }

    /** The pages, checked against the operations the API declares. */
    public HttpVerticle.RouterExtension routes(List<Operation> operations, java.nio.file.Path uploads) {
        var db = platform.db();
        // The services are stateless over the database: the console's are the same classes the modules serve.
        var devices = new DeviceService(db, coverage.service()::modernDevice);
        var people = new PersonService(db);
        var links = new LinkService(db);
        var kpis = coverage.service();
        var monitoring = snmp == null ? null : snmp.service();
        List<Console.Page> pages = List.of(
                new SessionPages(security.auth(), security.users(), platform.blocking(),
                        platform.config().security().oidc().enabled(),
                        platform.config().security().tls().enabled() ? security.certificateLogin() : null),
                new DashboardPage(db, kpis, pki.certificates(), devices),
                new UnitsPage(db, kpis, new UnitService(db), people, links, monitoring),
                new DevicesPage(db, devices, people, documents.handovers(), monitoring),
                new PeoplePage(db, people, devices, pki.tokens(), pki.certificates(), kpis),
                new NetworkPage(db, links, kpis, monitoring),
                new PkiPage(db, pki.tokens(), pki.certificates(), pki.requests()),
                new CoveragePage(db, kpis),
                new ImportsPage(new InventoryImporter(db, platform.audit()), platform.blocking(), platform.clock(),
                        uploads),
                new AdminPage(db, security.users(), audit, platform.blocking()));
        return new Console(security.access(), operations, pages, uploads);
    }
}
