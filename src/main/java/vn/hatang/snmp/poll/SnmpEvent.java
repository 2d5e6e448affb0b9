package vn.hatang.snmp.poll;

import java.time.Instant;

/** A state change seen by polling or a trap. */
public final class SnmpEvent {
    /** What changed. */
    public enum Type { DEVICE_UNREACHABLE, DEVICE_REACHABLE, INTERFACE_DOWN, INTERFACE_UP, AGENT_RESTART }

    /** Where it was learnt. */
    public enum Source { POLL, TRAP }

    private final long deviceId;
    private final Instant time;
    private final Type type;
    private final Integer ifIndex;
    private final Source source;
    private final String detail;
    private final String key;

    public SnmpEvent(long deviceId, Instant time, Type type, Integer ifIndex, Source source, String detail) {
        this(deviceId, time, type, ifIndex, source, detail, null);
    }

    /** @param key a trap's fingerprint: the same notification received by several instances is stored once */
    public SnmpEvent(long deviceId, Instant time, Type type, Integer ifIndex, Source source, String detail,
                     String key) {
        this.key = key;
        this.deviceId = deviceId;
        this.time = time;
        this.type = type;
        this.ifIndex = ifIndex;
        this.source = source;
        this.detail = detail;
    }

    public long deviceId() {
        return deviceId;
    }

    public Instant time() {
        return time;
    }

    public Type type() {
        return type;
    }

    public Integer ifIndex() {
        return ifIndex;
    }

    public Source source() {
        return source;
    }

    public String detail() {
        return detail;
    }

    /** The trap's fingerprint, or null (events seen by polling). */
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return type + " device=" + deviceId + (ifIndex == null ? "" : " ifIndex=" + ifIndex) + " " + source + " "
                + (detail == null ? "" : detail);
    }
}
