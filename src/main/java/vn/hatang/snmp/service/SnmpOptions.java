package vn.hatang.snmp.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SNMP configuration, read once from the environment; defaults here and only here.
 * HATANG_SNMP_ENABLED (true), HATANG_SNMP_KEY (base64 of 32 bytes) or HATANG_SNMP_KEY_FILE
 * (default HATANG_DATA_DIR/snmp-secret.key, created 0600), HATANG_SNMP_INTERVAL (300 s), HATANG_SNMP_LINK_INTERVAL
 * (60 s), HATANG_SNMP_CONCURRENCY (256), HATANG_SNMP_TRAP_HOST (0.0.0.0), HATANG_SNMP_TRAP_PORT (1162, -1 = off),
 * HATANG_SNMP_TRAP_COMMUNITIES (public), HATANG_SNMP_RAW_RETENTION_DAYS (30), HATANG_SNMP_HOURLY_RETENTION_DAYS (365).
 */
public final class SnmpOptions {
    public boolean enabled = true;
    public String key;
    public Path keyFile;
    public Duration interval = Duration.ofSeconds(300);
    public Duration linkInterval = Duration.ofSeconds(60);
    public int concurrency = 256;
    public String trapHost = "0.0.0.0";
    public int trapPort = 1162;
    public Set<String> trapCommunities = Set.of("public");
    public Duration rawRetention = Duration.ofDays(30);
    public Duration hourlyRetention = Duration.ofDays(365);

    public static SnmpOptions fromEnv(Map<String, String> env, Path dataDir) {
        SnmpOptions o = new SnmpOptions();
        o.enabled = !"false".equalsIgnoreCase(env.getOrDefault("HATANG_SNMP_ENABLED", "true").trim());
        o.key = env.get("HATANG_SNMP_KEY");
        o.keyFile = Path.of(env.getOrDefault("HATANG_SNMP_KEY_FILE",
                (dataDir == null ? Path.of("data") : dataDir).resolve("snmp-secret.key").toString())).toAbsolutePath();
        o.interval = Duration.ofSeconds(integer(env, "HATANG_SNMP_INTERVAL", 300, 10, 86_400));
        o.linkInterval = Duration.ofSeconds(integer(env, "HATANG_SNMP_LINK_INTERVAL", 60, 10, 86_400));
        o.concurrency = integer(env, "HATANG_SNMP_CONCURRENCY", 256, 1, 10_000);
        o.trapHost = env.getOrDefault("HATANG_SNMP_TRAP_HOST", "0.0.0.0");
        o.trapPort = integer(env, "HATANG_SNMP_TRAP_PORT", 1162, -1, 65535);
        o.trapCommunities = Arrays.stream(env.getOrDefault("HATANG_SNMP_TRAP_COMMUNITIES", "public").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        o.rawRetention = Duration.ofDays(integer(env, "HATANG_SNMP_RAW_RETENTION_DAYS", 30, 1, 3650));
        o.hourlyRetention = Duration.ofDays(integer(env, "HATANG_SNMP_HOURLY_RETENTION_DAYS", 365, 1, 36500));
        return o;
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " phải là số nguyên trong [" + min + ", " + max
                    + "] / must be an integer in [" + min + ", " + max + "]: " + v);
        }
    }
}
