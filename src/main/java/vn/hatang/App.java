package vn.hatang;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.coverage.CoverageModule;
import vn.hatang.coverage.CoverageOptions;
import vn.hatang.devices.DevicesModule;
import vn.hatang.inventory.InventoryImporter;
import vn.hatang.inventory.InventoryEndpoint;
import vn.hatang.links.LinksModule;
import vn.hatang.monitoring.DomainSources;
import vn.hatang.monitoring.Monitoring;
import vn.hatang.ops.OpsModule;
import vn.hatang.ops.OpsOptions;
import vn.hatang.ops.Uploads;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.config.HatangConfig.HttpOptions;
import vn.hatang.platform.db.Database;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.HttpVerticle;
import vn.hatang.pki.PkiModule;
import vn.hatang.pki.PkiSampleLoader;
import vn.hatang.pki.PkiTrust;
import vn.hatang.platform.metrics.HttpServerMetricsFactory;
import vn.hatang.snmp.service.SnmpEndpoint;
import vn.hatang.snmp.service.SnmpModule;
import vn.hatang.snmp.service.SnmpService;
import vn.hatang.units.UnitsModule;

/**
 * The running service: database, worker pool, HTTP. Built from one {@link HatangConfig}; {@link #close()} drains HTTP,
 * then closes the pool and stops the embedded database.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final HatangConfig config;
    private final Vertx vertx;
    private final Database database;
    private final Db db;
    private final PrometheusRegistry registry;
    private final int port;
    private final SnmpService snmp;
    private final List<Endpoint> endpoints;
    private final OpsModule ops;

    private App(HatangConfig config, Vertx vertx, Database database, Db db, PrometheusRegistry registry, int port,
                SnmpService snmp, List<Endpoint> endpoints, OpsModule ops) {
        this.ops = ops;
        this.snmp = snmp;
        this.endpoints = List.copyOf(endpoints);
        this.config = config;
        this.vertx = vertx;
        this.database = database;
        this.db = db;
        this.registry = registry;
        this.port = port;
    }

    public static App start(HatangConfig config) {
        long t0 = System.nanoTime();
        Database database = Database.open(config.database());
        // The service's one metrics registry (never the library's static default): every module registers here.
        PrometheusRegistry registry = new PrometheusRegistry();
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setWorkerPoolSize(Math.max(8, config.database().maxPoolSize()))
                        .setMetricsOptions(new io.vertx.core.metrics.MetricsOptions().setEnabled(true)))
                .withMetrics(new HttpServerMetricsFactory(registry))
                .build();
        SnmpService snmp = null;
        OpsModule ops = null;
        try {
            Db db = new Db(database.dsl(), new Blocking(vertx));
            importSampleIfEmpty(config, db);
            int port = config.http().port() == 0 ? freePort() : config.http().port();
            HttpOptions http = new HttpOptions(config.http().host(), port);
            java.nio.file.Path uploadedCrls = config.database().dataDir() == null ? null
                    : config.database().dataDir().resolve("pki-crls");
            PkiModule pki = new PkiModule(db, PkiTrust.fromEnv(config.env(), config.inventoryDir(), uploadedCrls),
                    java.time.Clock.systemUTC(), uploadedCrls);
            List<Endpoint> endpoints = endpoints(db, pki);
            PkiSampleLoader.loadIfEmpty(db, pki.certificates(), config.inventoryDir().resolve("pki"));
            pki.schedule(vertx, java.time.Duration.ofMinutes(
                    Long.parseLong(config.env().getOrDefault("HATANG_PKI_REVALIDATE_MINUTES", "360"))));
            snmp = SnmpModule.start(config.env(), config.database().dataDir(), db, database, registry);
            if (snmp != null) {
                endpoints.add(new SnmpEndpoint(snmp, db));
            }
            Monitoring monitoring = Monitoring.install(registry, config.metrics(), database.dsl(), database.pool(),
                    db.blocking(), DomainSources.none().withKpis(CoverageModule.kpiSource(db))
                            .withCertificates(pki.metricsSource()));
            List<HttpVerticle.RouterExtension> extensions = List.of(monitoring.endpoint());
            ops = OpsModule.start(OpsOptions.fromEnv(config.env(), config.database().dataDir()), database, snmp,
                    registry, java.time.Clock.systemUTC());
            java.nio.file.Path uploads = Uploads.prepare(config.database().dataDir() != null
                    ? config.database().dataDir().resolve("uploads")
                    : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "hatang-uploads"));
            int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
            OpsModule readiness = ops;
            vertx.deployVerticle(() -> new HttpVerticle(http, endpoints, extensions, readiness.readiness(), uploads),
                    new DeploymentOptions().setInstances(instances)).await(30, TimeUnit.SECONDS);
            CoverageOptions coverage = CoverageOptions.fromEnv(config.env());
            if (coverage.schedule()) {
                CoverageModule.schedule(db, coverage.monthlyReportDay()); // timers end with vertx.close()
            }
            LOG.info("hatang sẵn sàng / ready at http://{}:{}/ in {} ms", http.host(), port,
                    (System.nanoTime() - t0) / 1_000_000);
            return new App(config.withHttp(http), vertx, database, db, registry, port, snmp, endpoints, ops);
        } catch (Exception e) {
            if (ops != null) {
                ops.close();
            }
            if (snmp != null) {
                snmp.close();
            }
            vertx.close();
            database.close();
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }

    static List<Endpoint> endpoints(Db db, PkiModule pki) {
        List<Endpoint> all = new ArrayList<>();
        all.addAll(UnitsModule.endpoints(db));
        all.addAll(DevicesModule.endpoints(db));
        all.addAll(LinksModule.endpoints(db));
        all.add(new InventoryEndpoint(db));
        all.addAll(CoverageModule.endpoints(db));
        all.addAll(pki.endpoints());
        return all;
    }

    private static void importSampleIfEmpty(HatangConfig config, Db db) {
        int units = db.dsl().fetchCount(vn.hatang.db.Tables.UNIT);
        if (units > 0) {
            int people = db.dsl().fetchCount(vn.hatang.db.Tables.PERSON);
            int devices = db.dsl().fetchCount(vn.hatang.db.Tables.DEVICE);
            LOG.info("Cơ sở dữ liệu có {} đơn vị, {} người, {} thiết bị / database holds {} units, {} people, {} devices",
                    units, people, devices, units, people, devices);
            return;
        }
        if (!java.nio.file.Files.isDirectory(config.inventoryDir())) {
            LOG.warn("Không có thư mục kiểm kê / no inventory directory at {}", config.inventoryDir());
            return;
        }
        var result = new InventoryImporter(db).importDirectory(config.inventoryDir(), false);
        if (result.hasErrors()) {
            result.errors().forEach(e -> LOG.error("{}", e));
            throw new IllegalStateException("Dữ liệu kiểm kê mẫu có lỗi / sample inventory has errors");
        }
        LOG.info("Đã nạp kiểm kê mẫu / sample inventory loaded from {}: {}", config.inventoryDir(), result.summary());
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

    /** Every API endpoint this instance serves (the OpenAPI test compares them with the published description). */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    public Db db() {
        return db;
    }

    public Database database() {
        return database;
    }

    public OpsModule ops() {
        return ops;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The SNMP service, or null when disabled (HATANG_SNMP_ENABLED=false). */
    public SnmpService snmp() {
        return snmp;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public HatangConfig config() {
        return config;
    }

    @Override
    public void close() {
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Dừng HTTP lỗi / HTTP shutdown failed", e);
        }
        ops.close();
        if (snmp != null) {
            snmp.close();
        }
        database.close();
        LOG.info("hatang đã dừng / stopped");
    }
}
