package vn.hatang.snmp.sim;

import java.nio.charset.StandardCharsets;

/** A value the simulator serves; may depend on the device (name, rates) and on time (counters, uptime). */
@FunctionalInterface
public interface SimValue {
    void encode(Ber.Out out, SimDevice device, long nowNanos);

    static SimValue integer(long v) {
        return constant(o -> o.integer(Ber.INTEGER, v));
    }

    static SimValue gauge(long v) {
        return constant(o -> o.unsigned(Ber.GAUGE32, v & 0xFFFFFFFFL));
    }

    static SimValue timeticks(long v) {
        return constant(o -> o.unsigned(Ber.TIMETICKS, v & 0xFFFFFFFFL));
    }

    static SimValue string(String s) {
        return octets(s.getBytes(StandardCharsets.UTF_8));
    }

    static SimValue octets(byte[] b) {
        return constant(o -> o.octets(Ber.OCTET_STRING, b));
    }

    static SimValue oid(int... arcs) {
        byte[] tlv = Ber.oid(arcs);
        return (o, d, now) -> o.write(tlv);
    }

    /** Pre-encodes a constant once. */
    private static SimValue constant(java.util.function.Consumer<Ber.Out> enc) {
        Ber.Out tmp = new Ber.Out(16);
        enc.accept(tmp);
        byte[] tlv = java.util.Arrays.copyOf(tmp.buf, tmp.len);
        return (o, d, now) -> o.write(tlv);
    }
}
