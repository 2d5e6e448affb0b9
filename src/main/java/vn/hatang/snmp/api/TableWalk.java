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
 * <p>
 * An agent that answers with an error-status (real agents do, for a column they cannot read: genError, noAccess)
 * fails the whole request, every column with it (RFC 3416 §4.2.3). The walk then asks the columns one at a time, and
 * a column the agent still refuses one cell at a time: it ends at the cell refused, the cells after it empty, and the
 * other columns complete. A walk that gets no row at all fails with the agent's error.
 */
final class TableWalk {
    private final SnmpClient client;
    private final SnmpTarget target;
    private final Oid[] columns;
    private final Oid[] cursor;
    private final boolean[] done;
    private final int maxRows;
    /** After an agent error: one column per request, so one unreadable column does not fail the others. */
    private boolean singly;
    /** Columns the agent refused once alone: read one cell per request up to the cell it refuses. */
    private final boolean[] cellByCell;
    /** The first error-status the agent answered; the walk's error if it then gives no row at all. */
    private SnmpAgentErrorException refused;
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
        this.cellByCell = new boolean[this.columns.length];
        this.maxRows = maxRows;
    }

    CompletableFuture<SnmpTable> start() {
        step();
        return result;
    }

    private void step() {
        int[] active = activeColumns();
        if (active.length == 0) {
            if (rows.isEmpty() && refused != null) {
                result.completeExceptionally(refused);
            } else {
                result.complete(new SnmpTable(List.of(columns), rows, requests));
            }
            return;
        }
        if (singly) {
            active = new int[] {active[0]};
        }
        List<Oid> oids = new ArrayList<>(active.length);
        for (int c : active) {
            oids.add(cursor[c]);
        }
        // Keep a response near one UDP datagram's worth of work: fewer repetitions when many columns are asked.
        int reps = singly && cellByCell[active[0]] ? 1
                : Math.max(1, Math.min(target.maxRepetitions(), Math.max(1, 250 / active.length)));
        requests++;
        int[] asked = active;
        client.getBulk(target, 0, reps, oids).whenComplete((vbs, err) -> {
            Throwable cause = SnmpException.cause(err);
            if (cause == null && echoes(asked, vbs)) {
                cause = new SnmpAgentErrorException("Tác tử trả lại đúng OID đã hỏi với giá trị NULL / agent echoed the"
                        + " request with NULL values (" + target + ")");
            }
            if (cause != null) {
                if (!(cause instanceof SnmpAgentErrorException agentError)) {
                    result.completeExceptionally(cause);
                    return;
                }
                if (refused == null) {
                    refused = agentError;
                }
                if (asked.length > 1) {
                    singly = true;
                } else if (!cellByCell[asked[0]] && reps > 1) {
                    cellByCell[asked[0]] = true;
                } else {
                    done[asked[0]] = true; // the agent will not go past this cell in this column
                }
                step();
                return;
            }
            try {
                if (absorb(asked, vbs)) {
                    step();
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
    }

    /**
     * Some agents refuse a cell by sending the request back, each OID with NULL and no error-status (snmpsim's error
     * variation does); GETBULK never answers a column with the very OID asked, so that is a refusal too.
     */
    private boolean echoes(int[] asked, List<VarBind> vbs) {
        for (int i = 0; i < Math.min(asked.length, vbs.size()); i++) {
            VarBind vb = vbs.get(i);
            if (vb.value().type() == SnmpValue.Type.NULL && vb.oid().equals(cursor[asked[i]])) {
                return true;
            }
        }
        return false;
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
