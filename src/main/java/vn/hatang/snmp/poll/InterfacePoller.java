package vn.hatang.snmp.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import vn.hatang.snmp.api.Oid;
import vn.hatang.snmp.api.SnmpClient;
import vn.hatang.snmp.api.SnmpTable;
import vn.hatang.snmp.api.SnmpValue;
import vn.hatang.snmp.api.VarBind;

/**
 * Polls one device: sysUpTime (for counter discontinuities) and the IF-MIB columns, ifTable and ifXTable walked
 * together in one multi-column GETBULK walk (they share ifIndex).
 */
public final class InterfacePoller {
    public static final Oid SYS_UPTIME = Oid.parse("1.3.6.1.2.1.1.3.0");
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
        CompletableFuture<List<VarBind>> uptime = client.get(device.target(), List.of(SYS_UPTIME));
        CompletableFuture<SnmpTable> table = client.walkTable(device.target(), columns, 10_000);
        return uptime.thenCombine(table, (up, t) -> result(device, up, t));
    }

    private PollResult result(PolledDevice device, List<VarBind> up, SnmpTable t) {
        long now = System.nanoTime();
        SnmpValue u = up.isEmpty() ? null : up.get(0).value();
        long uptime = u != null && u.isNumeric() ? u.asLong() : -1;
        List<IfSample> samples = new ArrayList<>(t.size());
        int values = 1;
        for (SnmpTable.Row r : t.rows()) {
            if (r.index().size() != 1) {
                continue;
            }
            for (int c = 0; c < columns.size(); c++) {
                values += r.value(c) == null ? 0 : 1;
            }
            long hi = num(r, hcIn);
            long ho = num(r, hcOut);
            boolean hc = hi != -1 && ho != -1;
            long hs = num(r, highSpeed);
            long sp = hs > 0 ? hs * 1_000_000L : num(r, speed);
            samples.add(new IfSample(r.index().last(), text(r, name), text(r, descr), text(r, alias),
                    (int) num(r, type), sp, (int) num(r, admin), (int) num(r, oper), hc,
                    hc ? hi : num(r, inOctets), hc ? ho : num(r, outOctets), num(r, inErrors), num(r, outErrors),
                    num(r, inDiscards), num(r, outDiscards), num(r, discontinuity)));
        }
        return new PollResult(device.id(), Instant.now(), now, uptime, samples, values);
    }

    private int pos(String oid) {
        return columns.indexOf(Oid.parse(oid));
    }

    private static long num(SnmpTable.Row r, int pos) {
        if (pos < 0) {
            return -1;
        }
        SnmpValue v = r.value(pos);
        return v != null && v.isNumeric() ? v.asLong() : -1;
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
