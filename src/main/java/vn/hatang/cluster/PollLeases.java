package vn.hatang.cluster;

import static vn.hatang.db.Sequences.POLL_LEASE_GENERATION_SEQ;
import static vn.hatang.db.Tables.CLUSTER_NODE;
import static vn.hatang.db.Tables.POLL_LEASE;
import static vn.hatang.db.Tables.UNIT;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.security.Scope;
import vn.hatang.snmp.store.PollShare;

/**
 * The poll work divided by leases in PostgreSQL, in the manner of ShedLock and Quartz's JDBC store: a device falls in
 * one of {@link #BUCKETS} buckets (a hash of its id) of its region ('' for any instance, or the unit code of a
 * regional poller whose subtree holds it); each (region, bucket) row is held by one instance until {@code expires_at},
 * renewed on every refresh. Claims lock rows with {@code FOR UPDATE SKIP LOCKED}, so instances refreshing together
 * never wait for each other or take the same row, and each claim draws a new generation from one sequence. Times are
 * the database's ({@code now()}), so the instances' clocks need not agree.
 *
 * <p>Sharing: among the live instances serving a region, each aims at ceil(B / n) rows; one above its share gives
 * rows back only while another is below floor(B / n) (a newcomer), and free rows are taken by anyone when nobody is
 * short, so no row stays unpolled. Giving back takes two refreshes: the row's devices stop being polled at the first,
 * the row is freed at the next, so their last polls are written under the lease they were made under. A regional poller's rows go to the other instances only when it has been gone
 * longer than the grace, and come back to it when it returns.
 *
 * <p>Timing: the renewal is the instance's heartbeat (one transaction, one clock), so an instance's rows expire at
 * the very instant it counts as gone: last heartbeat + {@link #ttl}. Refreshes follow the heartbeat, and come sooner
 * when something is about to happen: at the expiry of another's rows (the take-over starts at the expiry, not at
 * the next beat after it), shortly after rows were marked for giving back (once their last polls are written), and
 * often while this instance waits for its share (a newcomer or a woken one takes it as soon as it is given back).
 */
public final class PollLeases implements PollShare {
    /** Rows per region: up to this many instances share one region. */
    public static final int BUCKETS = 64;
    static final String ANY = "";
    private static final Scope SCOPE = Scope.system("cluster");
    private static final Field<Instant> NOW = DSL.field("now()", POLL_LEASE.EXPIRES_AT.getDataType());

    /** A row of {@code poll_lease}. */
    record Lease(String region, int bucket) {
    }

    /** A region of a regional poller: its unit's code and path. */
    private record Region(String code, String path) {
    }

    private final Db db;
    private final String node;
    private final Duration ttl;
    private final Duration deadAfter;
    private final Duration grace;
    private final List<String> units;
    private final boolean exclusive;
    private final Duration beat;
    private volatile Runnable changed;
    private Duration next;
    private boolean takeAll;
    private volatile Map<Lease, Long> held = Map.of();
    private volatile List<Region> regions = List.of();
    private volatile int polling;
    /** Rows given up at the next refresh: no longer polled, so what was polled under them is written first. */
    private final Set<Lease> leaving = new HashSet<>();

    /**
     * @param exclusive this instance is the only one (the embedded database belongs to one process): its first
     *                  refresh takes every row at once, whoever held it before a restart
     */
    public PollLeases(Db db, String node, HatangConfig.ClusterOptions options, boolean exclusive) {
        this.db = db;
        this.node = node;
        this.ttl = options.deadAfter();
        this.deadAfter = options.deadAfter();
        this.grace = options.regionGrace();
        this.units = List.copyOf(options.pollerUnits());
        this.exclusive = exclusive;
        this.takeAll = exclusive;
        this.beat = options.heartbeat();
        this.next = beat;
    }

    /** The bucket of a device: a multiplicative hash, so consecutive ids spread over every bucket. */
    public static int bucket(long deviceId) {
        return (int) ((deviceId * 0x9E3779B97F4A7C15L) >>> 32 & 0x7fffffff) % BUCKETS;
    }

    /** How long a lease lasts after its last renewal (the same as a node counting as gone). */
    public Duration ttl() {
        return ttl;
    }

    @Override
    public long lease(long deviceId, String unitPath) {
        return held.getOrDefault(new Lease(regionOf(unitPath), bucket(deviceId)), 0L);
    }

    /** The deepest regional poller's unit whose subtree holds the unit, or '' (any instance). */
    private String regionOf(String unitPath) {
        for (Region r : regions) {
            if (unitPath != null && unitPath.startsWith(r.path())) {
                return r.code();
            }
        }
        return ANY;
    }

    /** Rows held now, by region (the cluster view). */
    public Map<String, Integer> heldByRegion() {
        Map<String, Integer> n = new HashMap<>();
        held.keySet().forEach(l -> n.merge(l.region(), 1, Integer::sum));
        return n;
    }

    @Override
    public void polling(int devices) {
        polling = devices;
    }

    @Override
    public void listen(Runnable changed) {
        this.changed = changed;
    }

    /**
     * One heartbeat (blocking): with SNMP polling, renews and rebalances the leases in the same transaction and tells
     * SNMP when what it holds changed; otherwise only the heartbeat. Returns when the next one is due.
     */
    public Duration beat() {
        Runnable listener = changed;
        if (listener == null) {
            db.inTransaction(SCOPE, dsl -> dsl.update(CLUSTER_NODE).set(CLUSTER_NODE.HEARTBEAT_AT, NOW)
                    .where(CLUSTER_NODE.NODE_ID.eq(node)).execute());
            return beat;
        }
        if (refresh()) {
            listener.run();
        }
        return next;
    }

    @Override
    public synchronized boolean refresh() {
        Map<Lease, Long> before = held;
        Map<Lease, Long> now = db.inTransaction(SCOPE, this::refresh);
        held = Map.copyOf(now);
        takeAll = false;
        return !now.equals(before);
    }

    private Map<Lease, Long> refresh(DSLContext dsl) {
        bounded(dsl); // frozen between its renewal and its commit, it would keep its expired rows locked
        Field<Instant> until = shifted(ttl);
        List<String> served = units.isEmpty() ? List.of(ANY) : units;
        for (String region : served) {
            dsl.insertInto(POLL_LEASE, POLL_LEASE.REGION, POLL_LEASE.BUCKET)
                    .select(DSL.select(DSL.val(region), DSL.field("b", Integer.class))
                            .from(DSL.generateSeries(0, BUCKETS - 1).as("s", "b")))
                    .onConflictDoNothing().execute();
        }
        regions = dsl.selectDistinct(UNIT.CODE, UNIT.PATH).from(POLL_LEASE).join(UNIT).on(UNIT.CODE.eq(POLL_LEASE.REGION))
                .fetch(r -> new Region(r.value1(), r.value2())).stream()
                .sorted(Comparator.comparingInt((Region r) -> r.path().length()).reversed()).toList();
        dsl.update(CLUSTER_NODE).set(CLUSTER_NODE.HEARTBEAT_AT, NOW).set(CLUSTER_NODE.POLLED_DEVICES, polling)
                .where(CLUSTER_NODE.NODE_ID.eq(node)).execute();
        Map<Lease, Long> mine = new HashMap<>();
        dsl.update(POLL_LEASE).set(POLL_LEASE.EXPIRES_AT, until)
                .where(POLL_LEASE.NODE_ID.eq(node)).and(POLL_LEASE.EXPIRES_AT.gt(NOW))
                .returning(POLL_LEASE.REGION, POLL_LEASE.BUCKET, POLL_LEASE.GENERATION)
                .fetch().forEach(r -> mine.put(new Lease(r.getRegion(), r.getBucket()), r.getGeneration()));
        release(dsl, List.copyOf(leaving), mine);
        leaving.clear();

        // Who else serves what: live instances and the rows each holds per region.
        Map<String, Set<String>> servers = new HashMap<>();
        dsl.select(CLUSTER_NODE.NODE_ID, CLUSTER_NODE.POLLER_UNITS).from(CLUSTER_NODE)
                .where(CLUSTER_NODE.HEARTBEAT_AT.gt(shifted(deadAfter.negated()))).and(DSL.condition(!exclusive))
                .forEach(r -> regionsOf(r.value2()).forEach(g -> servers.computeIfAbsent(g, k -> new HashSet<>())
                        .add(r.value1())));
        served.forEach(g -> servers.computeIfAbsent(g, k -> new HashSet<>()).add(node));
        Map<String, Map<String, Integer>> holding = new HashMap<>();
        dsl.select(POLL_LEASE.REGION, POLL_LEASE.NODE_ID, DSL.count()).from(POLL_LEASE)
                .where(POLL_LEASE.NODE_ID.isNotNull()).and(POLL_LEASE.EXPIRES_AT.gt(NOW))
                .groupBy(POLL_LEASE.REGION, POLL_LEASE.NODE_ID)
                .forEach(r -> holding.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r.value3()));

        boolean waiting = false;
        for (String region : served) {
            Set<String> peers = servers.get(region);
            int share = (BUCKETS + peers.size() - 1) / peers.size();
            int floor = BUCKETS / peers.size();
            Map<String, Integer> counts = holding.getOrDefault(region, Map.of());
            boolean shortOne = peers.stream().anyMatch(p -> !p.equals(node) && counts.getOrDefault(p, 0) < floor);
            List<Lease> ours = mine.keySet().stream().filter(l -> l.region().equals(region))
                    .sorted(Comparator.comparingInt(Lease::bucket)).toList();
            if (shortOne && ours.size() > share) {
                leaving.addAll(ours.subList(share, ours.size()));
            }
            waiting |= ours.size() < floor && counts.entrySet().stream()
                    .anyMatch(c -> !c.getKey().equals(node) && c.getValue() > share);
            int limit = shortOne ? Math.max(0, share - ours.size()) : BUCKETS;
            claim(dsl, POLL_LEASE.REGION.eq(region), limit, until, mine);
        }
        if (units.isEmpty()) {
            fallBack(dsl, servers, until, mine);
        }
        next = nextRefresh(dsl, served, waiting);
        Map<Lease, Long> polled = new HashMap<>(mine);
        leaving.forEach(polled::remove);
        return polled;
    }

    /**
     * The next beat, or sooner: when another's rows expire (a dead instance's devices are due), when rows given up
     * may be freed (their last polls written: the sample writer flushes every second), or, while this instance waits
     * for rows another must give back, a quarter of a beat.
     */
    private Duration nextRefresh(DSLContext dsl, List<String> served, boolean waiting) {
        Duration d = beat;
        if (!leaving.isEmpty()) {
            d = min(d, Duration.ofMillis(1500));
        }
        if (waiting) {
            d = min(d, beat.dividedBy(4));
        }
        Double expiry = dsl.select(DSL.field("extract(epoch from min({0}) - now()) * 1000", Double.class,
                        POLL_LEASE.EXPIRES_AT)).from(POLL_LEASE).where(POLL_LEASE.NODE_ID.ne(node))
                .and(POLL_LEASE.EXPIRES_AT.gt(NOW)).and(POLL_LEASE.REGION.in(served))
                .fetchOne(0, Double.class);
        if (expiry != null) {
            d = min(d, Duration.ofMillis(Math.round(expiry) + 10)); // just past it: the rows are free, their holder gone
        }
        return d;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * A general instance polls a regional poller's rows while no instance of that region lives and the rows have
     * been free longer than the grace, and gives them back as soon as one lives again.
     */
    private void fallBack(DSLContext dsl, Map<String, Set<String>> servers, Field<Instant> until,
                          Map<Lease, Long> mine) {
        for (Region r : regions) {
            if (servers.containsKey(r.code())) {
                mine.keySet().stream().filter(l -> l.region().equals(r.code())).forEach(leaving::add);
            } else {
                claim(dsl, POLL_LEASE.REGION.eq(r.code()).and(POLL_LEASE.EXPIRES_AT
                        .le(shifted(grace.negated()))), BUCKETS, until, mine);
            }
        }
    }

    private void claim(DSLContext dsl, Condition which, int limit, Field<Instant> until, Map<Lease, Long> mine) {
        if (limit <= 0) {
            return;
        }
        Condition free = POLL_LEASE.NODE_ID.isNull().or(POLL_LEASE.EXPIRES_AT.le(NOW));
        var rows = dsl.select(POLL_LEASE.REGION, POLL_LEASE.BUCKET).from(POLL_LEASE)
                .where(which).and(takeAll ? free.or(POLL_LEASE.NODE_ID.isDistinctFrom(node)) : free)
                .orderBy(POLL_LEASE.REGION, POLL_LEASE.BUCKET).limit(limit).forUpdate().skipLocked().fetch();
        if (rows.isEmpty()) {
            return;
        }
        Condition keys = DSL.row(POLL_LEASE.REGION, POLL_LEASE.BUCKET).in(rows.stream()
                .map(r -> DSL.row(r.value1(), r.value2())).toList());
        dsl.update(POLL_LEASE).set(POLL_LEASE.NODE_ID, node)
                .set(POLL_LEASE.GENERATION, POLL_LEASE_GENERATION_SEQ.nextval())
                .set(POLL_LEASE.ACQUIRED_AT, NOW).set(POLL_LEASE.EXPIRES_AT, until).where(keys)
                .returning(POLL_LEASE.REGION, POLL_LEASE.BUCKET, POLL_LEASE.GENERATION)
                .fetch().forEach(r -> mine.put(new Lease(r.getRegion(), r.getBucket()), r.getGeneration()));
    }

    private void release(DSLContext dsl, List<Lease> leases, Map<Lease, Long> mine) {
        if (leases.isEmpty()) {
            return;
        }
        dsl.update(POLL_LEASE).setNull(POLL_LEASE.NODE_ID).set(POLL_LEASE.EXPIRES_AT, NOW)
                .where(POLL_LEASE.NODE_ID.eq(node)).and(DSL.row(POLL_LEASE.REGION, POLL_LEASE.BUCKET)
                        .in(leases.stream().map(l -> DSL.row(l.region(), l.bucket())).toList()))
                .execute();
        leases.forEach(mine::remove);
    }

    /** The database's now, moved by {@code d}. */
    private static Field<Instant> shifted(Duration d) {
        return DSL.field("now() + {0} * interval '1 millisecond'", POLL_LEASE.EXPIRES_AT.getDataType(),
                DSL.val(d.toMillis()));
    }

    /** The regions an instance serves, from its {@code poller_units} column ('' when it has none). */
    static List<String> regionsOf(String pollerUnits) {
        if (pollerUnits == null || pollerUnits.isBlank()) {
            return List.of(ANY);
        }
        List<String> r = new ArrayList<>();
        for (String u : pollerUnits.split(",")) {
            if (!u.isBlank()) {
                r.add(u.strip());
            }
        }
        return r;
    }

    /**
     * A transaction that stalls (its process paused) while holding lease rows would keep them from the others: the
     * server ends it after one lease time.
     */
    private void bounded(DSLContext tx) {
        String limit = String.valueOf(ttl.toMillis());
        tx.select(DSL.function("set_config", String.class, DSL.val("idle_in_transaction_session_timeout"),
                DSL.val(limit), DSL.inline(true)), DSL.function("set_config", String.class,
                DSL.val("statement_timeout"), DSL.val(limit), DSL.inline(true))).fetch();
    }

    @Override
    public Set<Long> fence(DSLContext tx) {
        bounded(tx);
        return new HashSet<>(tx.select(POLL_LEASE.GENERATION).from(POLL_LEASE).where(POLL_LEASE.NODE_ID.eq(node))
                .and(POLL_LEASE.EXPIRES_AT.gt(NOW)).forShare().fetch(POLL_LEASE.GENERATION));
    }

    @Override
    public synchronized void release() {
        changed = null;
        held = Map.of();
        leaving.clear();
        db.inTransaction(SCOPE, dsl -> dsl.update(POLL_LEASE).setNull(POLL_LEASE.NODE_ID)
                .set(POLL_LEASE.EXPIRES_AT, NOW).where(POLL_LEASE.NODE_ID.eq(node)).execute());
    }
}
