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
 * Discovery against recordings of real agents that snmpsim ships (src/test/resources/snmpsim/README.md): what a
 * Catalyst 3750, a Linux host and a Windows XP host answer, not what their MIBs promise.
 */
class RealRecordingsTest {
    private static Snmpsim snmpsim;
    private static SnmpClient client;

    @BeforeAll
    static void start() throws Exception {
        snmpsim = Snmpsim.start("real-cisco-c3750", "real-linux", "real-winxp");
        client = new Snmp4jClient();
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

    static DiscoveryResult discover(String recording) throws Exception {
        return new Discoverer(client, VendorProfiles.builtIn()).discover(1, snmpsim.target(recording))
                .get(60, TimeUnit.SECONDS);
    }

    @Test
    void testCatalyst3750IsIdentifiedFromItsEntityMib() throws Exception {
        DiscoveryResult d = discover("real-cisco-c3750");
        Identity id = d.identity();
        assertEquals("cisco-ios", id.profile());
        assertEquals("WS-C3750-48PS-S", id.model());
        assertEquals("CAT0952N20R", id.serial());
        assertEquals("12.2(55)SE10", id.version());
        assertEquals("ENTITY-MIB entPhysicalSerialNum.3001", id.sources().get("serial"));
        assertEquals(59, d.poll().interfaces().size());
        assertTrue(d.poll().interfaces().stream().filter(i -> i.hc).count() >= 52, "64-bit counters where ifXTable has them");
    }

    @Test
    void testLinuxHostWithItsStorageAndProcessors() throws Exception {
        DiscoveryResult d = discover("real-linux");
        assertEquals("linux", d.identity().profile());
        assertEquals("2.6.21.5-smp", d.identity().version());
        assertEquals(2, d.poll().interfaces().size());
        assertEquals(8, d.storage().size());
        assertEquals(List.of(13, 9), d.processorLoads());
    }

    @Test
    void testWindowsXpVersionFromItsSysDescr() throws Exception {
        DiscoveryResult d = discover("real-winxp");
        assertEquals("windows", d.identity().profile());
        // "Software: Windows 2000 Version 5.1 (Build 2600 Uniprocessor Free)": how XP names itself.
        assertEquals("5.1 build 2600", d.identity().version());
        assertEquals(3, d.poll().interfaces().size());
        assertTrue(d.poll().interfaces().stream().noneMatch(i -> i.hc), "XP has no ifXTable: 32-bit counters");
    }
}
