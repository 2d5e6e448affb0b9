package vn.hatang.snmp.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import vn.hatang.snmp.api.Oid;
import vn.hatang.snmp.api.SnmpClient;
import vn.hatang.snmp.api.SnmpException;
import vn.hatang.snmp.api.SnmpProtocolException;
import vn.hatang.snmp.api.SnmpTable;
import vn.hatang.snmp.api.SnmpValue;
import vn.hatang.snmp.api.VarBind;

/**
 * Polls one device: its uptime (for counter discontinuities: sysUpTime, else snmpEngineTime, else hrSystemUptime,
 * see {@link UptimeSource}) and the IF-MIB columns, ifTable and ifXTable walked together in one multi-column GETBULK
 * walk (they share ifIndex).
 */
public final class InterfacePoller {
    public static final Oid SYS_UPTIME = Oid.parse("1.3.6.1.2.1.1.3.0");
    /** SNMP-FRAMEWORK-MIB snmpEngineTime.0 (seconds). */
    static final Oid ENGINE_TIME = Oid.parse("1.3.6.1.6.3.10.2.1.3.0");
    /** HOST-RESOURCES-MIB hrSystemUptime.0 (hundredths of a second). */
    static final Oid HR_SYSTEM_UPTIME = Oid.parse("1.3.6.1.2.1.25.1.1.0");
    private static final List<Oid> UPTIMES = List.of(SYS_UPTIME, ENGINE_TIME, HR_SYSTEM_UPTIME);
    static final String IF = "1.3.6.1.2.1.2.2.1.";
    static final String IFX = "1.3.6.1.2.1.31.1.1.1.";

    /** The columns hatang needs: status, speed, names, octet/error/discard counters. */
    public static final List<Oid> STANDARD_COLUMNS = columns(new int[] {2, 3, 5, 7, 8, 10, 13, 14, 16, 19, 20},
            new int[] {1, 6, 10, 15, 18, 19});
    /** Every column of ifTable and ifXTable, as snmp_exporter's if_mib module walks them (for the benchmark). */
    public static final List<Oid> FULL_IF_MIB = columns(range(1, 22), range(1, 19));

    private final SnmpClient client;
    private final List<Oid> columns;
    private final int descr;
    private final int type;
    private final int speed;
    private final int admin;
    private final int oper;
    private final int inOctets;
    private final int inDiscards;
    private final int inErrors;
    private final int outOctets;
    private final int outDiscards;
    private final int outErrors;
    private final int name;
    private final int hcIn;
    private final int hcOut;
    private final int highSpeed;
    private final int alias;
    private final int discontinuity;

    public InterfacePoller(SnmpClient client) {
        this(client, STANDARD_COLUMNS);
    }

    public InterfacePoller(SnmpClient client, List<Oid> columns) {
        this.client = client;
        this.columns = List.copyOf(columns);
        descr = pos(IF + 2);
        type = pos(IF + 3);
        speed = pos(IF + 5);
        admin = pos(IF + 7);
        oper = pos(IF + 8);
        inOctets = pos(IF + 10);
        inDiscards = pos(IF + 13);
        inErrors = pos(IF + 14);
        outOctets = pos(IF + 16);
        outDiscards = pos(IF + 19);
        outErrors = pos(IF + 20);
        name = pos(IFX + 1);
        hcIn = pos(IFX + 6);
        hcOut = pos(IFX + 10);
        highSpeed = pos(IFX + 15);
        alias = pos(IFX + 18);
        discontinuity = pos(IFX + 19);
    }

    public CompletableFuture<PollResult> poll(PolledDevice device) {
        CompletableFuture<List<VarBind>> uptime = uptimes(device, UPTIMES);
        CompletableFuture<SnmpTable> table = client.walkTable(device.target(), columns, 10_000);
        return uptime.thenCombine(table, (up, t) -> result(device, up, t));
    }

    /**
     * The agent's clocks in one GET. An agent that answers a GET naming an object it lacks with an error status
     * (instead of noSuchObject, as RFC 3416 asks) gets a second chance with sysUpTime alone, then none.
     */
    private CompletableFuture<List<VarBind>> uptimes(PolledDevice device, List<Oid> oids) {
        return client.get(device.target(), oids).handle((vbs, err) -> {
            Throwable c = SnmpException.cause(err);
            if (c == null) {
                return CompletableFuture.completedFuture(vbs);
            }
            if (!(c instanceof SnmpProtocolException)) {
                return CompletableFuture.<List<VarBind>>failedFuture(c);
            }
            return oids.size() > 1 ? uptimes(device, List.of(SYS_UPTIME))
                    : CompletableFuture.completedFuture(List.<VarBind>of());
        }).thenCompose(f -> f);
    }

    private PollResult result(PolledDevice device, List<VarBind> up, SnmpTable t) {
        long now = System.nanoTime();
        Long uptime = null;
        UptimeSource source = UptimeSource.POLL_CLOCK;
        for (VarBind vb : up) {
            UptimeSource s = vb.oid().equals(SYS_UPTIME) ? UptimeSource.SYS_UPTIME
                    : vb.oid().equals(ENGINE_TIME) ? UptimeSource.ENGINE_TIME
                    : vb.oid().equals(HR_SYSTEM_UPTIME) ? UptimeSource.HR_SYSTEM_UPTIME : null;
            if (s != null && vb.value().isNumeric()) {
                // snmpEngineTime counts seconds; the others hundredths of a second.
                uptime = s == UptimeSource.ENGINE_TIME ? vb.value().asLong() * 100 : vb.value().asLong();
                source = s;
                break;
            }
        }
        List<IfSample> samples = new ArrayList<>(t.size());
        int values = up.size();
        for (SnmpTable.Row r : t.rows()) {
            if (r.index().size() != 1) {
                continue;
            }
            for (int c = 0; c < columns.size(); c++) {
                values += r.value(c) == null ? 0 : 1;
            }
            IfSample s = sample(r);
            if (s != null) {
                samples.add(s);
            }
        }
        return new PollResult(device.id(), Instant.now(), now, uptime, source, samples, values);
    }

    /**
     * One interface, or null for a ghost row: an index some agents leave in one column (a counter or ifAlias of an
     * interface that is gone) with no name, type or status, which no user would recognise as an interface.
     */
    private IfSample sample(SnmpTable.Row r) {
        String ifName = text(r, name);
        String ifDescr = text(r, descr);
        Integer ifType = integer(r, type);
        Integer ifOper = integer(r, oper);
        if (blank(ifName) && blank(ifDescr) && ifType == null && ifOper == null) {
            return null;
        }
        Long hi = num(r, hcIn);
        Long ho = num(r, hcOut);
        boolean hc = hi != null && ho != null;
        Long hs = num(r, highSpeed);
        Long sp = hs != null && hs > 0 ? Long.valueOf(hs * 1_000_000L) : num(r, speed);
        return new IfSample(r.index().last(), ifName, ifDescr, text(r, alias), ifType, sp, integer(r, admin), ifOper,
                hc, hc ? hi : num(r, inOctets), hc ? ho : num(r, outOctets), num(r, inErrors), num(r, outErrors),
                num(r, inDiscards), num(r, outDiscards), num(r, discontinuity));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private int pos(String oid) {
        return columns.indexOf(Oid.parse(oid));
    }

    private static Long num(SnmpTable.Row r, int pos) {
        if (pos < 0) {
            return null;
        }
        SnmpValue v = r.value(pos);
        return v != null && v.isNumeric() ? v.asLong() : null;
    }

    private static Integer integer(SnmpTable.Row r, int pos) {
        Long v = num(r, pos);
        return v == null ? null : (int) (long) v;
    }

    private static String text(SnmpTable.Row r, int pos) {
        if (pos < 0) {
            return null;
        }
        SnmpValue v = r.value(pos);
        return v == null || v.isException() ? null : v.asText();
    }

    private static List<Oid> columns(int[] ifCols, int[] ifxCols) {
        List<Oid> l = new ArrayList<>();
        for (int c : ifCols) {
            l.add(Oid.parse(IF + c));
        }
        for (int c : ifxCols) {
            l.add(Oid.parse(IFX + c));
        }
        return List.copyOf(l);
    }

    private static int[] range(int from, int to) {
        int[] a = new int[to - from + 1];
        for (int i = 0; i < a.length; i++) {
            a[i] = from + i;
        }
        return a;
    }
}
