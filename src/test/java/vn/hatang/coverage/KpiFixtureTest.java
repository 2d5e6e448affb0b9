package vn.hatang.coverage;

import vn.hatang.testing.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.LINK;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.SNMP_LINK_STATE;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.db.Db;

/**
 * Verifies every KPI against values computed by hand on {@link CoverageFixture}: own and rolled-up figures, status,
 * gap lists with their reasons, the certificate source plug, snapshots, history and trend.
 */
class KpiFixtureTest {
    private static Vertx vertx;
    private static Db db;
    private final CoverageService service = new CoverageService(CoverageSources.inventory(), CoverageFixture.CLOCK);

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        db = TestDatabase.db(vertx);
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @BeforeEach
    void fixture() {
        CoverageFixture.load(db);
    }

    /** "own num/den | rollup num/den" of one KPI at one unit. */
    private String fig(CoverageService s, String kpi, String unit) {
        return db.inTransaction(TestDatabase.SYSTEM, dsl -> {
            var values = s.calculator().compute(dsl, s.targets().definitions(dsl), s.targets().rules(dsl), s.today(), null);
            long id = dsl.select(UNIT.ID).from(UNIT).where(UNIT.CODE.eq(unit)).fetchOne(UNIT.ID);
            var v = values.get(kpi, id);
            return v.own().num() + "/" + v.own().den() + " | " + v.rollup().num() + "/" + v.rollup().den();
        });
    }

    @Test
    void testEveryKpiMatchesTheHandComputedValues() {
        Map<String, Map<String, String>> expected = Map.of(
                "ENDPOINT_DELIVERY", Map.of("P", "0/0 | 3/6", "A", "3/4 | 3/4", "C1", "0/2 | 0/2", "E", "0/0 | 0/0"),
                "UNIT_MODERN", Map.of("P", "0/0 | 1/4", "A", "1/1 | 1/1", "C1", "0/1 | 0/1", "E", "0/1 | 0/1", "R", "0/1 | 0/1"),
                "STAFF_MODERN", Map.of("P", "0/0 | 3/6", "A", "1/3 | 1/3", "C1", "2/3 | 2/3", "E", "0/0 | 0/0", "R", "0/0 | 0/0"),
                "SIGNER_CERT", Map.of("P", "0/0 | 0/4", "A", "0/1 | 0/1", "C1", "0/3 | 0/3"),
                "VIDEOCONF_COMMUNE", Map.of("P", "0/0 | 1/3", "A", "0/0 | 0/0", "C1", "1/1 | 1/1", "E", "0/1 | 0/1", "R", "0/1 | 0/1"),
                "WAN_CONNECTED", Map.of("P", "0/0 | 1/4", "A", "1/1 | 1/1", "C1", "0/1 | 0/1", "E", "0/1 | 0/1", "R", "0/1 | 0/1"),
                "TABLET_COMMITTEE", Map.of("P", "0/0 | 1/2", "A", "1/1 | 1/1", "C1", "0/1 | 0/1"),
                "INFOSYS_LEVEL", Map.of("P", "0/0 | 1/3", "A", "1/2 | 1/2", "C1", "0/1 | 0/1"));
        expected.forEach((kpi, byUnit) -> byUnit.forEach((unit, want) ->
                assertEquals(want, fig(service, kpi, unit), kpi + " at " + unit)));
        // The merged commune counts nowhere: its people and devices now belong to C1.
        for (String kpi : expected.keySet()) {
            assertEquals("0/0 | 0/0", fig(service, kpi, "C2"), kpi + " at merged C2");
        }
    }

    /**
     * A KPI rooted at a subtree counts only the units in it (its root included), and the roll-up above the root sums
     * only them; a root code that names no unit counts nothing. The other KPIs, in the same statement, are unchanged.
     */
    @Test
    void testAKpiRootedAtASubtreeCountsOnlyThatSubtree() {
        db.inTransaction(TestDatabase.SYSTEM, dsl -> dsl.execute("update kpi_definition set root_unit_code = 'C1' "
                + "where code in ('STAFF_MODERN', 'WAN_CONNECTED')"));
        assertEquals("0/0 | 0/0", fig(service, "STAFF_MODERN", "A"));
        assertEquals("2/3 | 2/3", fig(service, "STAFF_MODERN", "C1"));
        assertEquals("0/0 | 2/3", fig(service, "STAFF_MODERN", "P"));
        assertEquals("0/0 | 0/0", fig(service, "WAN_CONNECTED", "A"));
        assertEquals("0/1 | 0/1", fig(service, "WAN_CONNECTED", "C1"));
        assertEquals("0/0 | 0/1", fig(service, "WAN_CONNECTED", "P"));
        assertEquals("0/0 | 3/6", fig(service, "ENDPOINT_DELIVERY", "P"));
        db.inTransaction(TestDatabase.SYSTEM, dsl -> dsl.execute("update kpi_definition set root_unit_code = 'NOWHERE' "
                + "where code = 'STAFF_MODERN'"));
        assertEquals("0/0 | 0/0", fig(service, "STAFF_MODERN", "C1"));
        assertEquals("0/0 | 0/0", fig(service, "STAFF_MODERN", "P"));
    }

    @Test
    void testStatusAgainstDeadlinesAtTheProvince() {
        JsonObject values = db.inTransaction(TestDatabase.SYSTEM, dsl -> service.values(dsl, TestDatabase.SYSTEM, "P", true));
        Map<String, String> status = values.getJsonArray("kpis").stream().map(o -> (JsonObject) o)
                .collect(Collectors.toMap(o -> o.getString("code"), o -> o.getString("status")));
        assertEquals(Map.of("ENDPOINT_DELIVERY", "met", "UNIT_MODERN", "at_risk", "STAFF_MODERN", "missed",
                "SIGNER_CERT", "missed", "VIDEOCONF_COMMUNE", "missed", "WAN_CONNECTED", "below_target",
                "TABLET_COMMITTEE", "missed", "INFOSYS_LEVEL", "below_target"), status);
        JsonObject staff = find(values, "STAFF_MODERN");
        assertEquals(50.0, staff.getJsonObject("value").getDouble("pct"));
        assertEquals(3, staff.getInteger("missing"));
        JsonObject cert = find(values, "SIGNER_CERT");
        assertEquals("inventory", cert.getString("source"));
        assertTrue(cert.getString("note_en").contains("certificate register is not connected"));
        // The empty unit has nobody to equip: not applicable, not 0 %.
        JsonObject empty = find(db.inTransaction(TestDatabase.SYSTEM, dsl -> service.values(dsl, TestDatabase.SYSTEM, "E", true)), "STAFF_MODERN");
        assertEquals("not_applicable", empty.getString("status"));
    }

    private static JsonObject find(JsonObject values, String code) {
        return values.getJsonArray("kpis").stream().map(o -> (JsonObject) o).filter(o -> o.getString("code").equals(code))
                .findFirst().orElseThrow();
    }

    /**
     * With live monitoring plugged in, an active special-use link whose carrying interface SNMP sees down no longer
     * connects its unit, and the gap list says why; without SNMP evidence the inventory status decides.
     */
    @Test
    void testWanConnectedFollowsLiveSnmpStatus() {
        CoverageService live = new CoverageService(new CoverageSources(CertificateVerdicts.NO_REGISTER,
                vn.hatang.snmp.links.LiveLinkStatus.INSTANCE),
                CoverageFixture.CLOCK);
        assertEquals("1/1 | 1/1", fig(live, "WAN_CONNECTED", "A"));
        String[] seen = new String[2];
        class Rollback extends RuntimeException {
        }
        try {
            db.inTransaction(TestDatabase.SYSTEM, dsl -> {
                long firewall = dsl.select(DEVICE.ID).from(DEVICE).join(UNIT).on(UNIT.ID.eq(DEVICE.UNIT_ID))
                        .where(UNIT.CODE.eq("A")).and(DEVICE.CATEGORY.eq("firewall")).fetchSingle(DEVICE.ID);
                dsl.update(LINK).set(LINK.DEVICE_ID, firewall).set(LINK.INTERFACE_NAME, "wan1")
                        .where(LINK.CODE.eq("W-A")).execute();
                long link = dsl.select(LINK.ID).from(LINK).where(LINK.CODE.eq("W-A")).fetchSingle(LINK.ID);
                // What the poller concluded (snmp_link_state, written by the SNMP module): the carrying interface is down.
                dsl.insertInto(SNMP_LINK_STATE).set(SNMP_LINK_STATE.LINK_ID, link).set(SNMP_LINK_STATE.DEVICE_ID, firewall)
                        .set(SNMP_LINK_STATE.STATUS, "down").set(SNMP_LINK_STATE.REASON, "interface_down")
                        .set(SNMP_LINK_STATE.IF_INDEX, 1).set(SNMP_LINK_STATE.IF_NAME, "wan1")
                        .set(SNMP_LINK_STATE.SINCE, Instant.now()).set(SNMP_LINK_STATE.UPDATED_AT, Instant.now()).execute();
                JsonObject wan = find(live.values(dsl, TestDatabase.SYSTEM, "A", true), "WAN_CONNECTED");
                seen[0] = wan.getJsonObject("value").getInteger("num") + "/" + wan.getJsonObject("value").getInteger("den")
                        + " " + wan.getString("source");
                seen[1] = live.gaps(dsl, TestDatabase.SYSTEM, "WAN_CONNECTED", "A", false).getJsonArray("items").getJsonObject(0).getString("reason_vi");
                throw new Rollback();
            });
        } catch (Rollback expected) {
            // the fixture stays as it was for the other tests
        }
        assertEquals("0/1 live", seen[0]);
        assertTrue(seen[1].contains("W-A") && seen[1].contains("SNMP"), seen[1]);
    }

    private Map<String, String> gaps(CoverageService s, String kpi, String unit) {
        JsonObject g = db.inTransaction(TestDatabase.SYSTEM, dsl -> s.gaps(dsl, TestDatabase.SYSTEM, kpi, unit, false));
        Map<String, String> out = new HashMap<>();
        g.getJsonArray("items").stream().map(o -> (JsonObject) o).forEach(o -> out.put(o.getString("code"), o.getString("reason_vi")));
        assertEquals(out.size(), g.getInteger("count"));
        return out;
    }

    @Test
    void testGapListsNameEachMissingPersonUnitAndDeviceWithTheReason() {
        Map<String, String> staff = gaps(service, "STAFF_MODERN", "P");
        assertEquals(List.of("a2", "a3", "c1"), staff.keySet().stream().sorted().toList());
        assertEquals("d2 dùng Windows 10 đã hết hỗ trợ từ 2025-10-14", staff.get("a2"));
        assertEquals("d3 đang ở trạng thái “đang sửa chữa”", staff.get("a3"));
        assertEquals("d5 quá cũ (mua 2016-05-01, tối đa 7 năm)", staff.get("c1"));
        Map<String, String> units = gaps(service, "UNIT_MODERN", "P");
        assertEquals("1 cán bộ chưa có máy tính hiện đại: Hoàng Văn Bốn; Không có thiết bị chuyển mạch đang sử dụng",
                units.get("C1"));
        assertEquals("Không có tường lửa đang sử dụng; Không có thiết bị chuyển mạch đang sử dụng", units.get("E"));
        assertEquals(3, units.size());
        Map<String, String> video = gaps(service, "VIDEOCONF_COMMUNE", "P");
        assertEquals(Map.of("E", "Không có hệ thống hội nghị truyền hình đang sử dụng",
                "R", "hệ thống hội nghị truyền hình chưa đưa vào sử dụng (trạng thái “đang sửa chữa”)"), video);
        Map<String, String> wan = gaps(service, "WAN_CONNECTED", "P");
        assertEquals("Đường truyền W-C1 đang “tạm ngừng”", wan.get("C1"));
        assertEquals("Chưa có đường truyền truyền số liệu chuyên dùng", wan.get("R"));
        assertEquals(Map.of("c1", "Chưa được giao máy tính bảng"), gaps(service, "TABLET_COMMITTEE", "P"));
        assertEquals(Map.of("IS2", "Cấp độ 2 chưa được phê duyệt (trạng thái “đã trình”)",
                "IS3", "Cấp độ 2 chưa được phê duyệt (trạng thái “dự thảo”)"), gaps(service, "INFOSYS_LEVEL", "P"));
        assertEquals(Map.of("L-A-pc", "Được duyệt 3 máy tính để bàn, đã nhận 2, còn thiếu 1",
                "L-C1-pc", "Được duyệt 2 máy tính để bàn, đã nhận 0, còn thiếu 2"), gaps(service, "ENDPOINT_DELIVERY", "P"));
        assertEquals(List.of("a1", "c1", "c2", "m1"), gaps(service, "SIGNER_CERT", "P").keySet().stream().sorted().toList());
        // Drill-down to one unit lists only its own people.
        assertEquals(List.of("a2", "a3"), gaps(service, "STAFF_MODERN", "A").keySet().stream().sorted().toList());
        JsonObject en = db.inTransaction(TestDatabase.SYSTEM, dsl -> service.gaps(dsl, TestDatabase.SYSTEM, "STAFF_MODERN", "A", false));
        assertTrue(en.getJsonArray("items").encode().contains("d2 runs Windows 10, out of support since 2025-10-14"));
    }

    /**
     * A certificate source as the PKI branch will provide: a1 holds a valid certificate, c1 one that expired. Plugging
     * it in changes SIGNER_CERT and its gap reasons, nothing else.
     */
    @Test
    void testSignerCertificateUsesThePluggedVerdicts() {
        CertificateVerdicts pki = new CertificateVerdicts() {
            @Override
            public Condition holdsValid(Field<Long> personId, LocalDate day) {
                return personId.in(DSL.select(PERSON.ID).from(PERSON).where(PERSON.CODE.eq("a1")));
            }

            @Override
            public Map<Long, Reason> reasons(DSLContext dsl, Collection<Long> ids, LocalDate day) {
                Map<Long, Reason> out = new HashMap<>();
                dsl.select(PERSON.ID, PERSON.CODE).from(PERSON).where(PERSON.ID.in(ids)).forEach(r -> out.put(r.value1(),
                        r.value2().equals("c1") ? new Reason("reason.cert_expired", "CT-0042", "2026-08-01")
                                : new Reason("reason.cert_none_recorded")));
                return out;
            }

            @Override
            public String source() {
                return "pki";
            }

            @Override
            public String noteKey() {
                return null;
            }
        };
        CoverageService withPki = new CoverageService(new CoverageSources(pki, LinkStatus.INVENTORY), CoverageFixture.CLOCK);
        assertEquals("0/0 | 1/4", fig(withPki, "SIGNER_CERT", "P"));
        assertEquals("1/1 | 1/1", fig(withPki, "SIGNER_CERT", "A"));
        Map<String, String> g = gaps(withPki, "SIGNER_CERT", "P");
        assertEquals("Chứng thư số CT-0042 đã hết hạn ngày 2026-08-01", g.get("c1"));
        assertEquals(List.of("c1", "c2", "m1"), g.keySet().stream().sorted().toList());
        assertEquals("pki", find(db.inTransaction(TestDatabase.SYSTEM, dsl -> withPki.values(dsl, TestDatabase.SYSTEM, "P", true)), "SIGNER_CERT").getString("source"));
    }

    @Test
    void testPrometheusSourceGivesRatiosForTheTopTwoLevelsAndStatusCounts() {
        CoverageKpiSource source = new CoverageKpiSource(vn.hatang.testing.TestDatabase.dsl(), service);
        long p = vn.hatang.testing.TestDatabase.dsl().select(UNIT.ID).from(UNIT).where(UNIT.CODE.eq("P")).fetchOne(UNIT.ID);
        var staff = source.values().stream().filter(v -> v.kpi().equals("STAFF_MODERN") && v.unitId() == p).findFirst().orElseThrow();
        assertEquals(0.5, staff.value());
        assertEquals(1.0, staff.target());
        assertEquals(Instant.parse("2026-06-30T17:00:00Z"), staff.deadline(), "end of 30 June, Vietnam time");
        // VIDEOCONF_COMMUNE counts P (1/3), C1 (1/1), E and R (0/1): one met, three past their deadline.
        Map<String, Long> video = source.unitsByStatus().stream().filter(s -> s.kpi().equals("VIDEOCONF_COMMUNE"))
                .collect(Collectors.toMap(s -> s.status(), s -> s.units()));
        assertEquals(Map.of("met", 1L, "missed", 3L), video);
    }

    @Test
    void testSnapshotsGiveHistoryAndTrend() {
        Clock before = Clock.fixed(Instant.parse("2026-10-20T03:00:00Z"), ZoneOffset.UTC);
        CoverageService then = new CoverageService(CoverageSources.inventory(), before);
        int rows = db.inTransaction(TestDatabase.SYSTEM, then::snapshot);
        assertTrue(rows > 0);
        // A month later the suspended link is back and c1 got a new computer.
        db.inTransaction(TestDatabase.SYSTEM, dsl -> dsl.execute("update link set status = 'active' where code = 'W-C1'"));
        db.inTransaction(TestDatabase.SYSTEM, dsl -> dsl.execute("update device set acquired_on = date '2026-11-01' where serial = 'd5'"));
        db.inTransaction(TestDatabase.SYSTEM, service::snapshot);
        JsonObject history = db.inTransaction(TestDatabase.SYSTEM, dsl -> service.history(dsl, TestDatabase.SYSTEM, "WAN_CONNECTED", "P"));
        assertEquals(2, history.getJsonArray("points").size());
        assertEquals("2026-10-20", history.getJsonArray("points").getJsonObject(0).getString("day"));
        assertEquals(25.0, history.getJsonArray("points").getJsonObject(0).getJsonObject("rollup").getDouble("pct"));
        assertEquals(50.0, history.getJsonArray("points").getJsonObject(1).getJsonObject("rollup").getDouble("pct"));
        JsonObject wan = find(db.inTransaction(TestDatabase.SYSTEM, dsl -> service.values(dsl, TestDatabase.SYSTEM, "P", true)), "WAN_CONNECTED");
        assertEquals("below_target", wan.getString("status")); // rising, but with no deadline it is never "at risk" nor "on track"
        assertEquals("2026-10-20", wan.getJsonObject("trend").getString("since"));
        assertEquals(25.0, wan.getJsonObject("trend").getDouble("pct_then"));
        assertEquals("4/6", fig(service, "STAFF_MODERN", "P").split(" \\| ")[1]);
    }
}
