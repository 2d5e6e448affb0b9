package vn.hatang;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.audit.AuditModule;
import vn.hatang.audit.AuditTrail;
import vn.hatang.cluster.ClusterModule;
import vn.hatang.console.ConsoleModule;
import vn.hatang.coverage.CoverageModule;
import vn.hatang.coverage.CoverageSources;
import vn.hatang.devices.DevicesModule;
import vn.hatang.documents.DocumentsModule;
import vn.hatang.inventory.InventoryModule;
import vn.hatang.links.LinksModule;
import vn.hatang.monitoring.DomainSources;
import vn.hatang.monitoring.Monitoring;
import vn.hatang.ops.OpsModule;
import vn.hatang.pki.PkiModule;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.Jobs;
import vn.hatang.platform.Module;
import vn.hatang.platform.report.DocumentOptions;
import vn.hatang.platform.Platform;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.config.HatangConfig.HttpOptions;
import vn.hatang.platform.db.Database;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.HttpVerticle;
import vn.hatang.platform.http.OpenApi;
import vn.hatang.platform.http.Operation;
import vn.hatang.platform.metrics.HttpServerMetricsFactory;
import vn.hatang.security.SecurityModule;
import vn.hatang.snmp.service.SnmpModule;
import vn.hatang.units.UnitsModule;

/**
 * The running service. Built from one {@link HatangConfig}: the platform (database, blocking helper, audit, clock,
 * metrics registry), then every module from it the same way — endpoints, metrics, jobs — then HTTP.
 * {@link #close()} drains HTTP, stops the modules, closes the pool and stops the embedded database.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final Platform platform;
    private final int port;
    private final int tlsPort;
    private final List<Module> modules;
    private final List<Endpoint> endpoints;
    private final List<Operation> operations;
    private final SecurityModule security;

    private App(Platform platform, int port, int tlsPort, List<Module> modules, List<Endpoint> endpoints,
            List<Operation> operations, SecurityModule security) {
        this.platform = platform;
        this.port = port;
        this.tlsPort = tlsPort;
        this.modules = List.copyOf(modules);
        this.endpoints = List.copyOf(endpoints);
        this.operations = List.copyOf(operations);
        this.security = security;
    }

    public static App start(HatangConfig config) {
        return start(config, Clock.systemUTC(), true);
    }

    /**
     * @param clock the service's clock (tests move it)
     * @param jobs  whether schedules run (tests run them by hand)
     */
    public static App start(HatangConfig config, Clock clock, boolean jobs) {
        long t0 = System.nanoTime();
        Database database = Database.open(config.database());
        // The service's one metrics registry (never the library's static default): every module registers here.
        PrometheusRegistry registry = new PrometheusRegistry();
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setWorkerPoolSize(Math.max(8, config.database().maxPoolSize()))
                        .setMetricsOptions(new io.vertx.core.metrics.MetricsOptions().setEnabled(true)))
                .withMetrics(new HttpServerMetricsFactory(registry))
                .build();
        List<Module> modules = new ArrayList<>();
        try {
            // The port is chosen before the modules are built: it names this node, and documents print the service's
            // address (labels' QR codes).
            int port = config.http().port() == 0 ? freePort() : config.http().port();
            String node = config.cluster().nodeId() != null ? config.cluster().nodeId()
                    : ClusterModule.host() + ":" + port;
            AuditTrail audit = new AuditTrail(AuditModule.chain(config.security()), clock, node);
            Db db = new Db(database.dsl(), new Blocking(vertx), audit);
            HttpOptions http = config.http().withPort(port);
            Platform platform = new Platform(config.withHttp(http), vertx, database, db, audit, clock, registry);
            AuditModule auditModule = new AuditModule(platform, AuditModule.chain(config.security()));
            auditModule.checkTail();
            SecurityModule security = new SecurityModule(platform);
            security.bootstrapAdmin(config.database().dataDir());
            InventoryModule.importSampleIfEmpty(platform);

            PkiModule pki = new PkiModule(platform);
            security.withCertificateLogin(pki.certificateLogin());
            CoverageModule coverage = new CoverageModule(platform,
                    new CoverageSources(pki.signerCertificates(), vn.hatang.snmp.links.LiveLinkStatus.INSTANCE),
                    DocumentOptions.from(platform.config()));
            ClusterModule cluster = new ClusterModule(platform, node);
            modules.add(cluster);
            modules.add(security);
            modules.add(auditModule);
            modules.add(new UnitsModule(platform));
            modules.add(new DevicesModule(platform, coverage.service()::modernDevice));
            modules.add(new LinksModule(platform));
            modules.add(new InventoryModule(platform));
            modules.add(coverage);
            modules.add(pki);
            DocumentsModule documents = new DocumentsModule(platform);
            modules.add(documents);
            SnmpModule snmp = SnmpModule.start(platform, cluster.pollLeases());
            if (snmp != null) {
                modules.add(snmp);
                cluster.missedDevices(snmp::missedDevices);
            }
            OpsModule ops = OpsModule.start(platform, snmp);
            modules.add(ops);
            ConsoleModule console = new ConsoleModule(platform, security, auditModule, coverage, pki, documents, snmp);
            modules.add(console);
            Jobs scheduler = new Jobs(vertx, db, clock, node, jobs);
            List<Endpoint> endpoints = new ArrayList<>();
            for (Module m : modules) {
                endpoints.addAll(m.endpoints());
                m.metrics(registry);
                m.jobs(scheduler);
            }
            Monitoring monitoring = Monitoring.install(registry, config.metrics(), database.dsl(), database.pool(),
                    db.blocking(), DomainSources.none().withKpis(coverage.kpiSource())
                            .withCertificates(pki.metricsSource()));
            List<Operation> operations = HttpVerticle.operations(vertx, endpoints);
            String openApi = OpenApi.yaml(OpenApi.document(operations, vn.hatang.monitoring.BuildInfo.version()));
            cluster.join("http://" + http.host() + ":" + port, vn.hatang.monitoring.BuildInfo.version());
            List<HttpVerticle.RouterExtension> extensions = List.of(monitoring.endpoint(), console.routes(operations, ops.uploads()));
            var tls = config.security().tls();
            int tlsPort = !tls.enabled() ? -1 : tls.port() == 0 ? freePort() : tls.port();
            var tlsListener = security.tlsListener(tlsPort);
            int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
            vertx.deployVerticle(() -> new HttpVerticle(http, endpoints, extensions, security.access(),
                    security.access().authenticate(), ops.readiness()::checkNow, openApi, ops.uploads(), tlsListener),
                    new DeploymentOptions().setInstances(instances)).await(30, TimeUnit.SECONDS);
            LOG.info("hatang sẵn sàng / ready at http://{}:{}/{} in {} ms", http.host(), port, tlsListener == null ? ""
                    : " and https://" + tls.host() + ":" + tlsPort + "/ (đăng nhập bằng chứng thư / certificate login)",
                    (System.nanoTime() - t0) / 1_000_000);
            return new App(new Platform(config.withHttp(http), vertx, database, db, audit, clock, registry), port,
                    tlsPort, modules, endpoints, operations, security);
        } catch (Exception e) {
            for (int i = modules.size() - 1; i >= 0; i--) {
                modules.get(i).close();
            }
            vertx.close();
            database.close();
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The HTTPS listener's port (certificate login), or -1 when there is none. */
    public int tlsPort() {
        return tlsPort;
    }

    /** Every API endpoint this instance serves. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** Every operation the API declares (the OpenAPI description and the authorization matrix are made from them). */
    public List<Operation> operations() {
        return operations;
    }

    public Platform platform() {
        return platform;
    }

    public Db db() {
        return platform.db();
    }

    public Vertx vertx() {
        return platform.vertx();
    }

    public SecurityModule security() {
        return security;
    }

    /** The module of a type, when it runs (SNMP may be disabled). */
    public <M extends Module> M module(Class<M> type) {
        return modules.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    public PrometheusRegistry registry() {
        return platform.registry();
    }

    public HatangConfig config() {
        return platform.config();
    }

    @Override
    public void close() {
        try {
            platform.vertx().close().await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Dừng HTTP lỗi / HTTP shutdown failed", e);
        }
        for (int i = modules.size() - 1; i >= 0; i--) {
            modules.get(i).close();
        }
        platform.database().close();
        LOG.info("hatang đã dừng / stopped");
    }
}
