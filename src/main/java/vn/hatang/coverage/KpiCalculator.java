package vn.hatang.coverage;

import static vn.hatang.db.Tables.KPI_SNAPSHOT;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record4;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * Computes KPI values from one SQL statement: each KPI's own counts per unit with the unit's materialised path
 * ('/1/7/42/'); the roll-up of every unit over its subtree is then summed along those paths. One statement means one
 * consistent view of the data: the roll-up of a unit is always the sum of its children's roll-ups and its own counts.
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

        Iterable<Value> all() {
            return () -> byKpi.values().stream().flatMap(m -> m.values().stream()).iterator();
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
        // Ancestors above the requested subtree are not asked for.
        Tally tally = new Tally(subtreePath == null ? 0 : ancestorIds(subtreePath).length - 1);
        add(ownQuery(dsl, kpis, rules, day, KpiSql.Units.under(subtreePath)), tally);
        tally.forEach(values::put);
        return values;
    }

    /** Adds the own counts of every unit to {@code tally}. */
    void addAll(DSLContext dsl, List<KpiDefinition> kpis, CoverageRules rules, LocalDate day, Tally tally) {
        if (!kpis.isEmpty()) {
            add(ownQuery(dsl, kpis, rules, day, KpiSql.Units.ALL), tally);
        }
    }

    /** Adds the own counts of exactly the listed units (not their subtrees) to {@code tally}. */
    void addOwn(DSLContext dsl, List<KpiDefinition> kpis, CoverageRules rules, LocalDate day,
            java.util.Collection<Long> unitIds, Tally tally) {
        if (!kpis.isEmpty() && !unitIds.isEmpty()) {
            add(ownQuery(dsl, kpis, rules, day, KpiSql.Units.of(unitIds)), tally);
        }
    }

    private static void add(ResultQuery<?> own, Tally tally) {
        try (Cursor<?> rows = own.fetchLazy()) {
            for (Record r : rows) {
                tally.add(r, 1);
            }
        }
    }

    /**
     * Own counts of each unit, and their sums over every unit's subtree. The roll-up itself is a few additions per
     * row: summing here, over the rows of one statement, costs far less than a second grouping of every (KPI,
     * ancestor) pair in the database. Rows may also be taken back out ({@code sign} -1), for {@link KpiCache}.
     */
    static final class Tally {
        private final int firstAncestor;
        /** kpi → unit → {own num, own den, roll-up num, roll-up den}. */
        private final Map<String, Map<Long, int[]>> sums = new HashMap<>();
        private final Map<String, long[]> ancestors = new HashMap<>();
        private final Map<Long, String> paths = new HashMap<>();

        Tally(int firstAncestor) {
            this.firstAncestor = firstAncestor;
        }

        /** A row of {@link #ownQuery}: (kpi, unit id, own numerator, own denominator, unit path). */
        void add(Record r, int sign) {
            add((String) r.get(0), ((Number) r.get(1)).longValue(), (String) r.get(4), sign * intValue(r.get(2)),
                    sign * intValue(r.get(3)));
        }

        private void add(String kpi, long unit, String path, int num, int den) {
            Map<Long, int[]> byUnit = sums.computeIfAbsent(kpi, k -> new HashMap<>());
            int[] alone = byUnit.computeIfAbsent(unit, a -> new int[4]);
            alone[0] += num;
            alone[1] += den;
            paths.put(unit, path);
            // A unit is the last of its path's ancestors.
            long[] chain = ancestors.computeIfAbsent(path, KpiCalculator::ancestorIds);
            for (int i = firstAncestor; i < chain.length; i++) {
                int[] s = byUnit.computeIfAbsent(chain[i], a -> new int[4]);
                s[2] += num;
                s[3] += den;
            }
        }

        /** Takes the own counts of {@code unit} out of the tally (and out of its ancestors' roll-ups). */
        void remove(long unit) {
            String path = paths.get(unit);
            if (path == null) {
                return; // never counted anything
            }
            sums.forEach((kpi, byUnit) -> {
                int[] alone = byUnit.get(unit);
                if (alone != null && (alone[0] != 0 || alone[1] != 0)) {
                    add(kpi, unit, path, -alone[0], -alone[1]);
                }
            });
        }

        /**
         * The units counted under {@code path} (the unit itself included) down to {@code depth} levels below it: each
         * counted unit and its ancestors up to that unit, which is every unit with a value there.
         */
        java.util.Set<Long> unitsUnder(String path, int depth) {
            int top = ancestorIds(path).length - 1;
            java.util.Set<Long> out = new java.util.HashSet<>();
            paths.forEach((unit, p) -> {
                if (p.startsWith(path)) {
                    long[] chain = ancestors.computeIfAbsent(p, KpiCalculator::ancestorIds);
                    for (int i = top; i < chain.length && i - top <= depth; i++) {
                        out.add(chain[i]);
                    }
                }
            });
            return out;
        }

        Value value(String kpi, long unit) {
            int[] s = sums.getOrDefault(kpi, Map.of()).get(unit);
            return s == null ? new Value(kpi, unit, Figure.ZERO, Figure.ZERO)
                    : new Value(kpi, unit, new Figure(s[0], s[1]), new Figure(s[2], s[3]));
        }

        void forEach(java.util.function.Consumer<Value> to) {
            sums.forEach((kpi, byUnit) -> byUnit.keySet().forEach(unit -> to.accept(value(kpi, unit))));
        }
    }

    private static int intValue(Object sum) {
        return sum == null ? 0 : ((Number) sum).intValue();
    }

    /** '/1/7/42/' → 1, 7, 42: the unit's ancestors from the root, the unit itself last. */
    static long[] ancestorIds(String path) {
        String[] parts = path.substring(1, path.length() - 1).split("/");
        long[] ids = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ids[i] = Long.parseLong(parts[i]);
        }
        return ids;
    }

    /** Stores today's values of every KPI and unit (replacing an earlier snapshot of the same day); returns rows. */
    public int snapshot(DSLContext dsl, List<KpiDefinition> kpis, CoverageRules rules, LocalDate day) {
        if (kpis.isEmpty()) {
            return 0;
        }
        Values values = compute(dsl, kpis, rules, day, null);
        int n = values.size();
        String[] kpi = new String[n];
        Long[] unit = new Long[n];
        Integer[] ownNum = new Integer[n];
        Integer[] ownDen = new Integer[n];
        Integer[] num = new Integer[n];
        Integer[] den = new Integer[n];
        int i = 0;
        for (Value v : values.all()) {
            kpi[i] = v.kpi();
            unit[i] = v.unitId();
            ownNum[i] = v.own().num();
            ownDen[i] = v.own().den();
            num[i] = v.rollup().num();
            den[i] = v.rollup().den();
            i++;
        }
        dsl.deleteFrom(KPI_SNAPSHOT).where(KPI_SNAPSHOT.DAY.eq(day)).execute();
        // One statement whatever the number of units: the columns travel as arrays.
        return dsl.execute("insert into kpi_snapshot (day, kpi_code, unit_id, own_num, own_den, num, den) "
                + "select {0}, r.* from unnest({1}::varchar[], {2}::bigint[], {3}::int[], {4}::int[], {5}::int[], {6}::int[]) r",
                DSL.val(day), DSL.val(kpi), DSL.val(unit), DSL.val(ownNum), DSL.val(ownDen), DSL.val(num), DSL.val(den));
    }

    /** (kpi, unit id, own numerator, own denominator, unit path) for every KPI and counted unit, in one statement. */
    ResultQuery<?> ownQuery(DSLContext dsl, List<KpiDefinition> kpis, CoverageRules rules, LocalDate day,
            KpiSql.Units units) {
        KpiSql sql = new KpiSql(dsl, rules, sources, day, units.all());
        // KPIs that count people share one pass over person; the others are one grouped query each.
        List<KpiDefinition> people = kpis.stream().filter(KpiSql::countsPeople).toList();
        boolean equipment = kpis.stream().anyMatch(k -> KpiKind.UNIT_EQUIPMENT.equals(k.kind()));
        Select<Record4<String, Long, Integer, Integer>> own = people.isEmpty() ? null
                : sql.people(people, units, equipment);
        for (KpiDefinition k : kpis) {
            if (!KpiSql.countsPeople(k)) {
                var q = sql.own(k, units);
                own = own == null ? q : own.unionAll(q);
            }
        }
        List<org.jooq.QueryPart> ctes = new java.util.ArrayList<>(sql.ctes());
        String with = ctes.isEmpty() ? "with " : "with {1}, ";
        return dsl.resultQuery(with + """
                own as ({0})
                select own.kpi, own.unit_id, own.num, own.den, cu.path
                from own join unit cu on cu.id = own.unit_id""", own, DSL.list(ctes.toArray(new org.jooq.QueryPart[0])));
    }
}
