package vn.hatang.snmp.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import vn.hatang.snmp.api.SnmpAuthException;
import vn.hatang.snmp.api.SnmpException;
import vn.hatang.snmp.api.SnmpTimeoutException;

/**
 * Polls each device at its interval with bounded concurrency, jitter and back-off, tracks reachability and
 * interface status, and turns counters into rates. One timer thread decides when; polls run asynchronously on
 * the SNMP client's I/O; nothing here blocks.
 */
public final class PollScheduler implements AutoCloseable {
    private final InterfacePoller poller;
    private final PollListener listener;
    private final PollMetrics metrics;
    private final SchedulerOptions options;
    private final ScheduledExecutorService timer;
    private final Random random;
    private final Map<Long, Entry> entries = new HashMap<>();
    private final ArrayDeque<Entry> ready = new ArrayDeque<>();
    private int inFlight;
    private long missed;
    private boolean closed;

    /** Per-device state; fields guarded by the scheduler's lock except {@link #baseline}, owned by the running poll. */
    private static final class Entry {
        PolledDevice device;
        final CounterBaseline baseline = new CounterBaseline();
        ScheduledFuture<?> timerTask;
        long dueNanos;
        boolean running;
        boolean manual;
        boolean queued;
        boolean removed;
        CompletableFuture<PollResult> current;
        int failures;
        Boolean reachable;
        Instant reachableSince;
        Instant lastPoll;
        Instant lastSuccess;
        String lastError;
        Throwable lastFailure;
        Long uptime;
        UptimeSource uptimeSource;
        Map<Integer, Integer> operStatus = new HashMap<>();
        List<IfSample> interfaces = List.of();
        List<IfRate> rates = List.of();
    }

    public PollScheduler(InterfacePoller poller, PollListener listener, PollMetrics metrics, SchedulerOptions options) {
        this.poller = poller;
        this.listener = listener;
        this.metrics = metrics;
        this.options = options;
        this.random = new Random(options.seed);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "snmp-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds or updates a device; a new one gets its first poll at a random point of the initial spread. */
    public synchronized void put(PolledDevice device) {
        put(device, null);
    }

    /**
     * Adds or updates a device. A new one that was polled recently elsewhere ({@code lastPoll}, within two intervals:
     * another instance polled it until it took it over) is first polled one interval after that poll, so it is
     * polled neither twice nor late; otherwise at a random point of the initial spread.
     */
    public synchronized void put(PolledDevice device, Instant lastPoll) {
        Entry e = entries.get(device.id());
        if (e != null) {
            e.device = device;
            return;
        }
        e = new Entry();
        e.device = device;
        entries.put(device.id(), e);
        Duration spread = options.initialSpread != null ? options.initialSpread : device.interval();
        long delay = spread.isZero() ? 0 : (long) (random.nextDouble() * spread.toNanos());
        if (lastPoll != null) {
            long since = Duration.between(lastPoll, Instant.now()).toNanos();
            long interval = device.interval().toNanos();
            if (since >= 0 && since < 2 * interval) {
                delay = Math.max(0, interval - since);
            }
        }
        e.dueNanos = System.nanoTime() + delay;
        arm(e, delay);
    }

    public synchronized void remove(long deviceId) {
        Entry e = entries.remove(deviceId);
        if (e != null) {
            e.removed = true;
            if (e.timerTask != null) {
                e.timerTask.cancel(false);
            }
            ready.remove(e);
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Polls now, outside the concurrency bound; joins the running poll if there is one. */
    public CompletableFuture<PollResult> pollNow(long deviceId) {
        synchronized (this) {
            Entry e = entries.get(deviceId);
            if (e == null) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(
                        "Thiết bị không được thăm dò / device is not polled: " + deviceId));
            }
            if (e.running) {
                return e.current;
            }
            if (e.queued) {
                ready.remove(e);
                e.queued = false;
            }
            return start(e, false);
        }
    }

    public synchronized DeviceStatus status(long deviceId) {
        Entry e = entries.get(deviceId);
        return e == null ? null : status(e);
    }

    /** Called with the lock held. */
    private static DeviceStatus status(Entry e) {
        return new DeviceStatus(e.reachable, e.reachableSince, e.lastPoll, e.lastSuccess, e.lastError, e.lastFailure,
                e.uptime, e.uptimeSource, e.failures, e.interfaces, e.rates);
    }

    /** Polls missed since start. */
    public synchronized long missed() {
        return missed;
    }

    /** Devices waiting for a free slot longer than their interval. */
    public synchronized int overdue() {
        long now = System.nanoTime();
        int n = 0;
        for (Entry e : ready) {
            if (now - e.dueNanos > e.device.interval().toNanos()) {
                n++;
            }
        }
        return n;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    private void arm(Entry e, long delayNanos) {
        if (closed) {
            return;
        }
        e.timerTask = timer.schedule(() -> due(e), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    private synchronized void due(Entry e) {
        if (e.removed || closed) {
            return;
        }
        if (e.running || e.queued) {
            if (!e.manual) { // a poll-now that is still running is not a missed poll
                missed++;
                metrics.missed();
            }
            e.dueNanos += e.device.interval().toNanos();
            arm(e, e.dueNanos - System.nanoTime());
            return;
        }
        if (inFlight < options.maxConcurrent) {
            start(e, true);
        } else {
            e.queued = true;
            ready.add(e);
        }
    }

    /** Called with the lock held. */
    private CompletableFuture<PollResult> start(Entry e, boolean counted) {
        long started = System.nanoTime();
        if (counted) {
            inFlight++;
            if (started - e.dueNanos > e.device.interval().toNanos()) {
                missed++;
                metrics.missed();
            }
        }
        e.running = true;
        e.manual = !counted;
        PolledDevice device = e.device;
        listener.starting(device);
        CompletableFuture<PollResult> f;
        try {
            f = poller.poll(device);
        } catch (RuntimeException ex) {
            f = CompletableFuture.failedFuture(ex);
        }
        e.current = f;
        f.whenComplete((r, err) -> finished(e, device, counted, started, r, err));
        return f;
    }

    private void finished(Entry e, PolledDevice device, boolean counted, long started, PollResult r, Throwable err) {
        long duration = System.nanoTime() - started;
        Throwable cause = SnmpException.cause(err);
        Instant now = Instant.now();
        List<IfRate> rates = null;
        if (r != null) {
            rates = e.baseline.update(r); // only this poll touches the baseline
        }
        metrics.polled(cause == null ? "ok" : cause instanceof SnmpTimeoutException ? "timeout"
                : cause instanceof SnmpAuthException ? "auth" : "error", duration);
        List<SnmpEvent> events = new java.util.ArrayList<>();
        DeviceStatus after;
        synchronized (this) {
            e.running = false;
            e.manual = false;
            e.lastPoll = now;
            if (r != null) {
                e.failures = 0;
                e.lastSuccess = now;
                e.lastError = null;
                e.lastFailure = null;
                e.uptime = r.uptimeTicks();
                e.uptimeSource = r.uptimeSource();
                if (e.baseline.restarted()) {
                    events.add(new SnmpEvent(device.id(), now, SnmpEvent.Type.AGENT_RESTART, null,
                            SnmpEvent.Source.POLL, r.uptimeSource().label() + "=" + r.uptimeTicks()));
                }
                reachability(e, device, true, now, events, null);
                interfaces(e, device, r, now, events);
                e.interfaces = r.interfaces();
                e.rates = rates;
            } else {
                e.failures++;
                e.lastError = cause.getMessage();
                e.lastFailure = cause;
                // An agent that rejects our credentials still answers: reachable, but misconfigured.
                boolean answered = !(cause instanceof SnmpTimeoutException);
                if (answered || e.failures >= options.downAfter) {
                    reachability(e, device, answered, now, events, cause.getMessage());
                }
            }
            if (counted) {
                inFlight--;
            }
            if (!e.removed && !closed) {
                long next = e.dueNanos + nextInterval(e);
                long nowNanos = System.nanoTime();
                if (next - nowNanos < 0) {
                    next = nowNanos; // overran: poll again now, do not queue a burst of catch-ups
                }
                e.dueNanos = next;
                arm(e, next - nowNanos);
            }
            while (inFlight < options.maxConcurrent && !ready.isEmpty()) {
                Entry n = ready.poll();
                n.queued = false;
                start(n, true);
            }
            after = status(e);
        }
        if (r != null) {
            listener.polled(device, r, rates, after);
        } else {
            listener.failed(device, cause, after);
        }
        events.forEach(ev -> listener.event(ev, after));
    }

    private long nextInterval(Entry e) {
        long base = backoff(e.device.interval().toNanos(), e.failures, options.maxBackoff.toNanos());
        long jitter = (long) ((random.nextDouble() * 2 - 1) * options.jitterFraction * base);
        return base + jitter;
    }

    /** The interval after {@code failures} consecutive failed polls: doubled from the second on, up to max. */
    static long backoff(long interval, int failures, long max) {
        if (failures < 2) {
            return interval;
        }
        return Math.min(Math.max(interval, max), interval << Math.min(10, failures - 1));
    }

    private void reachability(Entry e, PolledDevice d, boolean reachable, Instant now, List<SnmpEvent> events,
                              String detail) {
        if (e.reachable == null || e.reachable != reachable) {
            if (e.reachable != null) {
                events.add(new SnmpEvent(d.id(), now, reachable ? SnmpEvent.Type.DEVICE_REACHABLE
                        : SnmpEvent.Type.DEVICE_UNREACHABLE, null, SnmpEvent.Source.POLL, detail));
            } else if (!reachable) {
                events.add(new SnmpEvent(d.id(), now, SnmpEvent.Type.DEVICE_UNREACHABLE, null, SnmpEvent.Source.POLL,
                        detail));
            }
            e.reachable = reachable;
            e.reachableSince = now;
        }
    }

    private void interfaces(Entry e, PolledDevice d, PollResult r, Instant now, List<SnmpEvent> events) {
        for (IfSample s : r.interfaces()) {
            if (s.operStatus == null) {
                continue;
            }
            Integer before = e.operStatus.put(s.ifIndex, s.operStatus);
            if (before != null && !before.equals(s.operStatus) && (before == 1 || s.operStatus == 1)) {
                events.add(new SnmpEvent(d.id(), now, s.operStatus == 1 ? SnmpEvent.Type.INTERFACE_UP
                        : SnmpEvent.Type.INTERFACE_DOWN, s.ifIndex, SnmpEvent.Source.POLL,
                        s.label()));
            }
        }
    }

    /** Applies a state change learnt from a trap at once (linkDown/linkUp/coldStart/warmStart). */
    public void trapEvent(SnmpEvent event) {
        DeviceStatus after = null;
        synchronized (this) {
            Entry e = entries.get(event.deviceId());
            if (e != null) {
                if ((event.type() == SnmpEvent.Type.INTERFACE_DOWN || event.type() == SnmpEvent.Type.INTERFACE_UP)
                        && event.ifIndex() != null) {
                    int status = event.type() == SnmpEvent.Type.INTERFACE_UP ? 1 : 2;
                    e.operStatus.put(event.ifIndex(), status);
                    List<IfSample> updated = new java.util.ArrayList<>(e.interfaces);
                    updated.replaceAll(s -> s.ifIndex == event.ifIndex() ? s.withOperStatus(status) : s);
                    e.interfaces = List.copyOf(updated);
                }
                if (e.reachable == null || !e.reachable) {
                    e.reachable = true;
                    e.reachableSince = event.time();
                }
                after = status(e);
            }
        }
        listener.event(event, after);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        timer.shutdownNow();
    }
}
