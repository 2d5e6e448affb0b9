package vn.hatang.snmp.poll;

import java.time.Instant;
import java.util.List;

/**
 * What one successful poll of a device read.
 *
 * @param uptimeTicks  the agent's uptime in hundredths of a second, from {@code uptimeSource}; null when no clock of
 *                     the agent answered ({@link UptimeSource#POLL_CLOCK})
 * @param varbinds     values read, for throughput figures
 */
public record PollResult(long deviceId, Instant time, long monotonicNanos, Long uptimeTicks, UptimeSource uptimeSource,
                         List<IfSample> interfaces, int varbinds) {
    public PollResult {
        interfaces = List.copyOf(interfaces);
    }
}
