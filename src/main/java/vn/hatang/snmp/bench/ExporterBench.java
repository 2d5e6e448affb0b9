package vn.hatang.snmp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import vn.hatang.snmp.sim.SimulateCommand;

/**
 * Polls simulated switches with prometheus-snmp-exporter (Debian package prometheus-snmp-exporter, 0.21 config
 * format) walking the same ifTable and ifXTable columns with the ifName/ifDescr/ifAlias lookups of the upstream
 * if_mib module, and reports its throughput and CPU (read from /proc for the exporter process).
 */
final class ExporterBench {
    private final int devices;
    private final int concurrency;
    private final Path work;

    ExporterBench(int devices, int concurrency, Path work) {
        this.devices = devices;
        this.concurrency = concurrency;
        this.work = work;
    }

    static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            for (String name : new String[] {"prometheus-snmp-exporter", "snmp_exporter"}) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    void run() throws Exception {
        String exe = binary();
        if (exe == null) {
            System.out.println("bench snmp_exporter: skipped (prometheus-snmp-exporter not installed)");
            return;
        }
        Path config = work.resolve("snmp.yml");
        Files.writeString(config, config());
        int httpPort = freeTcpPort();
        // One device per socket: snmp_exporter sends the same community to every target.
        try (ChildProcess sim = ChildProcess.java(SimulateCommand.class.getName(), List.of("--devices",
                String.valueOf(devices), "--sockets", String.valueOf(devices)), work.resolve("simulate-exporter.log"),
                "-Xmx256m", "-Dhatang.simulate.watchStdin=1");
             ChildProcess exporter = ChildProcess.start(List.of(exe, "--config.file=" + config,
                     "--web.listen-address=127.0.0.1:" + httpPort), work.resolve("snmp_exporter.log"))) {
            int[] ports = SnmpBenchCommand.ports(sim.awaitLine("simulate: ready", 120));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            awaitUp(http, httpPort);
            // Warm-up scrape, as for our poller.
            scrape(http, httpPort, ports[0]);
            Percentiles durations = new Percentiles();
            AtomicInteger failed = new AtomicInteger();
            long cpu0 = exporter.cpuMillis();
            long t0 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            List<Future<?>> fs = new ArrayList<>();
            for (int port : ports) {
                fs.add(pool.submit(() -> {
                    long s = System.nanoTime();
                    if (!scrape(http, httpPort, port)) {
                        failed.incrementAndGet();
                    }
                    durations.add(System.nanoTime() - s);
                }));
            }
            for (Future<?> f : fs) {
                f.get(10, TimeUnit.MINUTES);
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long cpu = exporter.cpuMillis() - cpu0;
            System.out.printf("bench snmp_exporter: devices=%d devices_per_s=%.1f cpu_ms_per_device=%.2f p99_ms=%d"
                            + " failed=%d%n", ports.length, ports.length / seconds, (double) cpu / ports.length,
                    TimeUnit.NANOSECONDS.toMillis(durations.percentile(99)), failed.get());
        }
    }

    private static boolean scrape(HttpClient http, int httpPort, int target) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/snmp?module=if_mib&target=127.0.0.1:" + target)).timeout(Duration.ofSeconds(60)).build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("ifHCInOctets{");
        } catch (Exception e) {
            return false;
        }
    }

    private static void awaitUp(HttpClient http, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/metrics")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("snmp_exporter did not start");
    }

    private static int freeTcpPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** snmp.yml (0.21 format): every ifTable/ifXTable column, labelled by ifIndex with name lookups. */
    static String config() {
        StringBuilder y = new StringBuilder();
        y.append("if_mib:\n  walk:\n  - 1.3.6.1.2.1.2.2\n  - 1.3.6.1.2.1.31.1.1\n  metrics:\n");
        String[][] ifTable = {{"ifIndex", "gauge"}, {"ifDescr", "DisplayString"}, {"ifType", "gauge"},
            {"ifMtu", "gauge"}, {"ifSpeed", "gauge"}, {"ifPhysAddress", "PhysAddress48"}, {"ifAdminStatus", "gauge"},
            {"ifOperStatus", "gauge"}, {"ifLastChange", "gauge"}, {"ifInOctets", "counter"},
            {"ifInUcastPkts", "counter"}, {"ifInNUcastPkts", "counter"}, {"ifInDiscards", "counter"},
            {"ifInErrors", "counter"}, {"ifInUnknownProtos", "counter"}, {"ifOutOctets", "counter"},
            {"ifOutUcastPkts", "counter"}, {"ifOutNUcastPkts", "counter"}, {"ifOutDiscards", "counter"},
            {"ifOutErrors", "counter"}, {"ifOutQLen", "gauge"}};
        String[][] ifX = {{"ifName", "DisplayString"}, {"ifInMulticastPkts", "counter"},
            {"ifInBroadcastPkts", "counter"}, {"ifOutMulticastPkts", "counter"}, {"ifOutBroadcastPkts", "counter"},
            {"ifHCInOctets", "counter"}, {"ifHCInUcastPkts", "counter"}, {"ifHCInMulticastPkts", "counter"},
            {"ifHCInBroadcastPkts", "counter"}, {"ifHCOutOctets", "counter"}, {"ifHCOutUcastPkts", "counter"},
            {"ifHCOutMulticastPkts", "counter"}, {"ifHCOutBroadcastPkts", "counter"},
            {"ifLinkUpDownTrapEnable", "gauge"}, {"ifHighSpeed", "gauge"}, {"ifPromiscuousMode", "gauge"},
            {"ifConnectorPresent", "gauge"}, {"ifAlias", "DisplayString"}, {"ifCounterDiscontinuityTime", "gauge"}};
        for (int i = 0; i < ifTable.length; i++) {
            metric(y, ifTable[i][0], "1.3.6.1.2.1.2.2.1." + (i + 1), ifTable[i][1]);
        }
        for (int i = 0; i < ifX.length; i++) {
            metric(y, ifX[i][0], "1.3.6.1.2.1.31.1.1.1." + (i + 1), ifX[i][1]);
        }
        y.append("  version: 2\n  max_repetitions: 25\n  retries: 3\n  timeout: 5s\n  auth:\n    community: public\n");
        return y.toString();
    }

    private static void metric(StringBuilder y, String name, String oid, String type) {
        y.append("  - name: ").append(name).append("\n    oid: ").append(oid).append("\n    type: ").append(type)
                .append("\n    help: ").append(name).append("\n    indexes:\n    - labelname: ifIndex\n      type: gauge\n");
        y.append("    lookups:\n");
        lookup(y, "ifAlias", "1.3.6.1.2.1.31.1.1.1.18");
        lookup(y, "ifDescr", "1.3.6.1.2.1.2.2.1.2");
        lookup(y, "ifName", "1.3.6.1.2.1.31.1.1.1.1");
    }

    private static void lookup(StringBuilder y, String label, String oid) {
        y.append("    - labels:\n      - ifIndex\n      labelname: ").append(label).append("\n      oid: ").append(oid)
                .append("\n      type: DisplayString\n");
    }
}
