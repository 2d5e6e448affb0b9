package vn.hatang.snmp.sim;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hatang simulate --devices N}: serves a fleet of simulated 48-port switches (SNMPv2c) until stopped, for
 * sizing an installation or for the benchmark. Device i answers on port base + (i mod sockets) to community
 * "sw" + i (a socket with one device answers any community).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Mô phỏng một đội thiết bị SNMP (switch 48 cổng) / simulate a fleet of SNMP switches"})
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--devices", required = true, description = "số thiết bị / number of devices")
    int devices;

    @Option(names = "--sockets", defaultValue = "64", description = "số cổng UDP / UDP sockets (default ${DEFAULT-VALUE})")
    int sockets;

    @Option(names = "--threads", defaultValue = "1", description = "luồng trả lời / responder threads")
    int threads;

    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--base-port", defaultValue = "0", description = "cổng đầu tiên, 0 = ngẫu nhiên / first port, 0 = any")
    int basePort;

    @Option(names = "--silent-percent", defaultValue = "0", description = "% thiết bị im lặng / % of silent devices")
    int silentPercent;

    @Option(names = "--fleet", description = {"mỗi thiết bị một địa chỉ loopback 127.77.x.y, một cổng, một community",
        "each device on its own loopback address 127.77.x.y, one port, one community (bench cluster)"})
    String fleetCommunity;

    @Option(names = "--fleet-from", defaultValue = "0", description = {"thiết bị đầu tiên của đội mà tiến trình này phục"
        + " vụ (một tiến trình có giới hạn số tệp mở: mỗi thiết bị một socket)", "the fleet's first device this process"
        + " serves (a process has a limit of open files: one socket per device); with --base-port, the fleet's port"})
    int fleetFrom;

    @Override
    public Integer call() throws Exception {
        if (fleetCommunity != null && devices >= 1 && fleetFrom >= 0) {
            return fleet();
        }
        if (devices < 1 || sockets < 1 || silentPercent < 0 || silentPercent > 100) {
            System.err.println("Tham số không hợp lệ / invalid arguments: --devices ≥ 1, --sockets ≥ 1,"
                    + " 0 ≤ --silent-percent ≤ 100");
            return 2;
        }
        Fleet fleet = Fleet.start(host, basePort, devices, sockets, threads, silentPercent);
        SnmpResponder r = fleet.responder();
        String ports = IntStream.range(0, r.socketCount()).mapToObj(i -> String.valueOf(r.port(i)))
                .collect(Collectors.joining(","));
        System.out.println("simulate: ready devices=" + devices + " host=" + host + " ports=" + ports
                + " community=sw<i> (device i on port index i mod " + r.socketCount() + ")");
        System.out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fleet.close();
            stop.countDown();
        }));
        // Stop as well when the parent closes our stdin (the benchmark runs us as a child process).
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // ignore input
                }
            } catch (java.io.IOException e) {
                // closed
            }
            stop.countDown();
        }, "simulate-stdin");
        stdin.setDaemon(true);
        if (System.getProperty("hatang.simulate.watchStdin") != null) {
            stdin.start();
        }
        stop.await();
        System.err.println("simulate: requests=" + r.requests() + " varbinds=" + r.varbinds()
                + " dropped=" + r.dropped());
        fleet.close();
        return 0;
    }

    /** The fleet of {@link vn.hatang.snmp.service.SimulatedFleet}: Cisco switches, until stdin closes. */
    private int fleet() throws Exception {
        var fleet = vn.hatang.snmp.service.SimulatedFleet.devices(fleetFrom + devices, true);
        try (Province p = Province.start(fleet.subList(fleetFrom, fleet.size()), fleetCommunity, 1 + fleetFrom,
                basePort)) {
            System.out.println("simulate: ready devices=" + devices + " port=" + p.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the parent closes our stdin
            }
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulateCommand()).execute(args));
    }
}
