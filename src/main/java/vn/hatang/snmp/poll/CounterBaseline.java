package vn.hatang.snmp.poll;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive counter readings of one device into rates without spikes: 32-bit counters may wrap once
 * between polls; a 64-bit counter going backwards, an uptime that went back (agent restart), a changed
 * ifCounterDiscontinuityTime or a rate above 1.5 × the interface speed all mean "discontinuity": no rate this
 * time, the new reading becomes the baseline. Without an uptime from the agent the poll's own clock times the
 * interval, and restarts show only as counters going backwards. Not thread-safe: the scheduler never runs two polls
 * of one device at once.
 */
public final class CounterBaseline {
    private static final double WRAP32 = 4294967296.0;

    private boolean seen;
    private Long uptime;
    private UptimeSource source;
    private long nanos;
    private final Map<Integer, IfSample> previous = new HashMap<>();
    private boolean restarted;

    /** True if the last update saw the agent restart (its uptime went back). */
    public boolean restarted() {
        return restarted;
    }

    public List<IfRate> update(PollResult r) {
        boolean first = !seen;
        double seconds = (r.monotonicNanos() - nanos) / 1e9;
        restarted = !first && uptime != null && r.uptimeTicks() != null && source == r.uptimeSource()
                && restarted(uptime, r.uptimeTicks(), seconds);
        List<IfRate> rates = new ArrayList<>(r.interfaces().size());
        for (IfSample s : r.interfaces()) {
            IfSample p = previous.get(s.ifIndex);
            double in = Double.NaN;
            double out = Double.NaN;
            if (!first && !restarted && p != null && seconds > 0.5 && p.hc == s.hc
                    && java.util.Objects.equals(p.discontinuity, s.discontinuity)) {
                in = rate(p.inOctets, s.inOctets, s.hc, seconds, s.speedBps);
                out = rate(p.outOctets, s.outOctets, s.hc, seconds, s.speedBps);
            }
            rates.add(new IfRate(s.ifIndex, in, out));
            previous.put(s.ifIndex, s);
        }
        if (previous.size() > r.interfaces().size()) {
            previous.keySet().retainAll(r.interfaces().stream().map(s -> s.ifIndex).toList());
        }
        seen = true;
        uptime = r.uptimeTicks();
        source = r.uptimeSource();
        nanos = r.monotonicNanos();
        return rates;
    }

    /**
     * The uptime went back, or advanced clearly less than the time between polls: the agent restarted in between
     * (also covers a restart that happened long enough ago that the new uptime exceeds the old one). An uptime that
     * did not move at all is a stuck clock (some agents, and every replayed recording), not a restart.
     */
    static boolean restarted(long before, long after, double seconds) {
        if (after < before) {
            return true;
        }
        if (after == before) {
            return false;
        }
        double expected = seconds * 100;
        return after - before < expected - 50 - expected * 0.05;
    }

    static double rate(Long before, Long after, boolean hc, double seconds, Long speedBps) {
        if (before == null || after == null) {
            return Double.NaN;
        }
        double delta;
        if (hc) {
            if (Long.compareUnsigned(after, before) < 0) {
                return Double.NaN; // a 64-bit counter does not wrap in practice: it was reset
            }
            delta = (double) (after - before);
        } else {
            delta = after - before;
            if (delta < 0) {
                delta += WRAP32;
            }
        }
        double bps = delta * 8 / seconds;
        if (speedBps != null && speedBps > 0 && bps > speedBps * 1.5) {
            return Double.NaN; // more than the port can carry: a reset we did not see, not traffic
        }
        return bps;
    }
}
