package vn.hatang.snmp.store;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.snmp.poll.IfRate;
import vn.hatang.snmp.poll.IfSample;
import vn.hatang.snmp.poll.PollResult;
import vn.hatang.snmp.poll.PolledDevice;

/**
 * Writes interface samples to the day-partitioned {@code snmp_if_sample} with COPY, from its own thread. Polling
 * never waits for the database: samples go into a bounded buffer; while the database is slow or down the buffer
 * fills and further samples are dropped and counted, so an outage costs the samples of the outage and no more.
 * Also keeps partitions, hourly roll-ups and retention.
 */
public final class SampleWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SampleWriter.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** Sizes and retention; defaults in one place. */
    public static final class Options {
        /** Rows held while the database cannot keep up (≈ 4 minutes of a 10,000-switch fleet). */
        public long bufferRows = 2_000_000;
        public int batchRows = 50_000;
        public Duration flushInterval = Duration.ofSeconds(1);
        public Duration rawRetention = Duration.ofDays(30);
        public Duration hourlyRetention = Duration.ofDays(365);
        public Duration maintenanceInterval = Duration.ofMinutes(15);
    }

    /** Counters for metrics. */
    public interface Listener {
        void written(long rows);

        void dropped(long rows);

        /** Samples not stored: polled under a lease this instance no longer holds (it was paused, or gave it up). */
        void fenced(long rows);

        Listener NONE = new Listener() {
            @Override
            public void written(long rows) {
            }

            @Override
            public void dropped(long rows) {
            }

            @Override
            public void fenced(long rows) {
            }
        };
    }

    private static final class Batch {
        final long deviceId;
        final Instant time;
        final List<IfSample> samples;
        final List<IfRate> rates;
        final long generation;

        Batch(long deviceId, Instant time, List<IfSample> samples, List<IfRate> rates, long generation) {
            this.generation = generation;
            this.deviceId = deviceId;
            this.time = time;
            this.samples = samples;
            this.rates = rates;
        }
    }

    private final DataSource dataSource;
    private final Options options;
    private final Listener listener;
    private final PollShare share;
    private final LinkedBlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedRows = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Set<LocalDate> partitions = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String lastError;
    private long nextMaintenance;

    public SampleWriter(DataSource dataSource, Options options, Listener listener) {
        this(dataSource, options, listener, null);
    }

    /** @param share when not null, samples are written only under a lease still held (checked in the COPY's transaction) */
    public SampleWriter(DataSource dataSource, Options options, Listener listener, PollShare share) {
        this.share = share;
        this.dataSource = dataSource;
        this.options = options;
        this.listener = listener;
        this.thread = new Thread(this::loop, "snmp-sample-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues the samples of one poll; drops (and counts) them when the buffer is full. */
    public void polled(PolledDevice device, PollResult result, List<IfRate> rates) {
        polled(device, result, rates, PollShare.UNFENCED);
    }

    /** The same, for a poll made under the lease of {@code generation} (see {@link PollShare}). */
    public void polled(PolledDevice device, PollResult result, List<IfRate> rates, long generation) {
        int n = result.interfaces().size();
        if (queuedRows.addAndGet(n) > options.bufferRows) {
            queuedRows.addAndGet(-n);
            dropped.addAndGet(n);
            listener.dropped(n);
            return;
        }
        queue.add(new Batch(device.id(), result.time(), result.interfaces(), rates, generation));
    }

    public long written() {
        return written.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long buffered() {
        return queuedRows.get();
    }

    /** The last database error, or null once writing works again. */
    public String lastError() {
        return lastError;
    }

    private void loop() {
        List<Batch> pending = new ArrayList<>();
        long backoff = 500;
        while (running || !queue.isEmpty() || !pending.isEmpty()) {
            try {
                if (pending.isEmpty()) {
                    Batch first = queue.poll(options.flushInterval.toMillis(), TimeUnit.MILLISECONDS);
                    if (first != null) {
                        pending.add(first);
                        int rows = first.samples.size();
                        Batch b;
                        while (rows < options.batchRows && (b = queue.poll()) != null) {
                            pending.add(b);
                            rows += b.samples.size();
                        }
                    }
                }
                if (!pending.isEmpty()) {
                    int rows = copy(pending);
                    queuedRows.addAndGet(-pending.stream().mapToLong(b -> b.samples.size()).sum());
                    written.addAndGet(rows);
                    listener.written(rows);
                    pending.clear();
                    lastError = null;
                    backoff = 500;
                }
                if (System.nanoTime() - nextMaintenance > 0) {
                    maintain(Instant.now());
                    nextMaintenance = System.nanoTime() + options.maintenanceInterval.toNanos();
                }
            } catch (InterruptedException e) {
                // close(): the loop ends once the buffer is written
            } catch (SQLException | RuntimeException e) {
                if (lastError == null) {
                    LOG.warn("Ghi mẫu SNMP thất bại, sẽ thử lại / writing SNMP samples failed, retrying: {}",
                            e.getMessage());
                }
                lastError = e.getMessage();
                partitions.clear();
                if (!running) {
                    long lost = pending.stream().mapToLong(b -> b.samples.size()).sum();
                    dropped.addAndGet(lost);
                    listener.dropped(lost);
                    break;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(backoff);
                } catch (InterruptedException ie) {
                    // closing
                }
                backoff = Math.min(30_000, backoff * 2);
            }
        }
    }

    /** Writes the batches (fenced: only those whose lease still holds) and returns the rows written. */
    private int copy(List<Batch> batches) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            for (Batch b : batches) {
                ensurePartition(c, LocalDate.ofInstant(b.time, ZoneOffset.UTC));
            }
            if (share == null) {
                return copy(c, batches);
            }
            c.setAutoCommit(false);
            try {
                org.jooq.DSLContext dsl = org.jooq.impl.DSL.using(c, org.jooq.SQLDialect.POSTGRES);
                Set<Long> held = share.fence(dsl);
                List<Batch> standing = batches.stream().filter(b -> PollShare.stands(b.generation, held)).toList();
                int rows = copy(c, standing);
                lastPolls(dsl, standing);
                c.commit();
                long stale = batches.stream().filter(b -> !PollShare.stands(b.generation, held))
                        .mapToLong(b -> b.samples.size()).sum();
                if (stale > 0) {
                    listener.fenced(stale);
                }
                return rows;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * The polls' times, with their samples: an instance that takes a device over keeps its rhythm from the last poll
     * it can see, and the state (written each second) may lag the samples by that second when the poller dies.
     */
    private static void lastPolls(org.jooq.DSLContext dsl, List<Batch> batches) {
        java.util.Map<Long, Instant> last = new java.util.HashMap<>();
        batches.forEach(b -> last.merge(b.deviceId, b.time, (x, y) -> x.isAfter(y) ? x : y));
        if (last.isEmpty()) {
            return;
        }
        var t = vn.hatang.db.Tables.SNMP_DEVICE_STATE;
        var v = org.jooq.impl.DSL.values(last.entrySet().stream()
                .map(e -> org.jooq.impl.DSL.row(e.getKey(), e.getValue())).toArray(org.jooq.Row2[]::new))
                .as("v", "device_id", "ts");
        var id = v.field("device_id", Long.class);
        var ts = v.field("ts", Instant.class);
        // An upsert: a device's first poll has no state row until the next state write, which a killed poller
        // never makes (the taker then knew no last poll and started the device anywhere in the interval).
        var device = vn.hatang.db.Tables.DEVICE;
        dsl.insertInto(t, t.DEVICE_ID, t.LAST_POLL).select(org.jooq.impl.DSL.select(id, ts).from(v).join(device)
                        .on(device.ID.eq(id)))
                .onConflict(t.DEVICE_ID).doUpdate().set(t.LAST_POLL, org.jooq.impl.DSL.excluded(t.LAST_POLL))
                .where(t.LAST_POLL.isNull().or(t.LAST_POLL.lt(org.jooq.impl.DSL.excluded(t.LAST_POLL)))).execute();
    }

    private int copy(Connection c, List<Batch> batches) throws SQLException {
        if (batches.isEmpty()) {
            return 0;
        }
        StringBuilder sb = new StringBuilder(batches.size() * 50 * 80);
        int rows = 0;
        for (Batch b : batches) {
            String ts = b.time.toString();
            for (int i = 0; i < b.samples.size(); i++) {
                IfSample s = b.samples.get(i);
                IfRate r = b.rates != null && i < b.rates.size() ? b.rates.get(i) : null;
                sb.append(b.deviceId).append('\t').append(s.ifIndex).append('\t').append(ts).append('\t');
                num(sb, s.operStatus).append('\t');
                num(sb, s.inOctets).append('\t');
                num(sb, s.outOctets).append('\t');
                rate(sb, r == null ? Double.NaN : r.inBps).append('\t');
                rate(sb, r == null ? Double.NaN : r.outBps).append('\t');
                num(sb, s.inErrors).append('\t');
                num(sb, s.outErrors).append('\n');
                rows++;
            }
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY snmp_if_sample (device_id, if_index, ts, "
                    + "oper_status, in_octets, out_octets, in_bps, out_bps, in_errors, out_errors) FROM STDIN",
                    new StringReader(sb.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
        return rows;
    }

    private static StringBuilder num(StringBuilder sb, Long v) {
        // Not reported, or a Counter64 above 2^63 (negative as a long), which does not fit bigint either.
        return v == null || v < 0 ? sb.append("\\N") : sb.append(v);
    }

    private static StringBuilder num(StringBuilder sb, Integer v) {
        return v == null ? sb.append("\\N") : sb.append(v);
    }

    private static StringBuilder rate(StringBuilder sb, double v) {
        return Double.isNaN(v) ? sb.append("\\N") : sb.append(Math.round(v * 100) / 100.0);
    }

    private void ensurePartition(Connection c, LocalDate day) throws SQLException {
        if (partitions.contains(day)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS snmp_if_sample_" + DAY.format(day)
                    + " PARTITION OF snmp_if_sample FOR VALUES FROM ('" + day + "T00:00:00Z') TO ('"
                    + day.plusDays(1) + "T00:00:00Z')");
        }
        partitions.add(day);
    }

    /** Rolls up the last hours, drops raw partitions past retention and old roll-ups. Safe to repeat. */
    public void maintain(Instant now) throws SQLException {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            ensurePartition(c, LocalDate.ofInstant(now, ZoneOffset.UTC));
            ensurePartition(c, LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1));
            rollUp(c, hour.minus(3, ChronoUnit.HOURS), hour.plus(1, ChronoUnit.HOURS));
            LocalDate oldest = LocalDate.ofInstant(now.minus(options.rawRetention), ZoneOffset.UTC);
            List<String> drop = new ArrayList<>();
            try (Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                         + " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'snmp_if_sample'")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String suffix = name.substring(name.lastIndexOf('_') + 1);
                    if (suffix.matches("\\d{8}") && LocalDate.parse(suffix, DAY).isBefore(oldest)) {
                        drop.add(name);
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                for (String name : drop) {
                    st.execute("DROP TABLE IF EXISTS " + name);
                    partitions.remove(LocalDate.parse(name.substring(name.lastIndexOf('_') + 1), DAY));
                }
            }
            try (var ps = c.prepareStatement("DELETE FROM snmp_if_hourly WHERE hour < ?")) {
                ps.setTimestamp(1, Timestamp.from(now.minus(options.hourlyRetention)));
                ps.executeUpdate();
            }
        }
    }

    /** Hourly averages and maxima of [from, to), upserted so re-running an hour replaces it. */
    public void rollUp(Connection c, Instant from, Instant to) throws SQLException {
        try (var ps = c.prepareStatement("INSERT INTO snmp_if_hourly (device_id, if_index, hour, in_bps_avg,"
                + " out_bps_avg, in_bps_max, out_bps_max, up_ratio, samples)"
                + " SELECT device_id, if_index, date_trunc('hour', ts), avg(in_bps), avg(out_bps), max(in_bps),"
                + " max(out_bps), avg(CASE WHEN oper_status = 1 THEN 1.0 ELSE 0.0 END), count(*)"
                + " FROM snmp_if_sample WHERE ts >= ? AND ts < ? GROUP BY 1, 2, 3"
                + " ON CONFLICT (device_id, if_index, hour) DO UPDATE SET in_bps_avg = excluded.in_bps_avg,"
                + " out_bps_avg = excluded.out_bps_avg, in_bps_max = excluded.in_bps_max,"
                + " out_bps_max = excluded.out_bps_max, up_ratio = excluded.up_ratio, samples = excluded.samples")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            ps.executeUpdate();
        }
    }

    /** Writes what is buffered (bounded wait), then stops. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
