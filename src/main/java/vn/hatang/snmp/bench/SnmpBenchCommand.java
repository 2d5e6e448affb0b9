package vn.hatang.snmp.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import picocli.CommandLine;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Database;
import vn.hatang.snmp.store.SampleWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.api.SnmpTarget;
import vn.hatang.snmp.poll.DeviceStatus;
import vn.hatang.snmp.poll.IfRate;
import vn.hatang.snmp.poll.InterfacePoller;
import vn.hatang.snmp.poll.PollListener;
import vn.hatang.snmp.poll.PollMetrics;
import vn.hatang.snmp.poll.PollResult;
import vn.hatang.snmp.poll.PollScheduler;
import vn.hatang.snmp.poll.PolledDevice;
import vn.hatang.snmp.poll.SchedulerOptions;
import vn.hatang.snmp.sim.Fleet;
import vn.hatang.snmp.sim.SimulateCommand;
import vn.hatang.snmp.snmp4j.Snmp4jClient;

/**
 * {@code hatang bench snmp --devices N}: one poll cycle of a simulated fleet of 48-port switches (ifTable +
 * ifXTable, ~2,150 values each) through the real scheduler. The simulator runs in a child JVM so the CPU figure
 * is the poller's alone. With {@code --vs-exporter}, prometheus-snmp-exporter polls the same kind of devices.
 */
@Command(name = "snmp", mixinStandardHelpOptions = true,
        description = {"Đo hiệu năng thăm dò SNMP / benchmark SNMP polling"})
public final class SnmpBenchCommand implements Callable<Integer> {
    @Option(names = "--devices", defaultValue = "1000", description = "số thiết bị / devices (default ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--silent-percent", defaultValue = "0", description = "% thiết bị im lặng / % silent devices")
    int silentPercent;

    @Option(names = "--vs-exporter", description = "so sánh với prometheus-snmp-exporter / compare with snmp_exporter")
    boolean vsExporter;

    @Option(names = "--interval", defaultValue = "60", description = "chu kỳ (giây) / cycle length in seconds")
    int intervalSeconds;

    @Option(names = "--spread", defaultValue = "0",
            description = "rải lần thăm dò đầu trong N giây (0 = tất cả đến hạn ngay) / spread first polls over N s")
    int spreadSeconds;

    @Option(names = "--concurrency", defaultValue = "256", description = "số lần thăm dò song song / polls in flight")
    int concurrency;

    @Option(names = "--client-sockets", defaultValue = "2", description = "UDP sockets of the poller")
    int clientSockets;

    @Option(names = "--sim-sockets", defaultValue = "64", description = "UDP sockets of the simulator")
    int simSockets;

    @Option(names = "--timeout-ms", defaultValue = "2000", description = "timeout per request (ms)")
    int timeoutMs;

    @Option(names = "--retries", defaultValue = "1")
    int retries;

    @Option(names = "--no-store", description = "không ghi PostgreSQL / do not store samples in PostgreSQL")
    boolean noStore;

    @Option(names = "--db-url", description = "PostgreSQL ngoài (mặc định: nhúng) / external PostgreSQL JDBC URL")
    String dbUrl;

    @Option(names = "--exporter-devices", defaultValue = "200", description = "devices polled by snmp_exporter")
    int exporterDevices;

    @Option(names = "--exporter-concurrency", defaultValue = "16", description = "parallel scrapes of snmp_exporter")
    int exporterConcurrency;

    @Override
    public Integer call() throws Exception {
        if (devices < 1 || silentPercent < 0 || silentPercent > 100 || intervalSeconds < 1 || concurrency < 1) {
            System.err.println("Tham số không hợp lệ / invalid arguments");
            return 2;
        }
        Path work = Files.createTempDirectory("hatang-bench");
        try {
            return run(work);
        } finally {
            vn.hatang.platform.FileTrees.delete(work);
        }
    }

    private int run(Path work) throws Exception {
        try (ChildProcess sim = ChildProcess.java(SimulateCommand.class.getName(), List.of("--devices",
                String.valueOf(devices), "--sockets", String.valueOf(simSockets), "--silent-percent",
                String.valueOf(silentPercent)), work.resolve("simulate.log"), "-Xmx512m",
                "-Dhatang.simulate.watchStdin=1")) {
            int[] ports = ports(sim.awaitLine("simulate: ready", 120));
            runOurs(ports, sim, work);
        }
        if (vsExporter) {
            new ExporterBench(exporterDevices, exporterConcurrency, work).run();
        }
        return 0;
    }

    private void runOurs(int[] ports, ChildProcess sim, Path work) throws Exception {
        Duration interval = Duration.ofSeconds(intervalSeconds);
        List<PolledDevice> fleet = new ArrayList<>(devices);
        for (int i = 0; i < devices; i++) {
            SnmpTarget t = SnmpTarget.of("127.0.0.1", ports[i % ports.length],
                    SnmpCredentials.community(Fleet.community(i))).withTimeout(timeoutMs, retries);
            fleet.add(new PolledDevice(i, "sw-" + i, t, interval));
        }
        Percentiles durations = new Percentiles();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong values = new AtomicLong();
        AtomicLong lastDone = new AtomicLong();
        AtomicLongArray doneAt = new AtomicLongArray(devices);
        PollMetrics metrics = new PollMetrics() {
            @Override
            public void polled(String outcome, long durationNanos) {
                durations.add(durationNanos);
            }

            @Override
            public void missed() {
            }
        };
        Database db = noStore ? null : Database.open(new HatangConfig.DatabaseOptions(dbUrl,
                "postgres", "", work.resolve("data"), 4));
        PostgresCpu pgCpu = db == null ? null : PostgresCpu.of(work.resolve("data").resolve("pg"));
        SampleWriter writer = db == null ? null : new SampleWriter(db.dataSource(), new SampleWriter.Options(),
                SampleWriter.Listener.NONE);
        PollListener listener = new PollListener() {
            @Override
            public void polled(PolledDevice device, PollResult result, List<IfRate> rates, DeviceStatus status) {
                if (writer != null) {
                    writer.polled(device, result, rates);
                }
                values.addAndGet(result.varbinds());
                done(device);
                ok.incrementAndGet();
            }

            @Override
            public void failed(PolledDevice device, Throwable error, DeviceStatus status) {
                done(device);
                failed.incrementAndGet();
            }

            private void done(PolledDevice device) {
                long now = System.nanoTime();
                doneAt.compareAndSet((int) device.id(), 0, now);
                lastDone.accumulateAndGet(now, Math::max);
            }
        };
        try (Snmp4jClient client = new Snmp4jClient(clientSockets)) {
            InterfacePoller poller = new InterfacePoller(client, InterfacePoller.FULL_IF_MIB);
            warmUp(poller, fleet);
            SchedulerOptions o = new SchedulerOptions();
            o.maxConcurrent = concurrency;
            o.initialSpread = Duration.ofSeconds(spreadSeconds);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long simCpu0 = sim.cpuMillis();
            long pg0 = pgCpu == null ? 0 : pgCpu.cpuMillis();
            long written0 = writer == null ? 0 : writer.written();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            PollScheduler scheduler = new PollScheduler(poller, listener, metrics, o);
            fleet.forEach(scheduler::put);
            long deadline = t0 + interval.toNanos() * 2 + TimeUnit.SECONDS.toNanos(spreadSeconds);
            while (ok.get() + failed.get() < devices && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            scheduler.close();
            long end = lastDone.get() == 0 ? System.nanoTime() : lastDone.get();
            if (writer != null) {
                // Storage is part of the cost: wait until what this cycle polled is in the database.
                long flushDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (writer.buffered() > 0 && System.nanoTime() < flushDeadline) {
                    TimeUnit.MILLISECONDS.sleep(20);
                }
            }
            long cpu1 = os.getProcessCpuTime();
            long simCpu1 = sim.cpuMillis();
            long pg1 = pgCpu == null ? 0 : pgCpu.cpuMillis();
            long rows = writer == null ? 0 : writer.written() - written0;
            long dropped = writer == null ? 0 : writer.dropped();
            long late = 0;
            long limit = t0 + interval.toNanos() + TimeUnit.SECONDS.toNanos(spreadSeconds);
            for (int i = 0; i < devices; i++) {
                long d = doneAt.get(i);
                if (d == 0 || d > limit) {
                    late++;
                }
            }
            double seconds = (end - t0) / 1e9;
            double pollerMs = (cpu1 - cpu0) / 1e6;
            System.out.printf("bench snmp: cycle_s=%.1f ok=%d failed=%d values=%d values_per_s=%.0f samples_written=%d"
                            + " samples_per_s=%.0f samples_dropped=%d poller_cpu_ms=%.0f postgres_cpu_ms=%d"
                            + " simulator_cpu_ms=%d%n", seconds, ok.get(), failed.get(), values.get(),
                    values.get() / seconds, rows, rows / seconds, dropped, pollerMs, pg1 - pg0, simCpu1 - simCpu0);
            System.out.printf("bench snmp: devices=%d devices_per_s=%.1f cpu_ms_per_device=%.2f p99_ms=%d missed=%d%n",
                    devices, devices / seconds, (pollerMs + pg1 - pg0) / devices,
                    TimeUnit.NANOSECONDS.toMillis(durations.percentile(99)), late + scheduler.missed());
        } finally {
            if (writer != null) {
                writer.close();
            }
            if (db != null) {
                db.close();
            }
        }
    }

    /** Lets the JIT compile the hot paths before the measured cycle, as in a long-running service. */
    private void warmUp(InterfacePoller poller, List<PolledDevice> fleet) {
        int n = Math.min(fleet.size(), 300);
        List<java.util.concurrent.CompletableFuture<PollResult>> fs = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < n; i++) {
                if (Fleet.silent(i, silentPercent)) {
                    continue;
                }
                fs.add(poller.poll(fleet.get(i)).exceptionally(e -> null));
                if (fs.size() >= 64) {
                    fs.forEach(java.util.concurrent.CompletableFuture::join);
                    fs.clear();
                }
            }
        }
        fs.forEach(java.util.concurrent.CompletableFuture::join);
    }

    static int[] ports(String readyLine) {
        String p = readyLine.replaceAll(".* ports=([0-9,]+).*", "$1");
        String[] parts = p.split(",");
        int[] ports = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ports[i] = Integer.parseInt(parts[i]);
        }
        return ports;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SnmpBenchCommand()).execute(args));
    }
}
