package vn.hatang.snmp.bench;

import java.util.Arrays;

/** Collects durations and reports percentiles. */
final class Percentiles {
    private long[] values = new long[1024];
    private int n;

    synchronized void add(long v) {
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
        }
        values[n++] = v;
    }

    synchronized int count() {
        return n;
    }

    /** The p-th percentile (0..100) in the unit added, or 0 when empty. */
    synchronized long percentile(double p) {
        if (n == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, i))];
    }
}
