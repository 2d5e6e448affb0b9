package vn.hatang.snmp.sim;

/** What one simulated agent exposes: exact lookup and lexicographic successor. */
public interface MibView {
    /** One object instance with its pre-encoded OID. */
    final class Entry {
        final int[] oid;
        final byte[] oidTlv;
        final SimValue value;

        Entry(int[] oid, SimValue value) {
            this.oid = oid;
            this.oidTlv = Ber.oid(oid);
            this.value = value;
        }
    }

    /** The instance at exactly this OID, or null. */
    Entry get(int[] oid);

    /** The first instance strictly after this OID, or null at the end of the view. */
    Entry next(int[] oid);

    static int compare(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return Integer.compareUnsigned(a[i], b[i]);
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
