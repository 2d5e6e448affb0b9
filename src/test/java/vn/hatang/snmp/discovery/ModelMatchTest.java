package vn.hatang.snmp.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Verifies model comparison on the pairs offices actually write: what must count as the same product (so no false
 * finding) and what must not (so a real mix-up is still found). Vendor rewrites come from the built-in profiles.
 */
class ModelMatchTest {
    private static final VendorProfiles PROFILES = VendorProfiles.builtIn();

    @ParameterizedTest(name = "{1} ~ {2} ({0}) → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            generic            | J9146A E2910al-24G-PoE                 | J9146A                          | true
            generic            | s4128Fon                               | S4128F-ON                       | true
            generic            | S4128F-ON                              | s4128f on                       | true
            generic            | C9200L-48P                             | C9200L-48P-4G                   | true
            generic            | Catalyst 9200L-48P                     | C9200L-48P-4G                   | true
            generic            | ISR 1111-8P                            | C1111-8P                        | true
            generic            | PowerEdge R750                         | R750                            | true
            generic            | HP J9146A 2910al-24G-PoE Switch         | J9146A                          | true
            generic            | S5720-28X-SI                           | S5720-28X-SI-AC                 | true
            generic            | EX4300-48T                             | ex4300-48t                      | true
            generic            | Aruba 6300M JL658A                     | JL658A                          | true
            cisco-nxos         | Nexus 93180YC-FX                       | N9K-C93180YC-FX                 | true
            cisco-ios          | Catalyst 2960X-48FPD-L                 | WS-C2960X-48FPD-L               | true
            cisco-ios          | Cisco 2901                             | CISCO2901/K9                    | true
            fortinet-fortigate | FortiGate 200F                         | FGT_200F                        | true
            fortinet-fortigate | FortiGate-60F                          | FG60F                           | true
            ubiquiti-edgeswitch| EdgeSwitch 48-Port 750W                | ES-48-750W                      | true
            checkpoint-gaia    | 6200                                   | Check Point 6200                | true
            ruijie-rgos        | RG-S5750C-48GT4XS-H                    | S5750C-48GT4XS-H                | true
            generic            | J9146A                                 | J9145A                          | false
            generic            | C9300-48P                              | C9300-24P                       | false
            generic            | EX4300-48T                             | EX4300-48P                      | false
            generic            | ProLiant DL380 Gen11                   | ProLiant DL380 Gen10            | false
            generic            | PowerEdge R650                         | PowerEdge R750                  | false
            generic            | S5720-28X-SI-AC                        | S5720-28P-SI-AC                 | false
            generic            | C9300-24                               | C9300-24P                       | false
            generic            | ISR 4331                               | ISR4321/K9                      | false
            fortinet-fortigate | FortiGate 60F                          | FGT_60E                         | false
            fortinet-fortigate | FortiGate 200F                         | FGT_100F                        | false
            cisco-nxos         | Nexus 93180YC-FX                       | N9K-C93180YC-EX                 | false
            generic            | Linux server                           | x86_64                          | false
            """)
    void testModelsCompareAsPeopleMeanThem(String profile, String inventory, String device, boolean same) {
        assertEquals(same, ModelMatch.same(inventory, device, PROFILES.byId(profile)));
        assertEquals(same, ModelMatch.same(device, inventory, PROFILES.byId(profile)), "symmetric");
    }
}
