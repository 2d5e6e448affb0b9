package vn.hatang.snmp.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.api.SnmpTarget;
import vn.hatang.snmp.sim.SimDevice;
import vn.hatang.snmp.sim.SnmpResponder;
import vn.hatang.snmp.sim.SwitchModel;
import vn.hatang.snmp.snmp4j.Snmp4jClient;
import vn.hatang.testing.Eventually;

/** Verifies polling end to end over real UDP against simulated switches: rates, wrap, restarts, events. */
class PollSchedulerTest {
    private SnmpResponder responder;
    private Snmp4jClient client;
    private PollScheduler scheduler;
    private final List<SnmpEvent> events = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<Long, List<IfRate>> lastRates = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Integer> polls = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        responder = SnmpResponder.start(1, 1);
        client = new Snmp4jClient();
        SchedulerOptions o = new SchedulerOptions();
        o.initialSpread = Duration.ZERO;
        o.jitterFraction = 0;
        o.seed = 1;
        PollListener listener = new PollListener() {
            @Override
            public void polled(PolledDevice device, PollResult result, List<IfRate> rates, DeviceStatus status) {
                lastRates.put(device.id(), rates);
                polls.merge(device.id(), 1, Integer::sum);
            }

            @Override
            public void event(SnmpEvent event, DeviceStatus status) {
                events.add(event);
            }
        };
        scheduler = new PollScheduler(new InterfacePoller(client), listener, PollMetrics.NONE, o);
    }

    @AfterEach
    void stop() {
        scheduler.close();
        client.close();
        responder.close();
    }

    private PolledDevice device(long id, SimDevice d) {
        SnmpTarget t = SnmpTarget.of("127.0.0.1", d.port(), SnmpCredentials.community(d.community()))
                .withTimeout(300, 0);
        return new PolledDevice(id, d.community(), t, Duration.ofSeconds(1));
    }

    private static void await(String what, BooleanSupplier condition) {
        Eventually.until(condition, what);
    }

    private double rateOf(long id, int ifIndex) {
        return lastRates.get(id).stream().filter(r -> r.ifIndex == ifIndex).findFirst().orElseThrow().inBps;
    }

    @Test
    void testRatesFrom64BitCountersMatchTheTraffic() throws Exception {
        SimDevice sw = responder.add(SwitchModel.device("a", 1,
                new SwitchModel.Options().ports(4).rateBytesPerSecond(1_000_000)));
        scheduler.put(device(1, sw));
        await("two polls", () -> polls.getOrDefault(1L, 0) >= 2);
        double bps = rateOf(1, 1);
        assertEquals(8_000_000, bps, 800_000, "1 MB/s = 8 Mbit/s");
        DeviceStatus st = scheduler.status(1);
        assertTrue(st.reachable());
        assertEquals(6, st.interfaces().size());
        assertTrue(st.interfaces().get(0).hc);
    }

    @Test
    void testThirtyTwoBitCounterWrapGivesTheTrueRateNotASpike() throws Exception {
        long rate = 10_000_000; // 10 MB/s: wraps a counter started 5 MB below 2^32 within the first second
        SimDevice sw = responder.add(SwitchModel.device("wrap", 2, new SwitchModel.Options().ports(2)
                .hcCounters(false).counterStart((1L << 32) - 5_000_000).rateBytesPerSecond(rate)));
        scheduler.put(device(2, sw));
        await("two polls", () -> polls.getOrDefault(2L, 0) >= 2);
        DeviceStatus st = scheduler.status(2);
        assertFalse(st.interfaces().get(0).hc);
        assertEquals(80_000_000, rateOf(2, 1), 8_000_000);
    }

    @Test
    void testAgentRestartIsAnEventAndProducesNoSpike() throws Exception {
        SimDevice sw = responder.add(SwitchModel.device("boot", 3,
                new SwitchModel.Options().ports(2).counterStart(1_000_000_000L).rateBytesPerSecond(1000)))
                .upFor(Duration.ofDays(3));
        scheduler.put(device(3, sw));
        await("first poll", () -> polls.getOrDefault(3L, 0) >= 1);
        sw.restart();
        await("restart event", () -> events.stream().anyMatch(e -> e.type() == SnmpEvent.Type.AGENT_RESTART));
        assertTrue(Double.isNaN(rateOf(3, 2)), "no rate across a restart");
        int seen = polls.get(3L);
        await("next poll", () -> polls.get(3L) > seen);
        assertEquals(8000, rateOf(3, 2), 2000);
    }

    @Test
    void testUnreachableAndBackAndInterfaceDownAreEvents() throws Exception {
        SimDevice sw = responder.add(SwitchModel.device("flaky", 4, new SwitchModel.Options().ports(2)));
        scheduler.put(device(4, sw));
        await("first poll", () -> polls.getOrDefault(4L, 0) >= 1);
        sw.silent(true);
        await("unreachable", () -> events.stream().anyMatch(e -> e.type() == SnmpEvent.Type.DEVICE_UNREACHABLE));
        assertFalse(scheduler.status(4).reachable());
        sw.silent(false);
        await("reachable", () -> events.stream().anyMatch(e -> e.type() == SnmpEvent.Type.DEVICE_REACHABLE));
        sw.operStatus(1, 2);
        await("ifDown", () -> events.stream().anyMatch(e -> e.type() == SnmpEvent.Type.INTERFACE_DOWN
                && e.ifIndex() == 1));
    }

    @Test
    void testPollNowReturnsAFreshResult() throws Exception {
        SimDevice sw = responder.add(SwitchModel.device("now", 5, new SwitchModel.Options().ports(48)));
        SchedulerOptions o = new SchedulerOptions();
        o.initialSpread = Duration.ofHours(1);
        try (PollScheduler s = new PollScheduler(new InterfacePoller(client), PollListener.NONE, PollMetrics.NONE, o)) {
            s.put(new PolledDevice(5, "now", SnmpTarget.of("127.0.0.1", sw.port(),
                    SnmpCredentials.community("now")), Duration.ofSeconds(300)));
            PollResult r = s.pollNow(5).get(10, TimeUnit.SECONDS);
            assertEquals(50, r.interfaces().size());
            assertEquals("GE0/0/1", r.interfaces().get(0).name);
            assertEquals("WAN uplink VNPT", r.interfaces().get(0).alias);
            assertEquals(1_000_000_000L, r.interfaces().get(0).speedBps);
            assertEquals(UptimeSource.SYS_UPTIME, r.uptimeSource());
            assertTrue(s.status(5).reachable());
        }
    }

    @Test
    void testLinkDownTrapUpdatesInterfaceStateAtOnce() throws Exception {
        SimDevice sw = responder.add(SwitchModel.device("trap", 6, new SwitchModel.Options().ports(4)));
        SchedulerOptions o = new SchedulerOptions();
        o.initialSpread = Duration.ofHours(1);
        try (PollScheduler s = new PollScheduler(new InterfacePoller(client), new PollListener() {
            @Override
            public void event(SnmpEvent event, DeviceStatus status) {
                events.add(event);
            }
        }, PollMetrics.NONE, o)) {
            s.put(device(6, sw));
            s.pollNow(6).get(10, TimeUnit.SECONDS);
            assertTrue(s.status(6).interfaces().stream().filter(i -> i.ifIndex == 1).findFirst().orElseThrow().up());
            s.trapEvent(new SnmpEvent(6, java.time.Instant.now(), SnmpEvent.Type.INTERFACE_DOWN, 1,
                    SnmpEvent.Source.TRAP, null));
            assertFalse(s.status(6).interfaces().stream().filter(i -> i.ifIndex == 1).findFirst().orElseThrow().up());
            assertEquals(SnmpEvent.Source.TRAP, events.get(events.size() - 1).source());
        }
    }

    @Test
    void testUnreachableDevicesBackOffUpToTheLimit() {
        long min = 60_000;
        assertEquals(min, PollScheduler.backoff(min, 0, 900_000));
        assertEquals(min, PollScheduler.backoff(min, 1, 900_000), "one failure: retry at the normal interval");
        assertEquals(2 * min, PollScheduler.backoff(min, 2, 900_000));
        assertEquals(8 * min, PollScheduler.backoff(min, 4, 900_000));
        assertEquals(900_000, PollScheduler.backoff(min, 9, 900_000));
        assertEquals(900_000, PollScheduler.backoff(min, 60, 900_000), "no overflow after many failures");
    }
}
