package vn.hatang.snmp.poll;

import java.time.Duration;
import java.util.Objects;
import vn.hatang.snmp.api.SnmpTarget;

/** A device the scheduler polls: its id in the inventory, how to reach it, and how often. */
public final class PolledDevice {
    /** Default interval; devices carrying links use {@link #LINK_INTERVAL}. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(300);
    public static final Duration LINK_INTERVAL = Duration.ofSeconds(60);

    private final long id;
    private final String name;
    private final SnmpTarget target;
    private final Duration interval;

    public PolledDevice(long id, String name, SnmpTarget target, Duration interval) {
        this.id = id;
        this.name = Objects.requireNonNull(name, "name");
        this.target = Objects.requireNonNull(target, "target");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.toMillis() < 1000) {
            throw new IllegalArgumentException("Chu kỳ thăm dò tối thiểu 1 giây / poll interval must be ≥ 1 s");
        }
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public SnmpTarget target() {
        return target;
    }

    public Duration interval() {
        return interval;
    }

    @Override
    public String toString() {
        return "device " + id + " (" + name + ", " + target + ")";
    }
}
