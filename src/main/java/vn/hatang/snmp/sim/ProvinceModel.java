package vn.hatang.snmp.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What each kind of device of the simulated province answers: system group, ENTITY-MIB as that vendor implements
 * it, IF-MIB with the vendor's interface names, and the vendor objects its profile in
 * {@code vn/hatang/snmp/discovery/vendors} reads. Product OIDs are illustrative; sysDescr formats, MIB objects and
 * ENTITY-MIB layouts follow the vendors' (see each profile's checked_against). One view per kind is shared by all
 * devices of that kind; per-device values (names, serials, traffic) are looked up by the device's index.
 */
final class ProvinceModel {
    private static final int[] SYS = {1, 3, 6, 1, 2, 1, 1};
    private static final int[] IF = {1, 3, 6, 1, 2, 1, 2, 2, 1};
    private static final int[] IFX = {1, 3, 6, 1, 2, 1, 31, 1, 1, 1};
    private static final int[] ENT = {1, 3, 6, 1, 2, 1, 47, 1, 1, 1, 1};
    /** A quarter of an hour: WAN traffic rises and falls over it. */
    private static final double PERIOD_S = 900;
    private static final double OMEGA = 2 * Math.PI / PERIOD_S;

    /** The device kinds of the sample province. */
    enum Kind { CISCO_ROUTER, CISCO_SWITCH, CISCO_NEXUS, FORTIGATE, PALO_ALTO, GENERIC }

    /**
     * One device's values: identity, the ifIndex of each WAN port, and its traffic (bytes/s at the mean, phase).
     * Counters of a port that goes down stop, and go on from where they stopped when it comes back.
     */
    record Spec(Kind kind, String serial, String model, String name, List<Province.Port> wan, int[] wanIfIndex,
                double[] baseRate, double[] phase, long[] frozen, double[] offset) {
        int wanIndex(int p) {
            return wanIfIndex[p];
        }

        /** The traffic of interface ifIndex in bytes/s at the mean (WAN ports: their share of the contract). */
        double base(int ifIndex) {
            for (int p = 0; p < wanIfIndex.length; p++) {
                if (wanIfIndex[p] == ifIndex) {
                    return baseRate[p];
                }
            }
            return 20_000 + Math.floorMod(serial.hashCode() * 31 + ifIndex * 7919, 400_000);
        }

        double phase(int ifIndex) {
            for (int p = 0; p < wanIfIndex.length; p++) {
                if (wanIfIndex[p] == ifIndex) {
                    return phase[p];
                }
            }
            return ifIndex * 0.7;
        }
    }

    private ProvinceModel() {
    }

    static Kind kind(Province.Device d) {
        String m = (d.manufacturer() + " " + d.model()).toLowerCase(Locale.ROOT);
        if (m.contains("fortigate") || m.contains("fortinet")) {
            return Kind.FORTIGATE;
        }
        if (m.contains("palo alto") || m.contains("pa-")) {
            return Kind.PALO_ALTO;
        }
        if (m.contains("nexus")) {
            return Kind.CISCO_NEXUS;
        }
        if (m.contains("cisco")) {
            return "router".equals(d.category()) ? Kind.CISCO_ROUTER : Kind.CISCO_SWITCH;
        }
        return Kind.GENERIC;
    }

    static Spec spec(Province.Device d, Kind kind, Random random) {
        List<String> names = interfaces(kind);
        int n = d.wan().size();
        int[] index = new int[n];
        double[] base = new double[n];
        double[] phase = new double[n];
        for (int p = 0; p < n; p++) {
            index[p] = -1;
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase(d.wan().get(p).name())
                        || shortName(names.get(i)).equalsIgnoreCase(d.wan().get(p).name())) {
                    index[p] = i + 1;
                }
            }
            base[p] = d.wan().get(p).bandwidthBps() / 8.0 * d.wan().get(p).load();
            phase[p] = random.nextDouble() * 2 * Math.PI;
        }
        return new Spec(kind, d.serial(), model(kind, d.model()), d.serial().toLowerCase(Locale.ROOT), d.wan(), index,
                base, phase, new long[2 * names.size() + 2], new double[2 * names.size() + 2]);
    }

    /** The model as the device itself names it (entPhysicalModelName, panChassisType). */
    static String model(Kind kind, String inventory) {
        String m = inventory == null ? "" : inventory;
        return switch (kind) {
            case CISCO_ROUTER -> m.replaceFirst("(?i)^ISR\\s*", "C");
            case CISCO_SWITCH -> m.replaceFirst("(?i)^Catalyst\\s*", "C") + (m.matches("(?i).*9200L.*") ? "-4G" : "");
            case CISCO_NEXUS -> "N9K-C" + m.replaceFirst("(?i)^Nexus\\s*", "");
            case FORTIGATE -> m.replaceFirst("(?i)^FortiGate\\s*", "FGT_");
            default -> m;
        };
    }

    static List<String> interfaces(Kind kind) {
        List<String> l = new ArrayList<>();
        switch (kind) {
            case CISCO_ROUTER -> {
                l.add("GigabitEthernet0/0/0");
                l.add("GigabitEthernet0/0/1");
                for (int i = 0; i < 8; i++) {
                    l.add("GigabitEthernet0/1/" + i);
                }
                l.add("Vlan1");
            }
            case CISCO_SWITCH -> {
                for (int i = 1; i <= 48; i++) {
                    l.add("GigabitEthernet1/0/" + i);
                }
                for (int i = 1; i <= 4; i++) {
                    l.add("TenGigabitEthernet1/1/" + i);
                }
                l.add("Vlan1");
            }
            case CISCO_NEXUS -> {
                for (int i = 1; i <= 54; i++) {
                    l.add("Ethernet1/" + i);
                }
                l.add("mgmt0");
            }
            case FORTIGATE -> l.addAll(List.of("wan1", "wan2", "dmz", "internal1", "internal2", "internal3",
                    "internal4", "internal5"));
            case PALO_ALTO -> {
                for (int i = 1; i <= 8; i++) {
                    l.add("ethernet1/" + i);
                }
                l.add("mgmt");
            }
            default -> l.addAll(List.of("lo", "eth0", "eth1"));
        }
        return l;
    }

    /** Cisco's ifName abbreviations: GigabitEthernet0/0/0 is Gi0/0/0. */
    private static String shortName(String descr) {
        return descr.replace("TenGigabitEthernet", "Te").replace("GigabitEthernet", "Gi");
    }

    static MibView view(Kind kind, List<Spec> specs) {
        SortedView.Builder b = new SortedView.Builder();
        system(b, kind, specs);
        entity(b, kind, specs);
        vendor(b, kind, specs);
        List<String> names = interfaces(kind);
        b.add(new int[] {1, 3, 6, 1, 2, 1, 2, 1, 0}, SimValue.integer(names.size()));
        for (int i = 1; i <= names.size(); i++) {
            iface(b, kind, i, names.get(i - 1), specs);
        }
        return b.build();
    }

    private static void system(SortedView.Builder b, Kind kind, List<Spec> specs) {
        String descr = switch (kind) {
            case CISCO_ROUTER -> "Cisco IOS Software [Cupertino], ISR Software (ARMV8EB_LINUX_IOSD-UNIVERSALK9_IAS-M),"
                    + " Version 17.9.4a, RELEASE SOFTWARE (fc3)\r\nTechnical Support: http://www.cisco.com/techsupport"
                    + "\r\nCopyright (c) 1986-2023 by Cisco Systems, Inc.";
            case CISCO_SWITCH -> "Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_LITE_IOSXE),"
                    + " Version 17.9.4, RELEASE SOFTWARE (fc5)\r\nTechnical Support: http://www.cisco.com/techsupport"
                    + "\r\nCopyright (c) 1986-2023 by Cisco Systems, Inc.";
            case CISCO_NEXUS -> "Cisco NX-OS(tm) n9000, Software (n9000-dk9), Version 9.3(10), RELEASE SOFTWARE"
                    + " Copyright (c) 2002-2022 by Cisco Systems, Inc.";
            case FORTIGATE -> "";
            case PALO_ALTO -> "Palo Alto Networks PA-3400 series firewall";
            default -> "Linux sim 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64";
        };
        int[] objectId = switch (kind) {
            case CISCO_ROUTER -> new int[] {1, 3, 6, 1, 4, 1, 9, 1, 2593};
            case CISCO_SWITCH -> new int[] {1, 3, 6, 1, 4, 1, 9, 1, 2694};
            case CISCO_NEXUS -> new int[] {1, 3, 6, 1, 4, 1, 9, 12, 3, 1, 3, 1812};
            case FORTIGATE -> new int[] {1, 3, 6, 1, 4, 1, 12356, 101, 1, 2005};
            case PALO_ALTO -> new int[] {1, 3, 6, 1, 4, 1, 25461, 2, 3, 65};
            default -> new int[] {1, 3, 6, 1, 4, 1, 8072, 3, 2, 10};
        };
        b.add(col(SYS, 1, 0), SimValue.string(descr));
        b.add(col(SYS, 2, 0), SimValue.oid(objectId));
        b.add(col(SYS, 3, 0), (out, d, now) -> out.unsigned(Ber.TIMETICKS, d.uptimeTicks(now) & 0xFFFFFFFFL));
        b.add(col(SYS, 4, 0), SimValue.string("noc@hoason.example"));
        b.add(col(SYS, 5, 0), text(specs, Spec::name));
        b.add(col(SYS, 6, 0), SimValue.string("Tỉnh ủy Hòa Sơn (mô phỏng / simulated)"));
        b.add(col(SYS, 7, 0), SimValue.integer(6));
    }

    private static void entity(SortedView.Builder b, Kind kind, List<Spec> specs) {
        switch (kind) {
            case CISCO_ROUTER -> chassis(b, 1, 0, 3, "Cisco ISR1100 Chassis", "Chassis", "17.9.4a", specs);
            case CISCO_SWITCH -> {
                b.add(col(ENT, 2, 1), SimValue.string("c92xxL Stack"));
                b.add(col(ENT, 4, 1), SimValue.integer(0));
                b.add(col(ENT, 5, 1), SimValue.integer(11));
                b.add(col(ENT, 6, 1), SimValue.integer(-1));
                b.add(col(ENT, 7, 1), SimValue.string("c92xxL Stack"));
                chassis(b, 1000, 1, 1, "C9200L-48P-4G Switch", "Switch 1", "17.9.4", specs);
            }
            case CISCO_NEXUS -> chassis(b, 10, 0, -1, "Nexus9000 C93180YC-FX chassis", "Chassis", "9.3(10)", specs);
            case FORTIGATE -> {
                // FortiOS implements only a few columns of row 1, and neither entPhysicalClass nor containedIn.
                b.add(col(ENT, 2, 1), text(specs, s -> s.model().replace("FGT_", "FortiGate-")));
                b.add(col(ENT, 7, 1), text(specs, Spec::name));
                b.add(col(ENT, 11, 1), text(specs, Spec::serial));
                b.add(col(ENT, 13, 1), text(specs, Spec::model));
            }
            case PALO_ALTO -> chassis(b, 1, 0, -1, "Palo Alto Networks PA-3400 series firewall", "Chassis", "10.2.7-h3",
                    specs);
            default -> {
            }
        }
    }

    private static void chassis(SortedView.Builder b, int ix, int containedIn, int relPos, String descr, String name,
                                String software, List<Spec> specs) {
        b.add(col(ENT, 2, ix), SimValue.string(descr));
        b.add(col(ENT, 4, ix), SimValue.integer(containedIn));
        b.add(col(ENT, 5, ix), SimValue.integer(3));
        b.add(col(ENT, 6, ix), SimValue.integer(relPos));
        b.add(col(ENT, 7, ix), SimValue.string(name));
        b.add(col(ENT, 8, ix), SimValue.string("V01"));
        b.add(col(ENT, 9, ix), SimValue.string(""));
        b.add(col(ENT, 10, ix), SimValue.string(software));
        b.add(col(ENT, 11, ix), text(specs, Spec::serial));
        b.add(col(ENT, 12, ix), SimValue.string("Cisco Systems Inc"));
        b.add(col(ENT, 13, ix), text(specs, Spec::model));
    }

    private static void vendor(SortedView.Builder b, Kind kind, List<Spec> specs) {
        if (kind == Kind.FORTIGATE) {
            b.add(new int[] {1, 3, 6, 1, 4, 1, 12356, 100, 1, 1, 1, 0}, text(specs, Spec::serial));
            b.add(new int[] {1, 3, 6, 1, 4, 1, 12356, 101, 4, 1, 1, 0},
                    SimValue.string("v7.2.8,build1639,240313 (GA.M)"));
        } else if (kind == Kind.PALO_ALTO) {
            b.add(new int[] {1, 3, 6, 1, 4, 1, 25461, 2, 1, 2, 1, 1, 0}, SimValue.string("10.2.7-h3"));
            b.add(new int[] {1, 3, 6, 1, 4, 1, 25461, 2, 1, 2, 1, 3, 0}, text(specs, Spec::serial));
            b.add(new int[] {1, 3, 6, 1, 4, 1, 25461, 2, 1, 2, 2, 1, 0}, text(specs, Spec::model));
        }
    }

    private static void iface(SortedView.Builder b, Kind kind, int i, String descr, List<Spec> specs) {
        boolean virtual = descr.startsWith("Vlan") || descr.startsWith("mgmt") || descr.equals("lo");
        long speed = descr.startsWith("TenGig") ? 10_000_000_000L : descr.startsWith("Ethernet1/") ? 25_000_000_000L
                : 1_000_000_000L;
        String name = kind == Kind.CISCO_ROUTER || kind == Kind.CISCO_SWITCH ? shortName(descr)
                : kind == Kind.CISCO_NEXUS && descr.startsWith("Ethernet") ? "Eth" + descr.substring(8) : descr;
        b.add(col(IF, 1, i), SimValue.integer(i));
        b.add(col(IF, 2, i), SimValue.string(descr));
        b.add(col(IF, 3, i), SimValue.integer(virtual ? (descr.equals("lo") ? 24 : 53) : 6));
        b.add(col(IF, 4, i), SimValue.integer(1500));
        b.add(col(IF, 5, i), SimValue.gauge(Math.min(speed, 0xFFFFFFFFL)));
        b.add(col(IF, 7, i), SimValue.integer(1));
        b.add(col(IF, 8, i), (out, d, now) -> out.integer(Ber.INTEGER, d.currentOperStatus(i,
                normallyUp(specs.get(d.index()), i, virtual) ? 1 : 2)));
        b.add(col(IF, 10, i), (out, d, now) -> out.unsigned(Ber.COUNTER32, octets(specs.get(d.index()), d, i, now, 1)
                & 0xFFFFFFFFL));
        b.add(col(IF, 13, i), SimValue.gauge(0));
        b.add(col(IF, 14, i), (out, d, now) -> out.unsigned(Ber.COUNTER32, 0));
        b.add(col(IF, 16, i), (out, d, now) -> out.unsigned(Ber.COUNTER32, octets(specs.get(d.index()), d, i, now, 2)
                & 0xFFFFFFFFL));
        b.add(col(IF, 19, i), (out, d, now) -> out.unsigned(Ber.COUNTER32, 0));
        b.add(col(IF, 20, i), (out, d, now) -> out.unsigned(Ber.COUNTER32, 0));
        b.add(col(IFX, 1, i), SimValue.string(name));
        b.add(col(IFX, 6, i), (out, d, now) -> out.unsigned(Ber.COUNTER64, octets(specs.get(d.index()), d, i, now, 1)));
        b.add(col(IFX, 10, i), (out, d, now) -> out.unsigned(Ber.COUNTER64, octets(specs.get(d.index()), d, i, now, 2)));
        b.add(col(IFX, 15, i), SimValue.gauge(speed / 1_000_000));
        b.add(col(IFX, 18, i), (out, d, now) -> out.octets(Ber.OCTET_STRING, alias(specs.get(d.index()), i)));
        b.add(col(IFX, 19, i), SimValue.timeticks(0));
    }

    /** Access ports: some are down, as on any switch; WAN ports as the device's spec says (see Province). */
    private static boolean normallyUp(Spec s, int ifIndex, boolean virtual) {
        for (int p = 0; p < s.wanIfIndex().length; p++) {
            if (s.wanIfIndex()[p] == ifIndex) {
                return true;
            }
        }
        return virtual || (ifIndex * 7 + s.serial().hashCode()) % 5 != 0;
    }

    private static byte[] alias(Spec s, int ifIndex) {
        for (int p = 0; p < s.wanIfIndex().length; p++) {
            if (s.wanIfIndex()[p] == ifIndex) {
                return ("WAN " + s.wan().get(p).name()).getBytes(StandardCharsets.UTF_8);
            }
        }
        return new byte[0];
    }

    /**
     * Octets since boot: the integral of a rate that swings ±50 % around the interface's mean over a quarter of an
     * hour (always at least half the mean, so the counter only grows). Outbound carries a third of inbound on
     * access ports, the same on WAN ports. A port that is down does not count.
     */
    static long octets(Spec s, SimDevice d, int ifIndex, long now, int direction) {
        double t = d.secondsUp(now);
        double base = s.base(ifIndex) * (direction == 1 ? 1.0 : 0.6);
        double phase = s.phase(ifIndex) + (direction == 1 ? 0 : 1.3);
        double integral = base * (t - 0.5 / OMEGA * (Math.cos(OMEGA * t + phase) - Math.cos(phase)));
        synchronized (s) {
            boolean up = d.currentOperStatus(ifIndex, 1) == 1;
            int slot = 2 * ifIndex + direction - 1;
            if (!up) {
                if (s.frozen()[slot] == 0) {
                    s.frozen()[slot] = (long) (integral - s.offset()[slot]) + 1;
                }
                return s.frozen()[slot] - 1;
            }
            if (s.frozen()[slot] != 0) {
                s.offset()[slot] = integral - (s.frozen()[slot] - 1);
                s.frozen()[slot] = 0;
            }
            return (long) (integral - s.offset()[slot]);
        }
    }

    private static SimValue text(List<Spec> specs, java.util.function.Function<Spec, String> f) {
        return (out, d, now) -> out.octets(Ber.OCTET_STRING, f.apply(specs.get(d.index()))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int[] col(int[] entry, int column, int index) {
        return SwitchModel.col(entry, column, index);
    }
}
