package vn.hatang.snmp.sim;

import java.util.Arrays;

/** A broken agent whose table column never ends: after prefix.1 comes prefix.2, and so on forever. */
public final class EndlessTableView implements MibView {
    private final int[] column;

    public EndlessTableView(int[] column) {
        this.column = column.clone();
    }

    @Override
    public Entry get(int[] oid) {
        return null;
    }

    @Override
    public Entry next(int[] oid) {
        long index = 1;
        if (startsWithColumn(oid) && oid.length > column.length) {
            index = (oid[column.length] & 0xFFFFFFFFL) + 1;
        } else if (MibView.compare(oid, column) > 0) {
            return null;
        }
        int[] next = Arrays.copyOf(column, column.length + 1);
        next[column.length] = (int) index;
        return new Entry(next, SimValue.integer(index));
    }

    private boolean startsWithColumn(int[] oid) {
        if (oid.length < column.length) {
            return false;
        }
        for (int i = 0; i < column.length; i++) {
            if (oid[i] != column[i]) {
                return false;
            }
        }
        return true;
    }
}
