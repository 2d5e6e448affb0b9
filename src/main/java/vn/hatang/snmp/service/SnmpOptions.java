package vn.hatang.snmp.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vn.hatang.platform.config.Env;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.config.KeyFile;
import vn.hatang.snmp.store.SecretBox;

/**
 * SNMP configuration, read once from the configuration's variables with the one parser ({@link Env}); defaults here
 * and only here. A bad value stops the start with the variable's name, what it must be and what it was.
 *
 * @param key          base64 of the 32-byte AES key for SNMP secrets (HATANG_SNMP_KEY), or null to use
 *                     {@code keyFile}
 * @param keyFile      HATANG_SNMP_KEY_FILE; default {@code HATANG_DATA_DIR/snmp-secret.key} with the embedded
 *                     database. With an external database (HATANG_DB_URL) every instance must use the same key, kept
 *                     outside the per-instance data directory: a key file inside it is refused, and there is no
 *                     default (without a key SNMP stays off, see {@link #hasKey()})
 * @param trapHost     where the trap receiver listens: HATANG_SNMP_TRAP_HOST, else HATANG_HTTP_HOST (127.0.0.1)
 * @param trapPort     HATANG_SNMP_TRAP_PORT (1162; -1 = no receiver); a port already taken stops the start
 * @param simulate     HATANG_SNMP_SIMULATE: auto (the embedded sample province: no HATANG_INVENTORY, embedded
 *                     database), on, or off
 * @param vendorDir    HATANG_SNMP_VENDOR_DIR: extra vendor profiles (*.yaml), or null
 */
public record SnmpOptions(boolean enabled, String key, Path keyFile, Duration interval, Duration linkInterval,
                          int concurrency, String trapHost, int trapPort, Duration rawRetention,
                          Duration hourlyRetention, Duration reloadInterval, Simulate simulate, Path vendorDir) {

    /** Whether to run the simulated sample province. */
    public enum Simulate { AUTO, ON, OFF }

    public static SnmpOptions from(HatangConfig config) {
        Env env = config.environment();
        boolean enabled = env.flag("HATANG_SNMP_ENABLED", true);
        String key = env.text("HATANG_SNMP_KEY");
        Path dataDir = config.database().dataDir();
        boolean external = !config.database().embedded();
        Path keyFile = env.text("HATANG_SNMP_KEY_FILE") != null ? env.path("HATANG_SNMP_KEY_FILE", null).normalize()
                : !external && dataDir != null ? dataDir.resolve("snmp-secret.key") : null;
        if (enabled && key == null && keyFile != null && external && dataDir != null
                && keyFile.startsWith(dataDir.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("HATANG_SNMP_KEY_FILE " + keyFile + " nằm trong HATANG_DATA_DIR; với"
                    + " cơ sở dữ liệu ngoài, khoá phải ở chỗ khác (ví dụ /etc/hatang/snmp-secret.key) / lies inside"
                    + " HATANG_DATA_DIR; with an external database keep the key elsewhere (e.g."
                    + " /etc/hatang/snmp-secret.key), the same file on every instance");
        }
        return new SnmpOptions(enabled, key, keyFile,
                env.seconds("HATANG_SNMP_INTERVAL", Duration.ofSeconds(300), 1, 86_400),
                env.seconds("HATANG_SNMP_LINK_INTERVAL", Duration.ofSeconds(60), 1, 86_400),
                env.integer("HATANG_SNMP_CONCURRENCY", 256, 1, 10_000),
                env.text("HATANG_SNMP_TRAP_HOST", config.http().host()),
                env.integer("HATANG_SNMP_TRAP_PORT", 1162, -1, 65_535),
                Duration.ofDays(env.integer("HATANG_SNMP_RAW_RETENTION_DAYS", 30, 1, 3650)),
                Duration.ofDays(env.integer("HATANG_SNMP_HOURLY_RETENTION_DAYS", 365, 1, 36_500)),
                env.seconds("HATANG_SNMP_RELOAD_SECONDS", Duration.ofSeconds(60), 1, 3600),
                Simulate.valueOf(env.oneOf("HATANG_SNMP_SIMULATE", "auto", Set.of("auto", "on", "off"))
                        .toUpperCase(Locale.ROOT)),
                env.text("HATANG_SNMP_VENDOR_DIR") == null ? null : env.path("HATANG_SNMP_VENDOR_DIR", null));
    }

    /** The box that seals and opens profile secrets, with the configured key (see {@link #keyFile}). */
    public SecretBox secretBox() {
        return new SecretBox(KeyFile.load(key, keyFile, "HATANG_SNMP_KEY"));
    }

    /** Whether this start runs the simulated sample province (see {@link #simulate}). */
    public boolean simulates(HatangConfig config) {
        return switch (simulate) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> config.env().get("HATANG_INVENTORY") == null && config.database().embedded();
        };
    }

    /** False with an external database and neither HATANG_SNMP_KEY nor HATANG_SNMP_KEY_FILE: SNMP cannot run. */
    public boolean hasKey() {
        return key != null || keyFile != null;
    }

    /**
     * The sample province is a demonstration: unless the intervals are set, it is polled every 20 s (devices with a
     * link) and 60 s (others), so utilisation moves within the first minute.
     */
    public SnmpOptions forSimulation(Map<String, String> env) {
        Duration link = env.get("HATANG_SNMP_LINK_INTERVAL") == null ? Duration.ofSeconds(20) : linkInterval;
        Duration other = env.get("HATANG_SNMP_INTERVAL") == null ? Duration.ofSeconds(60) : interval;
        return new SnmpOptions(enabled, key, keyFile, other, link, concurrency, trapHost, trapPort, rawRetention,
                hourlyRetention, reloadInterval, simulate, vendorDir);
    }

    @Override
    public String toString() {
        return "SnmpOptions[enabled=" + enabled + ", key=" + (key == null ? "file " + keyFile : "***") + ", interval="
                + interval + ", linkInterval=" + linkInterval + ", trap=" + trapHost + ":" + trapPort + ", simulate="
                + simulate + "]";
    }
}
