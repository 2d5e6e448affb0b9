package vn.hatang.snmp.sim;

import java.util.ArrayList;
import java.util.List;

/** A MIB view over a sorted array, searched by binary search. */
public final class SortedView implements MibView {
    private final Entry[] entries;

    private SortedView(Entry[] entries) {
        this.entries = entries;
    }

    /** Collects instances in any order. */
    public static final class Builder {
        private final List<Entry> list = new ArrayList<>();

        public Builder add(int[] oid, SimValue value) {
            list.add(new Entry(oid, value));
            return this;
        }

        public SortedView build() {
            Entry[] a = list.toArray(new Entry[0]);
            java.util.Arrays.sort(a, (x, y) -> MibView.compare(x.oid, y.oid));
            return new SortedView(a);
        }
    }

    public int size() {
        return entries.length;
    }

    @Override
    public Entry get(int[] oid) {
        int i = search(oid);
        return i >= 0 ? entries[i] : null;
    }

    @Override
    public Entry next(int[] oid) {
        int i = search(oid);
        int n = i >= 0 ? i + 1 : -i - 1;
        return n < entries.length ? entries[n] : null;
    }

    private int search(int[] oid) {
        int lo = 0;
        int hi = entries.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = MibView.compare(entries[mid].oid, oid);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }
}
