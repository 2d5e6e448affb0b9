package vn.hatang.snmp.sim;

/**
 * A realistic access switch: system group, ENTITY-MIB chassis, IF-MIB ifTable (22 columns) and ifXTable
 * (19 columns) for {@code ports} Ethernet ports plus a VLAN and a management interface. 48 ports give about
 * 2,150 instances, what snmp_exporter's if_mib module walks on such a switch.
 */
public final class SwitchModel {
    static final int[] SYSTEM = {1, 3, 6, 1, 2, 1, 1};
    static final int[] IF_TABLE_ENTRY = {1, 3, 6, 1, 2, 1, 2, 2, 1};
    static final int[] IF_X_ENTRY = {1, 3, 6, 1, 2, 1, 31, 1, 1, 1};
    static final int[] ENT_PHYSICAL_ENTRY = {1, 3, 6, 1, 2, 1, 47, 1, 1, 1, 1};

    /** Options of one switch. */
    public static final class Options {
        int ports = 48;
        boolean hcCounters = true;
        long counterStart;
        long rateBytesPerSecond = -1;
        String serial;
        String model = "HT-S5700-48";

        public Options ports(int n) {
            ports = n;
            return this;
        }

        /** Without ifXTable's 64-bit counters, as on old devices. */
        public Options hcCounters(boolean v) {
            hcCounters = v;
            return this;
        }

        /** Octet counters start here at boot (e.g. near 2^32 to force a 32-bit wrap). */
        public Options counterStart(long v) {
            counterStart = v;
            return this;
        }

        /** Fixed traffic per port; default a per-port pseudo-random rate up to 100 Mbit/s. */
        public Options rateBytesPerSecond(long v) {
            rateBytesPerSecond = v;
            return this;
        }

        public Options serial(String s) {
            serial = s;
            return this;
        }

        public Options model(String s) {
            model = s;
            return this;
        }
    }

    private SwitchModel() {
    }

    /** A device of this model; build the view once with {@link #view(Options)} to share it across a fleet. */
    public static SimDevice device(String community, int index, Options o) {
        return new SimDevice(community, index, view(o));
    }

    public static SimDevice device(String community, int index, MibView sharedView) {
        return new SimDevice(community, index, sharedView);
    }

    /** The MIB of this model; per-device values (names, serials, traffic) come from the device at answer time. */
    public static MibView view(Options o) {
        SortedView.Builder b = new SortedView.Builder();
        b.add(col(SYSTEM, 1, 0), SimValue.string("Hatang simulated switch " + o.model + ", firmware 8.2.1"));
        b.add(col(SYSTEM, 2, 0), SimValue.oid(1, 3, 6, 1, 4, 1, 2011, 2, 23, 98));
        b.add(col(SYSTEM, 3, 0), (out, d, now) -> out.unsigned(Ber.TIMETICKS, d.uptimeTicks(now) & 0xFFFFFFFFL));
        b.add(col(SYSTEM, 4, 0), SimValue.string("noc@hatang.example"));
        b.add(col(SYSTEM, 5, 0), (out, d, now) -> out.octets(Ber.OCTET_STRING, ascii(name(d))));
        b.add(col(SYSTEM, 6, 0), (out, d, now) -> out.octets(Ber.OCTET_STRING, ascii("Rack A" + d.index() % 20)));
        b.add(col(SYSTEM, 7, 0), SimValue.integer(6));
        b.add(new int[] {1, 3, 6, 1, 2, 1, 2, 1, 0}, SimValue.integer(o.ports + 2));
        addEntity(b, o, 1, "Chassis", 3, 0, "chassis", "V2", "8.2.1", "8.2.1 (build 512)", "", o.model);
        addEntity(b, o, 2, "Power supply", 6, 1, "PSU 1", "V1", "", "", "-P1", "PAC-150W");
        int ifCount = o.ports + 2;
        for (int i = 1; i <= ifCount; i++) {
            addInterface(b, i, o);
        }
        return b.build();
    }

    static String name(SimDevice d) {
        return String.format("sw-%05d", d.index());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void addEntity(SortedView.Builder b, Options o, int ix, String descr, int cls, int containedIn,
                                  String name, String hw, String fw, String sw, String serialSuffix, String model) {
        b.add(col(ENT_PHYSICAL_ENTRY, 2, ix), SimValue.string(descr));
        b.add(col(ENT_PHYSICAL_ENTRY, 3, ix), SimValue.oid(1, 3, 6, 1, 4, 1, 2011, 20, cls));
        b.add(col(ENT_PHYSICAL_ENTRY, 4, ix), SimValue.integer(containedIn));
        b.add(col(ENT_PHYSICAL_ENTRY, 5, ix), SimValue.integer(cls));
        b.add(col(ENT_PHYSICAL_ENTRY, 7, ix), SimValue.string(name));
        b.add(col(ENT_PHYSICAL_ENTRY, 8, ix), SimValue.string(hw));
        b.add(col(ENT_PHYSICAL_ENTRY, 9, ix), SimValue.string(fw));
        b.add(col(ENT_PHYSICAL_ENTRY, 10, ix), SimValue.string(sw));
        b.add(col(ENT_PHYSICAL_ENTRY, 11, ix), (out, d, now) -> out.octets(Ber.OCTET_STRING,
                ascii((o.serial != null ? o.serial : String.format("SIM%08d", d.index())) + serialSuffix)));
        b.add(col(ENT_PHYSICAL_ENTRY, 12, ix), SimValue.string("Hatang Networks"));
        b.add(col(ENT_PHYSICAL_ENTRY, 13, ix), SimValue.string(model));
    }

    /** Whether port i of device d is up in the model (some ports stay down, as on a real switch). */
    static boolean up(SimDevice d, int i, Options o) {
        return i > o.ports || (i * 7 + d.index()) % 5 != 0;
    }

    static long rate(SimDevice d, int i, Options o) {
        if (!up(d, i, o)) {
            return 0;
        }
        return o.rateBytesPerSecond >= 0 ? o.rateBytesPerSecond
                : 1000 + Math.floorMod((long) d.index() * 7919 + i * 104729L, 12_500_000L);
    }

    private static void addInterface(SortedView.Builder b, int i, Options o) {
        boolean ethernet = i <= o.ports;
        String descr = ethernet ? "GigabitEthernet0/0/" + i : (i == o.ports + 1 ? "Vlanif1" : "MEth0/0/1");
        long speed = ethernet ? 1_000_000_000L : 100_000_000L;
        SimValue inOctets = counter32(i, o, 1, 0, o.counterStart);
        SimValue outOctets = counter32(i, o, 2, 0, o.counterStart);
        SimValue inPkts = counter32(i, o, 800, 1, 0);
        SimValue outPkts = counter32(i, o, 1600, 1, 0);
        SimValue zero = (out, d, now) -> out.unsigned(Ber.COUNTER32, 0);
        b.add(col(IF_TABLE_ENTRY, 1, i), SimValue.integer(i));
        b.add(col(IF_TABLE_ENTRY, 2, i), SimValue.string(descr));
        b.add(col(IF_TABLE_ENTRY, 3, i), SimValue.integer(ethernet ? 6 : i == o.ports + 1 ? 136 : 6));
        b.add(col(IF_TABLE_ENTRY, 4, i), SimValue.integer(1500));
        b.add(col(IF_TABLE_ENTRY, 5, i), SimValue.gauge(speed));
        b.add(col(IF_TABLE_ENTRY, 6, i), (out, d, now) -> out.octets(Ber.OCTET_STRING,
                new byte[] {0x00, 0x1e, (byte) 0x73, (byte) (d.index() >> 8), (byte) d.index(), (byte) i}));
        b.add(col(IF_TABLE_ENTRY, 7, i), SimValue.integer(1));
        b.add(col(IF_TABLE_ENTRY, 8, i), (out, d, now) -> out.integer(Ber.INTEGER,
                d.currentOperStatus(i, up(d, i, o) ? 1 : 2)));
        b.add(col(IF_TABLE_ENTRY, 9, i), SimValue.timeticks(0));
        b.add(col(IF_TABLE_ENTRY, 10, i), inOctets);
        b.add(col(IF_TABLE_ENTRY, 11, i), inPkts);
        b.add(col(IF_TABLE_ENTRY, 12, i), zero);
        b.add(col(IF_TABLE_ENTRY, 13, i), zero);
        b.add(col(IF_TABLE_ENTRY, 14, i), zero);
        b.add(col(IF_TABLE_ENTRY, 15, i), zero);
        b.add(col(IF_TABLE_ENTRY, 16, i), outOctets);
        b.add(col(IF_TABLE_ENTRY, 17, i), outPkts);
        b.add(col(IF_TABLE_ENTRY, 18, i), zero);
        b.add(col(IF_TABLE_ENTRY, 19, i), zero);
        b.add(col(IF_TABLE_ENTRY, 20, i), zero);
        b.add(col(IF_TABLE_ENTRY, 21, i), SimValue.gauge(0));
        b.add(col(IF_TABLE_ENTRY, 22, i), SimValue.oid(0, 0));
        b.add(col(IF_X_ENTRY, 1, i), SimValue.string(ethernet ? "GE0/0/" + i : descr));
        b.add(col(IF_X_ENTRY, 2, i), zero);
        b.add(col(IF_X_ENTRY, 3, i), zero);
        b.add(col(IF_X_ENTRY, 4, i), zero);
        b.add(col(IF_X_ENTRY, 5, i), zero);
        if (o.hcCounters) {
            SimValue zero64 = (out, d, now) -> out.unsigned(Ber.COUNTER64, 0);
            b.add(col(IF_X_ENTRY, 6, i), counter64(i, o, 1, 0, o.counterStart));
            b.add(col(IF_X_ENTRY, 7, i), counter64(i, o, 800, 1, 0));
            b.add(col(IF_X_ENTRY, 8, i), zero64);
            b.add(col(IF_X_ENTRY, 9, i), zero64);
            b.add(col(IF_X_ENTRY, 10, i), counter64(i, o, 2, 0, o.counterStart));
            b.add(col(IF_X_ENTRY, 11, i), counter64(i, o, 1600, 1, 0));
            b.add(col(IF_X_ENTRY, 12, i), zero64);
            b.add(col(IF_X_ENTRY, 13, i), zero64);
        }
        b.add(col(IF_X_ENTRY, 14, i), SimValue.integer(1));
        b.add(col(IF_X_ENTRY, 15, i), SimValue.gauge(speed / 1_000_000));
        b.add(col(IF_X_ENTRY, 16, i), SimValue.integer(2));
        b.add(col(IF_X_ENTRY, 17, i), SimValue.integer(ethernet ? 1 : 2));
        b.add(col(IF_X_ENTRY, 18, i), SimValue.string(i == 1 ? "WAN uplink VNPT" : ""));
        b.add(col(IF_X_ENTRY, 19, i), SimValue.timeticks(0));
    }

    /** A counter running at the port's rate divided by {@code divisor} (+ floor), from {@code start} at boot. */
    private static SimValue counter32(int i, Options o, long divisor, long floor, long start) {
        return (out, d, now) -> out.unsigned(Ber.COUNTER32,
                (start + (long) ((rate(d, i, o) / divisor + floor) * d.secondsUp(now))) & 0xFFFFFFFFL);
    }

    private static SimValue counter64(int i, Options o, long divisor, long floor, long start) {
        return (out, d, now) -> out.unsigned(Ber.COUNTER64,
                start + (long) ((rate(d, i, o) / divisor + floor) * d.secondsUp(now)));
    }

    static int[] col(int[] entry, int column, int index) {
        int[] a = java.util.Arrays.copyOf(entry, entry.length + 2);
        a[entry.length] = column;
        a[entry.length + 1] = index;
        return a;
    }
}
