package vn.hatang.snmp.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Verifies the profile folder: every built-in file parses and says what it was checked against; the right profile
 * is chosen by sysObjectID prefix then sysDescr; each vendor's sysDescr format yields its version; a bad file names
 * itself and the field; a file on disk adds or replaces a vendor without code.
 */
class VendorProfilesTest {
    private static final VendorProfiles PROFILES = VendorProfiles.builtIn();

    @Test
    void testEveryBuiltInProfileParsesAndSaysWhatItWasCheckedAgainst() {
        assertTrue(PROFILES.all().size() >= 19, PROFILES.all().size() + " profiles");
        for (VendorProfile p : PROFILES.all()) {
            assertFalse(p.checkedAgainst().isEmpty(), p.id());
            assertFalse(p.serial().isEmpty() && p.model().isEmpty() && p.version().isEmpty(), p.id());
        }
    }

    @ParameterizedTest(name = "{0} / {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1.3.6.1.4.1.9.1.1227          | Cisco IOS Software, C3750E Software (C3750E-UNIVERSALK9-M), Version 12.2(55)SE12, RELEASE SOFTWARE (fc2) | cisco-ios
            1.3.6.1.4.1.9.1.2494          | Cisco IOS Software [Amsterdam], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.3.4, RELEASE SOFTWARE (fc3) | cisco-iosxe
            1.3.6.1.4.1.9.1.1165          | Cisco IOS Software, IOS-XE Software, Catalyst 4500 L3 Switch Software (cat4500e-UNIVERSALK9-M), Version 03.06.06.E RELEASE SOFTWARE (fc1) | cisco-iosxe
            1.3.6.1.4.1.9.12.3.1.3.1812   | Cisco NX-OS(tm) n9000, Software (n9000-dk9), Version 9.3(8), RELEASE SOFTWARE | cisco-nxos
            1.3.6.1.4.1.2636.1.1.1.2.63   | Juniper Networks, Inc. ex4300-48t Ethernet Switch, kernel JUNOS 14.1X53-D40.8 | juniper-junos
            1.3.6.1.4.1.11.2.3.7.11.87    | HP J9146A 2910al-24G-PoE Switch, revision W.15.14.0012, ROM W.14.06 | hpe-procurve
            1.3.6.1.4.1.11.2.3.7.11.135   | HP Comware Platform Software, Software Version 5.20.99, Release 2222P08 | hpe-comware
            1.3.6.1.4.1.25506.11.1.163    | HPE Comware Platform Software, Software Version 7.1.070, Release 3208P03 | hpe-comware
            1.3.6.1.4.1.25506.1.1853      | H3C Comware Platform Software, Software Version 7.1.064, Release 0427P22 | h3c-comware
            1.3.6.1.4.1.47196.4.1.1.1.300 | Aruba JL658A 6300M 24SR5 CL6 PoE 4SFP56 Swch FL.10.08.1010 | aruba-cx
            1.3.6.1.4.1.14988.1           | RouterOS CCR1036-8G-2S+ | mikrotik-routeros
            1.3.6.1.4.1.12356.101.1.2005  |  | fortinet-fortigate
            1.3.6.1.4.1.2011.2.23.350     | Huawei Versatile Routing Platform Software | huawei-vrp
            1.3.6.1.4.1.4413              | EdgeSwitch 48-Port 750W, 1.7.3.5029591, Linux 3.6.5-f4a26ed5 | ubiquiti-edgeswitch
            1.3.6.1.4.1.674.11000.5000.100.2.1.7 | Dell EMC Networking OS10 Enterprise. | dell-os10
            1.3.6.1.4.1.8072.3.2.10       | Linux host 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 x86_64 | linux
            1.3.6.1.4.1.8072.3.2.10       | Linux gw 3.10.0-957.21.3cpx86_64 #1 SMP x86_64 | checkpoint-gaia
            1.3.6.1.4.1.2620.1.6.123.1.49 | Linux gw 3.10.0-957.21.3cpx86_64 | checkpoint-gaia
            1.3.6.1.4.1.311.1.1.3.1.2     | Hardware: Intel64 Family 6 - Software: Windows Version 6.3 (Build 17763 Multiprocessor Free) | windows
            1.3.6.1.4.1.4881.1.1.10.1.237 | Ruijie Full Gigabit Layer 3 Switch(S5750C-48GT4XS-H) By Ruijie Networks | ruijie-rgos
            1.3.6.1.4.1.25461.2.3.65      | Palo Alto Networks PA-3400 series firewall | paloalto-panos
            1.3.6.1.4.1.99999.1           | Some appliance | generic
            """)
    void testTheMostSpecificProfileIsChosen(String objectId, String descr, String profile) {
        assertEquals(profile, PROFILES.select(objectId, descr == null ? "" : descr).id());
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            cisco-ios    | Cisco IOS Software, C3750E Software (C3750E-UNIVERSALK9-M), Version 12.2(55)SE12, RELEASE SOFTWARE (fc2) | 12.2(55)SE12
            cisco-ios    | Cisco Internetwork Operating System Software IOS (tm) C2950 Software (C2950-I6Q4L2-M), Version 12.1(22)EA14, RELEASE SOFTWARE (fc1) | 12.1(22)EA14
            cisco-iosxe  | Cisco IOS XE Software, Version 17.06.05 | 17.06.05
            cisco-iosxe  | Cisco IOS Software, IOS-XE Software, Catalyst 4500 L3 Switch Software (cat4500e-UNIVERSALK9-M), Version 03.06.06.E RELEASE SOFTWARE (fc1) | 03.06.06.E
            cisco-nxos   | Cisco NX-OS(tm) n9000, Software (n9000-dk9), Version 9.3(8), RELEASE SOFTWARE | 9.3(8)
            juniper-junos | Juniper Networks, Inc. ex4300-48t Ethernet Switch, kernel JUNOS 14.1X53-D40.8, Build date: 2016-11-09 | 14.1X53-D40.8
            juniper-junos | Juniper Networks, Inc. mx480 internet router, kernel JUNOS 21.4R3-S2.3, Build date: 2022-10-19 | 21.4R3-S2.3
            hpe-procurve | HP J9146A 2910al-24G-PoE Switch, revision W.15.14.0012, ROM W.14.06 (/ws/swbuildm/rel) | W.15.14.0012
            hpe-comware  | HPE Comware Platform Software, Software Version 7.1.070, Release 3208P03 | 7.1.070 Release 3208P03
            h3c-comware  | H3C Comware Platform Software, Software Version 7.1.064, Release 0427P22 | 7.1.064 Release 0427P22
            aruba-cx     | Aruba JL658A 6300M 24SR5 CL6 PoE 4SFP56 Swch FL.10.08.1010 | FL.10.08.1010
            huawei-vrp   | VRP (R) software, Version 5.170 (S5720 V200R011C10SPC500) | V200R011C10SPC500
            huawei-vrp   | Huawei Versatile Routing Platform Software VRP (R) software, Version 8.180 (CE6850EI V200R005C10SPC800) | V200R005C10SPC800
            ubiquiti-edgeswitch | EdgeSwitch 24-Port Lite, 1.7.3.5029591, Linux 3.6.5-f4a26ed5, 1.0.0.4857129 | 1.7.3.5029591
            dell-os10    | OS Version: 10.5.1.3. System Type: S4128F-ON | 10.5.1.3
            linux        | Linux host 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 | 6.1.0-18-amd64
            windows      | Hardware: x86 Family 6 Model 158 - Software: Windows Version 6.3 (Build 19045 Multiprocessor Free) | 6.3 build 19045
            ruijie-rgos  | System description : Ruijie 10G Routing Switch(S6000C) By Ruijie Networks System software version : RGOS 11.4(1)B12P6 Release(07170312) | 11.4(1)B12P6
            mikrotik-routeros | RouterOS RB5009UG+S+ 7.12.1 (stable) | 7.12.1
            """)
    void testEachVendorsSysDescrFormatGivesTheVersion(String profile, String descr, String version) {
        SystemInfo sys = new SystemInfo(descr, null, null, null, null, null);
        Identity i = IdentityReader.read(PROFILES.byId(profile), sys, java.util.List.of(), Optional.empty(), Map.of());
        assertEquals(version, i.version());
        assertEquals("sysDescr", i.sources().get("version"));
    }

    @Test
    void testABrokenFileNamesItselfAndTheField() {
        String yaml = "id: broken\nvendor: X\nchecked_against: [nothing]\nmatch:\n  - sys_descr: '(unclosed'\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VendorProfiles.parse(
                "broken.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("broken.yaml") && e.getMessage().contains("match[0].sys_descr"),
                e.getMessage());
    }

    @Test
    void testANewVendorIsANewFileOnDisk(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("acme-os.yaml"), """
                id: acme-os
                vendor: Acme
                checked_against: [ACME-MIB (a test)]
                match:
                  - sys_object_id: 1.3.6.1.4.1.99999
                serial:
                  - oid: 1.3.6.1.4.1.99999.1.1.0
                version:
                  - sys_descr: 'AcmeOS (\\S+)'
                """);
        VendorProfiles withAcme = VendorProfiles.load(dir);
        assertEquals("acme-os", withAcme.select("1.3.6.1.4.1.99999.7", "AcmeOS 2.1").id());
        assertEquals(PROFILES.all().size() + 1, withAcme.all().size());
    }
}
