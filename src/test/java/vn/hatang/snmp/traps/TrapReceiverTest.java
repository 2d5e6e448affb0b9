package vn.hatang.snmp.traps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.snmp.api.AuthProtocol;
import vn.hatang.snmp.api.PrivProtocol;
import vn.hatang.snmp.api.SecurityLevel;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.poll.SnmpEvent;
import vn.hatang.testing.Eventually;

/**
 * Verifies that notifications sent with net-snmp's snmptrap (Debian package snmp) become events when they come from
 * a polled device with that device's own credentials, and only then.
 */
class TrapReceiverTest {
    private static final long DEVICE = 42;
    private static final SnmpCredentials.Usm USER = SnmpCredentials.usm("trapuser", SecurityLevel.AUTH_PRIV,
            AuthProtocol.SHA256, "trapauth123", PrivProtocol.AES128, "trappriv123", "");
    private final BlockingQueue<SnmpEvent> events = new LinkedBlockingQueue<>();
    /** The credentials of the profile of the device at 127.0.0.1. */
    private volatile SnmpCredentials profile = SnmpCredentials.community("trap-community-7");
    private TrapReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new TrapReceiver("127.0.0.1", 0,
                a -> a.isLoopbackAddress() ? new TrapReceiver.Sender(DEVICE, profile) : null, events::add);
        receiver.users(List.of(USER));
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private void snmptrap(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("snmptrap"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MIBS", "");
        pb.environment().put("SNMP_PERSISTENT_DIR", System.getProperty("java.io.tmpdir") + "/hatang-snmptrap");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("snmptrap failed: " + out);
        }
    }

    private String target() {
        return "127.0.0.1:" + receiver.port();
    }

    private static void await(String what, LongSupplier counter, long expected) {
        Eventually.until(() -> counter.getAsLong() >= expected, what);
    }

    @Test
    void testV2cLinkDownAndLinkUpBecomeInterfaceEvents() throws Exception {
        snmptrap("-v", "2c", "-c", "trap-community-7", target(), "", "1.3.6.1.6.3.1.1.5.3", "1.3.6.1.2.1.2.2.1.1.3",
                "i", "3");
        SnmpEvent down = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(down);
        assertEquals(SnmpEvent.Type.INTERFACE_DOWN, down.type());
        assertEquals(3, down.ifIndex());
        assertEquals(DEVICE, down.deviceId());
        assertEquals(SnmpEvent.Source.TRAP, down.source());
        snmptrap("-v", "2c", "-c", "trap-community-7", target(), "", "1.3.6.1.6.3.1.1.5.4", "1.3.6.1.2.1.2.2.1.1.3",
                "i", "3");
        assertEquals(SnmpEvent.Type.INTERFACE_UP, events.poll(10, TimeUnit.SECONDS).type());
    }

    @Test
    void testV3ColdStartIsARestartEvent() throws Exception {
        profile = USER;
        snmptrap("-v", "3", "-u", "trapuser", "-l", "authPriv", "-a", "SHA-256", "-A", "trapauth123", "-x", "AES",
                "-X", "trappriv123", "-e", "0x80001F8880AABBCCDD01", target(), "", "1.3.6.1.6.3.1.1.5.1");
        SnmpEvent e = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(e);
        assertEquals(SnmpEvent.Type.AGENT_RESTART, e.type());
        assertEquals("coldStart", e.detail());
    }

    @Test
    void testWrongCommunityAndWrongV3PassphraseAreCountedAndIgnored() throws Exception {
        snmptrap("-v", "2c", "-c", "public", target(), "", "1.3.6.1.6.3.1.1.5.3", "1.3.6.1.2.1.2.2.1.1.3", "i", "3");
        await("rejected: public is not this device's community", receiver::rejected, 1);
        profile = USER;
        snmptrap("-v", "2c", "-c", "trap-community-7", target(), "", "1.3.6.1.6.3.1.1.5.1");
        await("rejected: a v3 device's traps must come with its v3 user", receiver::rejected, 2);
        snmptrap("-v", "3", "-u", "trapuser", "-l", "authPriv", "-a", "SHA-256", "-A", "wrongpass123", "-x", "AES",
                "-X", "trappriv123", "-e", "0x80001F8880AABBCCDD02", target(), "", "1.3.6.1.6.3.1.1.5.1");
        await("rejected", receiver::rejected, 3);
        assertNull(events.poll());
        assertEquals(0, receiver.accepted());
    }

    @Test
    void testTrapFromAnAddressNotInTheInventoryIsIgnored() throws Exception {
        try (TrapReceiver nobody = new TrapReceiver("127.0.0.1", 0, (InetAddress a) -> null, events::add)) {
            snmptrap("-v", "2c", "-c", "trap-community-7", "127.0.0.1:" + nobody.port(), "", "1.3.6.1.6.3.1.1.5.1");
            await("unknown sender", nobody::unknownSender, 1);
            assertNull(events.poll());
        }
    }

    @Test
    void testASecondReceiverOnATakenPortSaysWhichPort() {
        TrapReceiver.BindException e = assertThrows(TrapReceiver.BindException.class,
                () -> new TrapReceiver("127.0.0.1", receiver.port(), a -> null, events::add));
        assertTrue(e.getMessage().contains("127.0.0.1:" + receiver.port()), e.getMessage());
        assertTrue(e.getMessage().contains("HATANG_SNMP_TRAP_PORT"), e.getMessage());
    }
}
