package vn.hatang.snmp.api;

import java.util.Arrays;

/** An immutable SNMP object identifier. Compares lexicographically, as agents order their MIB views. */
public final class Oid implements Comparable<Oid> {
    private final int[] arcs;
    private int hash;

    private Oid(int[] arcs) {
        this.arcs = arcs;
    }

    /** Wraps the array without copying; callers must not change it afterwards. */
    public static Oid wrap(int[] arcs) {
        return new Oid(arcs);
    }

    public static Oid of(int... arcs) {
        return new Oid(arcs.clone());
    }

    /** Parses dotted numeric notation ("1.3.6.1.2.1.1.1.0", a leading dot allowed). */
    public static Oid parse(String dotted) {
        String s = dotted.startsWith(".") ? dotted.substring(1) : dotted;
        if (s.isEmpty()) {
            throw new IllegalArgumentException("OID rỗng / empty OID");
        }
        String[] parts = s.split("\\.");
        int[] arcs = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                long v = Long.parseLong(parts[i]);
                if (v < 0 || v > 0xFFFFFFFFL) {
                    throw new NumberFormatException();
                }
                arcs[i] = (int) v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("OID không hợp lệ / invalid OID: " + dotted, e);
            }
        }
        return new Oid(arcs);
    }

    public int size() {
        return arcs.length;
    }

    /** Arc i as an unsigned value. */
    public long arc(int i) {
        return arcs[i] & 0xFFFFFFFFL;
    }

    public int last() {
        return arcs[arcs.length - 1];
    }

    /** A copy of the arcs. */
    public int[] toArray() {
        return arcs.clone();
    }

    public boolean startsWith(Oid prefix) {
        if (prefix.arcs.length > arcs.length) {
            return false;
        }
        for (int i = 0; i < prefix.arcs.length; i++) {
            if (arcs[i] != prefix.arcs[i]) {
                return false;
            }
        }
        return true;
    }

    /** The arcs after the first {@code from}, e.g. a table row index after its column OID. */
    public Oid suffix(int from) {
        return new Oid(Arrays.copyOfRange(arcs, from, arcs.length));
    }

    public Oid append(int... more) {
        int[] a = Arrays.copyOf(arcs, arcs.length + more.length);
        System.arraycopy(more, 0, a, arcs.length, more.length);
        return new Oid(a);
    }

    public Oid append(Oid more) {
        return append(more.arcs);
    }

    @Override
    public int compareTo(Oid o) {
        int n = Math.min(arcs.length, o.arcs.length);
        for (int i = 0; i < n; i++) {
            if (arcs[i] != o.arcs[i]) {
                return Integer.compareUnsigned(arcs[i], o.arcs[i]);
            }
        }
        return Integer.compare(arcs.length, o.arcs.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Oid && Arrays.equals(arcs, ((Oid) o).arcs);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(arcs);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(arcs.length * 3);
        for (int i = 0; i < arcs.length; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(arcs[i] & 0xFFFFFFFFL);
        }
        return sb.toString();
    }
}
