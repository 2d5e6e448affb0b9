package vn.hatang.snmp.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.snmp.links.LinkState;
import vn.hatang.snmp.poll.DeviceStatus;
import vn.hatang.snmp.poll.SnmpEvent;

/**
 * The latest device, interface and link state and the events, coalesced in memory and written in one transaction
 * by {@link #flush} (the module calls it every second on the worker pool): polls never wait for the database. State
 * is last-writer-wins; events are kept until written.
 */
final class StateStore {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    private final DSLContext dsl;
    private final Map<Long, DeviceStatus> devices = new ConcurrentHashMap<>();
    private final Map<Long, LinkState> links = new ConcurrentHashMap<>();
    private final List<SnmpEvent> events = new ArrayList<>();
    private volatile String lastError;

    StateStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    void device(long id, DeviceStatus s) {
        if (s != null) {
            devices.put(id, s);
        }
    }

    void link(LinkState s) {
        links.put(s.linkId(), s);
    }

    void event(SnmpEvent e) {
        synchronized (events) {
            events.add(e);
        }
    }

    /** Writes what is pending; on failure it stays pending for the next flush. Blocking. */
    synchronized void flush() {
        List<SnmpEvent> ev;
        synchronized (events) {
            ev = new ArrayList<>(events);
        }
        Map<Long, DeviceStatus> states = new HashMap<>(devices);
        Map<Long, LinkState> linkStates = new HashMap<>(links);
        if (ev.isEmpty() && states.isEmpty() && linkStates.isEmpty()) {
            return;
        }
        try {
            dsl.transaction(c -> SnmpRepository.write(c.dsl(), states, ev, linkStates.values()));
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
