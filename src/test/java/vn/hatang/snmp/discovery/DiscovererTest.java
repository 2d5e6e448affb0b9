package vn.hatang.snmp.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        result = new Discoverer(client).discover(snmpsim.target("core-sw-01")).get(30, TimeUnit.SECONDS);
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
        assertEquals("core-sw-01", result.system.name);
        assertEquals("Hanoi DC", result.system.location);
        assertEquals("noc@example.vn", result.system.contact);
        assertEquals("1.3.6.1.4.1.8072.3.2.10", result.system.objectId);
        assertTrue(result.system.descr.startsWith("Linux"));
    }

    @Test
    void testChassisSerialAndModelFromEntityMib() {
        PhysicalEntity chassis = result.chassis().orElseThrow();
        assertEquals("FOC2231X0AB", chassis.serial);
        assertEquals("C9300-48T", chassis.model);
    }

    @Test
    void testInterfacesFromIfMib() {
        assertEquals(4, result.interfaces.size());
        assertTrue(result.interfaces.stream().anyMatch(i -> "lo".equals(i.descr) && i.up()));
        assertTrue(result.interfaces.stream().allMatch(i -> i.hc), "64-bit counters from ifXTable");
    }

    @Test
    void testHostResourcesStorage() {
        assertTrue(result.storage.stream().anyMatch(s -> "Physical memory".equals(s.descr) && s.sizeBytes > 0));
    }

    @Test
    void testMatchingInventoryHasNoFindings() {
        assertEquals(List.of(), InventoryCheck.findings("FOC2231X0AB", "C9300-48T", result));
    }

    @Test
    void testSerialAndModelMismatchesAreFindings() {
        List<Finding> f = InventoryCheck.findings("FOC0000AAAA", "ISR4331", result);
        assertEquals(2, f.size());
        assertEquals(Finding.Kind.SERIAL_MISMATCH, f.get(0).kind);
        assertEquals("FOC2231X0AB", f.get(0).actual);
        assertEquals(Finding.Kind.MODEL_MISMATCH, f.get(1).kind);
    }
}
