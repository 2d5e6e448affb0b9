package vn.hatang.snmp.poll;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of what the scheduler knows about one device.
 *
 * @param reachable   null until the first poll has finished
 * @param uptimeTicks null when unknown (see {@link #uptimeSource})
 * @param rates       one per interface, in the order of {@link #interfaces}
 */
public record DeviceStatus(Boolean reachable, Instant reachableSince, Instant lastPoll, Instant lastSuccess,
                           String lastError, Throwable lastFailure, Long uptimeTicks, UptimeSource uptimeSource,
                           int consecutiveFailures, List<IfSample> interfaces, List<IfRate> rates) {

    /** The rate of interface i of {@link #interfaces}, or null. */
    public IfRate rate(int i) {
        return rates != null && i < rates.size() ? rates.get(i) : null;
    }
}
