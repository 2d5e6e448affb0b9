package vn.hatang.cluster;

import static vn.hatang.db.Tables.CLUSTER_NODE;
import static vn.hatang.db.Tables.JOB_RUN;
import static vn.hatang.db.Tables.POLL_LEASE;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.Module;
import vn.hatang.platform.Platform;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Routes;
import vn.hatang.platform.http.Schema;
import vn.hatang.security.Permission;
import vn.hatang.security.Scope;

/**
 * Membership of the instances on one database: each registers in {@code cluster_node} and renews its heartbeat, in
 * the database's time and with its poll leases, on its own timer (not a cluster-once job: every instance beats); one
 * that misses three beats counts as gone, at the instant its leases expire.
 * {@code GET /api/v1/cluster} and {@code /metrics} show the instances and the scheduled runs.
 */
public final class ClusterModule implements Module, Endpoint {
    private static final Field<Instant> NOW = DSL.field("now()", CLUSTER_NODE.HEARTBEAT_AT.getDataType());
    private static final Logger LOG = LoggerFactory.getLogger(ClusterModule.class);
    private final Platform platform;
    private final String node;
    private final Scope scope;
    private final PollLeases leases;
    private volatile java.util.function.IntSupplier missed = () -> 0;
    private volatile long timer = -1;
    private volatile boolean closed;

    public ClusterModule(Platform platform, String node) {
        this.platform = platform;
        this.node = node;
        this.scope = Scope.system("cluster");
        // The embedded database belongs to one process: that instance holds every lease, whoever held them before.
        this.leases = new PollLeases(platform.db(), node, platform.config().cluster(),
                platform.config().database().embedded());
    }

    public String node() {
        return node;
    }

    /** This instance's share of the polling (SNMP's port). */
    public PollLeases pollLeases() {
        return leases;
    }

    /** Where the cluster view and {@code /metrics} learn the devices nobody polled in time (SNMP, when it runs). */
    public void missedDevices(java.util.function.IntSupplier missed) {
        this.missed = missed;
    }

    /** Registers this instance (blocking) and starts its heartbeat. */
    public void join(String httpUrl, String version) {
        var options = platform.config().cluster();
        platform.db().inTransaction(scope, dsl -> {
            Instant now = dsl.select(NOW).fetchOne(NOW);
            return dsl.insertInto(CLUSTER_NODE).set(CLUSTER_NODE.NODE_ID, node)
                .set(CLUSTER_NODE.HOST, host()).set(CLUSTER_NODE.PID, ProcessHandle.current().pid())
                .set(CLUSTER_NODE.HTTP_URL, httpUrl).set(CLUSTER_NODE.VERSION, version)
                .set(CLUSTER_NODE.POLLER_UNITS, options.pollerUnits().isEmpty() ? null
                        : String.join(",", options.pollerUnits()))
                .set(CLUSTER_NODE.STARTED_AT, now).set(CLUSTER_NODE.HEARTBEAT_AT, now)
                .onConflict(CLUSTER_NODE.NODE_ID).doUpdate()
                .set(CLUSTER_NODE.HOST, host()).set(CLUSTER_NODE.PID, ProcessHandle.current().pid())
                .set(CLUSTER_NODE.HTTP_URL, httpUrl).set(CLUSTER_NODE.VERSION, version)
                .set(CLUSTER_NODE.STARTED_AT, now).set(CLUSTER_NODE.HEARTBEAT_AT, now).execute();
        });
        beatIn(options.heartbeat());
        LOG.info("Nút / node {} (nhịp mỗi / heartbeat every {} s)", node, options.heartbeat().toSeconds());
    }

    /**
     * The heartbeat, in the database's time, with the poll leases' renewal (see {@link PollLeases#beat}): each beat
     * says when the next is due, sooner than the period when a take-over or a hand-over is about to happen.
     */
    private void beatIn(Duration delay) {
        if (closed) {
            return;
        }
        timer = platform.vertx().setTimer(Math.max(1, delay.toMillis()), id -> platform.blocking().run(leases::beat)
                .onComplete(r -> {
                    if (r.failed()) {
                        LOG.warn("Không gửi được nhịp / heartbeat failed: {}", r.cause().toString());
                    }
                    beatIn(r.succeeded() ? r.result() : platform.config().cluster().heartbeat());
                }));
    }

    /** The instances whose heartbeat is recent enough (including this one). */
    public List<String> alive(DSLContext dsl) {
        Field<Instant> limit = DSL.field("now() - {0} * interval '1 millisecond'", NOW.getDataType(),
                DSL.val(platform.config().cluster().deadAfter().toMillis()));
        return dsl.select(CLUSTER_NODE.NODE_ID).from(CLUSTER_NODE).where(CLUSTER_NODE.HEARTBEAT_AT.gt(limit))
                .orderBy(CLUSTER_NODE.NODE_ID).fetch(CLUSTER_NODE.NODE_ID);
    }

    public static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(this);
    }

    @Override
    public void addRoutes(Routes routes) {
        routes.tag("cluster");
        routes.get("/cluster", "getCluster", Permission.READ).wholeTree()
                .doc("Các nút của hệ thống", "The instances on this database, their heartbeats and scheduled runs")
                .answers(Schema.object().required("node", Schema.text(100))
                        .required("nodes", Schema.arrayOf(Schema.object().required("node_id", Schema.text(100))
                                .required("host", Schema.text(255)).required("pid", Schema.integer(0, Long.MAX_VALUE))
                                .optional("http_url", Schema.text(300)).optional("version", Schema.text(50))
                                .optional("poller_units", Schema.text(1000)).required("started_at", Schema.instant())
                                .required("heartbeat_at", Schema.instant()).required("alive", Schema.bool())
                                .required("self", Schema.bool())
                                .required("leases", Schema.object().open().json())
                                .optional("polled_devices", Schema.integer(0, Integer.MAX_VALUE)).json()))
                        .required("buckets", Schema.integer(1, Integer.MAX_VALUE))
                        .required("leases_free", Schema.integer(0, Integer.MAX_VALUE))
                        .required("devices_missed", Schema.integer(0, Integer.MAX_VALUE))
                        .required("jobs", Schema.arrayOf(Schema.object().required("name", Schema.text(100))
                                .required("period_start", Schema.instant()).required("node_id", Schema.text(100))
                                .required("started_at", Schema.instant()).optional("finished_at", Schema.instant())
                                .optional("outcome", Schema.text(1000)).json())).json())
                .json(c -> status(c.scope()));
    }

    Future<JsonObject> status(Scope caller) {
        return platform.db().read(caller, dsl -> {
            Instant now = dsl.select(NOW).fetchOne(NOW); // the time the heartbeats and leases are written in
            Instant limit = now.minus(platform.config().cluster().deadAfter());
            Map<String, JsonObject> held = new HashMap<>();
            dsl.select(POLL_LEASE.NODE_ID, POLL_LEASE.REGION, DSL.count())
                    .from(POLL_LEASE).where(POLL_LEASE.NODE_ID.isNotNull())
                    .and(POLL_LEASE.EXPIRES_AT.gt(now)).groupBy(POLL_LEASE.NODE_ID, POLL_LEASE.REGION)
                    .forEach(r -> held.computeIfAbsent(r.value1(), k -> new JsonObject())
                            .put(r.value2().isEmpty() ? "*" : r.value2(), r.value3()));
            int free = dsl.fetchCount(POLL_LEASE, POLL_LEASE.NODE_ID.isNull().or(POLL_LEASE.EXPIRES_AT.le(now)));
            JsonArray nodes = new JsonArray();
            dsl.selectFrom(CLUSTER_NODE).orderBy(CLUSTER_NODE.NODE_ID).forEach(n -> nodes.add(new JsonObject()
                    .put("node_id", n.getNodeId()).put("host", n.getHost()).put("pid", n.getPid())
                    .put("http_url", n.getHttpUrl()).put("version", n.getVersion())
                    .put("poller_units", n.getPollerUnits()).put("started_at", n.getStartedAt().toString())
                    .put("heartbeat_at", n.getHeartbeatAt().toString())
                    .put("alive", n.getHeartbeatAt().isAfter(limit)).put("self", n.getNodeId().equals(node))
                    .put("leases", held.getOrDefault(n.getNodeId(), new JsonObject()))
                    .put("polled_devices", n.getPolledDevices())));
            JsonArray jobs = new JsonArray();
            dsl.select(JOB_RUN.NAME, JOB_RUN.PERIOD_START, JOB_RUN.NODE_ID, JOB_RUN.STARTED_AT, JOB_RUN.FINISHED_AT,
                    JOB_RUN.OUTCOME).distinctOn(JOB_RUN.NAME).from(JOB_RUN)
                    .orderBy(JOB_RUN.NAME, JOB_RUN.PERIOD_START.desc()).forEach(j -> jobs.add(new JsonObject()
                            .put("name", j.value1()).put("period_start", j.value2().toString())
                            .put("node_id", j.value3()).put("started_at", j.value4().toString())
                            .put("finished_at", j.value5() == null ? null : j.value5().toString())
                            .put("outcome", j.value6())));
            return new JsonObject().put("node", node).put("nodes", nodes).put("buckets", PollLeases.BUCKETS)
                    .put("leases_free", free).put("devices_missed", missed.getAsInt()).put("jobs", jobs);
        });
    }

    @Override
    public void metrics(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("hatang_cluster_nodes_alive")
                .help("Instances on this database whose heartbeat is recent").callback(cb -> {
                    try {
                        cb.call(platform.db().readNow(scope, this::alive).size());
                    } catch (RuntimeException e) {
                        // the database is down: no value rather than a wrong one
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("hatang_cluster_leases").labelNames("node", "region")
                .help("Poll leases (device buckets) this instance holds, by region (* = any instance)").callback(cb ->
                        leases.heldByRegion().forEach((region, n) -> cb.call(n, node, region.isEmpty() ? "*" : region)))
                .register(registry);
    }

    /** Stops the heartbeat and leaves: the others count one instance fewer at once (its leases are given back by SNMP). */
    @Override
    public void close() {
        closed = true;
        if (timer >= 0) {
            platform.vertx().cancelTimer(timer);
            try {
                platform.db().inTransaction(scope, dsl -> dsl.deleteFrom(CLUSTER_NODE)
                        .where(CLUSTER_NODE.NODE_ID.eq(node)).execute());
            } catch (RuntimeException e) {
                LOG.warn("Không rời cụm được / could not leave the cluster: {}", e.getMessage());
            }
        }
    }
}
