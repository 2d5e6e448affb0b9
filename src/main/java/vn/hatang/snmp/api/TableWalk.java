package vn.hatang.snmp.api;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Walks several columns of a table at once. Each GETBULK asks for the columns still in progress; per RFC 3416
 * the response repeats them row by row (possibly truncated), so varbind i belongs to active column i mod m.
 * A column ends at endOfMibView or at the first OID outside it. An agent that does not move forward, or whose
 * table exceeds maxRows, fails the walk with a protocol error instead of looping.
 */
final class TableWalk {
    private final SnmpClient client;
    private final SnmpTarget target;
    private final Oid[] columns;
    private final Oid[] cursor;
    private final boolean[] done;
    private final int maxRows;
    private final TreeMap<Oid, SnmpValue[]> rows = new TreeMap<>();
    private final CompletableFuture<SnmpTable> result = new CompletableFuture<>();
    private int requests;

    TableWalk(SnmpClient client, SnmpTarget target, List<Oid> columns, int maxRows) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns");
        }
        this.client = client;
        this.target = target;
        this.columns = columns.toArray(new Oid[0]);
        this.cursor = columns.toArray(new Oid[0]);
        this.done = new boolean[this.columns.length];
        this.maxRows = maxRows;
    }

    CompletableFuture<SnmpTable> start() {
        step();
        return result;
    }

    private void step() {
        int[] active = activeColumns();
        if (active.length == 0) {
            result.complete(new SnmpTable(List.of(columns), rows, requests));
            return;
        }
        List<Oid> oids = new ArrayList<>(active.length);
        for (int c : active) {
            oids.add(cursor[c]);
        }
        // Keep a response near one UDP datagram's worth of work: fewer repetitions when many columns are asked.
        int reps = Math.max(1, Math.min(target.maxRepetitions(), Math.max(1, 250 / active.length)));
        requests++;
        client.getBulk(target, 0, reps, oids).whenComplete((vbs, err) -> {
            if (err != null) {
                result.completeExceptionally(err);
                return;
            }
            try {
                if (absorb(active, vbs)) {
                    step();
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
    }

    /** Returns false when the walk has failed. */
    private boolean absorb(int[] active, List<VarBind> vbs) {
        if (vbs.isEmpty()) {
            result.completeExceptionally(new SnmpProtocolException(
                    "Tác tử trả lời rỗng cho GETBULK / agent returned an empty GETBULK response (" + target + ")"));
            return false;
        }
        int m = active.length;
        for (int i = 0; i < vbs.size(); i++) {
            int c = active[i % m];
            if (done[c]) {
                continue;
            }
            VarBind vb = vbs.get(i);
            Oid oid = vb.oid();
            if (vb.value().type() == SnmpValue.Type.END_OF_MIB_VIEW || !oid.startsWith(columns[c])
                    || oid.size() == columns[c].size()) {
                done[c] = true;
                continue;
            }
            if (oid.compareTo(cursor[c]) <= 0) {
                result.completeExceptionally(new SnmpProtocolException("OID không tăng khi duyệt bảng / agent"
                        + " returned a non-increasing OID " + oid + " after " + cursor[c] + " (" + target + ")"));
                return false;
            }
            cursor[c] = oid;
            Oid index = oid.suffix(columns[c].size());
            SnmpValue[] row = rows.get(index);
            if (row == null) {
                if (rows.size() >= maxRows) {
                    result.completeExceptionally(new SnmpProtocolException("Bảng vượt quá " + maxRows
                            + " dòng / table exceeds " + maxRows + " rows at " + oid + " (" + target + ")"));
                    return false;
                }
                row = new SnmpValue[columns.length];
                rows.put(index, row);
            }
            row[c] = vb.value();
        }
        return true;
    }

    private int[] activeColumns() {
        int n = 0;
        for (boolean d : done) {
            if (!d) {
                n++;
            }
        }
        int[] a = new int[n];
        int j = 0;
        for (int i = 0; i < done.length; i++) {
            if (!done[i]) {
                a[j++] = i;
            }
        }
        return a;
    }
}
