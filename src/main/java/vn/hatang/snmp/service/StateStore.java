package vn.hatang.snmp.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.snmp.links.LinkState;
import vn.hatang.snmp.poll.DeviceStatus;
import vn.hatang.snmp.poll.SnmpEvent;
import vn.hatang.snmp.store.PollShare;

/**
 * The latest device, interface and link state and the events, coalesced in memory and written in one transaction
 * by {@link #flush} (the module calls it every second on the worker pool): polls never wait for the database. State
 * is last-writer-wins; events are kept until written.
 */
final class StateStore {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    /** An event and the lease generation it was seen under. */
    private record Pending(SnmpEvent event, long generation) {
    }

    private final DSLContext dsl;
    private final PollShare share;
    private final Map<Long, DeviceStatus> devices = new ConcurrentHashMap<>();
    private final Map<Long, LinkState> links = new ConcurrentHashMap<>();
    /** The lease generation each device's pending state was seen under. */
    private final Map<Long, Long> generations = new ConcurrentHashMap<>();
    private final List<Pending> events = new ArrayList<>();
    private volatile String lastError;

    StateStore(DSLContext dsl, PollShare share) {
        this.dsl = dsl;
        this.share = share;
    }

    void device(long id, DeviceStatus s, long generation) {
        if (s != null) {
            generations.put(id, generation);
            devices.put(id, s);
        }
    }

    void link(LinkState s, long generation) {
        generations.put(s.deviceId(), generation);
        links.put(s.linkId(), s);
    }

    void event(SnmpEvent e, long generation) {
        synchronized (events) {
            events.add(new Pending(e, generation));
        }
    }

    /**
     * Writes what is pending; on failure it stays pending for the next flush. Only what was seen under a lease this
     * instance still holds is written (checked in the same transaction); the rest is dropped. Blocking.
     */
    synchronized void flush() {
        List<Pending> ev;
        synchronized (events) {
            ev = new ArrayList<>(events);
        }
        Map<Long, DeviceStatus> states = new HashMap<>(devices);
        Map<Long, LinkState> linkStates = new HashMap<>(links);
        if (ev.isEmpty() && states.isEmpty() && linkStates.isEmpty()) {
            return;
        }
        Map<Long, Long> seen = new HashMap<>(generations);
        try {
            dsl.transaction(c -> {
                Set<Long> held = share.fence(c.dsl());
                java.util.function.LongPredicate stands = id -> PollShare.stands(seen.getOrDefault(id, 0L), held);
                Map<Long, DeviceStatus> fenced = new HashMap<>();
                states.forEach((id, st) -> {
                    if (stands.test(id)) {
                        fenced.put(id, st);
                    }
                });
                SnmpRepository.write(c.dsl(), fenced,
                        ev.stream().filter(p -> PollShare.stands(p.generation(), held)).map(Pending::event).toList(),
                        linkStates.values().stream().filter(l -> stands.test(l.deviceId())).toList());
            });
            lastError = null;
        } catch (RuntimeException e) {
            if (lastError == null) {
                LOG.warn("Ghi trạng thái SNMP thất bại, sẽ thử lại / writing SNMP state failed, will retry: {}",
                        e.getMessage());
            }
            lastError = e.getMessage();
            return;
        }
        states.forEach(devices::remove);
        linkStates.forEach(links::remove);
        synchronized (events) {
            events.subList(0, ev.size()).clear();
        }
    }
}
