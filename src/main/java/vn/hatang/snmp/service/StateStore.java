package vn.hatang.snmp.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.snmp.poll.DeviceStatus;
import vn.hatang.snmp.poll.IfRate;
import vn.hatang.snmp.poll.IfSample;
import vn.hatang.snmp.poll.PollListener;
import vn.hatang.snmp.poll.PollResult;
import vn.hatang.snmp.poll.PolledDevice;
import vn.hatang.snmp.poll.SnmpEvent;

/**
 * Persists the latest device and interface state and the events, coalesced and written every second from its
 * own thread (polls never wait for the database). Events are kept until written; state is last-writer-wins.
 */
final class StateStore implements PollListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    private final DataSource dataSource;
    private final java.util.function.LongFunction<DeviceStatus> status;
    private final Map<Long, DeviceStatus> dirty = new ConcurrentHashMap<>();
    private final List<SnmpEvent> events = new ArrayList<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "snmp-state-writer");
        t.setDaemon(true);
        return t;
    });

    StateStore(DataSource dataSource, java.util.function.LongFunction<DeviceStatus> status) {
        this.dataSource = dataSource;
        this.status = status;
        thread.scheduleWithFixedDelay(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void polled(PolledDevice device, PollResult result, List<IfRate> rates) {
        mark(device.id());
    }

    @Override
    public void failed(PolledDevice device, Throwable error) {
        mark(device.id());
    }

    @Override
    public void event(SnmpEvent event) {
        synchronized (events) {
            events.add(event);
        }
        mark(event.deviceId());
    }

    private void mark(long deviceId) {
        DeviceStatus s = status.apply(deviceId);
        if (s != null) {
            dirty.put(deviceId, s);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Ghi trạng thái SNMP thất bại / writing SNMP state failed: {}", e.getMessage());
        }
    }

    /** Writes what is pending now (also used by tests and on close). */
    synchronized void flush() throws SQLException {
        List<SnmpEvent> ev;
        synchronized (events) {
            ev = new ArrayList<>(events);
        }
        Map<Long, DeviceStatus> states = new HashMap<>(dirty);
        if (ev.isEmpty() && states.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO snmp_device_state (device_id, reachable,"
                    + " reachable_since, last_poll, last_success, last_error, uptime_ticks) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (device_id) DO UPDATE SET reachable = excluded.reachable, reachable_since ="
                    + " excluded.reachable_since, last_poll = excluded.last_poll, last_success = excluded.last_success,"
                    + " last_error = excluded.last_error, uptime_ticks = excluded.uptime_ticks");
                 PreparedStatement ifs = c.prepareStatement("INSERT INTO snmp_interface (device_id, if_index, name,"
                         + " descr, alias, if_type, speed_bps, admin_status, oper_status, in_bps, out_bps, updated_at)"
                         + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, if_index) DO UPDATE SET"
                         + " name = excluded.name, descr = excluded.descr, alias = excluded.alias, if_type ="
                         + " excluded.if_type, speed_bps = excluded.speed_bps, admin_status = excluded.admin_status,"
                         + " oper_status = excluded.oper_status, in_bps = excluded.in_bps, out_bps = excluded.out_bps,"
                         + " updated_at = excluded.updated_at");
                 PreparedStatement evs = c.prepareStatement("INSERT INTO snmp_event (device_id, at, kind, if_index,"
                         + " source, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<Long, DeviceStatus> e : states.entrySet()) {
                    DeviceStatus s = e.getValue();
                    ps.setLong(1, e.getKey());
                    if (s.reachable == null) {
                        ps.setNull(2, Types.BOOLEAN);
                    } else {
                        ps.setBoolean(2, s.reachable);
                    }
                    ps.setTimestamp(3, ts(s.reachableSince));
                    ps.setTimestamp(4, ts(s.lastPoll));
                    ps.setTimestamp(5, ts(s.lastSuccess));
                    ps.setString(6, s.lastError == null ? null : truncate(s.lastError, 1000));
                    ps.setLong(7, s.uptimeTicks);
                    ps.addBatch();
                    Timestamp now = ts(s.lastSuccess == null ? Instant.now() : s.lastSuccess);
                    for (int i = 0; i < s.interfaces.size(); i++) {
                        IfSample f = s.interfaces.get(i);
                        IfRate r = s.rates != null && i < s.rates.size() ? s.rates.get(i) : null;
                        ifs.setLong(1, e.getKey());
                        ifs.setInt(2, f.ifIndex);
                        ifs.setString(3, truncate(f.name, 255));
                        ifs.setString(4, truncate(f.descr, 255));
                        ifs.setString(5, truncate(f.alias, 255));
                        ifs.setInt(6, f.type);
                        ifs.setLong(7, f.speedBps);
                        ifs.setShort(8, (short) f.adminStatus);
                        ifs.setShort(9, (short) f.operStatus);
                        setRate(ifs, 10, r == null ? Double.NaN : r.inBps);
                        setRate(ifs, 11, r == null ? Double.NaN : r.outBps);
                        ifs.setTimestamp(12, now);
                        ifs.addBatch();
                    }
                }
                for (SnmpEvent e : ev) {
                    evs.setLong(1, e.deviceId());
                    evs.setTimestamp(2, ts(e.time()));
                    evs.setString(3, e.type().name());
                    if (e.ifIndex() == null) {
                        evs.setNull(4, Types.INTEGER);
                    } else {
                        evs.setInt(4, e.ifIndex());
                    }
                    evs.setString(5, e.source().name());
                    evs.setString(6, e.detail() == null ? null : truncate(e.detail(), 1000));
                    evs.addBatch();
                }
                ps.executeBatch();
                ifs.executeBatch();
                evs.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        states.forEach((id, s) -> dirty.remove(id, s));
        synchronized (events) {
            events.subList(0, ev.size()).clear();
        }
    }

    private static void setRate(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static String truncate(String s, int n) {
        return s == null || s.length() <= n ? s : s.substring(0, n);
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }
}
