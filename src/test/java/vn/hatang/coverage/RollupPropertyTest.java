package vn.hatang.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.hatang.testing.TestDatabase;

/**
 * Verifies, for random trees and holdings (seeded, so a failure can be replayed), that every roll-up equals the
 * unit's own figure plus its children's roll-ups; that computing one subtree (correlated SQL) gives exactly the
 * whole-tree figures (hashed SQL); that denominators match a direct count; and that each gap list is as long as the
 * KPI's shortfall.
 */
class RollupPropertyTest {
    private final CoverageService service = new CoverageService(CoverageSources.inventory(), CoverageFixture.CLOCK);

    @ParameterizedTest
    @ValueSource(longs = {11, 257, 907})
    void testRollupEqualsOwnPlusChildrenForRandomTrees(long seed) {
        TestDatabase.reset();
        DSLContext dsl = TestDatabase.dsl();
        Random random = new Random(seed);
        BenchInventory.generate(dsl, 60 + random.nextInt(80), 800 + random.nextInt(800), 1500 + random.nextInt(1500), seed);
        TargetsFile.Content targets = TargetsFile.read(Path.of("inventory"));
        dsl.transaction(c -> targets.apply(c.dsl(), e -> {
            throw new IllegalStateException(e.toString());
        }, s -> { }));
        // A few communes were merged away (holdings left behind on purpose: they must count nowhere).
        dsl.execute("update unit set status = 'merged' where id in (select id from unit where kind = 'commune' order by md5(id::text || ?) limit 3)",
                String.valueOf(seed));

        List<KpiDefinition> kpis = service.targets().definitions(dsl);
        CoverageRules rules = service.targets().rules(dsl);
        KpiCalculator.Values whole = service.calculator().compute(dsl, kpis, rules, service.today(), null);
        var units = dsl.fetch("select id, parent_id, path, status from unit order by path");
        assertFalse(units.isEmpty());
        for (var u : units) {
            long id = u.get("id", Long.class);
            for (KpiDefinition k : kpis) {
                Figure sum = whole.get(k.code(), id).own();
                for (var child : units) {
                    if (Long.valueOf(id).equals(child.get("parent_id", Long.class))) {
                        sum = sum.plus(whole.get(k.code(), child.get("id", Long.class)).rollup());
                    }
                }
                assertEquals(sum, whole.get(k.code(), id).rollup(), k.code() + " at unit " + id + " (seed " + seed + ")");
                if (!"active".equals(u.get("status", String.class))) {
                    assertEquals(Figure.ZERO, whole.get(k.code(), id).own(), k.code() + " counts merged unit " + id);
                }
            }
        }
        // Subtree computation (correlated SQL) equals the whole-tree computation (hashed SQL).
        for (int i = 0; i < 4; i++) {
            var x = units.get(random.nextInt(units.size()));
            String path = x.get("path", String.class);
            KpiCalculator.Values part = service.calculator().compute(dsl, kpis, rules, service.today(), path);
            for (var u : units) {
                if (u.get("path", String.class).startsWith(path)) {
                    for (KpiDefinition k : kpis) {
                        long id = u.get("id", Long.class);
                        assertEquals(whole.get(k.code(), id), part.get(k.code(), id), k.code() + " under " + path + " at " + id);
                    }
                }
            }
        }
        long root = units.get(0).get("id", Long.class);
        int people = dsl.fetchCount(dsl.selectFrom("person p join unit u on u.id = p.unit_id")
                .where("p.status = 'active' and u.status = 'active'"));
        assertEquals(people, whole.get("STAFF_MODERN", root).rollup().den());
        assertTrue(whole.get("STAFF_MODERN", root).rollup().num() > 0, "some people hold a modern computer");
        UnitRef rootUnit = service.unit(dsl, TestDatabase.SYSTEM, null);
        for (String code : List.of("STAFF_MODERN", "TABLET_COMMITTEE", "SIGNER_CERT", "UNIT_MODERN", "VIDEOCONF_COMMUNE",
                "WAN_CONNECTED", "INFOSYS_LEVEL")) {
            Figure f = whole.get(code, root).rollup();
            KpiDefinition k = service.targets().require(dsl, code);
            assertEquals(f.den() - f.num(), service.gapList(dsl, k, rootUnit, false).size(), code + " gap list (seed " + seed + ")");
        }
    }
}
