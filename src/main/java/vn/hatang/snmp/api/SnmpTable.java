package vn.hatang.snmp.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The result of a table walk: rows ordered by index, one value slot per requested column (null when absent). */
public final class SnmpTable {
    /** One row: its index (the OID suffix after the column) and the values in column order. */
    public static final class Row {
        private final Oid index;
        private final SnmpValue[] values;

        Row(Oid index, SnmpValue[] values) {
            this.index = index;
            this.values = values;
        }

        public Oid index() {
            return index;
        }

        /** The value of column i (position in the requested list), or null if the agent had none. */
        public SnmpValue value(int column) {
            return values[column];
        }
    }

    private final List<Oid> columns;
    private final List<Row> rows;
    private final int requests;

    SnmpTable(List<Oid> columns, TreeMap<Oid, SnmpValue[]> rows, int requests) {
        this.columns = List.copyOf(columns);
        List<Row> list = new ArrayList<>(rows.size());
        for (Map.Entry<Oid, SnmpValue[]> e : rows.entrySet()) {
            list.add(new Row(e.getKey(), e.getValue()));
        }
        this.rows = Collections.unmodifiableList(list);
        this.requests = requests;
    }

    public List<Oid> columns() {
        return columns;
    }

    public List<Row> rows() {
        return rows;
    }

    /** How many GETBULK requests the walk took. */
    public int requests() {
        return requests;
    }

    public int size() {
        return rows.size();
    }
}
