package vn.hatang.ops;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code /health/ready}: which part of the service is down, as JSON, answered within {@link #BOUND} even when the
 * database is paused. Each part is checked on a thread of its own (never the worker pool, which requests waiting for
 * a stuck database may fill); a part that has not answered in time is down. The status of each part is also kept for
 * {@code hatang_component_up}.
 */
public final class Readiness implements AutoCloseable {
    /** How long a check may take before its part counts as down. */
    static final long BOUND_MS = 900;

    /** One part: {@code up}, {@code down} or {@code disabled}, with what an operator needs to know. */
    public record Status(String status, Map<String, Object> details) {
        public static Status up(Map<String, Object> details) {
            return new Status("up", details);
        }

        public static Status down(String reason, Map<String, Object> details) {
            Map<String, Object> d = new LinkedHashMap<>(details);
            d.put("reason", reason);
            return new Status("down", d);
        }

        public static Status disabled() {
            return new Status("disabled", Map.of());
        }

        boolean isDown() {
            return "down".equals(status);
        }
    }

    public record Check(String name, Callable<Status> check) {
    }

    private final List<Check> checks;
    private final Map<String, Status> last = new java.util.concurrent.ConcurrentHashMap<>();
    private final ExecutorService threads;

    public Readiness(List<Check> checks) {
        this.checks = List.copyOf(checks);
        AtomicInteger n = new AtomicInteger();
        // Unbounded but short-lived: a check stuck on the database makes the next one fail at once (Database.probe).
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "health-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Checks every part, waiting at most {@link #BOUND_MS} in all (blocking):
     * {@code {"status": "ready"|"unavailable", "components": {name: {"status": …, …}}}}.
     */
    public JsonObject checkNow() {
        Map<String, java.util.concurrent.Future<Status>> running = new LinkedHashMap<>();
        for (Check c : checks) {
            running.put(c.name(), threads.submit(c.check()));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MS);
        JsonObject components = new JsonObject();
        boolean ready = true;
        for (var e : running.entrySet()) {
            Status s = await(e.getValue(), deadline);
            last.put(e.getKey(), s);
            ready &= !s.isDown();
            components.put(e.getKey(), new JsonObject().put("status", s.status()).mergeIn(new JsonObject(s.details())));
        }
        return new JsonObject().put("status", ready ? "ready" : "unavailable").put("components", components);
    }

    private static Status await(java.util.concurrent.Future<Status> f, long deadline) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            return Status.down("no answer within " + BOUND_MS + " ms / không trả lời trong " + BOUND_MS + " ms", Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.down("interrupted", Map.of());
        } catch (java.util.concurrent.ExecutionException e) {
            return Status.down(String.valueOf(e.getCause().getMessage()), Map.of());
        }
    }

    /** The last known status of each part (1 = not down), for {@code /metrics}; parts never checked are absent. */
    public Map<String, Status> lastStatus() {
        return Map.copyOf(last);
    }

    public List<String> names() {
        return checks.stream().map(Check::name).toList();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
