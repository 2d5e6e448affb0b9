package vn.hatang.snmp.poll;

import java.time.Instant;
import java.util.List;

/** A snapshot of what the scheduler knows about one device. */
public final class DeviceStatus {
    /** Null until the first poll has finished. */
    public final Boolean reachable;
    public final Instant reachableSince;
    public final Instant lastPoll;
    public final Instant lastSuccess;
    public final String lastError;
    public final long uptimeTicks;
    public final int consecutiveFailures;
    public final List<IfSample> interfaces;
    public final List<IfRate> rates;

    DeviceStatus(Boolean reachable, Instant reachableSince, Instant lastPoll, Instant lastSuccess, String lastError,
                 long uptimeTicks, int consecutiveFailures, List<IfSample> interfaces, List<IfRate> rates) {
        this.reachable = reachable;
        this.reachableSince = reachableSince;
        this.lastPoll = lastPoll;
        this.lastSuccess = lastSuccess;
        this.lastError = lastError;
        this.uptimeTicks = uptimeTicks;
        this.consecutiveFailures = consecutiveFailures;
        this.interfaces = interfaces;
        this.rates = rates;
    }
}
