package vn.hatang.snmp.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulated network of the sample province: one agent per network device, each on its own loopback address
 * (127.0.0.0/8 is loopback on Linux), all on one UDP port and answering one community. Each device answers like
 * its kind (Cisco IOS XE router and switch, Nexus, FortiGate, PAN-OS) with the identity of the inventory, so
 * discovery and the vendor profiles can be tried on it; its WAN interfaces carry traffic that rises and falls over
 * a quarter of an hour, a few stay down, a few flap now and then and send linkDown/linkUp traps, and a few devices
 * never answer.
 */
public final class Province implements AutoCloseable {
    /** How a carrying interface behaves. */
    public enum State { UP, DOWN, FLAPPING }

    /** A WAN interface of a device: its name, the contracted bandwidth and the share of it in use on average. */
    public record Port(String name, long bandwidthBps, double load, State state) {
    }

    /** One network device of the inventory to simulate. */
    public record Device(String serial, String category, String manufacturer, String model, String host,
                         List<Port> wan, boolean silent) {
        public Device {
            wan = List.copyOf(wan);
        }
    }

    private static final int[] LINK_DOWN = {1, 3, 6, 1, 6, 3, 1, 1, 5, 3};
    private static final int[] LINK_UP = {1, 3, 6, 1, 6, 3, 1, 1, 5, 4};

    private final SnmpResponder responder;
    private final List<SimDevice> agents;
    private final List<Device> devices;
    private final List<ProvinceModel.Spec> specs;
    private final String community;
    private final int port;
    private final ScheduledExecutorService flapper;
    private final Random random;
    private volatile InetSocketAddress trapTarget;
    private int requestId;

    private Province(SnmpResponder responder, List<SimDevice> agents, List<Device> devices,
                     List<ProvinceModel.Spec> specs, String community, int port, long seed) {
        this.responder = responder;
        this.agents = agents;
        this.devices = devices;
        this.specs = specs;
        this.community = community;
        this.port = port;
        this.random = new Random(seed);
        this.flapper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "snmp-sim-province");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Binds every device's address on one free port (tried again on another port if one address is taken), and
     * starts answering.
     */
    public static Province start(List<Device> devices, String community, long seed) {
        return start(devices, community, seed, 0);
    }

    /**
     * As {@link #start(List, String, long)}, on {@code port} unless it is 0 (a fleet served by several processes,
     * each with its share of the addresses, shares one port).
     */
    public static Province start(List<Device> devices, String community, long seed, int fixedPort) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no devices to simulate");
        }
        IOException last = null;
        for (int attempt = 0; attempt < (fixedPort == 0 ? 5 : 1); attempt++) {
            int port = fixedPort;
            if (port == 0) {
                try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0,
                        java.net.InetAddress.getByName(devices.get(0).host()))) {
                    port = probe.getLocalPort();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot bind " + devices.get(0).host(), e);
                }
            }
            List<InetSocketAddress> addresses = new ArrayList<>();
            for (Device d : devices) {
                addresses.add(new InetSocketAddress(d.host(), port));
            }
            try {
                SnmpResponder r = SnmpResponder.bind(addresses, 1);
                return build(r, devices, community, port, seed);
            } catch (IOException e) {
                last = e; // another process has this port on one of the addresses: take another one
            }
        }
        throw new UncheckedIOException("cannot bind the simulated province", last);
    }

    private static Province build(SnmpResponder r, List<Device> devices, String community, int port, long seed) {
        Map<ProvinceModel.Kind, MibView> views = new EnumMap<>(ProvinceModel.Kind.class);
        List<ProvinceModel.Spec> specs = new ArrayList<>();
        List<SimDevice> agents = new ArrayList<>();
        Random random = new Random(seed);
        for (int i = 0; i < devices.size(); i++) {
            Device d = devices.get(i);
            ProvinceModel.Kind kind = ProvinceModel.kind(d);
            specs.add(ProvinceModel.spec(d, kind, random));
        }
        for (int i = 0; i < devices.size(); i++) {
            ProvinceModel.Kind kind = specs.get(i).kind();
            MibView view = views.computeIfAbsent(kind, k -> ProvinceModel.view(k, specs));
            SimDevice agent = new SimDevice(community, i, view)
                    .upFor(java.time.Duration.ofSeconds(3_600L * 24 * (3 + random.nextInt(60))));
            agent.silent(devices.get(i).silent());
            ProvinceModel.Spec spec = specs.get(i);
            for (int p = 0; p < spec.wan().size(); p++) {
                if (spec.wan().get(p).state() == State.DOWN) {
                    agent.operStatus(spec.wanIndex(p), 2);
                }
            }
            agents.add(r.add(i, agent));
        }
        Province province = new Province(r, agents, devices, specs, community, port, seed);
        province.flapper.schedule(province::flap, 8, TimeUnit.SECONDS);
        return province;
    }

    public int port() {
        return port;
    }

    public int size() {
        return devices.size();
    }

    /** Where linkDown/linkUp traps go (the service's trap receiver). */
    public void trapsTo(String host, int trapPort) {
        trapTarget = new InetSocketAddress(host, trapPort);
    }

    /** Turns one flapping interface over, sends its trap, and comes back in 10–40 s. */
    private void flap() {
        try {
            List<int[]> candidates = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                List<Port> wan = specs.get(i).wan();
                for (int p = 0; p < wan.size(); p++) {
                    if (wan.get(p).state() == State.FLAPPING && !devices.get(i).silent()) {
                        candidates.add(new int[] {i, p});
                    }
                }
            }
            if (!candidates.isEmpty()) {
                int[] c = candidates.get(random.nextInt(candidates.size()));
                SimDevice agent = agents.get(c[0]);
                int ifIndex = specs.get(c[0]).wanIndex(c[1]);
                int now = agent.currentOperStatus(ifIndex, 1) == 1 ? 2 : 1;
                agent.operStatus(ifIndex, now);
                InetSocketAddress to = trapTarget;
                if (to != null) {
                    responder.sendFrom(c[0], to, trap(agent, ifIndex, now));
                }
            }
        } finally {
            if (!flapper.isShutdown()) {
                flapper.schedule(this::flap, 10 + random.nextInt(30), TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Sends device {@code device}'s linkDown/linkUp for {@code ifIndex} to every receiver: the same notification, as
     * a device configured with several managers sends it.
     */
    public void sendTrap(int device, int ifIndex, boolean up, List<InetSocketAddress> receivers) {
        byte[] datagram;
        synchronized (this) {
            datagram = trap(agents.get(device), ifIndex, up ? 1 : 2);
        }
        for (InetSocketAddress to : receivers) {
            responder.sendFrom(device, to, datagram);
        }
    }

    /** An SNMPv2-Trap (RFC 3416) linkDown/linkUp with ifIndex, ifAdminStatus and ifOperStatus. */
    private byte[] trap(SimDevice agent, int ifIndex, int operStatus) {
        Ber.Out vbs = new Ber.Out(256);
        varbind(vbs, new int[] {1, 3, 6, 1, 2, 1, 1, 3, 0}, o -> o.unsigned(Ber.TIMETICKS,
                agent.uptimeTicks(System.nanoTime()) & 0xFFFFFFFFL));
        byte[] trapOid = Ber.oid(operStatus == 1 ? LINK_UP : LINK_DOWN);
        varbind(vbs, new int[] {1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0}, o -> o.write(trapOid));
        varbind(vbs, new int[] {1, 3, 6, 1, 2, 1, 2, 2, 1, 1, ifIndex}, o -> o.integer(Ber.INTEGER, ifIndex));
        varbind(vbs, new int[] {1, 3, 6, 1, 2, 1, 2, 2, 1, 7, ifIndex}, o -> o.integer(Ber.INTEGER, 1));
        varbind(vbs, new int[] {1, 3, 6, 1, 2, 1, 2, 2, 1, 8, ifIndex}, o -> o.integer(Ber.INTEGER, operStatus));
        Ber.Out pdu = new Ber.Out(512);
        pdu.integer(Ber.INTEGER, ++requestId);
        pdu.integer(Ber.INTEGER, 0);
        pdu.integer(Ber.INTEGER, 0);
        pdu.header(Ber.SEQUENCE, vbs.len);
        pdu.write(vbs);
        Ber.Out body = new Ber.Out(600);
        body.integer(Ber.INTEGER, 1); // SNMPv2c
        body.octets(Ber.OCTET_STRING, community.getBytes(StandardCharsets.ISO_8859_1));
        body.header(Ber.TRAP_V2, pdu.len);
        body.write(pdu);
        Ber.Out msg = new Ber.Out(700);
        msg.header(Ber.SEQUENCE, body.len);
        msg.write(body);
        return java.util.Arrays.copyOf(msg.buf, msg.len);
    }

    private static void varbind(Ber.Out vbs, int[] oid, java.util.function.Consumer<Ber.Out> value) {
        Ber.Out v = new Ber.Out(32);
        value.accept(v);
        byte[] name = Ber.oid(oid);
        vbs.header(Ber.SEQUENCE, name.length + v.len);
        vbs.write(name);
        vbs.write(v);
    }

    @Override
    public void close() {
        flapper.shutdownNow();
        responder.close();
    }
}
