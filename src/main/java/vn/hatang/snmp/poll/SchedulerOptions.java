package vn.hatang.snmp.poll;

import java.time.Duration;

/** Tuning of the poll scheduler; defaults in one place. */
public final class SchedulerOptions {
    /** Polls in flight at once. */
    public int maxConcurrent = 256;
    /** Each next poll moves by up to ± this fraction of the interval, so a fleet drifts out of lock-step. */
    public double jitterFraction = 0.02;
    /** First polls are spread at random over this window (null = each device's interval). */
    public Duration initialSpread;
    /** Longest interval a device that stays unreachable is backed off to. */
    public Duration maxBackoff = Duration.ofMinutes(15);
    /** Consecutive failed polls before a device is declared unreachable. */
    public int downAfter = 1;
    /** Seed for jitter (tests use a fixed one). */
    public long seed = System.nanoTime();
}
