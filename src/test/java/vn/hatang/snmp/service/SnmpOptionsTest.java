package vn.hatang.snmp.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.hatang.platform.config.HatangConfig;

/** Verifies the SNMP options: defaults, clear errors for bad values, where the key may live, when to simulate. */
class SnmpOptionsTest {
    private static SnmpOptions options(String... kv) {
        return SnmpOptions.from(config(kv));
    }

    private static HatangConfig config(String... kv) {
        Map<String, String> env = new HashMap<>();
        env.put("HATANG_DATA_DIR", "/var/lib/hatang");
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return HatangConfig.fromEnv(env);
    }

    @Test
    void testDefaultsFollowTheHttpHostAndNeverListenEverywhere() {
        SnmpOptions o = options();
        assertEquals("127.0.0.1", o.trapHost());
        assertEquals(1162, o.trapPort());
        assertEquals(Duration.ofSeconds(300), o.interval());
        assertEquals(Duration.ofSeconds(60), o.linkInterval());
        assertEquals(Path.of("/var/lib/hatang/snmp-secret.key"), o.keyFile());
        assertEquals("10.1.1.1", options("HATANG_HTTP_HOST", "10.1.1.1").trapHost());
        assertEquals("10.2.2.2", options("HATANG_HTTP_HOST", "10.1.1.1", "HATANG_SNMP_TRAP_HOST", "10.2.2.2").trapHost());
    }

    @Test
    void testBadNumbersNameTheVariableAndTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> options("HATANG_SNMP_INTERVAL", "5m"));
        assertTrue(e.getMessage().contains("HATANG_SNMP_INTERVAL") && e.getMessage().contains("5m")
                && e.getMessage().contains("from 1 to 86400"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> options("HATANG_SNMP_TRAP_PORT", "70000"));
        assertThrows(IllegalArgumentException.class, () -> options("HATANG_SNMP_SIMULATE", "maybe"));
        assertThrows(IllegalArgumentException.class, () -> options("HATANG_SNMP_ENABLED", "nope"));
    }

    @Test
    void testWithAnExternalDatabaseTheKeyMustBeSharedAndLiveOutsideTheDataDirectory() {
        String url = "jdbc:postgresql://db.example/hatang";
        assertFalse(options("HATANG_DB_URL", url).hasKey(), "no default key file beside a per-instance data dir");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options("HATANG_DB_URL", url,
                "HATANG_SNMP_KEY_FILE", "/var/lib/hatang/snmp-secret.key"));
        assertTrue(e.getMessage().contains("HATANG_DATA_DIR"), e.getMessage());
        assertTrue(options("HATANG_DB_URL", url, "HATANG_SNMP_KEY_FILE", "/etc/hatang/snmp-secret.key").hasKey());
        assertTrue(options("HATANG_DB_URL", url, "HATANG_SNMP_KEY", "AAAA").hasKey());
    }

    @Test
    void testTheSampleIsSimulatedOnlyInTheEmbeddedDefault() {
        assertTrue(options().simulates(config()), "embedded database, built-in inventory");
        assertFalse(options("HATANG_INVENTORY", "/srv/tinh").simulates(config("HATANG_INVENTORY", "/srv/tinh")));
        assertFalse(options("HATANG_SNMP_SIMULATE", "off").simulates(config("HATANG_SNMP_SIMULATE", "off")));
        assertFalse(options("HATANG_DB_URL", "jdbc:postgresql://x/y", "HATANG_SNMP_KEY", "AAAA")
                .simulates(config("HATANG_DB_URL", "jdbc:postgresql://x/y")));
        assertTrue(options("HATANG_SNMP_SIMULATE", "on", "HATANG_INVENTORY", "/x")
                .simulates(config("HATANG_SNMP_SIMULATE", "on", "HATANG_INVENTORY", "/x")));
        assertEquals(Duration.ofSeconds(20), options().forSimulation(Map.of()).linkInterval());
    }
}
