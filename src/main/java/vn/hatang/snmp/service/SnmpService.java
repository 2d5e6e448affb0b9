package vn.hatang.snmp.service;

import static vn.hatang.db.Tables.SNMP_PROFILE;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.db.tables.records.SnmpProfileRecord;
import vn.hatang.platform.db.Db;
import vn.hatang.snmp.api.SnmpTarget;
import vn.hatang.snmp.discovery.DiscoveryResult;
import vn.hatang.snmp.discovery.Discoverer;
import vn.hatang.snmp.metrics.SnmpPrometheusMetrics;
import vn.hatang.snmp.poll.DeviceStatus;
import vn.hatang.snmp.poll.IfRate;
import vn.hatang.snmp.poll.InterfacePoller;
import vn.hatang.snmp.poll.PollListener;
import vn.hatang.snmp.poll.PollResult;
import vn.hatang.snmp.poll.PollScheduler;
import vn.hatang.snmp.poll.PolledDevice;
import vn.hatang.snmp.poll.SchedulerOptions;
import vn.hatang.snmp.poll.SnmpEvent;
import vn.hatang.snmp.snmp4j.Snmp4jClient;
import vn.hatang.snmp.store.SampleWriter;
import vn.hatang.snmp.store.SecretBox;
import vn.hatang.snmp.traps.TrapReceiver;

/**
 * The running SNMP part of the service: which devices to poll (from the inventory and the profile assignments),
 * the scheduler, storage, traps and metrics. {@link #reload()} re-reads the assignments (blocking: call it off
 * the event loop).
 */
public final class SnmpService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnmpService.class);

    /** What the inventory says about a polled device. */
    static final class Polled {
        final PolledDevice device;
        final String serial;
        final String model;
        final InetAddress address;

        Polled(PolledDevice device, String serial, String model, InetAddress address) {
            this.device = device;
            this.serial = serial;
            this.model = model;
            this.address = address;
        }
    }

    private final Db db;
    private final SnmpOptions options;
    private final SnmpProfiles profiles;
    private final Snmp4jClient client;
    private final PollScheduler scheduler;
    private final SampleWriter writer;
    private final StateStore state;
    private final SnmpPrometheusMetrics metrics;
    private final Discoverer discoverer;
    private final TrapReceiver traps;
    private final java.util.concurrent.ScheduledExecutorService reloader =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "snmp-reload");
                t.setDaemon(true);
                return t;
            });
    private volatile Map<Long, Polled> polled = Map.of();
    private volatile Map<InetAddress, Long> byAddress = Map.of();
    private volatile Map<Long, List<CarriedLink>> links = Map.of();

    public SnmpService(Db db, DataSource dataSource, SnmpOptions options, PrometheusRegistry registry) {
        this.db = db;
        this.options = options;
        SecretBox box = options.key != null && !options.key.isBlank() ? SecretBox.fromBase64(options.key)
                : SecretBox.fromKeyFile(options.keyFile);
        this.profiles = new SnmpProfiles(db, box);
        this.client = new Snmp4jClient(1);
        SchedulerOptions so = new SchedulerOptions();
        so.maxConcurrent = options.concurrency;
        PollScheduler[] holder = new PollScheduler[1];
        this.metrics = new SnmpPrometheusMetrics(registry, () -> holder[0] == null ? 0 : holder[0].overdue());
        SampleWriter.Options wo = new SampleWriter.Options();
        wo.rawRetention = options.rawRetention;
        wo.hourlyRetention = options.hourlyRetention;
        this.writer = new SampleWriter(dataSource, wo, metrics);
        this.state = new StateStore(dataSource, id -> holder[0] == null ? null : holder[0].status(id));
        PollListener listener = new PollListener() {
            @Override
            public void polled(PolledDevice device, PollResult result, List<IfRate> rates) {
                writer.polled(device, result, rates);
                state.polled(device, result, rates);
                metrics.deviceReachable(device.name(), true);
                for (CarriedLink l : links.getOrDefault(device.id(), List.of())) {
                    int i = l.find(result.interfaces());
                    if (i >= 0) {
                        IfRate r = i < rates.size() ? rates.get(i) : null;
                        metrics.link(l.code, result.interfaces().get(i).up(), CarriedLink.ratio(r, true,
                                l.bandwidthBps), CarriedLink.ratio(r, false, l.bandwidthBps));
                    }
                }
            }

            @Override
            public void failed(PolledDevice device, Throwable error) {
                state.failed(device, error);
                DeviceStatus s = holder[0].status(device.id());
                if (s != null && s.reachable != null) {
                    metrics.deviceReachable(device.name(), s.reachable);
                }
                if (s != null && Boolean.FALSE.equals(s.reachable)) {
                    for (CarriedLink l : links.getOrDefault(device.id(), List.of())) {
                        metrics.link(l.code, false, Double.NaN, Double.NaN);
                    }
                }
            }

            @Override
            public void event(SnmpEvent event) {
                state.event(event);
            }
        };
        this.scheduler = new PollScheduler(new InterfacePoller(client), listener, metrics, so);
        holder[0] = scheduler;
        this.discoverer = new Discoverer(client);
        TrapReceiver t = null;
        if (options.trapPort >= 0) {
            try {
                t = new TrapReceiver(options.trapHost, options.trapPort, options.trapCommunities, List.of(),
                        a -> byAddress.get(a), scheduler::trapEvent);
            } catch (IOException e) {
                LOG.warn("Không mở được cổng nhận trap {} / cannot open trap port {}: {}", options.trapPort,
                        options.trapPort, e.getMessage());
            }
        }
        this.traps = t;
        if (t != null) {
            metrics.traps(registry, t::accepted, t::unknownSender, t::ignored, t::rejected);
        }
        // Inventory changes made elsewhere (new devices, addresses, links) are picked up within a minute.
        reloader.scheduleWithFixedDelay(() -> {
            try {
                reload();
            } catch (RuntimeException e) {
                LOG.warn("Nạp lại cấu hình SNMP thất bại / SNMP reload failed: {}", e.getMessage());
            }
        }, 60, 60, java.util.concurrent.TimeUnit.SECONDS);
    }

    public SnmpProfiles profiles() {
        return profiles;
    }

    public PollScheduler scheduler() {
        return scheduler;
    }

    public int trapPort() {
        return traps == null ? -1 : traps.port();
    }

    Polled polled(long deviceId) {
        return polled.get(deviceId);
    }

    Map<Long, List<CarriedLink>> links() {
        return links;
    }

    /** Re-reads devices, profiles and links and updates the scheduler. Blocking. */
    public synchronized int reload() {
        Map<Long, SnmpProfileRecord> profileRows = new HashMap<>();
        db.dsl().selectFrom(SNMP_PROFILE).fetch().forEach(r -> profileRows.put(r.getId(), r));
        Map<Long, Polled> next = new HashMap<>();
        Map<InetAddress, Long> addresses = new HashMap<>();
        for (Record r : db.dsl().fetch("SELECT d.id, d.serial, d.model, COALESCE(sd.address, d.mgmt_address) AS host,"
                + " COALESCE(sd.profile_id, (SELECT up.profile_id FROM snmp_unit_profile up JOIN unit a"
                + " ON a.id = up.unit_id WHERE u.path LIKE a.path || '%' ORDER BY a.depth DESC LIMIT 1)) AS profile_id,"
                + " EXISTS (SELECT 1 FROM link l WHERE l.device_id = d.id AND l.status = 'active') AS carries_link"
                + " FROM device d JOIN unit u ON u.id = d.unit_id LEFT JOIN snmp_device sd ON sd.device_id = d.id"
                + " WHERE COALESCE(sd.enabled, true) AND d.status NOT IN ('retired', 'disposed')")) {
            Long profileId = r.get("profile_id", Long.class);
            String host = r.get("host", String.class);
            if (profileId == null || host == null || host.isBlank() || !profileRows.containsKey(profileId)) {
                continue;
            }
            long id = r.get("id", Long.class);
            String h = host.trim();
            SnmpTarget target;
            try {
                target = profiles.target(profileRows.get(profileId), h);
            } catch (RuntimeException e) {
                LOG.warn("Hồ sơ SNMP {} không dùng được / SNMP profile {} unusable: {}", profileId, profileId,
                        e.getMessage());
                continue;
            }
            boolean carries = Boolean.TRUE.equals(r.get("carries_link", Boolean.class));
            Duration interval = carries ? options.linkInterval : options.interval;
            PolledDevice d = new PolledDevice(id, r.get("serial", String.class), target, interval);
            if (traps != null && target.credentials() instanceof vn.hatang.snmp.api.SnmpCredentials.Usm) {
                traps.addUser((vn.hatang.snmp.api.SnmpCredentials.Usm) target.credentials());
            }
            InetAddress address = null;
            try {
                address = InetAddress.getByName(h);
                addresses.put(address, id);
            } catch (UnknownHostException e) {
                LOG.warn("Không phân giải được địa chỉ / cannot resolve {} of device {}", h, id);
            }
            next.put(id, new Polled(d, r.get("serial", String.class), r.get("model", String.class), address));
        }
        Map<Long, List<CarriedLink>> carried = new HashMap<>();
        for (Record r : db.dsl().fetch("SELECT id, code, device_id, interface_name, bandwidth_mbps FROM link"
                + " WHERE device_id IS NOT NULL AND status = 'active'")) {
            long deviceId = r.get("device_id", Long.class);
            carried.computeIfAbsent(deviceId, k -> new ArrayList<>()).add(new CarriedLink(r.get("id", Long.class),
                    r.get("code", String.class), deviceId, r.get("interface_name", String.class),
                    r.get("bandwidth_mbps", Integer.class) * 1_000_000L));
        }
        for (Long old : polled.keySet()) {
            if (!next.containsKey(old)) {
                scheduler.remove(old);
            }
        }
        for (Polled p : next.values()) {
            Polled before = polled.get(p.device.id());
            if (before != null && (!before.device.target().equals(p.device.target())
                    || !before.device.interval().equals(p.device.interval()))) {
                scheduler.remove(p.device.id());
            }
            scheduler.put(p.device);
        }
        polled = Map.copyOf(next);
        byAddress = Map.copyOf(addresses);
        links = Map.copyOf(carried);
        return next.size();
    }

    public CompletableFuture<PollResult> pollNow(long deviceId) {
        return scheduler.pollNow(deviceId);
    }

    public CompletableFuture<DiscoveryResult> discover(long deviceId) {
        Polled p = polled.get(deviceId);
        if (p == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("not polled"));
        }
        return discoverer.discover(p.device.target());
    }

    /**
     * What {@code /health/ready} shows of SNMP: devices polled and overdue, samples buffered or dropped while the
     * database cannot take them, and whether the trap receiver listens ({@code failed}: its port could not be opened).
     */
    public Map<String, Object> health() {
        Map<String, Object> h = new java.util.LinkedHashMap<>();
        h.put("devices", scheduler.size());
        h.put("overdue", scheduler.overdue());
        h.put("samples_buffered", writer.buffered());
        h.put("samples_dropped", writer.dropped());
        if (writer.lastError() != null) {
            h.put("writer_error", writer.lastError());
        }
        h.put("traps", options.trapPort < 0 ? "off" : traps == null ? "failed" : "listening");
        return h;
    }

    /** Writes pending state now (tests, shutdown). */
    public void flush() {
        try {
            state.flush();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        reloader.shutdownNow();
        scheduler.close();
        if (traps != null) {
            traps.close();
        }
        client.close();
        state.close();
        writer.close();
    }
}
