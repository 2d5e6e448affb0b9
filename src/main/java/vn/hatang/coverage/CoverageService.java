package vn.hatang.coverage;

import static vn.hatang.db.Tables.KPI_SNAPSHOT;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.hatang.platform.http.ApiException;
import vn.hatang.security.Scope;

/**
 * Coverage as a user sees it: KPI values with status and trend for a unit, history, gap lists, snapshots. Methods
 * take a {@link DSLContext} and are synchronous; the endpoint runs them on the worker pool, the CLI and scheduler
 * call them directly.
 */
public final class CoverageService {
    /** Vietnam: days (snapshots, deadlines, report periods) turn at midnight local time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private final TargetsRepository targets = new TargetsRepository();
    private final KpiCalculator calculator;
    private final KpiCache cache;
    private final GapFinder gapFinder;
    private final Clock clock;

    public CoverageService(CoverageSources sources, Clock clock) {
        this.calculator = new KpiCalculator(sources);
        this.cache = new KpiCache(calculator);
        this.gapFinder = new GapFinder(sources);
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Device {@code d} counts as modern today, as STAFF_MODERN and the equipment rule count it ({@link KpiSql#modern}
     * over every category): in service and meeting its category's modern rule; for a category without a rule, in
     * service is enough.
     */
    public org.jooq.Condition modernDevice(DSLContext dsl, vn.hatang.db.tables.Device d) {
        return new KpiSql(dsl, targets.rules(dsl), calculator.sources(), today(), false)
                .modern(d, vn.hatang.devices.DeviceCategory.ALL);
    }

    public TargetsRepository targets() {
        return targets;
    }

    public KpiCalculator calculator() {
        return calculator;
    }

    /**
     * The unit with this code, within the scope; with no code, the top of what the caller reaches: the root of the
     * tree, or their (first) granted unit. Everything computed from it stays inside its subtree, hence in scope.
     */
    public UnitRef unit(DSLContext dsl, Scope scope, String code) {
        var q = dsl.select(UNIT.ID, UNIT.CODE, UNIT.NAME, UNIT.NAME_EN, UNIT.KIND, UNIT.PATH, UNIT.PARENT_ID, UNIT.STATUS)
                .from(UNIT);
        var r = code != null ? q.where(UNIT.CODE.eq(code)).and(scope.covers(UNIT.ID)).fetchOne()
                : scope.isWholeTree() ? q.where(UNIT.PARENT_ID.isNull()).and(UNIT.STATUS.eq("active")).orderBy(UNIT.ID)
                        .limit(1).fetchOne()
                : q.where(UNIT.ID.in(scope.rootUnitIds())).orderBy(UNIT.DEPTH, UNIT.ID).limit(1).fetchOne();
        if (r == null) {
            if (code == null) {
                throw ApiException.notFound("unit", "/");
            }
            throw ApiException.invalid("unit", "kpi.bad_unit", code);
        }
        return UnitRef.of(r);
    }

    /** Active units under (and including) {@code root}, parents before children. */
    public List<UnitRef> units(DSLContext dsl, UnitRef root) {
        return dsl.select(UNIT.ID, UNIT.CODE, UNIT.NAME, UNIT.NAME_EN, UNIT.KIND, UNIT.PATH, UNIT.PARENT_ID, UNIT.STATUS)
                .from(UNIT).where(UNIT.PATH.startsWith(root.path())).and(UNIT.STATUS.eq("active"))
                .orderBy(UNIT.PATH).fetch(UnitRef::of);
    }

    /** An earlier value to measure the trend against: the latest snapshot at least 28 days old, else the oldest. */
    public record Past(LocalDate day, Figure own, Figure rollup) {
    }

    public Map<String, Map<Long, Past>> past(DSLContext dsl, LocalDate day, Collection<Long> unitIds, int minDaysBack) {
        return past(dsl, day, unitIds == null ? DSL.noCondition() : KPI_SNAPSHOT.UNIT_ID.in(unitIds), minDaysBack);
    }

    /** {@link #past} of the units of a subtree down to {@code depth} levels below its top (one condition, not a list). */
    Map<String, Map<Long, Past>> past(DSLContext dsl, LocalDate day, UnitRef top, int depth, int minDaysBack) {
        return past(dsl, day, KPI_SNAPSHOT.UNIT_ID.in(DSL.select(UNIT.ID).from(UNIT).where(KpiSql.under(UNIT.PATH,
                top.path())).and(UNIT.DEPTH.le(top.depth() + depth))), minDaysBack);
    }

    private Map<String, Map<Long, Past>> past(DSLContext dsl, LocalDate day, org.jooq.Condition units, int minDaysBack) {
        LocalDate cutoff = day.minusDays(minDaysBack);
        var s = KPI_SNAPSHOT;
        var old = DSL.field(s.DAY.le(cutoff));
        var rows = dsl.select(s.KPI_CODE, s.UNIT_ID, s.DAY, s.OWN_NUM, s.OWN_DEN, s.NUM, s.DEN).distinctOn(s.KPI_CODE, s.UNIT_ID)
                .from(s).where(s.DAY.lt(day)).and(units)
                .orderBy(s.KPI_CODE, s.UNIT_ID, old.desc(), DSL.when(s.DAY.le(cutoff), s.DAY).desc().nullsLast(), s.DAY.asc())
                .fetch();
        Map<String, Map<Long, Past>> out = new HashMap<>();
        rows.forEach(r -> out.computeIfAbsent(r.get(s.KPI_CODE), k -> new HashMap<>()).put(r.get(s.UNIT_ID),
                new Past(r.get(s.DAY), new Figure(r.get(s.OWN_NUM), r.get(s.OWN_DEN)), new Figure(r.get(s.NUM), r.get(s.DEN)))));
        return out;
    }

    /** Percentage points per day between a past figure and now, or null when it cannot be told. */
    static Double trendPerDay(Past past, Figure now, boolean rollup, LocalDate day) {
        if (past == null) {
            return null;
        }
        Figure then = rollup ? past.rollup() : past.own();
        long days = ChronoUnit.DAYS.between(past.day(), day);
        if (then.pct() == null || now.pct() == null || days <= 0) {
            return null;
        }
        return (now.pct().doubleValue() - then.pct().doubleValue()) / days;
    }

    /**
     * The KPIs of a unit and of the units down to some depth below it, read once for every view of them a request
     * shows (the values and the roll-up table of the same subtree).
     */
    public record Computed(LocalDate day, UnitRef unit, int depth, List<KpiDefinition> kpis, KpiCalculator.Values values) {
    }

    /**
     * Every KPI (or only {@code kpiCode}'s) at the unit (null: the top of the scope) and at the units down to
     * {@code depth} levels below it, from the per-unit cache ({@link #current}). The unit is resolved within the
     * scope, and everything below it is in scope too.
     */
    public Computed compute(DSLContext dsl, Scope scope, String unitCode, String kpiCode, int depth) {
        LocalDate day = today();
        UnitRef unit = unit(dsl, scope, unitCode);
        List<KpiDefinition> all = targets.definitions(dsl);
        List<KpiDefinition> kpis = kpiCode == null ? all : List.of(targets.require(dsl, kpiCode));
        return new Computed(day, unit, depth, kpis, current(dsl, all, targets.rules(dsl), day, unit, depth));
    }

    /**
     * Every KPI for one unit: alone and rolled up, with status, trend and the source of the inputs. From the per-unit
     * cache kept current by the change log ({@link #current}), not a computation of the subtree.
     */
    public JsonObject values(DSLContext dsl, Scope scope, String unitCode, boolean rollup) {
        return values(dsl, compute(dsl, scope, unitCode, null, 0), rollup);
    }

    /** {@link #values(DSLContext, Scope, String, boolean)} of a subtree already computed. */
    public JsonObject values(DSLContext dsl, Computed c, boolean rollup) {
        LocalDate day = c.day();
        UnitRef unit = c.unit();
        List<KpiDefinition> kpis = c.kpis();
        KpiCalculator.Values values = c.values();
        Map<String, Map<Long, Past>> past = past(dsl, day, List.of(unit.id()), 28);
        JsonArray items = new JsonArray();
        for (KpiDefinition k : kpis) {
            KpiCalculator.Value v = values.get(k.code(), unit.id());
            Figure shown = rollup ? v.rollup() : v.own();
            Past p = past.getOrDefault(k.code(), Map.of()).get(unit.id());
            Double trend = trendPerDay(p, shown, rollup, day);
            String status = KpiStatus.of(k, shown, trend, day);
            JsonObject item = k.toJson().put("own", v.own().toJson()).put("rollup", v.rollup().toJson())
                    .put("value", shown.toJson()).put("missing", shown.missingFor(k.threshold()))
                    .put("status", status).put("status_vi", CoverageText.get(CoverageText.VI, "kpi_status." + status))
                    .put("status_en", CoverageText.get(CoverageText.EN, "kpi_status." + status))
                    .put("trend", p == null || trend == null ? null : new JsonObject().put("since", p.day().toString())
                            .put("pct_then", (rollup ? p.rollup() : p.own()).toJson().getValue("pct"))
                            .put("pp_per_30_days", BigDecimal.valueOf(trend * 30).setScale(1, java.math.RoundingMode.HALF_UP).doubleValue()));
            source(k, item);
            items.add(item);
        }
        return new JsonObject().put("unit", unit.toJson()).put("as_of", day.toString()).put("rollup", rollup).put("kpis", items);
    }

    /**
     * Every KPI at {@code unit} and at the units down to {@code depth} levels below it, alone and rolled up, as of
     * now: from the per-unit count cache (kept current from the change log, so the root costs what the last changes
     * cost), or computed over the unit's subtree when this transaction has written (its uncommitted rows must not
     * enter the shared cache).
     */
    public KpiCalculator.Values current(DSLContext dsl, List<KpiDefinition> kpis, CoverageRules rules, LocalDate day,
            UnitRef unit, int depth) {
        KpiCalculator.Values cached = cache.values(dsl, kpis, rules, day, unit, depth);
        return cached != null ? cached : calculator.compute(dsl, kpis, rules, day, unit.path());
    }

    /**
     * The roll-up table over the tree: every active unit of the subtree down to {@code depth} levels below the unit
     * (parents first), with each KPI's rolled-up figure, status and shortfall (or only {@code kpiCode}'s). With
     * {@code worst}, only that many units below the unit, those furthest from target first (most KPIs missed or at
     * risk, then the largest shortfall). One read of the cache serves every row.
     */
    public JsonObject unitTable(DSLContext dsl, Scope scope, String unitCode, String kpiCode, int depth, Integer worst) {
        return unitTable(dsl, compute(dsl, scope, unitCode, kpiCode, depth), worst);
    }

    /** {@link #unitTable(DSLContext, Scope, String, String, int, Integer)} of a subtree already read, to its depth. */
    public JsonObject unitTable(DSLContext dsl, Computed c, Integer worst) {
        int depth = c.depth();
        LocalDate day = c.day();
        UnitRef unit = c.unit();
        List<KpiDefinition> kpis = c.kpis();
        KpiCalculator.Values values = c.values();
        List<UnitRef> rows = units(dsl, unit).stream().filter(u -> u.depth() - unit.depth() <= depth).toList();
        Map<String, Map<Long, Past>> past = past(dsl, day, unit, depth, 28);
        record Row(UnitRef unit, JsonObject figures, int behind, int missing) {
        }
        List<Row> out = new java.util.ArrayList<>();
        for (UnitRef u : rows) {
            JsonObject figures = new JsonObject();
            int behind = 0;
            int missing = 0;
            for (KpiDefinition k : kpis) {
                Figure f = values.get(k.code(), u.id()).rollup();
                String status = KpiStatus.of(k, f, trendPerDay(past.getOrDefault(k.code(), Map.of()).get(u.id()), f,
                        true, day), day);
                int m = f.missingFor(k.threshold());
                figures.put(k.code(), f.toJson().put("status", status).put("missing", m));
                if (KpiStatus.MISSED.equals(status) || KpiStatus.AT_RISK.equals(status)) {
                    behind++;
                    missing += m;
                }
            }
            out.add(new Row(u, figures, behind, missing));
        }
        if (worst != null) {
            out = out.stream().filter(r -> r.unit().id() != unit.id() && r.behind() > 0)
                    .sorted(java.util.Comparator.comparingInt(Row::behind).thenComparingInt(Row::missing).reversed()
                            .thenComparing(r -> r.unit().code()))
                    .limit(worst).toList();
        }
        Map<Long, String> codes = new HashMap<>();
        rows.forEach(u -> codes.put(u.id(), u.code()));
        JsonArray items = new JsonArray();
        out.forEach(r -> items.add(r.unit().toJson().put("depth", r.unit().depth() - unit.depth())
                .put("parent_code", r.unit().parentId() == null ? null : codes.get(r.unit().parentId()))
                .put("kpis_behind", r.behind()).put("missing", r.missing()).put("figures", r.figures())));
        JsonArray defs = new JsonArray();
        kpis.forEach(k -> defs.add(k.toJson()));
        return new JsonObject().put("unit", unit.toJson()).put("as_of", day.toString()).put("kpis", defs)
                .put("items", items);
    }

    /** Which subsystem the inputs come from, and a note while a source is provisional. */
    void source(KpiDefinition k, JsonObject item) {
        String source = "inventory";
        String note = null;
        if (KpiKind.PERSON_CERTIFICATE.equals(k.kind())) {
            source = calculator.sources().certificates().source();
            note = calculator.sources().certificates().noteKey();
        } else if (KpiKind.UNIT_LINK.equals(k.kind())) {
            source = calculator.sources().links().source();
            note = calculator.sources().links().noteKey();
        }
        item.put("source", source);
        if (note != null) {
            item.put("note_vi", CoverageText.get(CoverageText.VI, note)).put("note_en", CoverageText.get(CoverageText.EN, note));
        }
    }

    public JsonObject history(DSLContext dsl, Scope scope, String code, String unitCode) {
        KpiDefinition k = targets.require(dsl, code);
        UnitRef unit = unit(dsl, scope, unitCode);
        var s = KPI_SNAPSHOT;
        JsonArray points = new JsonArray();
        dsl.select(s.DAY, s.OWN_NUM, s.OWN_DEN, s.NUM, s.DEN).from(s).where(s.KPI_CODE.eq(code)).and(s.UNIT_ID.eq(unit.id()))
                .orderBy(s.DAY).forEach(r -> points.add(new JsonObject().put("day", r.get(s.DAY).toString())
                        .put("own", new Figure(r.get(s.OWN_NUM), r.get(s.OWN_DEN)).toJson())
                        .put("rollup", new Figure(r.get(s.NUM), r.get(s.DEN)).toJson())));
        return new JsonObject().put("kpi", k.code()).put("unit", unit.toJson()).put("threshold", k.toJson().getValue("threshold"))
                .put("deadline", k.toJson().getValue("deadline")).put("points", points);
    }

    public List<Gap> gapList(DSLContext dsl, KpiDefinition k, UnitRef unit, boolean alone) {
        return gapList(dsl, k, targets.rules(dsl), unit, alone);
    }

    /** With the rules already at hand (a drill-down over several KPIs reads them once). */
    public List<Gap> gapList(DSLContext dsl, KpiDefinition k, CoverageRules rules, UnitRef unit, boolean alone) {
        return gapFinder.gaps(dsl, k, rules, today(), unit.path(), alone);
    }

    public JsonObject gaps(DSLContext dsl, Scope scope, String code, String unitCode, boolean alone) {
        KpiDefinition k = targets.require(dsl, code);
        UnitRef unit = unit(dsl, scope, unitCode);
        List<Gap> gaps = gapList(dsl, k, unit, alone);
        JsonArray items = new JsonArray();
        gaps.forEach(g -> items.add(g.toJson()));
        JsonObject out = new JsonObject().put("kpi", k.code()).put("title_vi", k.titleVi()).put("title_en", k.titleEn())
                .put("unit", unit.toJson()).put("as_of", today().toString()).put("count", gaps.size()).put("items", items);
        source(k, out);
        return out;
    }

    /** Takes (or retakes) today's snapshot of every KPI and unit; returns the number of rows stored. */
    public int snapshot(DSLContext dsl) {
        return calculator.snapshot(dsl, targets.definitions(dsl), targets.rules(dsl), today());
    }

    public boolean hasSnapshot(DSLContext dsl, LocalDate day) {
        return dsl.fetchExists(KPI_SNAPSHOT, KPI_SNAPSHOT.DAY.eq(day));
    }
}
