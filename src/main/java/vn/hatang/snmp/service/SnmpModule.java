package vn.hatang.snmp.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.Module;
import vn.hatang.platform.Platform;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.snmp.discovery.Discoverer;
import vn.hatang.snmp.discovery.VendorProfiles;
import vn.hatang.snmp.metrics.SnmpPrometheusMetrics;
import vn.hatang.snmp.poll.InterfacePoller;
import vn.hatang.snmp.poll.PollScheduler;
import vn.hatang.snmp.poll.SchedulerOptions;
import vn.hatang.snmp.snmp4j.Snmp4jClient;
import vn.hatang.snmp.store.PollShare;
import vn.hatang.snmp.store.SampleWriter;
import vn.hatang.snmp.traps.TrapReceiver;

/**
 * The SNMP part of the service, built from the platform: profiles and secrets, the poller, the trap receiver, the
 * simulated sample province when it applies, the HTTP endpoint. Its periodic work (re-reading the assignments,
 * writing state) is this instance's own, on Vert.x timers through the blocking helper; the poll scheduler keeps its
 * own timer thread and the sample writer its COPY thread, so polls never wait for the database.
 */
public final class SnmpModule implements Module {
    private static final Logger LOG = LoggerFactory.getLogger(SnmpModule.class);

    private final Db db;
    private final SnmpService service;
    private final Poller poller;
    private final Snmp4jClient client;
    private final SampleWriter writer;
    private final TrapReceiver traps;
    private final Simulation simulation;
    private final boolean trapsWanted;
    private final PollShare share;
    private final Instant started;
    private final long[] timers;
    /** Poll-now requests between instances (an external database), or null. */
    private volatile PollHandOver handOver;

    private SnmpModule(Db db, SnmpService service, Poller poller, Snmp4jClient client, SampleWriter writer,
                       boolean trapsWanted, TrapReceiver traps, Simulation simulation, PollShare share, Instant started,
                       long... timers) {
        this.share = share;
        this.started = started;
        this.db = db;
        this.service = service;
        this.poller = poller;
        this.client = client;
        this.writer = writer;
        this.trapsWanted = trapsWanted;
        this.traps = traps;
        this.simulation = simulation;
        this.timers = timers;
    }

    /**
     * Starts SNMP, or returns null when it is off (HATANG_SNMP_ENABLED=false, or an external database without a
     * shared key). Blocking (reads the assignments, takes its leases, binds ports): call it while the service starts.
     *
     * @param share this instance's share of the polling among the instances on the database (the cluster's leases)
     */
    public static SnmpModule start(Platform platform, PollShare share) {
        HatangConfig config = platform.config();
        Db db = platform.db();
        SnmpOptions options = SnmpOptions.from(config);
        if (!options.enabled()) {
            LOG.info("SNMP tắt / SNMP disabled (HATANG_SNMP_ENABLED=false)");
            return null;
        }
        if (!options.hasKey()) {
            LOG.error("SNMP tắt: cơ sở dữ liệu ngoài cần HATANG_SNMP_KEY hoặc HATANG_SNMP_KEY_FILE (cùng một khoá cho mọi"
                    + " phiên bản, ngoài HATANG_DATA_DIR) / SNMP off: with an external database set HATANG_SNMP_KEY or"
                    + " HATANG_SNMP_KEY_FILE (the same key on every instance, outside HATANG_DATA_DIR)");
            return null;
        }
        Clock clock = platform.clock();
        ProfileService profiles = new ProfileService(options.secretBox());
        VendorProfiles vendors = VendorProfiles.load(options.vendorDir());
        boolean simulate = options.simulates(config);
        if (simulate) {
            options = options.forSimulation(config.env());
        }
        Snmp4jClient client = new Snmp4jClient(1);
        SnmpPrometheusMetrics metrics = new SnmpPrometheusMetrics(platform.registry());
        SampleWriter.Options wo = new SampleWriter.Options();
        wo.rawRetention = options.rawRetention();
        wo.hourlyRetention = options.hourlyRetention();
        SampleWriter writer = new SampleWriter(platform.database().dataSource(), wo, metrics, share);
        SchedulerOptions so = new SchedulerOptions();
        so.maxConcurrent = options.concurrency();
        if (simulate) {
            so.initialSpread = Duration.ofSeconds(5); // the sample is live within seconds, not after a whole interval
        }
        var stored = db.readNow(SnmpService.SYSTEM, dsl -> SnmpRepository.linkStates(dsl, SnmpService.SYSTEM));
        Poller poller = new Poller(listener -> new PollScheduler(new InterfacePoller(client), listener, metrics, so),
                metrics, new StateStore(db.dsl(), share), writer, share, clock, stored);
        metrics.overdue(poller.scheduler()::overdue);
        Simulation simulation = null;
        TrapReceiver traps = null;
        try {
            simulation = simulate ? Simulation.start(db, profiles) : Simulation.forget(db);
            if (options.trapPort() >= 0) {
                traps = trapReceiver(options, poller);
                if (traps != null) {
                    TrapReceiver t = traps;
                    metrics.traps(platform.registry(), t::accepted, t::unknownSender, t::ignored, t::rejected);
                    if (simulation != null) {
                        simulation.trapsTo(options.trapHost(), t.port());
                    }
                }
            }
            SnmpService service = new SnmpService(db, options, profiles, poller, new Discoverer(client, vendors),
                    new DeviceTest(client, profiles), traps, share, clock);
            share.refresh();
            int devices = service.reload();
            LOG.info("SNMP: thăm dò {} thiết bị, nhận trap ở {} / polling {} devices, traps on {}", devices,
                    traps == null ? "-" : options.trapHost() + ":" + traps.port(), devices,
                    traps == null ? "-" : options.trapHost() + ":" + traps.port());
            if (simulation != null) {
                LOG.warn("SNMP MÔ PHỎNG: {} thiết bị mạng của tỉnh mẫu là tác tử giả lập trên loopback, không phải thiết"
                        + " bị thật (HATANG_SNMP_SIMULATE=off để tắt) / SIMULATED SNMP: the sample province's {} network"
                        + " devices are simulated agents on loopback, not real devices (HATANG_SNMP_SIMULATE=off turns"
                        + " this off)", simulation.size(), simulation.size());
            }
            // Per instance, not cluster-once jobs: each instance re-reads what it polls and writes what its own
            // poller saw (state, links, events) from memory, every second.
            long reload = platform.vertx().setPeriodic(options.reloadInterval().toMillis(), id -> platform.blocking()
                    .run(service::reload).onFailure(e -> LOG.warn("Nạp lại cấu hình SNMP thất bại / SNMP reload"
                            + " failed: {}", e.toString())));
            long flush = platform.vertx().setPeriodic(1000, id -> platform.blocking().run(() -> {
                poller.flush();
                return null;
            }).onFailure(e -> LOG.warn("Ghi trạng thái SNMP thất bại / writing SNMP state failed: {}", e.toString())));
            // Leases are renewed, and shares rebalanced, with the heartbeat; a change re-applies the last plan.
            share.listen(service::applyShare);
            SnmpModule module = new SnmpModule(db, service, poller, client, writer, options.trapPort() >= 0, traps,
                    simulation, share, clock.instant(), reload, flush);
            if (!platform.database().isEmbedded()) { // the embedded database has one instance, which polls everything
                module.handOver = new PollHandOver(db, config.database(), clock, service::pollOnRequest);
                service.handOver(module.handOver);
            }
            return module;
        } catch (RuntimeException e) {
            stop(poller, traps, simulation, client);
            writer.close();
            throw e;
        }
    }

    /** Stops what sends and receives SNMP: no poll, trap or simulated answer after it. */
    private static void stop(Poller poller, TrapReceiver traps, Simulation simulation, Snmp4jClient client) {
        poller.scheduler().close();
        if (traps != null) {
            traps.close();
        }
        if (simulation != null) {
            simulation.close();
        }
        client.close();
    }

    /**
     * The receiver on the configured address; a port another process holds is said once, clearly, with the port
     * and what to change, and SNMP goes on without traps (polling still sees every change, a little later).
     */
    private static TrapReceiver trapReceiver(SnmpOptions options, Poller poller) {
        try {
            return new TrapReceiver(options.trapHost(), options.trapPort(), poller::sender, poller::trap);
        } catch (TrapReceiver.BindException e) {
            LOG.error("{}", e.getMessage());
            return null;
        } catch (IOException e) {
            LOG.error("Không mở được cổng nhận trap / cannot open the trap port {}:{}: {}", options.trapHost(),
                    options.trapPort(), e.getMessage());
            return null;
        }
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new SnmpEndpoint(service));
    }

    /** Re-reads the assignments now (tests; the module does it every HATANG_SNMP_RELOAD_SECONDS). Blocking. */
    public int reload() {
        return service.reload();
    }

    /** The SNMP reads and writes the API and the console share. */
    public SnmpService service() {
        return service;
    }

    /** The port the trap receiver listens on, or -1. */
    public int trapPort() {
        return traps == null ? -1 : traps.port();
    }

    /** True when this start runs the simulated sample province. */
    public boolean simulated() {
        return simulation != null;
    }

    /**
     * What {@code /health/ready} shows of SNMP: devices polled and overdue, samples buffered or dropped while the
     * database cannot take them, and whether the trap receiver listens ({@code failed}: its port could not be opened).
     */
    public Map<String, Object> health() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("devices", poller.scheduler().size());
        h.put("overdue", poller.scheduler().overdue());
        h.put("samples_buffered", writer.buffered());
        h.put("samples_dropped", writer.dropped());
        if (writer.lastError() != null) {
            h.put("writer_error", writer.lastError());
        }
        h.put("traps", !trapsWanted ? "off" : traps == null ? "failed" : "listening");
        return h;
    }

    /** Writes pending state now (tests). Blocking. */
    public void flush() {
        poller.flush();
    }

    @Override
    public void close() {
        share.listen(null);
        if (handOver != null) {
            handOver.close();
        }
        for (long t : timers) {
            db.blocking().vertx().cancelTimer(t);
        }
        stop(poller, traps, simulation, client);
        try {
            poller.flush();
        } catch (RuntimeException e) {
            LOG.warn("Ghi trạng thái SNMP khi dừng thất bại / writing SNMP state on close failed: {}", e.getMessage());
        }
        writer.close();
        try {
            share.release(); // after the last writes, which still pass the fence
        } catch (RuntimeException e) {
            LOG.warn("Trả phần thăm dò thất bại / releasing poll leases failed: {}", e.getMessage());
        }
    }

    /** Devices no instance polled within twice their interval (should be 0). Blocking. */
    public int missedDevices() {
        return service.missed(started);
    }

    @Override
    public void metrics(PrometheusRegistry registry) {
        CounterWithCallback.builder().name("hatang_snmp_poll_requests_answered")
                .help("Poll-now requests of other instances answered here by polling a device this instance holds")
                .callback(cb -> cb.call(handOver == null ? 0 : handOver.answered())).register(registry);
        GaugeWithCallback.builder().name("hatang_snmp_devices_missed")
                .help("Polled devices that no instance polled within twice their interval (should be 0)")
                .callback(cb -> {
                    try {
                        cb.call(missedDevices());
                    } catch (RuntimeException e) {
                        // the database is down: no value rather than a wrong one
                    }
                }).register(registry);
    }
}
