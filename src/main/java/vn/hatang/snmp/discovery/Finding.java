package vn.hatang.snmp.discovery;

/** A difference between what the inventory records and what the device reports. Never applied silently. */
public final class Finding {
    /** What differs. */
    public enum Kind { SERIAL_MISMATCH, MODEL_MISMATCH }

    public final Kind kind;
    public final String expected;
    public final String actual;
    public final String message;

    public Finding(Kind kind, String expected, String actual, String message) {
        this.kind = kind;
        this.expected = expected;
        this.actual = actual;
        this.message = message;
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
