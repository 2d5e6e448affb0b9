package vn.hatang.snmp.links;

import java.time.Instant;
import java.util.Locale;
import vn.hatang.snmp.api.SnmpAuthException;
import vn.hatang.snmp.api.SnmpTimeoutException;
import vn.hatang.snmp.poll.DeviceStatus;
import vn.hatang.snmp.poll.IfRate;
import vn.hatang.snmp.poll.IfSample;

/**
 * What the poller concludes about one link from the status of the device that carries it: up, down (device
 * unreachable, or the carrying interface down) or unknown (the device answered but not usefully, or no interface has
 * the inventory's name), with the interface and the utilisation of the contracted bandwidth.
 *
 * @param since         when the status and reason last changed
 * @param firstSeenAt   when the poller first said anything about the link
 * @param inRatio       inbound traffic / contracted bandwidth; null until two polls gave a rate
 * @param utilisationAt when the utilisation was last measured: it is kept through polls that give none (the first
 *                      poll after a restart, a device that stopped answering), so the last one stays visible
 */
public record LinkState(long linkId, String linkCode, long deviceId, Status status, Reason reason, Integer ifIndex,
                        String ifName, Instant since, Instant firstSeenAt, Instant updatedAt, Double inRatio,
                        Double outRatio, Double inBps, Double outBps, Instant utilisationAt) {

    /** The link's status. */
    public enum Status { UP, DOWN, UNKNOWN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why a link is down or unknown. */
    public enum Reason { DEVICE_UNREACHABLE, INTERFACE_DOWN, INTERFACE_NOT_FOUND, CREDENTIALS_REJECTED, SNMP_ERROR,
        ADDRESS_NOT_ALLOWED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The state of a link after a poll of its device; {@code previous} (may be null) keeps {@code since} when nothing
     * changed. Null while the device has not been polled yet.
     */
    public static LinkState of(CarriedLink link, DeviceStatus s, LinkState previous, Instant now) {
        if (s == null || s.lastPoll() == null) {
            return null;
        }
        Throwable failure = s.lastFailure();
        if (Boolean.FALSE.equals(s.reachable())) {
            return next(link, Status.DOWN, Reason.DEVICE_UNREACHABLE, null, null, previous, now);
        }
        if (failure instanceof SnmpAuthException) {
            return next(link, Status.UNKNOWN, Reason.CREDENTIALS_REJECTED, null, null, previous, now);
        }
        if (failure != null && !(failure instanceof SnmpTimeoutException) || s.lastSuccess() == null) {
            return next(link, Status.UNKNOWN, Reason.SNMP_ERROR, null, null, previous, now);
        }
        int i = CarriedInterface.find(link.interfaceName(), s.interfaces());
        if (i < 0) {
            return next(link, Status.UNKNOWN, Reason.INTERFACE_NOT_FOUND, null, null, previous, now);
        }
        IfSample f = s.interfaces().get(i);
        return next(link, f.up() ? Status.UP : Status.DOWN, f.up() ? null : Reason.INTERFACE_DOWN, f, s.rate(i),
                previous, now);
    }

    /** The state of a link whose device is not polled because its address is outside the profile's networks. */
    public static LinkState blocked(CarriedLink link, LinkState previous, Instant now) {
        return next(link, Status.UNKNOWN, Reason.ADDRESS_NOT_ALLOWED, null, null, previous, now);
    }

    private static LinkState next(CarriedLink link, Status status, Reason reason, IfSample f, IfRate r,
                                  LinkState previous, Instant now) {
        boolean same = previous != null && previous.status == status && previous.reason == reason;
        Double inBps = r == null ? null : finite(r.inBps);
        Double outBps = r == null ? null : finite(r.outBps);
        Instant measured = inBps == null && outBps == null ? null : now;
        if (measured == null && previous != null) {
            inBps = previous.inBps;
            outBps = previous.outBps;
            measured = previous.utilisationAt;
        }
        return new LinkState(link.id(), link.code(), link.deviceId(), status, reason, f == null ? null : f.ifIndex,
                f == null ? null : f.label(), same ? previous.since : now,
                previous == null ? now : previous.firstSeenAt, now, ratio(inBps, link.bandwidthBps()),
                ratio(outBps, link.bandwidthBps()), inBps, outBps, measured);
    }

    private static Double finite(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    private static Double ratio(Double bps, long bandwidth) {
        return bps == null || bandwidth <= 0 ? null : bps / bandwidth;
    }

    /** Whether this state differs from {@code other} in anything but the time of the poll. */
    public boolean changedFrom(LinkState other) {
        return other == null || status != other.status || reason != other.reason
                || !java.util.Objects.equals(ifIndex, other.ifIndex) || !java.util.Objects.equals(inBps, other.inBps)
                || !java.util.Objects.equals(outBps, other.outBps);
    }
}
