package vn.hatang.coverage;

import static vn.hatang.db.Tables.KPI_SNAPSHOT;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * Computes KPI values in one SQL statement: each KPI's own counts per unit, then the roll-up of every unit over its
 * subtree by expanding the materialised path ('/1/7/42/') into ancestors. One statement means one consistent view
 * of the data: the roll-up of a unit is always the sum of its children's roll-ups and its own counts.
 */
public final class KpiCalculator {
    private final CoverageSources sources;

    public KpiCalculator(CoverageSources sources) {
        this.sources = sources;
    }

    public CoverageSources sources() {
        return sources;
    }

    /** Values of one KPI at one unit: alone, and with everything under it. */
    public record Value(String kpi, long unitId, Figure own, Figure rollup) {
    }

    /** Every KPI × unit value; a unit absent for a KPI is 0 / 0. */
    public static final class Values {
        private final Map<String, Map<Long, Value>> byKpi = new HashMap<>();

        void put(Value v) {
            byKpi.computeIfAbsent(v.kpi(), k -> new HashMap<>()).put(v.unitId(), v);
        }

        public Value get(String kpi, long unitId) {
            Value v = byKpi.getOrDefault(kpi, Map.of()).get(unitId);
            return v != null ? v : new Value(kpi, unitId, Figure.ZERO, Figure.ZERO);
        }

        public int size() {
            return byKpi.values().stream().mapToInt(Map::size).sum();
        }
    }

    /** All KPIs for the whole tree ({@code subtreePath} null) or for the units under one path. */
    public Values compute(DSLContext dsl, List<KpiDefinition> kpis, CoverageRules rules, LocalDate day, String subtreePath) {
        Values values = new Values();
        if (kpis.isEmpty()) {
            return values;
        }
        for (var r : rollupQuery(dsl, kpis, rules, day, subtreePath).fetch()) {
            values.put(new Value(r.get("kpi", String.class), r.get("unit_id", Long.class),
                    new Figure(r.get("own_num", Integer.class), r.get("own_den", Integer.class)),
                    new Figure(r.get("num", Integer.class), r.get("den", Integer.class))));
        }
        return values;
    }

    /** Stores today's values of every KPI and unit (replacing an earlier snapshot of the same day); returns rows. */
    public int snapshot(DSLContext dsl, List<KpiDefinition> kpis, CoverageRules rules, LocalDate day) {
        if (kpis.isEmpty()) {
            return 0;
        }
        dsl.deleteFrom(KPI_SNAPSHOT).where(KPI_SNAPSHOT.DAY.eq(day)).execute();
        return dsl.execute("insert into kpi_snapshot (day, kpi_code, unit_id, own_num, own_den, num, den) "
                + "select {0}, r.kpi, r.unit_id, r.own_num, r.own_den, r.num, r.den from ({1}) r",
                DSL.val(day), rollupQuery(dsl, kpis, rules, day, null));
    }

    ResultQuery<?> rollupQuery(DSLContext dsl, List<KpiDefinition> kpis, CoverageRules rules, LocalDate day,
            String subtreePath) {
        KpiSql sql = new KpiSql(rules, sources, day, subtreePath == null);
        // KPIs that count people share one pass over person; the others are one grouped query each.
        List<KpiDefinition> people = kpis.stream().filter(KpiSql::countsPeople).toList();
        Select<Record4<String, Long, Integer, Integer>> own = people.isEmpty() ? null : sql.people(people, subtreePath);
        for (KpiDefinition k : kpis) {
            if (!KpiSql.countsPeople(k)) {
                var q = sql.own(k, subtreePath);
                own = own == null ? q : own.unionAll(q);
            }
        }
        // Ancestors come from the path of the counted unit ('/1/7/42/': 1, 7, 42); a unit is its own last ancestor.
        List<org.jooq.QueryPart> ctes = new java.util.ArrayList<>(sql.ctes());
        String with = ctes.isEmpty() ? "with " : "with {2}, ";
        org.jooq.Condition units = subtreePath == null ? DSL.trueCondition()
                : KpiSql.under(DSL.field(DSL.name("cu", "path"), String.class), subtreePath);
        return dsl.resultQuery(with + """
                own as ({0}),
                anc as (select cu.id as unit_id, a.id::bigint as anc_id
                        from unit cu cross join lateral unnest(string_to_array(trim(both '/' from cu.path), '/')) as a(id)
                        where {1})
                select own.kpi as kpi, anc.anc_id as unit_id,
                       coalesce(sum(own.num) filter (where anc.anc_id = own.unit_id), 0)::int as own_num,
                       coalesce(sum(own.den) filter (where anc.anc_id = own.unit_id), 0)::int as own_den,
                       sum(own.num)::int as num, sum(own.den)::int as den
                from own join anc on anc.unit_id = own.unit_id
                where {3}
                group by own.kpi, anc.anc_id""", own, units, DSL.list(ctes.toArray(new org.jooq.QueryPart[0])),
                subtreePath == null ? DSL.trueCondition()
                        : DSL.condition("anc.anc_id in (select u.id from unit u where {0})",
                                KpiSql.under(DSL.field(DSL.name("u", "path"), String.class), subtreePath)));
    }
}
