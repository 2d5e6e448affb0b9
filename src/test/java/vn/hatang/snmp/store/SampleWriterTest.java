package vn.hatang.snmp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.api.SnmpTarget;
import vn.hatang.snmp.poll.IfRate;
import vn.hatang.snmp.poll.IfSample;
import vn.hatang.snmp.poll.PollResult;
import vn.hatang.snmp.poll.UptimeSource;
import vn.hatang.snmp.poll.PolledDevice;
import vn.hatang.testing.Eventually;
import vn.hatang.testing.TestDatabase;

/** Verifies sample storage in real PostgreSQL: COPY into day partitions, roll-ups, retention, outages. */
class SampleWriterTest {
    private static final PolledDevice DEVICE = new PolledDevice(7, "sw", SnmpTarget.of("127.0.0.1", 161,
            SnmpCredentials.community("x")), Duration.ofSeconds(60));

    @BeforeEach
    void reset() {
        TestDatabase.reset();
    }

    private static PollResult poll(Instant t, int interfaces) {
        List<IfSample> s = new ArrayList<>();
        for (int i = 1; i <= interfaces; i++) {
            s.add(new IfSample(i, "GE0/" + i, "GigabitEthernet0/" + i, "", 6, 1_000_000_000L, 1, i % 2 == 0 ? 2 : 1,
                    true, 1000L * i, 2000L * i, 0L, 0L, 0L, 0L, null));
        }
        return new PollResult(DEVICE.id(), t, System.nanoTime(), 100L, UptimeSource.SYS_UPTIME, s, interfaces * 10);
    }

    private static List<IfRate> rates(int interfaces, double bps) {
        List<IfRate> r = new ArrayList<>();
        for (int i = 1; i <= interfaces; i++) {
            r.add(new IfRate(i, bps, bps / 2));
        }
        return r;
    }

    private static void await(String what, BooleanSupplier c) {
        Eventually.until(c, what);
    }

    private static long count(String sql) {
        return TestDatabase.dsl().fetchOne(sql).get(0, Long.class);
    }

    @Test
    void testSamplesAreCopiedIntoTodaysPartitionAndRolledUpHourly() throws Exception {
        DataSource ds = TestDatabase.get().dataSource();
        Instant now = Instant.now();
        try (SampleWriter w = new SampleWriter(ds, new SampleWriter.Options(), SampleWriter.Listener.NONE)) {
            w.polled(DEVICE, poll(now.minusSeconds(60), 4), rates(4, 1_000_000));
            w.polled(DEVICE, poll(now, 4), rates(4, 3_000_000));
            await("8 rows", () -> w.written() == 8);
            assertEquals(8, count("select count(*) from snmp_if_sample where device_id = 7"));
            String partition = TestDatabase.dsl().fetchOne("select tableoid::regclass::text from snmp_if_sample"
                    + " limit 1").get(0, String.class);
            assertTrue(partition.startsWith("snmp_if_sample_2"), partition);
            try (Connection c = ds.getConnection()) {
                w.rollUp(c, now.minus(2, ChronoUnit.HOURS), now.plusSeconds(1));
            }
            double avg = TestDatabase.dsl().fetchOne("select sum(in_bps_avg * samples) / sum(samples)"
                    + " from snmp_if_hourly where device_id = 7 and if_index = 1").get(0, Double.class);
            assertEquals(2_000_000, avg, 1);
        }
    }

    @Test
    void testPartitionsPastRetentionAreDropped() throws Exception {
        DataSource ds = TestDatabase.get().dataSource();
        Instant now = Instant.now();
        try (SampleWriter w = new SampleWriter(ds, new SampleWriter.Options(), SampleWriter.Listener.NONE)) {
            w.polled(DEVICE, poll(now.minus(40, ChronoUnit.DAYS), 2), rates(2, 1));
            w.polled(DEVICE, poll(now, 2), rates(2, 1));
            await("4 rows", () -> w.written() == 4);
            w.maintain(now);
            assertEquals(2, count("select count(*) from snmp_if_sample"));
        }
    }

    @Test
    void testDatabaseOutageNeverBlocksPollingAndLosesOnlyWhatDidNotFit() throws Exception {
        FlakyDataSource ds = new FlakyDataSource(TestDatabase.get().dataSource());
        SampleWriter.Options o = new SampleWriter.Options();
        o.bufferRows = 100;
        try (SampleWriter w = new SampleWriter(ds, o, SampleWriter.Listener.NONE)) {
            w.polled(DEVICE, poll(Instant.now(), 10), rates(10, 1));
            await("first write", () -> w.written() == 10);
            ds.down = true;
            long t0 = System.nanoTime();
            for (int i = 0; i < 30; i++) {
                w.polled(DEVICE, poll(Instant.now(), 10), rates(10, 1));
            }
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1), "polling did not wait for the database");
            await("error seen", () -> w.lastError() != null);
            assertEquals(200, w.dropped(), "30 polls × 10 rows, 100 buffered: 200 dropped");
            ds.down = false;
            await("buffer written", () -> w.written() == 110);
            assertEquals(110, count("select count(*) from snmp_if_sample"));
            assertFalse(w.lastError() != null && w.buffered() > 0);
        }
    }

    /** The real database, refusing connections while {@code down} (a restarting server). */
    static final class FlakyDataSource implements DataSource {
        private final DataSource delegate;
        volatile boolean down;

        FlakyDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw new SQLException("Connection refused (simulated restart)", "08001");
            }
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return delegate.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return delegate.isWrapperFor(iface);
        }
    }
}
