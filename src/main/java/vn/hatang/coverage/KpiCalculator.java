package vn.hatang.coverage;

import static vn.hatang.db.Tables.KPI_SNAPSHOT;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
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
        Tally tally = new Tally(kpis, subtreePath == null ? 0 : ancestorIds(subtreePath).length - 1);
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
        private final Map<String, Integer> column = new HashMap<>();
        private final int width;
        private final int firstAncestor;
        private final Map<Long, Node> nodes = new HashMap<>();

        /** A unit: its own counts and those of its subtree, numerator of KPI i at [2i] and denominator at [2i + 1]. */
        private record Node(String path, int depth, Node parent, int[] own, int[] rollup) {
        }

        /** {@code kpis}: in the order of the statement's columns ({@link #ownQuery}). */
        Tally(List<KpiDefinition> kpis, int firstAncestor) {
            for (KpiDefinition k : kpis) {
                column.put(k.code(), column.size());
            }
            this.width = 2 * kpis.size();
            this.firstAncestor = firstAncestor;
        }

        /** A row of {@link #ownQuery}: (unit id, unit path, then each KPI's own numerator and denominator). */
        void add(Record r, int sign) {
            Node unit = node(((Number) r.get(0)).longValue(), (String) r.get(1));
            for (int c = 0; c < width; c++) {
                add(unit, c, sign * intValue(r.get(2 + c)));
            }
        }

        private static void add(Node unit, int c, int n) {
            if (n != 0) {
                unit.own[c] += n;
                for (Node a = unit; a != null; a = a.parent) {
                    a.rollup[c] += n;
                }
            }
        }

        /** The unit's node, made (with its ancestors' down to {@code firstAncestor}) on first sight. */
        private Node node(long id, String path) {
            Node n = nodes.get(id);
            if (n == null) {
                long[] chain = ancestorIds(path);
                int depth = chain.length - 1;
                // '/1/7/42/' → '/1/7/'
                Node parent = depth <= firstAncestor ? null : node(chain[depth - 1],
                        path.substring(0, path.lastIndexOf('/', path.length() - 2) + 1));
                n = new Node(path, depth, parent, new int[width], new int[width]);
                nodes.put(id, n);
            }
            return n;
        }

        /** Takes the own counts of {@code unit} out of the tally (and out of its ancestors' roll-ups). */
        void remove(long unit) {
            Node n = nodes.get(unit);
            if (n != null) {
                for (int c = 0; c < width; c++) {
                    add(n, c, -n.own[c]);
                }
            }
        }

        /**
         * The units counted under {@code path} (the unit itself included) down to {@code depth} levels below it: each
         * counted unit and its ancestors up to that unit, which is every unit with a value there.
         */
        java.util.Set<Long> unitsUnder(String path, int depth) {
            int top = ancestorIds(path).length - 1;
            java.util.Set<Long> out = new java.util.HashSet<>();
            nodes.forEach((id, n) -> {
                if (n.depth - top <= depth && n.path.startsWith(path)) {
                    out.add(id);
                }
            });
            return out;
        }

        Value value(String kpi, long unit) {
            Integer c = column.get(kpi);
            Node n = nodes.get(unit);
            return c == null || n == null ? new Value(kpi, unit, Figure.ZERO, Figure.ZERO)
                    : new Value(kpi, unit, new Figure(n.own[2 * c], n.own[2 * c + 1]), new Figure(n.rollup[2 * c], n.rollup[2 * c + 1]));
        }

        /** Every KPI and unit with something counted, alone or below. */
        void forEach(java.util.function.Consumer<Value> to) {
            nodes.forEach((id, n) -> column.forEach((kpi, c) -> {
                if (n.own[2 * c] != 0 || n.own[2 * c + 1] != 0 || n.rollup[2 * c] != 0 || n.rollup[2 * c + 1] != 0) {
                    to.accept(value(kpi, id));
                }
            }));
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

    /** Per active unit: (unit id, path, then each KPI's own numerator and denominator, in list order), one statement. */
    ResultQuery<?> ownQuery(DSLContext dsl, List<KpiDefinition> kpis, CoverageRules rules, LocalDate day,
            KpiSql.Units units) {
        return new KpiSql(dsl, rules, sources, day, units.all()).ownCounts(kpis, units);
    }
}
