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

    public static SimDevice device(String community, int index, Options o) {
        return new SimDevice(community, d -> view(d, index, o));
    }

    static MibView view(SimDevice d, int index, Options o) {
        SortedView.Builder b = new SortedView.Builder();
        String name = String.format("sw-%05d", index);
        b.add(col(SYSTEM, 1, 0), SimValue.string("Hatang simulated switch " + o.model + ", firmware 8.2.1"));
        b.add(col(SYSTEM, 2, 0), SimValue.oid(1, 3, 6, 1, 4, 1, 2011, 2, 23, 98));
        b.add(col(SYSTEM, 3, 0), (out, now) -> out.unsigned(Ber.TIMETICKS, d.uptimeTicks(now) & 0xFFFFFFFFL));
        b.add(col(SYSTEM, 4, 0), SimValue.string("noc@hatang.example"));
        b.add(col(SYSTEM, 5, 0), SimValue.string(name));
        b.add(col(SYSTEM, 6, 0), SimValue.string("Rack A" + (index % 20)));
        b.add(col(SYSTEM, 7, 0), SimValue.integer(6));
        b.add(new int[] {1, 3, 6, 1, 2, 1, 2, 1, 0}, SimValue.integer(o.ports + 2));
        String serial = o.serial != null ? o.serial : String.format("SIM%08d", index);
        addEntity(b, 1, "Chassis", 3, 0, "chassis", "V2", "8.2.1", "8.2.1 (build 512)", serial, o.model);
        addEntity(b, 2, "Power supply", 6, 1, "PSU 1", "V1", "", "", serial + "-P1", "PAC-150W");
        int ifCount = o.ports + 2;
        for (int i = 1; i <= ifCount; i++) {
            addInterface(b, d, index, i, o);
        }
        return b.build();
    }

    private static void addEntity(SortedView.Builder b, int ix, String descr, int cls, int containedIn, String name,
                                  String hw, String fw, String sw, String serial, String model) {
        b.add(col(ENT_PHYSICAL_ENTRY, 2, ix), SimValue.string(descr));
        b.add(col(ENT_PHYSICAL_ENTRY, 3, ix), SimValue.oid(1, 3, 6, 1, 4, 1, 2011, 20, cls));
        b.add(col(ENT_PHYSICAL_ENTRY, 4, ix), SimValue.integer(containedIn));
        b.add(col(ENT_PHYSICAL_ENTRY, 5, ix), SimValue.integer(cls));
        b.add(col(ENT_PHYSICAL_ENTRY, 7, ix), SimValue.string(name));
        b.add(col(ENT_PHYSICAL_ENTRY, 8, ix), SimValue.string(hw));
        b.add(col(ENT_PHYSICAL_ENTRY, 9, ix), SimValue.string(fw));
        b.add(col(ENT_PHYSICAL_ENTRY, 10, ix), SimValue.string(sw));
        b.add(col(ENT_PHYSICAL_ENTRY, 11, ix), SimValue.string(serial));
        b.add(col(ENT_PHYSICAL_ENTRY, 12, ix), SimValue.string("Hatang Networks"));
        b.add(col(ENT_PHYSICAL_ENTRY, 13, ix), SimValue.string(model));
    }

    private static void addInterface(SortedView.Builder b, SimDevice d, int dev, int i, Options o) {
        boolean ethernet = i <= o.ports;
        boolean up = !ethernet || (i * 7 + dev) % 5 != 0;
        String descr = ethernet ? "GigabitEthernet0/0/" + i : (i == o.ports + 1 ? "Vlanif1" : "MEth0/0/1");
        long speed = ethernet ? 1_000_000_000L : 100_000_000L;
        long rate = !up ? 0 : o.rateBytesPerSecond >= 0 ? o.rateBytesPerSecond
                : 1000 + Math.floorMod((long) dev * 7919 + i * 104729L, 12_500_000L);
        long pktRate = Math.max(1, rate / 800);
        SimValue inOctets = counter(d, o.counterStart, rate);
        SimValue outOctets = counter(d, o.counterStart, rate / 2);
        SimValue inPkts = counter(d, 0, pktRate);
        SimValue outPkts = counter(d, 0, pktRate / 2 + 1);
        SimValue zero = (out, now) -> out.unsigned(Ber.COUNTER32, 0);
        byte[] mac = {0x00, 0x1e, (byte) 0x73, (byte) (dev >> 8), (byte) dev, (byte) i};
        b.add(col(IF_TABLE_ENTRY, 1, i), SimValue.integer(i));
        b.add(col(IF_TABLE_ENTRY, 2, i), SimValue.string(descr));
        b.add(col(IF_TABLE_ENTRY, 3, i), SimValue.integer(ethernet ? 6 : i == o.ports + 1 ? 136 : 6));
        b.add(col(IF_TABLE_ENTRY, 4, i), SimValue.integer(1500));
        b.add(col(IF_TABLE_ENTRY, 5, i), SimValue.gauge(speed));
        b.add(col(IF_TABLE_ENTRY, 6, i), SimValue.octets(mac));
        b.add(col(IF_TABLE_ENTRY, 7, i), SimValue.integer(1));
        int normal = up ? 1 : 2;
        b.add(col(IF_TABLE_ENTRY, 8, i), (out, now) -> out.integer(Ber.INTEGER, d.currentOperStatus(i, normal)));
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
            SimValue zero64 = (out, now) -> out.unsigned(Ber.COUNTER64, 0);
            b.add(col(IF_X_ENTRY, 6, i), counter64(d, o.counterStart, rate));
            b.add(col(IF_X_ENTRY, 7, i), counter64(d, 0, pktRate));
            b.add(col(IF_X_ENTRY, 8, i), zero64);
            b.add(col(IF_X_ENTRY, 9, i), zero64);
            b.add(col(IF_X_ENTRY, 10, i), counter64(d, o.counterStart, rate / 2));
            b.add(col(IF_X_ENTRY, 11, i), counter64(d, 0, pktRate / 2 + 1));
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

    private static SimValue counter(SimDevice d, long start, long rate) {
        return (out, now) -> out.unsigned(Ber.COUNTER32, (start + (long) (rate * d.secondsUp(now))) & 0xFFFFFFFFL);
    }

    private static SimValue counter64(SimDevice d, long start, long rate) {
        return (out, now) -> out.unsigned(Ber.COUNTER64, start + (long) (rate * d.secondsUp(now)));
    }

    static int[] col(int[] entry, int column, int index) {
        int[] a = java.util.Arrays.copyOf(entry, entry.length + 2);
        a[entry.length] = column;
        a[entry.length + 1] = index;
        return a;
    }
}
