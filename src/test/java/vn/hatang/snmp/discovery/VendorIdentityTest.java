package vn.hatang.snmp.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.snmp.api.Oid;
import vn.hatang.snmp.api.SnmpClient;
import vn.hatang.snmp.api.SnmpTable;
import vn.hatang.snmp.snmp4j.Snmp4jClient;
import vn.hatang.snmp.testing.Snmpsim;

/**
 * Verifies identity per vendor profile: snmpsim replays walks built by hand from each vendor's MIBs and documented
 * sysDescr formats (src/test/resources/snmpsim/tools/make_vendor_walks.py, README there), one recorded from a live
 * net-snmp agent and three real agents' recordings from snmpsim's examples; discovery must read serial, model and
 * version from where that vendor keeps them, and an inventory written the way people write it must give no finding.
 */
class VendorIdentityTest {
    private static final String[] RECORDINGS = {"core-sw-01", "cisco-ios-c3750e", "cisco-c9300-stack",
        "cisco-nxos-n9k", "juniper-ex4300", "hpe-procurve-2910al", "aruba-cx-6300", "hpe-comware-5130", "h3c-s6520x",
        "mikrotik-ccr1036", "fortigate-200f", "huawei-s5720", "ubiquiti-es48", "dell-os10-s4128f", "windows-server-2019",
        "ruijie-s5750", "paloalto-pa3410", "checkpoint-6200", "real-cisco-c3750", "real-linux", "real-winxp",
        "linux-agent-errors"};
    private static Snmpsim snmpsim;
    private static SnmpClient client;
    private static Discoverer discoverer;

    @BeforeAll
    static void start() throws Exception {
        snmpsim = Snmpsim.start(RECORDINGS);
        client = new Snmp4jClient();
        discoverer = new Discoverer(client, VendorProfiles.builtIn());
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

    private static DiscoveryResult discover(String recording) throws Exception {
        return discoverer.discover(1, snmpsim.target(recording)).get(30, TimeUnit.SECONDS);
    }

    /** recording, profile, serial, model, version, inventory serial, inventory model (as an office writes them). */
    static Stream<Arguments> devices() {
        return Stream.of(
                Arguments.of("core-sw-01", "linux", "FOC2231X0AB", "C9300-48T", "6.18.44-fc-v657", "FOC2231X0AB",
                        "C9300-48T"),
                Arguments.of("cisco-ios-c3750e", "cisco-ios", "FDO1422Y0AB", "WS-C3750E-24PD-S", "12.2(55)SE12",
                        "FDO1422Y0AB", "Catalyst 3750E-24PD"),
                Arguments.of("cisco-c9300-stack", "cisco-iosxe", "FOC2331X0A1", "C9300-48P", "17.3.4", "FOC2331X0B2",
                        "Cisco Catalyst 9300-48P"),
                Arguments.of("cisco-nxos-n9k", "cisco-nxos", "FDO24230ABC", "N9K-C93180YC-FX", "9.3(8)", "FDO24230ABC",
                        "Nexus 93180YC-FX"),
                Arguments.of("juniper-ex4300", "juniper-junos", "PE3714170123", "EX4300-48T", "14.1X53-D40.8",
                        "PE3714170123", "EX4300-48T"),
                Arguments.of("hpe-procurve-2910al", "hpe-procurve", "SG0123C0AB", "J9146A", "W.15.14.0012",
                        "SG0123C0AB", "J9146A E2910al-24G-PoE"),
                Arguments.of("aruba-cx-6300", "aruba-cx", "SG12KMX0AB", "JL658A", "FL.10.08.1010", "SG12KMX0AB",
                        "Aruba 6300M JL658A"),
                Arguments.of("hpe-comware-5130", "hpe-comware", "CN78G9X0AB", "JG937A", "7.1.070 Release 3208P03",
                        "CN78G9X0AB", "HPE FlexNetwork 5130 48G PoE+ 4SFP+ (370W) EI Switch JG937A"),
                Arguments.of("h3c-s6520x", "h3c-comware", "210235A1Y5H187000123", "S6520X-30QC-EI",
                        "7.1.064 Release 0427P22", "210235A1Y5H187000123", "H3C S6520X-30QC-EI"),
                Arguments.of("mikrotik-ccr1036", "mikrotik-routeros", "8A5F08B1C2D3", "CCR1036-8G-2S+", "6.48.6",
                        "8A5F08B1C2D3", "MikroTik CCR1036-8G-2S+"),
                Arguments.of("fortigate-200f", "fortinet-fortigate", "FG200FT921904567", "FGT_200F", "7.0.12",
                        "FG200FT921904567", "FortiGate 200F"),
                Arguments.of("huawei-s5720", "huawei-vrp", "21980107133GJ7000123", "S5720-28X-SI-AC",
                        "V200R011C10SPC500", "21980107133GJ7000123", "Huawei S5720-28X-SI"),
                Arguments.of("ubiquiti-es48", "ubiquiti-edgeswitch", "F09FC2123456", "ES-48-750W", "1.7.3.5029591",
                        "F09FC2123456", "EdgeSwitch 48-Port 750W"),
                Arguments.of("dell-os10-s4128f", "dell-os10", "TH09F2779878AB0012", "S4128F-ON", "10.5.1.3",
                        "8WTQ2K2", "s4128Fon"),
                Arguments.of("windows-server-2019", "windows", null, null, "6.3 build 17763", null, null),
                Arguments.of("ruijie-s5750", "ruijie-rgos", "G1NQ9WV012345", "S5750C-48GT4XS-H", "11.4(1)B12P6",
                        "G1NQ9WV012345", "RG-S5750C-48GT4XS-H"),
                Arguments.of("paloalto-pa3410", "paloalto-panos", "024101001234", "PA-3410", "10.2.4-h4",
                        "024101001234", "Palo Alto PA-3410"),
                Arguments.of("checkpoint-6200", "checkpoint-gaia", "1711BA1234", "Check Point 6200", "R81.10",
                        "1711BA1234", "6200"),
                // Recorded from real agents (snmpsim's examples): a Catalyst 3750, a Linux host, Windows XP, whose
                // sysDescr says "Software: Windows 2000 Version 5.1 (Build 2600 Uniprocessor Free)".
                Arguments.of("real-cisco-c3750", "cisco-ios", "CAT0952N20R", "WS-C3750-48PS-S", "12.2(55)SE10",
                        "CAT0952N20R", "Catalyst 3750-48PS"),
                Arguments.of("real-linux", "linux", null, null, "2.6.21.5-smp", null, null),
                Arguments.of("real-winxp", "windows", null, null, "5.1 build 2600", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void testIdentityIsReadWhereTheVendorKeepsItAndMatchesTheInventory(String recording, String profile,
            String serial, String model, String version, String inventorySerial, String inventoryModel)
            throws Exception {
        DiscoveryResult d = discover(recording);
        Identity i = d.identity();
        assertEquals(profile, i.profile(), recording + ": vendor profile");
        assertEquals(serial, i.serial(), recording + ": serial");
        assertEquals(model, i.model(), recording + ": model");
        assertEquals(version, i.version(), recording + ": software version");
        if (serial != null) {
            assertTrue(i.sources().containsKey("serial"), "says where the serial came from: " + i.sources());
        }
        assertEquals(List.of(), InventoryCheck.findings(inventorySerial, inventoryModel, i, d.profile()),
                recording + ": no finding for an inventory that matches");
    }

    /** What the real agents answer besides identity: interfaces (64-bit counters where ifXTable has them), storage. */
    @Test
    void testRealAgentsInterfacesAndResources() throws Exception {
        DiscoveryResult cisco = discover("real-cisco-c3750");
        assertEquals("ENTITY-MIB entPhysicalSerialNum.3001", cisco.identity().sources().get("serial"));
        assertEquals(59, cisco.poll().interfaces().size());
        assertTrue(cisco.poll().interfaces().stream().filter(i -> i.hc).count() >= 52, "64-bit where ifXTable has it");
        DiscoveryResult linux = discover("real-linux");
        assertEquals(2, linux.poll().interfaces().size());
        assertEquals(8, linux.storage().size());
        assertEquals(List.of(13, 9), linux.processorLoads());
        DiscoveryResult xp = discover("real-winxp");
        assertEquals(3, xp.poll().interfaces().size());
        assertTrue(xp.poll().interfaces().stream().noneMatch(i -> i.hc), "XP has no ifXTable: 32-bit counters");
    }

    /**
     * The real Linux walk with two cells the agent refuses (snmpsim's error variation): ifDescr.2 with noAccess,
     * ifInOctets.2 with the request sent back as NULLs. One refused cell used to fail the whole table, and discovery
     * saw no interface at all; now only those cells are missing.
     */
    @Test
    void testCellsTheAgentRefusesAreMissingAndTheRestIsRead() throws Exception {
        Oid ifDescr = Oid.parse("1.3.6.1.2.1.2.2.1.2");
        Oid ifInOctets = Oid.parse("1.3.6.1.2.1.2.2.1.10");
        Oid ifOperStatus = Oid.parse("1.3.6.1.2.1.2.2.1.8");
        SnmpTable t = client.walkTable(snmpsim.target("linux-agent-errors"), List.of(ifDescr, ifInOctets, ifOperStatus),
                100).get(30, TimeUnit.SECONDS);
        assertEquals(2, t.size());
        SnmpTable.Row lo = t.rows().get(0);
        SnmpTable.Row eth = t.rows().get(1);
        assertEquals("lo", lo.value(0).asText());
        assertEquals(762888510L, lo.value(1).asLong());
        assertEquals(1L, lo.value(2).asLong());
        assertNull(eth.value(0), "refused with noAccess");
        assertNull(eth.value(1), "refused by echoing the request");
        assertEquals(1L, eth.value(2).asLong());
        DiscoveryResult d = discover("linux-agent-errors");
        assertEquals(2, d.poll().interfaces().size());
        assertTrue(d.poll().interfaces().stream().allMatch(i -> i.up()), "ifOperStatus still read for both");
    }

    @Test
    void testStackMembersAreListedAndAnyMemberSerialMatches() throws Exception {
        Identity i = discover("cisco-c9300-stack").identity();
        assertEquals(2, i.members().size());
        assertEquals(List.of("FOC2331X0A1", "FOC2331X0B2"), i.members().stream().map(Identity.Member::serial).toList());
        assertTrue(i.sources().get("chassis").contains("stack(11) row 1"), i.sources().toString());
    }

    @Test
    void testAWrongSerialIsAMismatchWithTextButAnUnreadableOneIsUnknown() throws Exception {
        DiscoveryResult junos = discover("juniper-ex4300");
        List<Finding> wrong = InventoryCheck.findings("PE0000000000", "EX4300-48T", junos.identity(), junos.profile());
        assertEquals(1, wrong.size());
        assertEquals(Finding.Kind.SERIAL_MISMATCH, wrong.get(0).kind());
        assertEquals("PE3714170123", wrong.get(0).actual());
        String en = wrong.get(0).message(Messages.EN);
        assertTrue(en.contains("PE0000000000") && en.contains("PE3714170123"), en);
        assertFalse(wrong.get(0).message(Messages.VI).isBlank());

        DiscoveryResult windows = discover("windows-server-2019");
        List<Finding> unknown = InventoryCheck.findings("CZ1234ABCD", "ProLiant DL380 Gen10", windows.identity(),
                windows.profile());
        assertEquals(List.of(Finding.Kind.SERIAL_UNKNOWN, Finding.Kind.MODEL_UNKNOWN),
                unknown.stream().map(Finding::kind).toList(), "the device could not be checked, it did not disagree");
        assertNull(unknown.get(0).actual());
        assertTrue(unknown.get(0).message(Messages.EN).contains("CZ1234ABCD"));
    }

    @Test
    void testAModelMismatchNamesWhatTheDeviceSaid() throws Exception {
        DiscoveryResult forti = discover("fortigate-200f");
        List<Finding> f = InventoryCheck.findings(null, "FortiGate 60F", forti.identity(), forti.profile());
        assertEquals(1, f.size());
        assertEquals(Finding.Kind.MODEL_MISMATCH, f.get(0).kind());
        assertTrue(f.get(0).message(Messages.EN).endsWith("(FGT_200F)."), f.get(0).message(Messages.EN));
    }
}
