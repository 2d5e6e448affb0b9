package vn.hatang.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Random;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.platform.db.Db;
import vn.hatang.testing.TestDatabase;

/**
 * Verifies that KPI values read right after an acknowledged write show it at the changed unit and at the root, when
 * the values come from the per-unit count cache: for a write through {@link Db#inTransaction}, for raw SQL from
 * another writer (another instance), and after random writes of every kind the KPIs read (each time equal to a full
 * computation); and that a transaction's own uncommitted writes never enter the shared cache.
 */
class KpiCacheTest {
    private static Vertx vertx;
    private static Db db;
    private final CoverageService service = new CoverageService(CoverageSources.inventory(), CoverageFixture.CLOCK);
    private List<KpiDefinition> kpis;
    private CoverageRules rules;

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
    void inventory() {
        CoverageFixture.generated();
        DSLContext dsl = TestDatabase.dsl();
        kpis = service.targets().definitions(dsl);
        rules = service.targets().rules(dsl);
    }

    private KpiCalculator.Value cached(String kpi, long unit) {
        UnitRef ref = service.unit(TestDatabase.dsl(), TestDatabase.SYSTEM, unitCode(unit));
        return db.readNow(TestDatabase.SYSTEM, dsl -> service.current(dsl, kpis, rules, service.today(), ref, 0)).get(kpi, unit);
    }

    private static String unitCode(long id) {
        return TestDatabase.dsl().fetchValue("select code from unit where id = ?", id).toString();
    }

    /** A commune whose only in-service videoconference system is device {@code [0]}; its unit {@code [1]}. */
    private static long[] onlyVideoconference() {
        Record r = TestDatabase.dsl().fetchOne("select min(d.id), d.unit_id from device d join unit u on u.id = d.unit_id "
                + "where u.kind = 'commune' and u.status = 'active' and d.category = 'videoconference' "
                + "and d.status = 'in_service' group by d.unit_id having count(*) = 1 order by d.unit_id limit 1");
        return new long[] {r.get(0, Long.class), r.get(1, Long.class)};
    }

    @Test
    void testDeviceWriteShowsAtItsUnitAndTheRootRightAfterTheWrite() {
        long[] vc = onlyVideoconference();
        KpiCalculator.Value rootBefore = cached("VIDEOCONF_COMMUNE", 1);
        assertEquals(new Figure(1, 1), cached("VIDEOCONF_COMMUNE", vc[1]).own());

        db.inTransaction(TestDatabase.SYSTEM, dsl -> dsl.execute("update device set status = 'retired' where id = ?", vc[0]));

        assertEquals(new Figure(0, 1), cached("VIDEOCONF_COMMUNE", vc[1]).own());
        Figure root = cached("VIDEOCONF_COMMUNE", 1).rollup();
        assertEquals(rootBefore.rollup().num() - 1, root.num());
        assertEquals(rootBefore.rollup().den(), root.den());
    }

    @Test
    void testRawWriteOfAnotherWriterShowsToo() {
        Figure before = cached("STAFF_MODERN", 1).rollup();
        // Another instance (or psql): nothing in this process sees the write happen.
        TestDatabase.dsl().execute("update person set status = 'left' where id = (select min(id) from person where status = 'active')");
        Figure after = cached("STAFF_MODERN", 1).rollup();
        assertEquals(before.den() - 1, after.den());
    }

    @Test
    void testUncommittedWritesOfATransactionStayOutOfTheCache() {
        long[] vc = onlyVideoconference();
        Figure before = cached("VIDEOCONF_COMMUNE", 1).rollup();
        UnitRef root = service.unit(TestDatabase.dsl(), TestDatabase.SYSTEM, null);
        assertThrows(IllegalStateException.class, () -> db.inTransaction(TestDatabase.SYSTEM, dsl -> {
            dsl.execute("update device set status = 'retired' where id = ?", vc[0]);
            // Inside the writing transaction its own write shows ...
            assertEquals(before.num() - 1, service.current(dsl, kpis, rules, service.today(), root, 0)
                    .get("VIDEOCONF_COMMUNE", 1).rollup().num());
            throw new IllegalStateException("roll back");
        }));
        // ... and after the rollback it never happened.
        assertEquals(before, cached("VIDEOCONF_COMMUNE", 1).rollup());
    }

    @Test
    void testCacheEqualsAFullComputationAfterRandomWritesOfEveryKind() {
        DSLContext raw = TestDatabase.dsl();
        Random random = new Random(5);
        List<String> writes = List.of(
                "update device set person_id = (select id from person order by md5(id::text || '%1$s') limit 1), "
                        + "unit_id = null where id = (select id from device where person_id is not null order by md5(id::text || '%1$s') limit 1)",
                "update device set unit_id = (select id from unit where id > 1 order by md5(id::text || '%1$s') limit 1) "
                        + "where id = (select id from device where person_id is null order by md5(id::text || '%1$s') limit 1)",
                "update person set unit_id = (select id from unit where id > 1 order by md5(id::text || '%1$s') limit 1) "
                        + "where id = (select id from person order by md5(id::text || '%1$s') limit 1)",
                "delete from security_check where id = (select id from security_check order by md5(id::text || '%1$s') limit 1)",
                "update link set status = case status when 'active' then 'suspended' else 'active' end "
                        + "where id = (select id from link order by md5(id::text || '%1$s') limit 1)",
                "update investment_line set quantity = quantity + 3 "
                        + "where id = (select id from investment_line order by md5(id::text || '%1$s') limit 1)",
                "update information_system set approval_state = 'approved' "
                        + "where id = (select id from information_system order by md5(id::text || '%1$s') limit 1)",
                "update unit set status = 'merged' where id = (select id from unit where kind = 'commune' "
                        + "and status = 'active' order by md5(id::text || '%1$s') limit 1)",
                "with n as (select nextval(pg_get_serial_sequence('unit', 'id')) as id) "
                        + "insert into unit (id, code, name, kind, parent_id, path, depth) select n.id, 'NEW%1$s', 'Mới', "
                        + "'commune', p.id, p.path || n.id || '/', p.depth + 1 from n, unit p where p.id = 2");
        var units = raw.fetch("select id from unit order by id").getValues(0, Long.class);
        cached("STAFF_MODERN", 1);
        for (int round = 0; round < 12; round++) {
            String sql = writes.get(random.nextInt(writes.size()));
            raw.execute(String.format(sql, round));
            KpiCalculator.Values full = service.calculator().compute(raw, kpis, rules, service.today(), null);
            for (long unit : List.of(1L, units.get(1 + random.nextInt(units.size() - 1)), units.get(1 + random.nextInt(units.size() - 1)))) {
                for (KpiDefinition k : kpis) {
                    assertEquals(full.get(k.code(), unit), cached(k.code(), unit), k.code() + " at " + unit + " after " + sql);
                }
            }
        }
        assertNotEquals(0, raw.fetchCount(raw.selectFrom("kpi_change")));
    }

    @Test
    void testPruneDropsOnlyRowsBelowAHorizonNotedTwoDaysBefore() {
        DSLContext raw = TestDatabase.dsl();
        java.time.Instant now = CoverageFixture.CLOCK.instant();
        raw.execute("update person set status = status where id = (select min(id) from person)");
        int before = raw.fetchCount(raw.selectFrom("kpi_change"));
        assertEquals(0, KpiCache.prune(raw, now)); // notes the horizon: above every row written so far
        raw.execute("update person set status = status where id = (select max(id) from person)");
        assertEquals(0, KpiCache.prune(raw, now.plus(java.time.Duration.ofDays(1))), "too soon");
        assertEquals(before, KpiCache.prune(raw, now.plus(java.time.Duration.ofDays(3))));
        assertEquals(1, raw.fetchCount(raw.selectFrom("kpi_change")), "the row written after the horizon stays");
    }
}
