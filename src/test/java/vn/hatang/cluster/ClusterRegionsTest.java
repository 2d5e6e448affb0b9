package vn.hatang.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static vn.hatang.db.Tables.CLUSTER_NODE;
import static vn.hatang.db.Tables.POLL_LEASE;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.testing.TestDatabase;

/**
 * Verifies that a regional poller (HATANG_POLLER_UNITS) alone polls its subtree's devices, that the other instances
 * take them over only once it has been gone longer than the grace, and give them back when it returns.
 */
class ClusterRegionsTest {
    private final Vertx vertx = Vertx.vertx();
    private DSLContext dsl;
    private String province;
    private String region;

    @BeforeEach
    void units() {
        dsl = ClusterFixture.emptyCluster();
        long root = unit("P", null, "/");
        province = "/" + root + "/";
        long office = unit("P-NORTH", root, province);
        region = province + office + "/";
        for (String node : List.of("general", "north")) {
            dsl.insertInto(CLUSTER_NODE).set(CLUSTER_NODE.NODE_ID, node).set(CLUSTER_NODE.HOST, "h")
                    .set(CLUSTER_NODE.PID, 1L).set(CLUSTER_NODE.POLLER_UNITS, node.equals("north") ? "P-NORTH" : null)
                    .set(CLUSTER_NODE.STARTED_AT, Instant.now()).set(CLUSTER_NODE.HEARTBEAT_AT, Instant.now())
                    .execute();
        }
    }

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void theRegionalPollerKeepsItsSubtreeAndOthersTakeItOnlyAfterTheGrace() {
        PollLeases general = leases("general", List.of());
        PollLeases north = leases("north", List.of("P-NORTH"));
        north.refresh();
        general.refresh();
        long device = 42;
        assertNotEquals(0, north.lease(device, region + "77/"), "the north poller polls its subtree");
        assertEquals(0, general.lease(device, region + "77/"), "the general instance leaves it alone");
        assertNotEquals(0, general.lease(device, province), "the general instance polls the rest");
        assertEquals(0, north.lease(device, province), "the regional poller polls nothing else");

        // The north poller is gone: its leases ran out a moment ago, within the grace of a minute.
        gone("north", Duration.ofSeconds(30));
        general.refresh();
        assertEquals(0, general.lease(device, region), "not before the grace has passed");
        gone("north", Duration.ofMinutes(2));
        general.refresh();
        assertNotEquals(0, general.lease(device, region), "taken over once gone longer than the grace");

        // It comes back: the general instance stops polling the region at once and frees it at its next refresh.
        dsl.update(CLUSTER_NODE).set(CLUSTER_NODE.HEARTBEAT_AT, Instant.now()).where(CLUSTER_NODE.NODE_ID.eq("north"))
                .execute();
        general.refresh();
        assertEquals(0, general.lease(device, region), "given back");
        north.refresh();
        assertEquals(0, north.lease(device, region), "still held until the general instance frees it");
        general.refresh();
        north.refresh();
        assertNotEquals(0, north.lease(device, region), "the north poller has its subtree again");
        assertEquals(PollLeases.BUCKETS, dsl.fetchCount(POLL_LEASE, POLL_LEASE.NODE_ID.eq("north")));
    }

    private PollLeases leases(String node, List<String> units) {
        return new PollLeases(TestDatabase.db(vertx), node, new HatangConfig.ClusterOptions(node,
                Duration.ofSeconds(5), units, Duration.ofMinutes(1)), false);
    }

    /** The node stopped beating and its leases expired {@code ago}. */
    private void gone(String node, Duration ago) {
        var then = DSL.field("now() - {0} * interval '1 second'", POLL_LEASE.EXPIRES_AT.getDataType(), ago.toSeconds());
        dsl.update(CLUSTER_NODE).set(CLUSTER_NODE.HEARTBEAT_AT, then).where(CLUSTER_NODE.NODE_ID.eq(node)).execute();
        dsl.update(POLL_LEASE).set(POLL_LEASE.EXPIRES_AT, then).where(POLL_LEASE.NODE_ID.eq(node)).execute();
    }

    private long unit(String code, Long parent, String parentPath) {
        long id = dsl.insertInto(UNIT).set(UNIT.CODE, code).set(UNIT.NAME, code).set(UNIT.KIND,
                parent == null ? "provincial_committee" : "office").set(UNIT.PARENT_ID, parent)
                .set(UNIT.PATH, "pending").set(UNIT.DEPTH, parent == null ? 0 : 1).returning(UNIT.ID).fetchOne().getId();
        dsl.update(UNIT).set(UNIT.PATH, parentPath + id + "/").where(UNIT.ID.eq(id)).execute();
        return id;
    }
}
