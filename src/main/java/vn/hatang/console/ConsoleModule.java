package vn.hatang.console;

import java.util.List;
import vn.hatang.console.pages.DashboardPage;
import vn.hatang.coverage.CoverageModule;
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

    public ConsoleModule(Platform platform, SecurityModule security, CoverageModule coverage, PkiModule pki,
            SnmpModule snmp) {
        this.platform = platform;
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
    public HttpVerticle.RouterExtension routes(List<Operation> operations) {
        var db = platform.db();
        var devices = new DeviceService(db);
        List<Console.Page> pages = List.of(
                new SessionPages(security.auth(), security.users(), platform.blocking(),
                        platform.config().env().get("HATANG_OIDC_ISSUER") != null, false),
                new DashboardPage(db, coverage.service(), pki.certificates(), devices));
        return new Console(security.access(), operations, pages);
    }
}
