package vn.hatang.snmp.snmp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import vn.hatang.snmp.api.AuthProtocol;
import vn.hatang.snmp.api.Oid;
import vn.hatang.snmp.api.PrivProtocol;
import vn.hatang.snmp.api.SecurityLevel;
import vn.hatang.snmp.api.SnmpAuthException;
import vn.hatang.snmp.api.SnmpClient;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.api.SnmpTable;
import vn.hatang.snmp.api.SnmpTimeoutException;
import vn.hatang.snmp.api.SnmpValue;
import vn.hatang.snmp.api.VarBind;
import vn.hatang.snmp.testing.Snmpd;

/** Verifies the SNMP4J adapter against a real net-snmp agent: v2c, v3 authPriv, wrong credentials, walks. */
class Snmp4jClientSnmpdTest {
    private static final Oid SYS_NAME = Oid.parse("1.3.6.1.2.1.1.5.0");
    private static final Oid SYS_UPTIME = Oid.parse("1.3.6.1.2.1.1.3.0");
    private static Snmpd snmpd;
    private static SnmpClient client;

    @BeforeAll
    static void start() throws Exception {
        snmpd = Snmpd.start();
        client = new Snmp4jClient();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (snmpd != null) {
            snmpd.close();
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void testGetWithV2cCommunityReturnsSysNameAndUptime() throws Exception {
        List<VarBind> vbs = await(client.get(snmpd.target(SnmpCredentials.community(Snmpd.COMMUNITY)),
                List.of(SYS_NAME, SYS_UPTIME)));
        assertEquals(Snmpd.SYS_NAME, vbs.get(0).value().asText());
        assertEquals(SnmpValue.Type.TIMETICKS, vbs.get(1).value().type());
    }

    @Test
    void testV3AuthPrivShaAes128() throws Exception {
        List<VarBind> vbs = await(client.get(snmpd.target(Snmpd.SHA_AES), List.of(SYS_NAME)));
        assertEquals(Snmpd.SYS_NAME, vbs.get(0).value().asText());
    }

    @Test
    void testV3AuthPrivSha256Aes256() throws Exception {
        List<VarBind> vbs = await(client.get(snmpd.target(Snmpd.SHA256_AES256), List.of(SYS_NAME)));
        assertEquals(Snmpd.SYS_NAME, vbs.get(0).value().asText());
    }

    @Test
    void testGetNextAndGetBulk() throws Exception {
        SnmpCredentials c = SnmpCredentials.community(Snmpd.COMMUNITY);
        List<VarBind> next = await(client.getNext(snmpd.target(c), List.of(Oid.parse("1.3.6.1.2.1.1.5"))));
        assertEquals(SYS_NAME, next.get(0).oid());
        List<VarBind> bulk = await(client.getBulk(snmpd.target(c), 0, 3, List.of(Oid.parse("1.3.6.1.2.1.1"))));
        assertEquals(3, bulk.size());
        assertEquals(Oid.parse("1.3.6.1.2.1.1.1.0"), bulk.get(0).oid());
    }

    @Test
    void testWrongAuthPassphraseIsAnAuthErrorNotATimeout() {
        SnmpCredentials.Usm wrong = SnmpCredentials.usm("shaaes", SecurityLevel.AUTH_PRIV, AuthProtocol.SHA1,
                "not-the-password", PrivProtocol.AES128, "privpass123", "");
        SnmpAuthException e = authError(() -> await(client.get(snmpd.target(wrong), List.of(SYS_NAME))));
        assertEquals("wrongDigests", e.reason());
    }

    @Test
    void testUnknownUserIsAnAuthError() {
        SnmpCredentials.Usm wrong = SnmpCredentials.usm("nobody", SecurityLevel.AUTH_PRIV, AuthProtocol.SHA256,
                "authpass456", PrivProtocol.AES256, "privpass456", "");
        SnmpAuthException e = authError(() -> await(client.get(snmpd.target(wrong), List.of(SYS_NAME))));
        assertEquals("unknownUserNames", e.reason());
    }

    @Test
    void testWrongAuthProtocolIsAnAuthError() {
        SnmpCredentials.Usm wrong = SnmpCredentials.usm("sha256", SecurityLevel.AUTH_PRIV, AuthProtocol.SHA1,
                "authpass456", PrivProtocol.AES256, "privpass456", "");
        authError(() -> await(client.get(snmpd.target(wrong), List.of(SYS_NAME))));
    }

    @Test
    void testWrongCommunityTimesOut() {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> await(client.get(snmpd.target(SnmpCredentials.community("wrong")).withTimeout(200, 0),
                        List.of(SYS_NAME))));
        assertInstanceOf(SnmpTimeoutException.class, e.getCause());
    }

    @Test
    void testWalkInterfaceTableOverV3() throws Exception {
        Oid ifIndex = Oid.parse("1.3.6.1.2.1.2.2.1.1");
        Oid ifDescr = Oid.parse("1.3.6.1.2.1.2.2.1.2");
        Oid ifOper = Oid.parse("1.3.6.1.2.1.2.2.1.8");
        SnmpTable table = await(client.walkTable(snmpd.target(Snmpd.SHA_AES).withMaxRepetitions(2),
                List.of(ifIndex, ifDescr, ifOper)));
        assertTrue(table.size() >= 1, "at least the loopback interface");
        boolean lo = table.rows().stream().anyMatch(r -> "lo".equals(r.value(1).asText()));
        assertTrue(lo, "loopback interface listed");
        for (SnmpTable.Row r : table.rows()) {
            assertEquals(r.index().last(), r.value(0).asLong());
        }
    }

    private static SnmpAuthException authError(Executable call) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, call);
        return assertInstanceOf(SnmpAuthException.class, e.getCause(), () -> "got " + e.getCause());
    }
}
