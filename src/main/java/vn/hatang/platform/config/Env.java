package vn.hatang.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one parser of configuration values. Every option record reads its variables through it, so numbers, flags and
 * ranges are spelled and refused the same way everywhere; a bad value stops the start with a message naming the
 * variable and what it accepts.
 */
public final class Env {
    private static final Set<String> ON = Set.of("true", "on", "yes", "1", "có", "co");
    private static final Set<String> OFF = Set.of("false", "off", "no", "0", "không", "khong");

    private final Map<String, String> vars;

    public Env(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    public Map<String, String> vars() {
        return vars;
    }

    /** The value, stripped; null when unset or blank. */
    public String text(String name) {
        String v = vars.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    public String text(String name, String fallback) {
        String v = text(name);
        return v == null ? fallback : v;
    }

    public int integer(String name, int fallback, int min, int max) {
        String v = text(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ConfigException(name, v, "số nguyên từ " + min + " đến " + max, "an integer from " + min + " to " + max);
    }

    /** true/on/yes/1/có and false/off/no/0/không, any case. */
    public boolean flag(String name, boolean fallback) {
        String v = text(name);
        if (v == null) {
            return fallback;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (ON.contains(lower)) {
            return true;
        }
        if (OFF.contains(lower)) {
            return false;
        }
        throw new ConfigException(name, v, "true/false (on/off)", "true/false (on/off)");
    }

    public Duration seconds(String name, Duration fallback, long minSeconds, long maxSeconds) {
        return Duration.ofSeconds(integer(name, (int) fallback.toSeconds(), (int) minSeconds, (int) maxSeconds));
    }

    public Duration minutes(String name, Duration fallback, long minMinutes, long maxMinutes) {
        return Duration.ofMinutes(integer(name, (int) fallback.toMinutes(), (int) minMinutes, (int) maxMinutes));
    }

    public Path path(String name, Path fallback) {
        String v = text(name);
        return (v == null ? fallback : Path.of(v)).toAbsolutePath();
    }

    /** One of {@code allowed} (lower case). */
    public String oneOf(String name, String fallback, Set<String> allowed) {
        String v = text(name);
        if (v == null) {
            return fallback;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            String list = String.join(", ", new java.util.TreeSet<>(allowed));
            throw new ConfigException(name, v, "một trong " + list, "one of " + list);
        }
        return lower;
    }

    /** A configuration value the service cannot start with. */
    public static final class ConfigException extends IllegalArgumentException {
        ConfigException(String name, String value, String vi, String en) {
            super(name + " phải là " + vi + " / must be " + en + ": '" + value + "'");
        }
    }
}
