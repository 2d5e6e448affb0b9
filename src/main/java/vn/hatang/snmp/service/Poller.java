package vn.hatang.snmp.service;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.api.SnmpTarget;
import vn.hatang.snmp.links.CarriedLink;
import vn.hatang.snmp.links.LinkState;
import vn.hatang.snmp.metrics.SnmpPrometheusMetrics;
import vn.hatang.snmp.poll.DeviceStatus;
import vn.hatang.snmp.poll.IfRate;
import vn.hatang.snmp.poll.PollListener;
import vn.hatang.snmp.poll.PollResult;
import vn.hatang.snmp.poll.PollScheduler;
import vn.hatang.snmp.poll.PolledDevice;
import vn.hatang.snmp.poll.SnmpEvent;
import vn.hatang.snmp.store.PollShare;
import vn.hatang.snmp.store.SampleWriter;
import vn.hatang.snmp.traps.TrapReceiver;

/**
 * The running poller: which devices it polls now ({@link Plan}, replaced on every reload), and what it does with each
 * answer — samples to the writer, state and events to the store, link states (by the one rule of
 * {@link vn.hatang.snmp.links.CarriedInterface}) and metrics after every poll, scheduled or asked for.
 */
final class Poller implements PollListener {
    /** A device the poller polls, the address it resolved and checked, and the profile it uses. */
    record Target(long deviceId, String serial, String model, String unitPath, PolledDevice device,
                  InetAddress address, long profileId, boolean simulated, String engineId) {
        SnmpCredentials credentials() {
            return device.target().credentials();
        }
    }

    /** A device with a profile that is not polled, and why (message key and argument). */
    record Blocked(long deviceId, String serial, String unitPath, String reason, String messageKey, String detail) {
    }

    /** What to poll, made from the inventory and the assignments by {@link SnmpService#plan}. */
    record Plan(Map<Long, Target> targets, Map<Long, Blocked> blocked, Map<Long, List<CarriedLink>> links) {
        static final Plan EMPTY = new Plan(Map.of(), Map.of(), Map.of());

        Plan {
            targets = Map.copyOf(targets);
            blocked = Map.copyOf(blocked);
            links = Map.copyOf(links);
        }

        boolean simulated() {
            return targets.values().stream().anyMatch(Target::simulated);
        }

        /** The part of the plan this instance polls: the devices under a lease it holds. */
        Plan held(PollShare share) {
            Map<Long, Target> t = new HashMap<>();
            targets.forEach((id, x) -> {
                if (share.lease(id, x.unitPath()) != 0) {
                    t.put(id, x);
                }
            });
            Map<Long, Blocked> b = new HashMap<>();
            blocked.forEach((id, x) -> {
                if (share.lease(id, x.unitPath()) != 0) {
                    b.put(id, x);
                }
            });
            return new Plan(t, b, links);
        }

        /** The links some instance speaks for: those of a polled or a blocked device. */
        Set<Long> carriedLinkIds() {
            Set<Long> ids = new HashSet<>();
            links.forEach((device, l) -> {
                if (targets.containsKey(device) || blocked.containsKey(device)) {
                    l.forEach(x -> ids.add(x.id()));
                }
            });
            return ids;
        }
    }

    private final PollScheduler scheduler;
    private final SnmpPrometheusMetrics metrics;
    private final StateStore store;
    private final SampleWriter writer;
    private final PollShare share;
    private final Clock clock;
    private final Map<Long, LinkState> linkStates = new ConcurrentHashMap<>();
    private volatile Plan plan = Plan.EMPTY;
    private volatile Map<InetAddress, Target> byAddress = Map.of();
    /**
     * Per device, the lease generation its latest poll started under: a poll still in flight when its device is
     * given up is written under the lease it was made under (still held until the next refresh). One entry per
     * device ever polled here, kept: removing it would fence that last poll.
     */
    private final Map<Long, Long> startedUnder = new ConcurrentHashMap<>();

    Poller(java.util.function.Function<PollListener, PollScheduler> scheduler, SnmpPrometheusMetrics metrics,
           StateStore store, SampleWriter writer, PollShare share, Clock clock,
           Map<Long, LinkState> storedLinkStates) {
        this.share = share;
        this.metrics = metrics;
        this.store = store;
        this.writer = writer;
        this.clock = clock;
        this.linkStates.putAll(storedLinkStates);
        this.scheduler = scheduler.apply(this);
    }

    PollScheduler scheduler() {
        return scheduler;
    }

    Plan plan() {
        return plan;
    }

    Target target(long deviceId) {
        return plan.targets().get(deviceId);
    }

    DeviceStatus status(long deviceId) {
        return scheduler.status(deviceId);
    }

    LinkState linkState(long linkId) {
        return linkStates.get(linkId);
    }

    /** The device at a trap's sender address (any polled device, whichever instance polls it), with its credentials. */
    TrapReceiver.Sender sender(InetAddress address) {
        Target t = byAddress.get(address);
        return t == null ? null : new TrapReceiver.Sender(t.deviceId(), t.credentials());
    }

    /** The generation of the lease this instance polls the device under, or 0 when it does not poll it. */
    private long generation(long deviceId) {
        Target t = plan.targets().get(deviceId);
        return t == null ? 0 : share.lease(deviceId, t.unitPath());
    }

    @Override
    public void starting(PolledDevice device) {
        startedUnder.put(device.id(), generation(device.id()));
    }

    /** The generation the device's latest poll started under: what that poll writes stands or falls with it. */
    private long polledUnder(long deviceId) {
        Long g = startedUnder.get(deviceId);
        return g != null ? g : generation(deviceId);
    }

    /**
     * Replaces what is polled: {@code next}, the devices of {@code all} under this instance's leases. Devices whose
     * target changed start over; a device new to this instance is first polled one interval after
     * {@code lastPolls} says another polled it (taken over), or at a random point of the spread; blocked ones'
     * links say why. Traps are accepted from every device of {@code all}.
     */
    synchronized void apply(Plan all, Plan next, Map<Long, Instant> lastPolls) {
        Plan before = plan;
        for (Long old : before.targets().keySet()) {
            Target t = next.targets().get(old);
            if (t == null || !t.device().target().equals(before.targets().get(old).device().target())
                    || !t.device().interval().equals(before.targets().get(old).device().interval())) {
                scheduler.remove(old);
            }
            if (t == null) {
                metrics.forgetDevice(before.targets().get(old).serial());
            }
        }
        Map<InetAddress, Target> addresses = new HashMap<>();
        for (Target t : all.targets().values()) {
            addresses.put(t.address(), t);
        }
        // Published before the first poll is armed: a device due at once (taken over) can be answered before this
        // method returns, and its write must find the lease it is polled under, not fall to the fence as unleased.
        plan = next;
        byAddress = Map.copyOf(addresses);
        for (Target t : next.targets().values()) {
            scheduler.put(t.device(), lastPolls.get(t.deviceId()));
        }
        Set<Long> carried = new HashSet<>();
        Instant now = clock.instant();
        for (Map.Entry<Long, List<CarriedLink>> e : next.links().entrySet()) {
            boolean polled = next.targets().containsKey(e.getKey());
            boolean blocked = next.blocked().containsKey(e.getKey());
            for (CarriedLink l : e.getValue()) {
                if (polled || blocked) {
                    carried.add(l.id());
                }
                if (blocked) {
                    update(LinkState.blocked(l, linkStates.get(l.id()), now));
                }
            }
        }
        for (Long id : new ArrayList<>(linkStates.keySet())) {
            if (!carried.contains(id)) {
                LinkState gone = linkStates.remove(id);
                metrics.forgetLink(gone.linkCode());
            }
        }
    }

    /** Ids of the links the poller speaks for (their stored states are kept, others are removed). */
    Set<Long> carriedLinkIds() {
        return new HashSet<>(linkStates.keySet());
    }

    /** Writes pending state now (after a poll-now, and on close). Blocking. */
    void flush() {
        store.flush();
    }

    CompletableFuture<PollResult> pollNow(long deviceId) {
        return scheduler.pollNow(deviceId);
    }

    @Override
    public void polled(PolledDevice device, PollResult result, List<IfRate> rates, DeviceStatus status) {
        long under = polledUnder(device.id());
        writer.polled(device, result, rates, under);
        store.device(device.id(), status, under);
        metrics.deviceReachable(device.name(), true);
        links(device.id(), status);
    }

    @Override
    public void failed(PolledDevice device, Throwable error, DeviceStatus status) {
        store.device(device.id(), status, polledUnder(device.id()));
        if (status != null && status.reachable() != null) {
            metrics.deviceReachable(device.name(), status.reachable());
        }
        links(device.id(), status);
    }

    @Override
    public void event(SnmpEvent event, DeviceStatus status) {
        // A trap is stored once by its key, whichever instance received it; what polling saw, by the lease holder.
        store.event(event, event.key() != null ? PollShare.UNFENCED : polledUnder(event.deviceId()));
        if (event.source() == SnmpEvent.Source.TRAP && status != null) {
            store.device(event.deviceId(), status, generation(event.deviceId()));
            links(event.deviceId(), status);
        }
    }

    /**
     * A notification from a known device (trap receiver): the instance polling it changes its state at once; the
     * others only store the event (once, by its key).
     */
    void trap(SnmpEvent event) {
        if (plan.targets().containsKey(event.deviceId())) {
            scheduler.trapEvent(event);
        } else {
            store.event(event, PollShare.UNFENCED);
        }
    }

    private void links(long deviceId, DeviceStatus status) {
        Instant now = clock.instant();
        for (CarriedLink l : plan.links().getOrDefault(deviceId, List.of())) {
            LinkState s = LinkState.of(l, status, linkStates.get(l.id()), now);
            if (s != null) {
                update(s);
            }
        }
    }

    private void update(LinkState s) {
        linkStates.put(s.linkId(), s);
        store.link(s, plan.targets().containsKey(s.deviceId()) ? generation(s.deviceId())
                : plan.blocked().containsKey(s.deviceId())
                        ? share.lease(s.deviceId(), plan.blocked().get(s.deviceId()).unitPath()) : 0);
        metrics.link(s);
    }
}
