package vn.hatang.cluster;

import static vn.hatang.db.Tables.POLL_LEASE;

import io.vertx.core.Vertx;
import java.util.Base64;
import java.util.List;
import org.jooq.DSLContext;
import vn.hatang.snmp.service.SimulatedFleet;
import vn.hatang.snmp.sim.Province;
import vn.hatang.snmp.store.SecretBox;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/** What the cluster tests start from: an empty database without leases, and a simulated fleet in it. */
final class ClusterFixture {
    private ClusterFixture() {
    }

    /** Resets the test database and frees every poll lease (left by an earlier test's instances). */
    static DSLContext emptyCluster() {
        TestDatabase.reset();
        DSLContext dsl = TestDatabase.dsl();
        dsl.deleteFrom(POLL_LEASE).execute();
        return dsl;
    }

    /**
     * Starts {@code devices} simulated routers answering {@code community} and records them, with the profile that
     * polls them, in the inventory, spread over {@code regions} offices. The caller closes the fleet.
     */
    static Province fleet(Vertx vertx, int devices, String community, int regions) {
        List<Province.Device> list = SimulatedFleet.devices(devices, false);
        Province fleet = Province.start(list, community, 1);
        SimulatedFleet.write(TestDatabase.db(vertx), new SecretBox(Base64.getDecoder().decode(TestServer.SNMP_KEY)),
                list, community, fleet.port(), regions);
        return fleet;
    }
}
