package vn.hatang.devices;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ordered → received → security_checked → in_service ⇄ in_repair → retired → disposed (R2).
 * A device may be retired from any state after it was received.
 */
public final class Lifecycle {
    public static final List<String> STATES = List.of("ordered", "received", "security_checked", "in_service",
            "in_repair", "retired", "disposed");

    private static final Map<String, List<String>> NEXT = Map.of(
            "ordered", List.of("received"),
            "received", List.of("security_checked", "retired"),
            "security_checked", List.of("in_service", "retired"),
            "in_service", List.of("in_repair", "retired"),
            "in_repair", List.of("in_service", "retired"),
            "retired", List.of("disposed"),
            "disposed", List.of());

    private Lifecycle() {
    }

    /** The states a device in {@code from} may move to next (the console shows these as its buttons). */
    public static List<String> next(String from) {
        return NEXT.getOrDefault(from, List.of());
    }

    public static boolean allowed(String from, String to) {
        return NEXT.getOrDefault(from, List.of()).contains(to);
    }

    /** The states from {@code from} (exclusive) to {@code to} (inclusive) along the lifecycle, or empty if unreachable. */
    public static List<String> path(String from, String to) {
        List<String> steps = new java.util.ArrayList<>();
        String at = from;
        while (!at.equals(to)) {
            if (allowed(at, to)) {
                steps.add(to);
                return steps;
            }
            var next = missingStep(at, to);
            if (next.isEmpty()) {
                return List.of();
            }
            at = next.get();
            steps.add(at);
        }
        return steps;
    }

    /** For an illegal jump, the first state the device must pass through first (e.g. received → in_service: security_checked). */
    public static Optional<String> missingStep(String from, String to) {
        Map<String, String> previous = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            String s = queue.poll();
            for (String n : NEXT.getOrDefault(s, List.of())) {
                if (!previous.containsKey(n) && !n.equals(from)) {
                    previous.put(n, s);
                    queue.add(n);
                }
            }
        }
        if (!previous.containsKey(to)) {
            return Optional.empty();
        }
        String step = to;
        while (!previous.get(step).equals(from)) {
            step = previous.get(step);
        }
        return Optional.of(step);
    }
}
