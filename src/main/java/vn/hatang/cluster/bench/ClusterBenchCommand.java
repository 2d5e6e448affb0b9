package vn.hatang.cluster.bench;

import static vn.hatang.db.Tables.CLUSTER_NODE;
import static vn.hatang.db.Tables.POLL_LEASE;

import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.hatang.cluster.PollLeases;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Database;
import vn.hatang.platform.db.Db;
import vn.hatang.snmp.bench.PostgresCpu;
import vn.hatang.snmp.service.SimulatedFleet;
import vn.hatang.snmp.store.SecretBox;

/**
 * {@code hatang bench cluster --instances K --devices N}: K hatang instances (child JVMs) on one throwaway embedded
 * PostgreSQL poll a simulated fleet of 48-port switches served by a simulator in its own JVM; after a few intervals
 * one instance is killed with SIGKILL in the middle of an interval. Figures from the samples: polls per interval,
 * devices polled twice within an interval, devices left unpolled, the time until every device of the killed
 * instance was polled again (each keeps its rhythm, so up to an interval), and the instances' CPU per poll; then, apart,
 * the lease hand-over (the killed instance's last heartbeat until the others hold its leases) and how many of its
 * devices were polled later than one interval after that heartbeat. The fleet is served by as many simulator
 * processes as the limit of open files per process asks for (one UDP socket per simulated device).
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Đo nhiều phiên bản thăm dò chung một CSDL (CSDL tạm) / several instances polling on one database"})
public final class ClusterBenchCommand implements Callable<Integer> {
    private static final String COMMUNITY = "bench-fleet";

    @Option(names = "--instances", defaultValue = "2")
    int instances;

    @Option(names = "--devices", defaultValue = "2000")
    int devices;

    @Option(names = "--interval", defaultValue = "60", description = "chu kỳ thăm dò (giây) / poll interval (s)")
    int intervalSeconds;

    @Option(names = "--intervals", defaultValue = "3", description = "chu kỳ đo trước khi giết / intervals before the kill")
    int intervals;

    @Option(names = "--heap", defaultValue = "768m", description = "heap of each instance")
    String heap;

    @Option(names = "--devices-per-simulator", defaultValue = "8000", description = {"thiết bị mô phỏng mỗi tiến trình"
        + " (mỗi thiết bị một socket UDP, dưới giới hạn tệp mở của tiến trình)", "simulated devices per simulator process"
        + " (one UDP socket each, below the per-process limit of open files, ulimit -Hn)"})
    int perSimulator;

    @Override
    public Integer call() throws Exception {
        if (instances < 2 || devices < 1 || intervalSeconds < 5 || intervals < 1 || perSimulator < 1) {
            System.err.println("Tham số không hợp lệ / invalid arguments: --instances ≥ 2, --devices ≥ 1, --interval ≥ 5");
            return 2;
        }
        Path work = Files.createTempDirectory("hatang-bench-cluster");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).setCleanDataDirectory(true)
                .setServerConfig("timezone", "UTC").setServerConfig("max_connections", "200")
                .setServerConfig("synchronous_commit", "off").setServerConfig("shared_buffers", "256MB").start();
        Vertx vertx = Vertx.vertx();
        List<Process> sims = new ArrayList<>();
        List<NodeProcess> nodes = new ArrayList<>();
        try (Database database = Database.open(new HatangConfig.DatabaseOptions(pg.getJdbcUrl("postgres", "postgres"),
                "postgres", "", null, 4))) {
            DSLContext dsl = database.dsl();
            // A throwaway database: the fixture is attributed to the bench, not captured row by row.
            dsl.execute("alter database postgres set hatang.actor = 'system:bench'");
            dsl.execute("alter database postgres set hatang.audit_detail = 'summary'");
            dsl.execute("insert into audit_head (id, seq, hmac) values (1, 0, '') on conflict do nothing");
            database.pool().getHikariPoolMXBean().softEvictConnections();
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            byte[] auditKey = new byte[32];
            new java.security.SecureRandom().nextBytes(auditKey);

            // The fleet in processes of up to --devices-per-simulator devices each, on one port: the first picks it.
            int port = 0;
            for (int from = 0; from < devices; from += perSimulator) {
                Path log = work.resolve("simulate-" + sims.size() + ".log");
                Process sim = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                        "-cp", System.getProperty("java.class.path"), "vn.hatang.Main", "simulate", "--devices",
                        String.valueOf(Math.min(perSimulator, devices - from)), "--fleet", COMMUNITY, "--fleet-from",
                        String.valueOf(from), "--base-port", String.valueOf(port)).redirectError(log.toFile()).start();
                sims.add(sim);
                String ready = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                if (ready == null || !ready.startsWith("simulate: ready")) {
                    System.err.println("simulator did not start: " + Files.readString(log));
                    return 1;
                }
                port = Integer.parseInt(ready.replaceAll(".* port=(\\d+).*", "$1"));
            }
            Db db = new Db(dsl, new Blocking(vertx), new Db.TransactionHook() {
                @Override
                public void opened(DSLContext tx, vn.hatang.security.Actor actor) {
                }

                @Override
                public void closing(DSLContext tx, vn.hatang.security.Scope scope) {
                }
            });
            SimulatedFleet.write(db, new SecretBox(key), SimulatedFleet.devices(devices, true), COMMUNITY, port, 10);

            Duration interval = Duration.ofSeconds(intervalSeconds);
            for (int i = 0; i < instances; i++) {
                Map<String, String> env = new HashMap<>();
                env.put("HATANG_DB_URL", pg.getJdbcUrl("postgres", "postgres"));
                env.put("HATANG_DB_USER", "postgres");
                env.put("HATANG_DB_PASSWORD", "");
                env.put("HATANG_DATA_DIR", Files.createDirectories(work.resolve("n" + i)).toString());
                env.put("HATANG_INVENTORY", work.resolve("no-inventory").toString());
                env.put("HATANG_HTTP_PORT", "0");
                env.put("HATANG_NODE_ID", "n" + i);
                env.put("HATANG_AUDIT_KEY", java.util.Base64.getEncoder().encodeToString(auditKey));
                env.put("HATANG_SNMP_KEY", java.util.Base64.getEncoder().encodeToString(key));
                env.put("HATANG_SNMP_SIMULATE", "off");
                env.put("HATANG_SNMP_INTERVAL", String.valueOf(intervalSeconds));
                env.put("HATANG_SNMP_LINK_INTERVAL", String.valueOf(intervalSeconds));
                env.put("HATANG_SNMP_TRAP_PORT", "-1");
                env.put("HATANG_COVERAGE_SCHEDULE", "off");
                nodes.add(NodeProcess.start("n" + i, env, work.resolve("n" + i + ".log"), "-Xmx" + heap));
                if (i == 0) {
                    nodes.get(0).awaitReady(300); // the first start on an empty database creates the administrator
                }
            }
            for (NodeProcess n : nodes) {
                n.awaitReady(300);
            }
            Instant begin = Instant.now();
            // Steady state: the shares settle, then `intervals` whole intervals are measured.
            await(() -> nodes.stream().allMatch(n -> leases(dsl, n.name()) >= PollLeases.BUCKETS / instances), 300);
            Instant settled = Instant.now().plus(interval);
            waitUntil(settled);
            long cpu0 = cpu(nodes);
            PostgresCpu pgCpu = PostgresCpu.of(work.resolve("pg"));
            long pg0 = pgCpu == null ? 0 : pgCpu.cpuMillis();
            Instant measuredTo = settled.plus(interval.multipliedBy(intervals));
            waitUntil(measuredTo.plus(interval.dividedBy(2)));
            long cpu1 = cpu(nodes);
            long pg1 = pgCpu == null ? 0 : pgCpu.cpuMillis();
            long polls = polls(dsl, settled, measuredTo);

            NodeProcess victim = nodes.get(0);
            Set<Integer> buckets = dsl.select(POLL_LEASE.BUCKET).from(POLL_LEASE)
                    .where(POLL_LEASE.NODE_ID.eq(victim.name())).fetchSet(POLL_LEASE.BUCKET);
            List<Long> orphans = dsl.selectFrom(vn.hatang.db.Tables.DEVICE).fetch(vn.hatang.db.Tables.DEVICE.ID)
                    .stream().filter(id -> buckets.contains(PollLeases.bucket(id))).toList();
            Instant killed = Instant.now();
            victim.kill();
            Instant lastBeat = dsl.select(CLUSTER_NODE.HEARTBEAT_AT).from(CLUSTER_NODE)
                    .where(CLUSTER_NODE.NODE_ID.eq(victim.name())).fetchOne(CLUSTER_NODE.HEARTBEAT_AT);
            // Waits that may fail on an overloaded machine: the figures say what did not happen in time.
            boolean leasesMoved = within(() -> dsl.fetchCount(POLL_LEASE, POLL_LEASE.BUCKET.in(buckets)
                    .and(POLL_LEASE.NODE_ID.ne(victim.name()))) == buckets.size(), intervalSeconds * 4L);
            Instant handedOver = dsl.select(DSL.max(POLL_LEASE.ACQUIRED_AT)).from(POLL_LEASE)
                    .where(POLL_LEASE.BUCKET.in(buckets)).fetchOne().value1();
            within(() -> polledAfter(dsl, orphans, killed) == orphans.size(), intervalSeconds * 4L);
            // From the samples: when each orphan was polled again, and whether that was later than it was due (one
            // interval after the victim's last heartbeat, or after its last poll if that came later).
            Map<Long, List<Instant>> around = pollTimes(dsl, killed.minus(interval.multipliedBy(2)), Instant.now());
            Instant lastTaken = killed;
            int lateTaken = 0;
            for (Long id : orphans) {
                List<Instant> times = around.getOrDefault(id, List.of());
                Instant before = times.stream().filter(t -> !t.isAfter(killed)).reduce((x, y) -> y).orElse(lastBeat);
                Instant first = times.stream().filter(t -> t.isAfter(killed)).findFirst().orElse(null);
                if (first == null) {
                    lateTaken++; // not polled again within four intervals
                    continue;
                }
                lastTaken = first.isAfter(lastTaken) ? first : lastTaken;
                Instant due = (before.isAfter(lastBeat) ? before : lastBeat).plus(interval).plusSeconds(1);
                if (first.isAfter(due)) {
                    lateTaken++;
                }
            }
            double takeover = Duration.between(killed, lastTaken).toMillis() / 1000.0;
            Instant end = Instant.now().plus(interval);
            waitUntil(end);

            Map<Long, List<Instant>> all = pollTimes(dsl, settled, end);
            int duplicates = 0;
            int missed = 0;
            Duration late = interval.plus(Duration.ofSeconds(15 + 5)); // one lease (3 beats of 5 s) and a beat late
            for (List<Instant> times : all.values()) {
                for (int i = 1; i < times.size(); i++) {
                    Duration gap = Duration.between(times.get(i - 1), times.get(i));
                    if (gap.compareTo(interval.dividedBy(2)) < 0) {
                        duplicates++;
                    } else if (gap.compareTo(late) > 0) {
                        missed++;
                    }
                }
            }
            missed += devices - all.size();
            System.out.printf("bench cluster: instances=%d devices=%d polled_per_interval=%d duplicates=%d missed=%d"
                            + " takeover_s=%.1f cpu_ms_per_device=%.2f postgres_cpu_ms_per_device=%.2f%n", instances,
                    devices, polls / intervals, duplicates, missed, takeover, (cpu1 - cpu0) / (double) Math.max(1, polls),
                    (pg1 - pg0) / (double) Math.max(1, polls));
            System.out.printf("bench cluster: lease_handover_s=%.1f (%s's last heartbeat → the others hold its %d"
                            + " leases) takeover_after_last_beat_s=%.1f late=%d (of %d devices: polled more than one"
                            + " interval after its last heartbeat or their last poll)%n",
                    leasesMoved ? Duration.between(lastBeat, handedOver).toMillis() / 1000.0 : Double.NaN,
                    victim.name(), buckets.size(),
                    Duration.between(lastBeat, lastTaken).toMillis() / 1000.0, lateTaken, orphans.size());
            System.out.printf("bench cluster: interval_s=%d measured %s .. %s, killed %s at %s (%d devices), ready after"
                    + " %d s%n", intervalSeconds, settled, measuredTo, victim.name(), killed, orphans.size(),
                    Duration.between(begin, settled).toSeconds());
            return 0;
        } finally {
            nodes.forEach(NodeProcess::close);
            for (Process sim : sims) {
                sim.getOutputStream().close();
                if (!sim.waitFor(10, TimeUnit.SECONDS)) {
                    sim.destroyForcibly();
                }
            }
            vertx.close();
            pg.close();
            vn.hatang.platform.FileTrees.delete(work);
        }
    }

    private static long cpu(List<NodeProcess> nodes) {
        return nodes.stream().mapToLong(n -> Math.max(0, n.cpuMillis())).sum();
    }

    private static int leases(DSLContext dsl, String node) {
        return dsl.fetchCount(POLL_LEASE, POLL_LEASE.NODE_ID.eq(node)
                .and(POLL_LEASE.EXPIRES_AT.gt(DSL.field("now()", POLL_LEASE.EXPIRES_AT.getDataType()))));
    }

    private static long polls(DSLContext dsl, Instant from, Instant to) {
        return dsl.fetchOne("select count(*) from (select distinct device_id, ts from snmp_if_sample"
                + " where ts >= ? and ts < ?) p", java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
                .get(0, Long.class);
    }

    private static Map<Long, List<Instant>> pollTimes(DSLContext dsl, Instant from, Instant to) {
        Map<Long, List<Instant>> m = new HashMap<>();
        dsl.fetch("select distinct device_id, ts from snmp_if_sample where ts >= ? and ts < ? order by 1, 2",
                java.sql.Timestamp.from(from), java.sql.Timestamp.from(to)).forEach(r -> m.computeIfAbsent(
                        r.get(0, Long.class), k -> new ArrayList<>()).add(r.get(1, java.sql.Timestamp.class).toInstant()));
        return m;
    }

    private static int polledAfter(DSLContext dsl, List<Long> devices, Instant after) {
        return dsl.fetchOne("select count(distinct device_id) from snmp_if_sample where ts > ? and device_id = any(?)",
                java.sql.Timestamp.from(after), devices.toArray(Long[]::new)).get(0, Integer.class);
    }

    private static void waitUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            TimeUnit.MILLISECONDS.sleep(ms);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, long timeoutSeconds)
            throws InterruptedException {
        if (!within(condition, timeoutSeconds)) {
            throw new IllegalStateException("condition not met within " + timeoutSeconds + " s");
        }
    }

    private static boolean within(java.util.function.BooleanSupplier condition, long timeoutSeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        return true;
    }
}
