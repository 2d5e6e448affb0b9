package vn.hatang.snmp.api;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/** A value of a variable binding, independent of any SNMP library. */
public final class SnmpValue {
    /** SMI types plus the three exception values of SNMPv2 responses. */
    public enum Type {
        INTEGER, OCTET_STRING, OBJECT_IDENTIFIER, IP_ADDRESS, COUNTER32, GAUGE32, TIMETICKS, OPAQUE, COUNTER64, NULL,
        NO_SUCH_OBJECT, NO_SUCH_INSTANCE, END_OF_MIB_VIEW
    }

    public static final SnmpValue NULL = new SnmpValue(Type.NULL, 0, null, null);
    public static final SnmpValue NO_SUCH_OBJECT = new SnmpValue(Type.NO_SUCH_OBJECT, 0, null, null);
    public static final SnmpValue NO_SUCH_INSTANCE = new SnmpValue(Type.NO_SUCH_INSTANCE, 0, null, null);
    public static final SnmpValue END_OF_MIB_VIEW = new SnmpValue(Type.END_OF_MIB_VIEW, 0, null, null);

    private final Type type;
    private final long number;
    private final byte[] bytes;
    private final Oid oid;

    private SnmpValue(Type type, long number, byte[] bytes, Oid oid) {
        this.type = type;
        this.number = number;
        this.bytes = bytes;
        this.oid = oid;
    }

    public static SnmpValue integer(long v) {
        return new SnmpValue(Type.INTEGER, v, null, null);
    }

    public static SnmpValue counter32(long v) {
        return new SnmpValue(Type.COUNTER32, v & 0xFFFFFFFFL, null, null);
    }

    public static SnmpValue gauge32(long v) {
        return new SnmpValue(Type.GAUGE32, v & 0xFFFFFFFFL, null, null);
    }

    public static SnmpValue timeticks(long v) {
        return new SnmpValue(Type.TIMETICKS, v & 0xFFFFFFFFL, null, null);
    }

    /** Counter64 carried as the bits of an unsigned 64-bit value. */
    public static SnmpValue counter64(long v) {
        return new SnmpValue(Type.COUNTER64, v, null, null);
    }

    public static SnmpValue octets(byte[] v) {
        return new SnmpValue(Type.OCTET_STRING, 0, v, null);
    }

    public static SnmpValue string(String v) {
        return octets(v.getBytes(StandardCharsets.UTF_8));
    }

    public static SnmpValue opaque(byte[] v) {
        return new SnmpValue(Type.OPAQUE, 0, v, null);
    }

    public static SnmpValue ipAddress(byte[] v) {
        return new SnmpValue(Type.IP_ADDRESS, 0, v, null);
    }

    public static SnmpValue oid(Oid v) {
        return new SnmpValue(Type.OBJECT_IDENTIFIER, 0, null, v);
    }

    public Type type() {
        return type;
    }

    /** True for noSuchObject, noSuchInstance and endOfMibView. */
    public boolean isException() {
        return type == Type.NO_SUCH_OBJECT || type == Type.NO_SUCH_INSTANCE || type == Type.END_OF_MIB_VIEW;
    }

    public boolean isNumeric() {
        return type == Type.INTEGER || type == Type.COUNTER32 || type == Type.GAUGE32 || type == Type.TIMETICKS
                || type == Type.COUNTER64;
    }

    /** The numeric value; Counter64 above 2^63 comes back negative (use Long.toUnsignedString). */
    public long asLong() {
        if (!isNumeric()) {
            throw new IllegalStateException("not a number: " + type);
        }
        return number;
    }

    public byte[] asBytes() {
        return bytes == null ? new byte[0] : bytes.clone();
    }

    public Oid asOid() {
        return oid;
    }

    /** Text for display: UTF-8 when the octets are valid UTF-8 text, hex otherwise. */
    public String asText() {
        switch (type) {
            case OCTET_STRING:
            case OPAQUE:
                return decodeText(bytes);
            case IP_ADDRESS:
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < bytes.length; i++) {
                    if (i > 0) {
                        sb.append('.');
                    }
                    sb.append(bytes[i] & 0xFF);
                }
                return sb.toString();
            case OBJECT_IDENTIFIER:
                return oid.toString();
            case COUNTER64:
                return Long.toUnsignedString(number);
            case NULL:
            case NO_SUCH_OBJECT:
            case NO_SUCH_INSTANCE:
            case END_OF_MIB_VIEW:
                return "";
            default:
                return Long.toString(number);
        }
    }

    private static String decodeText(byte[] b) {
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) {
            end--; // agents often NUL-terminate strings
        }
        boolean printable = true;
        for (int i = 0; i < end && printable; i++) {
            int c = b[i] & 0xFF;
            printable = c >= 0x20 || c == '\n' || c == '\r' || c == '\t';
        }
        if (printable) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b, 0, end)).toString();
            } catch (CharacterCodingException e) {
                // fall through to hex
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return type + ":" + asText();
    }
}
