package vn.hatang.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.hatang.db.Tables.POLL_LEASE;
import static vn.hatang.db.Tables.SNMP_DEVICE_STATE;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.snmp.sim.Province;
import vn.hatang.testing.Eventually;
import vn.hatang.testing.TestServer;

/**
 * Verifies that devices an instance takes over already due (their holder died just after an interval) are polled at
 * once and their polls stored under the new lease: none of these first polls may be fenced off as unleased, which
 * would leave the device unpolled for one more interval. Many devices due together make the first answers come back
 * while the instance is still arming the rest (before the fix, polls were fenced off in each of 4 runs). A long
 * heartbeat (leases of 15 s) keeps a slow renewal on a loaded machine from fencing writes for a reason of its own.
 */
class TakeOverFirstPollTest {
    private static final int DEVICES = 3000;
    private static final Duration INTERVAL = Duration.ofSeconds(60);

    private final Vertx vertx = Vertx.vertx();
    private DSLContext dsl;
    private Province fleet;
    private TestServer server;

    @BeforeEach
    void fleet() {
        dsl = ClusterFixture.emptyCluster();
        fleet = ClusterFixture.fleet(vertx, DEVICES, "take-over", 1);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        fleet.close();
        vertx.close();
    }

    @Test
    void devicesDueWhenTakenOverArePolledAtOnceUnderTheirNewLease() {
        // What a dead instance leaves: every lease about to expire, every device last polled just over an interval ago.
        dsl.execute("insert into poll_lease (region, bucket, node_id, generation, acquired_at, expires_at) "
                + "select '', b, 'gone', nextval('poll_lease_generation_seq'), now() - interval '1 hour', "
                + "now() + interval '2 seconds' from generate_series(0, ?) b", PollLeases.BUCKETS - 1);
        dsl.execute("insert into snmp_device_state (device_id, last_poll) select id, now() - ? * interval '1 second' "
                + "from device on conflict (device_id) do update set last_poll = excluded.last_poll",
                INTERVAL.toSeconds() + 1);
        server = TestServer.start(Path.of("target/no-inventory"), Map.of("HATANG_NODE_ID", "b",
                "HATANG_CLUSTER_HEARTBEAT_SECONDS", "5", "HATANG_SNMP_SIMULATE", "off",
                "HATANG_SNMP_INTERVAL", String.valueOf(INTERVAL.toSeconds()),
                "HATANG_SNMP_LINK_INTERVAL", String.valueOf(INTERVAL.toSeconds())));

        Instant claimed = Eventually.value(() -> dsl.select(DSL.count(), DSL.max(POLL_LEASE.ACQUIRED_AT))
                .from(POLL_LEASE).where(POLL_LEASE.NODE_ID.eq("b")).fetchOne(),
                r -> r.value1() == PollLeases.BUCKETS, "b holds every lease").value2();
        // Each device's first poll after the take-over comes at once and is stored (its state's last poll moves on,
        // answered or not), not fenced off as unleased and made again one interval later.
        Instant halfway = claimed.plus(INTERVAL.dividedBy(2));
        int polled = Eventually.value(() -> polledSince(claimed), n -> n == DEVICES || Instant.now().isAfter(halfway),
                "every device polled since b took it over, or half an interval gone");
        assertEquals(DEVICES, polled, () -> "devices polled within half an interval of the take-over; samples "
                + "fenced off: " + metric("hatang_snmp_samples_fenced_total") + "; some of the others: "
                + dsl.fetch("select device_id, last_poll, last_error from snmp_device_state where last_poll < ? "
                + "limit 5", java.sql.Timestamp.from(claimed)));
        assertEquals(0.0, metric("hatang_snmp_samples_fenced_total"), "samples of b's own leases were fenced off");
    }

    /** Devices whose stored state says they were polled (answered or not) since {@code from}. */
    private int polledSince(Instant from) {
        return dsl.fetchCount(SNMP_DEVICE_STATE, SNMP_DEVICE_STATE.LAST_POLL.ge(from));
    }

    private double metric(String series) {
        String body = server.client().get(server.port(), "127.0.0.1", "/metrics").send().await().bodyAsString();
        for (String line : body.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(series + " not in /metrics");
    }
}
