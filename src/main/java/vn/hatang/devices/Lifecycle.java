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

    /** A record a step needs besides the order of the states. */
    public enum Gate { SECURITY_CHECK, DATA_DESTRUCTION }

    private Lifecycle() {
    }

    /** The states a device in {@code from} may move to next (the console shows these as its buttons). */
    public static List<String> next(String from) {
        return NEXT.getOrDefault(from, List.of());
    }

    /**
     * The record the step {@code from → to} needs, if any: being security-checked or entering service from there
     * needs a passed security check; disposing of a storage-bearing device needs a data-destruction record.
     */
    public static Optional<Gate> gate(String from, String to, boolean storageBearing) {
        if ("security_checked".equals(to) || "in_service".equals(to) && "security_checked".equals(from)) {
            return Optional.of(Gate.SECURITY_CHECK);
        }
        if ("disposed".equals(to) && storageBearing) {
            return Optional.of(Gate.DATA_DESTRUCTION);
        }
        return Optional.empty();
    }

    public static boolean allowed(String from, String to) {
        return NEXT.getOrDefault(from, List.of()).contains(to);
    }

    /** The states from {@code from} (exclusive) to {@code to} (inclusive) along the lifecycle, or empty if unreachable. */
    public static List<String> path(String from, String to) {
        return PATHS.getOrDefault(from + ">" + to, List.of());
    }

    /** Every path, worked out once (an import asks for one per row). */
    private static final Map<String, List<String>> PATHS = paths();

    private static Map<String, List<String>> paths() {
        Map<String, List<String>> all = new HashMap<>();
        for (String from : STATES) {
            for (String to : STATES) {
                all.put(from + ">" + to, List.copyOf(walk(from, to)));
            }
        }
        return Map.copyOf(all);
    }

    private static List<String> walk(String from, String to) {
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
