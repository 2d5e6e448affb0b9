package vn.hatang.snmp.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.snmp.snmp4j.Snmp4jClient;
import vn.hatang.snmp.testing.Snmpsim;

/**
 * Verifies, against snmpsim replaying hand-made walks (no-uptime-*.snmprec, see the README there), that a device
 * without sysUpTime.0 still gets rates from the second poll on, with the clock that was used named; that absent
 * columns come back as null, not as -1 or "unknown"; and that a stray index with no interface behind it is no
 * interface.
 */
class UptimeAndNullsTest {
    private static Snmpsim snmpsim;
    private static Snmp4jClient client;

    @BeforeAll
    static void start() throws Exception {
        snmpsim = Snmpsim.start("no-uptime-engine", "no-uptime-none", "core-sw-01");
        client = new Snmp4jClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        snmpsim.close();
    }

    private static PolledDevice device(String recording) {
        return new PolledDevice(1, recording, snmpsim.target(recording), Duration.ofSeconds(60));
    }

    /** Two polls through the scheduler's baseline, a little over a second apart (measured, not slept). */
    private static List<IfRate> secondPollRates(PollResult first, PollResult second) {
        CounterBaseline b = new CounterBaseline();
        assertTrue(b.update(first).stream().noneMatch(IfRate::known), "no rate from one reading");
        return b.update(second);
    }

    private static PollResult pollAfter(InterfacePoller poller, PolledDevice d, PollResult previous) throws Exception {
        PollResult r;
        do {
            r = poller.poll(d).get(10, TimeUnit.SECONDS);
        } while (r.monotonicNanos() - previous.monotonicNanos() < 1_100_000_000L);
        return r;
    }

    @Test
    void testWithoutSysUpTimeTheEngineTimeIsUsedAndRatesFollow() throws Exception {
        InterfacePoller poller = new InterfacePoller(client);
        PolledDevice d = device("no-uptime-engine");
        PollResult first = poller.poll(d).get(10, TimeUnit.SECONDS);
        assertEquals(UptimeSource.ENGINE_TIME, first.uptimeSource());
        assertEquals(8_640_000L, first.uptimeTicks(), "snmpEngineTime 86400 s in hundredths");
        List<IfRate> rates = secondPollRates(first, pollAfter(poller, d, first));
        assertTrue(rates.stream().allMatch(IfRate::known), "the second poll has rates: " + rates.size());
    }

    @Test
    void testWithNoClockAtAllThePollClockIsUsed() throws Exception {
        InterfacePoller poller = new InterfacePoller(client);
        PolledDevice d = device("no-uptime-none");
        PollResult first = poller.poll(d).get(10, TimeUnit.SECONDS);
        assertEquals(UptimeSource.POLL_CLOCK, first.uptimeSource());
        assertNull(first.uptimeTicks());
        assertTrue(secondPollRates(first, pollAfter(poller, d, first)).stream().allMatch(IfRate::known));
    }

    @Test
    void testAbsentColumnsAreNullAndGhostRowsAreLeftOut() throws Exception {
        PollResult r = new InterfacePoller(client).poll(device("no-uptime-none")).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(1, 2), r.interfaces().stream().map(s -> s.ifIndex).toList(), "ifIndex 7 is a ghost");
        IfSample eth1 = r.interfaces().get(1);
        assertNull(eth1.speedBps, "no ifSpeed, no ifHighSpeed");
        assertNull(eth1.adminStatus);
        assertNull(eth1.name, "no ifXTable");
        assertEquals("eth1", eth1.label());
        assertFalse(eth1.hc);
        assertEquals(1_000_000_000L, r.interfaces().get(0).speedBps);
    }

    @Test
    void testAClockThatDoesNotMoveIsNotARestart() throws Exception {
        InterfacePoller poller = new InterfacePoller(client);
        PolledDevice d = device("core-sw-01"); // a recording: its sysUpTime stays at 174
        PollResult first = poller.poll(d).get(10, TimeUnit.SECONDS);
        assertEquals(UptimeSource.SYS_UPTIME, first.uptimeSource());
        CounterBaseline b = new CounterBaseline();
        b.update(first);
        List<IfRate> rates = b.update(pollAfter(poller, d, first));
        assertFalse(b.restarted());
        assertTrue(rates.stream().allMatch(IfRate::known));
    }
}
