package vn.hatang.snmp.poll;

import java.time.Instant;
import java.util.List;

/** What one successful poll of a device read. */
public final class PollResult {
    private final long deviceId;
    private final Instant time;
    private final long monotonicNanos;
    private final long uptimeTicks;
    private final List<IfSample> interfaces;
    private final int varbinds;

    public PollResult(long deviceId, Instant time, long monotonicNanos, long uptimeTicks, List<IfSample> interfaces,
                      int varbinds) {
        this.deviceId = deviceId;
        this.time = time;
        this.monotonicNanos = monotonicNanos;
        this.uptimeTicks = uptimeTicks;
        this.interfaces = List.copyOf(interfaces);
        this.varbinds = varbinds;
    }

    public long deviceId() {
        return deviceId;
    }

    public Instant time() {
        return time;
    }

    public long monotonicNanos() {
        return monotonicNanos;
    }

    /** sysUpTime in hundredths of a second. */
    public long uptimeTicks() {
        return uptimeTicks;
    }

    public List<IfSample> interfaces() {
        return interfaces;
    }

    /** Values read, for throughput figures. */
    public int varbinds() {
        return varbinds;
    }
}
