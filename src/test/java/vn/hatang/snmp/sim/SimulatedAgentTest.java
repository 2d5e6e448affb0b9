package vn.hatang.snmp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.snmp.api.Oid;
import vn.hatang.snmp.api.SnmpClient;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.api.SnmpProtocolException;
import vn.hatang.snmp.api.SnmpTable;
import vn.hatang.snmp.api.SnmpTarget;
import vn.hatang.snmp.api.SnmpTimeoutException;
import vn.hatang.snmp.api.SnmpValue;
import vn.hatang.snmp.api.VarBind;
import vn.hatang.snmp.snmp4j.Snmp4jClient;

/**
 * Verifies the client against in-process agents doing what real agents won't on demand: silence, slow answers,
 * malformed and truncated datagrams, a table that never ends; and that a 48-port switch walks completely.
 */
class SimulatedAgentTest {
    private static SnmpResponder responder;
    private static SnmpClient client;

    @BeforeAll
    static void start() {
        responder = SnmpResponder.start(2, 1);
        client = new Snmp4jClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        responder.close();
    }

    private static SnmpTarget target(SimDevice d, long timeoutMillis, int retries) {
        return SnmpTarget.of("127.0.0.1", d.port(), SnmpCredentials.community(d.community()))
                .withTimeout(timeoutMillis, retries);
    }

    private static SimDevice newSwitch(String community) {
        return responder.add(SwitchModel.device(community, 7, new SwitchModel.Options()));
    }

    private static <T> Throwable failure(CompletableFuture<T> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void testWalkOfA48PortSwitchReturnsEveryInterfaceAndColumn() throws Exception {
        SimDevice sw = newSwitch("walk");
        List<Oid> columns = new ArrayList<>();
        for (int c = 1; c <= 22; c++) {
            columns.add(Oid.parse("1.3.6.1.2.1.2.2.1." + c));
        }
        for (int c = 1; c <= 19; c++) {
            columns.add(Oid.parse("1.3.6.1.2.1.31.1.1.1." + c));
        }
        SnmpTable ifTable = client.walkTable(target(sw, 1000, 1), columns.subList(0, 22)).get(10, TimeUnit.SECONDS);
        SnmpTable ifX = client.walkTable(target(sw, 1000, 1), columns.subList(22, 41)).get(10, TimeUnit.SECONDS);
        assertEquals(50, ifTable.size());
        assertEquals(50, ifX.size());
        int values = 0;
        for (SnmpTable t : List.of(ifTable, ifX)) {
            for (SnmpTable.Row r : t.rows()) {
                for (int c = 0; c < t.columns().size(); c++) {
                    values += r.value(c) == null ? 0 : 1;
                }
            }
        }
        assertTrue(values >= 2000, "about 2,100 instances, got " + values);
        SnmpTable.Row first = ifTable.rows().get(0);
        assertEquals("GigabitEthernet0/0/1", first.value(1).asText());
        assertEquals(SnmpValue.Type.COUNTER64, ifX.rows().get(0).value(5).type());
    }

    @Test
    void testSilentAgentTimesOut() {
        SimDevice sw = newSwitch("silent").silent(true);
        Throwable t = failure(client.get(target(sw, 150, 1), List.of(Oid.parse("1.3.6.1.2.1.1.5.0"))));
        assertInstanceOf(SnmpTimeoutException.class, t);
    }

    @Test
    void testSlowAnswerWithinTimeoutSucceedsAndBeyondTimeoutFails() throws Exception {
        SimDevice sw = newSwitch("slow").delayMillis(300);
        List<VarBind> vbs = client.get(target(sw, 2000, 0), List.of(Oid.parse("1.3.6.1.2.1.1.5.0")))
                .get(10, TimeUnit.SECONDS);
        assertEquals("sw-00007", vbs.get(0).value().asText());
        Throwable t = failure(client.get(target(sw, 100, 0), List.of(Oid.parse("1.3.6.1.2.1.1.5.0"))));
        assertInstanceOf(SnmpTimeoutException.class, t);
    }

    @Test
    void testMalformedAnswerIsAProtocolError() {
        SimDevice sw = newSwitch("garbage").quirk(SimDevice.Quirk.MALFORMED);
        Throwable t = failure(client.get(target(sw, 300, 0), List.of(Oid.parse("1.3.6.1.2.1.1.5.0"))));
        assertInstanceOf(SnmpProtocolException.class, t, () -> "got " + t);
    }

    @Test
    void testTruncatedAnswerIsAProtocolError() {
        SimDevice sw = newSwitch("truncated").quirk(SimDevice.Quirk.TRUNCATED);
        Throwable t = failure(client.walkTable(target(sw, 300, 0), List.of(Oid.parse("1.3.6.1.2.1.2.2.1.2"))));
        assertInstanceOf(SnmpProtocolException.class, t, () -> "got " + t);
    }

    @Test
    void testTableThatNeverEndsStopsAtTheRowLimit() {
        int[] column = {1, 3, 6, 1, 2, 1, 2, 2, 1, 1};
        SimDevice endless = responder.add(new SimDevice("endless", 0, new EndlessTableView(column)));
        Throwable t = failure(client.walkTable(target(endless, 1000, 0), List.of(Oid.wrap(column)), 2000));
        assertInstanceOf(SnmpProtocolException.class, t);
        assertTrue(t.getMessage().contains("2000"), t.getMessage());
    }

    @Test
    void testRestartResetsUptime() throws Exception {
        SimDevice sw = newSwitch("reboot");
        Oid uptime = Oid.parse("1.3.6.1.2.1.1.3.0");
        long before = sw.bootNanos();
        sw.restart();
        assertTrue(sw.bootNanos() > before);
        long ticks = client.get(target(sw, 1000, 0), List.of(uptime)).get(10, TimeUnit.SECONDS).get(0).value().asLong();
        assertTrue(ticks < 500, "uptime restarted, got " + ticks);
    }
}
