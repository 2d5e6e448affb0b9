package vn.hatang.snmp.sim;

import java.util.Arrays;

/** Just enough BER for an SNMPv2c responder: a growable output buffer and a reader. */
final class Ber {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    static final int IP_ADDRESS = 0x40;
    static final int COUNTER32 = 0x41;
    static final int GAUGE32 = 0x42;
    static final int TIMETICKS = 0x43;
    static final int COUNTER64 = 0x46;
    static final int NO_SUCH_OBJECT = 0x80;
    static final int NO_SUCH_INSTANCE = 0x81;
    static final int END_OF_MIB_VIEW = 0x82;
    static final int GET = 0xA0;
    static final int GET_NEXT = 0xA1;
    static final int RESPONSE = 0xA2;
    static final int GET_BULK = 0xA5;
    static final int TRAP_V2 = 0xA7;

    private Ber() {
    }

    /** A growable byte buffer. */
    static final class Out {
        byte[] buf;
        int len;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void reset() {
            len = 0;
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        void write(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        void write(byte[] b, int off, int n) {
            ensure(n);
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        void write(byte[] b) {
            write(b, 0, b.length);
        }

        void write(Out o) {
            write(o.buf, 0, o.len);
        }

        void header(int tag, int length) {
            write(tag);
            if (length < 0x80) {
                write(length);
            } else if (length < 0x100) {
                write(0x81);
                write(length);
            } else if (length < 0x10000) {
                write(0x82);
                write(length >> 8);
                write(length);
            } else {
                write(0x83);
                write(length >> 16);
                write(length >> 8);
                write(length);
            }
        }

        /** Two's complement INTEGER, minimal length. */
        void integer(int tag, long v) {
            int n = 8;
            while (n > 1) {
                long top = v >> ((n - 1) * 8 - 1);
                if (top != 0 && top != -1) {
                    break;
                }
                n--;
            }
            header(tag, n);
            for (int i = n - 1; i >= 0; i--) {
                write((int) (v >> (i * 8)));
            }
        }

        /** Unsigned value (Counter32, Gauge32, TimeTicks, Counter64) with a leading zero when the top bit is set. */
        void unsigned(int tag, long v) {
            int n = 8;
            while (n > 1 && ((v >>> ((n - 1) * 8)) & 0xFF) == 0) {
                n--;
            }
            boolean pad = ((v >>> ((n - 1) * 8)) & 0x80) != 0;
            header(tag, n + (pad ? 1 : 0));
            if (pad) {
                write(0);
            }
            for (int i = n - 1; i >= 0; i--) {
                write((int) (v >>> (i * 8)));
            }
        }

        void octets(int tag, byte[] b) {
            header(tag, b.length);
            write(b);
        }
    }

    /** The full TLV of an OID. */
    static byte[] oid(int[] arcs) {
        Out content = new Out(arcs.length + 8);
        subId(content, arcs.length > 1 ? arcs[0] * 40L + (arcs[1] & 0xFFFFFFFFL) : arcs[0] * 40L);
        for (int i = 2; i < arcs.length; i++) {
            subId(content, arcs[i] & 0xFFFFFFFFL);
        }
        Out tlv = new Out(content.len + 4);
        tlv.header(OID, content.len);
        tlv.write(content);
        return Arrays.copyOf(tlv.buf, tlv.len);
    }

    private static void subId(Out o, long v) {
        int n = 1;
        while ((v >>> (7 * n)) != 0) {
            n++;
        }
        for (int i = n - 1; i > 0; i--) {
            o.write((int) (0x80 | ((v >>> (7 * i)) & 0x7F)));
        }
        o.write((int) (v & 0x7F));
    }

    /** Reads TLVs from a received datagram; throws {@link IllegalArgumentException} on anything malformed. */
    static final class In {
        private final byte[] b;
        private int pos;
        private final int end;

        In(byte[] b, int off, int len) {
            this.b = b;
            this.pos = off;
            this.end = off + len;
        }

        int pos() {
            return pos;
        }

        int tag() {
            need(1);
            return b[pos++] & 0xFF;
        }

        int length() {
            need(1);
            int first = b[pos++] & 0xFF;
            if (first < 0x80) {
                return first;
            }
            int n = first & 0x7F;
            if (n == 0 || n > 3) {
                throw new IllegalArgumentException("bad length");
            }
            need(n);
            int len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (b[pos++] & 0xFF);
            }
            need(len);
            return len;
        }

        int expect(int tag) {
            int t = tag();
            if (t != tag) {
                throw new IllegalArgumentException("expected tag " + tag + " got " + t);
            }
            return length();
        }

        long integer() {
            int len = expect(INTEGER);
            if (len < 1 || len > 8) {
                throw new IllegalArgumentException("bad integer");
            }
            long v = b[pos] < 0 ? -1 : 0;
            for (int i = 0; i < len; i++) {
                v = (v << 8) | (b[pos++] & 0xFF);
            }
            return v;
        }

        byte[] octets() {
            int len = expect(OCTET_STRING);
            byte[] v = Arrays.copyOfRange(b, pos, pos + len);
            pos += len;
            return v;
        }

        int[] oid() {
            int len = expect(OID);
            int stop = pos + len;
            int[] tmp = new int[len + 1];
            int n = 0;
            boolean first = true;
            while (pos < stop) {
                long v = 0;
                int c;
                do {
                    need(1);
                    c = b[pos++] & 0xFF;
                    v = (v << 7) | (c & 0x7F);
                } while ((c & 0x80) != 0 && pos < stop);
                if (first) {
                    tmp[n++] = (int) Math.min(2, v / 40);
                    tmp[n++] = (int) (v - Math.min(2, v / 40) * 40);
                    first = false;
                } else {
                    tmp[n++] = (int) v;
                }
            }
            return Arrays.copyOf(tmp, n);
        }

        void skip() {
            tag();
            int len = length();
            pos += len;
        }

        private void need(int n) {
            if (pos + n > end) {
                throw new IllegalArgumentException("truncated");
            }
        }
    }
}
