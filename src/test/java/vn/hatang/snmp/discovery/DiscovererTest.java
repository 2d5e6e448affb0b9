package vn.hatang.snmp.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.snmp.api.SnmpClient;
import vn.hatang.snmp.snmp4j.Snmp4jClient;
import vn.hatang.snmp.testing.Snmpsim;

/**
 * Verifies discovery against snmpsim replaying a recording made from a live net-snmp agent
 * (src/test/resources/snmpsim/core-sw-01.snmprec, see README there).
 */
class DiscovererTest {
    private static Snmpsim snmpsim;
    private static SnmpClient client;
    private static DiscoveryResult result;

    @BeforeAll
    static void discover() throws Exception {
        snmpsim = Snmpsim.start("core-sw-01");
        client = new Snmp4jClient();
        result = new Discoverer(client, VendorProfiles.builtIn()).discover(1, snmpsim.target("core-sw-01"))
                .get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (snmpsim != null) {
            snmpsim.close();
        }
    }

    @Test
    void testSystemGroupIsRead() {
        assertEquals("core-sw-01", result.system().name());
        assertEquals("Hanoi DC", result.system().location());
        assertEquals("noc@example.vn", result.system().contact());
        assertEquals("1.3.6.1.4.1.8072.3.2.10", result.system().objectId());
        assertTrue(result.system().descr().startsWith("Linux"));
    }

    @Test
    void testInterfacesFromIfMib() {
        assertEquals(4, result.poll().interfaces().size());
        assertTrue(result.poll().interfaces().stream().anyMatch(i -> "lo".equals(i.descr) && i.up()));
        assertTrue(result.poll().interfaces().stream().allMatch(i -> i.hc), "64-bit counters from ifXTable");
    }

    @Test
    void testHostResourcesStorage() {
        assertTrue(result.storage().stream().anyMatch(s -> "Physical memory".equals(s.descr()) && s.sizeBytes() > 0));
    }
}
