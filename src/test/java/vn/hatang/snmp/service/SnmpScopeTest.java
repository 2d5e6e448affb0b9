package vn.hatang.snmp.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.LINK;
import static vn.hatang.db.Tables.SNMP_DEVICE_STATE;
import static vn.hatang.db.Tables.SNMP_EVENT;
import static vn.hatang.db.Tables.SNMP_FINDING;
import static vn.hatang.db.Tables.SNMP_INTERFACE;
import static vn.hatang.db.Tables.SNMP_PROFILE;
import static vn.hatang.db.Tables.UNIT;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.platform.http.ApiException;
import vn.hatang.security.Scope;
import vn.hatang.security.TestScopes;
import vn.hatang.testing.TestDatabase;

/**
 * Verifies that every SNMP read applies the caller's scope in SQL: a caller whose scope is unit B sees B's profiles,
 * devices, interfaces, findings, events, links and state, and nothing of its sibling C — C's rows do not exist for
 * it (404), they are not filtered out of a count.
 */
class SnmpScopeTest {
    private DSLContext dsl;
    private long b;
    private long c;
    private long deviceB;
    private long deviceC;

    @BeforeEach
    void fixture() {
        TestDatabase.reset();
        dsl = TestDatabase.dsl();
        long root = unit("A", null);
        b = unit("B", root);
        c = unit("C", root);
        deviceB = device("DEV-B", b);
        deviceC = device("DEV-C", c);
        for (long[] p : new long[][] {{b, deviceB}, {c, deviceC}}) {
            dsl.insertInto(SNMP_PROFILE).set(SNMP_PROFILE.NAME, "profile-" + p[0]).set(SNMP_PROFILE.UNIT_ID, p[0])
                    .set(SNMP_PROFILE.NETWORKS, JSONB.valueOf("[\"10.0.0.0/8\"]")).set(SNMP_PROFILE.SNMP_VERSION, "v2c")
                    .set(SNMP_PROFILE.SECRET, new byte[] {1}).execute();
            dsl.insertInto(LINK).set(LINK.CODE, "L-" + p[0]).set(LINK.KIND, "special_use").set(LINK.UNIT_ID, p[0])
                    .set(LINK.BANDWIDTH_MBPS, 10).set(LINK.DEVICE_ID, p[1]).execute();
            dsl.insertInto(SNMP_DEVICE_STATE).set(SNMP_DEVICE_STATE.DEVICE_ID, p[1]).set(SNMP_DEVICE_STATE.REACHABLE, true)
                    .execute();
            dsl.insertInto(SNMP_INTERFACE).set(SNMP_INTERFACE.DEVICE_ID, p[1]).set(SNMP_INTERFACE.IF_INDEX, 1)
                    .set(SNMP_INTERFACE.UPDATED_AT, Instant.now()).execute();
            dsl.insertInto(SNMP_FINDING).set(SNMP_FINDING.DEVICE_ID, p[1]).set(SNMP_FINDING.KIND, "SERIAL_UNKNOWN")
                    .set(SNMP_FINDING.MESSAGE, "-").execute();
            dsl.insertInto(SNMP_EVENT).set(SNMP_EVENT.DEVICE_ID, p[1]).set(SNMP_EVENT.AT, Instant.now())
                    .set(SNMP_EVENT.KIND, "DEVICE_REACHABLE").set(SNMP_EVENT.SOURCE, "POLL").execute();
        }
    }

    private long unit(String code, Long parent) {
        String parentPath = parent == null ? "/" : dsl.select(UNIT.PATH).from(UNIT).where(UNIT.ID.eq(parent))
                .fetchOne(UNIT.PATH);
        long id = dsl.insertInto(UNIT).set(UNIT.CODE, code).set(UNIT.NAME, code)
                .set(UNIT.KIND, parent == null ? "provincial_committee" : "office").set(UNIT.PARENT_ID, parent)
                .set(UNIT.PATH, "pending").set(UNIT.DEPTH, parent == null ? 0 : 1).returning(UNIT.ID).fetchOne()
                .getId();
        dsl.update(UNIT).set(UNIT.PATH, parentPath + id + "/").where(UNIT.ID.eq(id)).execute();
        return id;
    }

    private long device(String serial, long unit) {
        return dsl.insertInto(DEVICE).set(DEVICE.SERIAL, serial).set(DEVICE.CATEGORY, "router").set(DEVICE.UNIT_ID, unit)
                .returning(DEVICE.ID).fetchOne().getId();
    }

    @Test
    void testAScopeSeesItsSubtreeOnly() {
        Scope onlyB = TestScopes.subtrees(b);
        assertEquals(List.of("profile-" + b), SnmpRepository.profiles(dsl, onlyB).stream()
                .map(r -> r.get(SNMP_PROFILE.NAME)).toList());
        assertEquals(List.of("L-" + b), SnmpRepository.links(dsl, onlyB, null, null, 0, 100).stream()
                .map(r -> r.get(LINK.CODE)).toList());
        assertEquals(List.of(deviceB), SnmpRepository.events(dsl, onlyB, null, null, null, null, null, 100).stream()
                .map(e -> e.getDeviceId()).toList());
        assertEquals(1, SnmpRepository.openFindings(dsl, onlyB, deviceB).size());
        assertEquals(0, SnmpRepository.openFindings(dsl, onlyB, deviceC).size());
        assertEquals(0, SnmpRepository.interfaces(dsl, onlyB, deviceC).size());
        assertNull(SnmpRepository.state(dsl, onlyB, deviceC));
        assertEquals(List.of(deviceB), SnmpRepository.devicesOf(dsl, onlyB,
                dsl.selectFrom(UNIT).where(UNIT.CODE.eq("A")).fetchOne()));
    }

    @Test
    void testRowsOutsideTheScopeDoNotExist() {
        Scope onlyB = TestScopes.subtrees(b);
        long linkC = dsl.select(LINK.ID).from(LINK).where(LINK.UNIT_ID.eq(c)).fetchOne(LINK.ID);
        long profileC = dsl.select(SNMP_PROFILE.ID).from(SNMP_PROFILE).where(SNMP_PROFILE.UNIT_ID.eq(c))
                .fetchOne(SNMP_PROFILE.ID);
        assertEquals(404, assertThrows(ApiException.class, () -> SnmpRepository.device(dsl, onlyB, deviceC)).status());
        assertEquals(404, assertThrows(ApiException.class, () -> SnmpRepository.link(dsl, onlyB, linkC)).status());
        assertEquals(404, assertThrows(ApiException.class, () -> SnmpRepository.profile(dsl, onlyB, profileC)).status());
        assertEquals(404, assertThrows(ApiException.class, () -> SnmpRepository.unit(dsl, onlyB, c)).status());
        ApiException ref = assertThrows(ApiException.class, () -> SnmpRepository.profileRef(dsl, onlyB, profileC,
                "profile_id"));
        assertEquals("profile_id", ref.field(), "named in a body: a 400 naming the field");
    }
}
