package vn.hatang.coverage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import vn.hatang.monitoring.KpiSource;

/**
 * Coverage as Prometheus sees it (plugged into monitoring with {@code DomainSources.withKpis}): every KPI at the root
 * and its direct children as ratios, and per KPI how many units are in each status. One whole-tree computation per
 * call; monitoring caches it.
 */
public final class CoverageKpiSource implements KpiSource {
    private final DSLContext dsl;
    private final CoverageService service;

    public CoverageKpiSource(DSLContext dsl, CoverageService service) {
        this.dsl = dsl;
        this.service = service;
    }

    private record State(List<KpiValue> values, List<StatusCount> statuses, List<KpiTitle> titles, long at) {
    }

    private State last;

    /** values() and unitsByStatus() come in pairs within one scrape: compute once for both. */
    private synchronized State state() {
        if (last == null || System.nanoTime() - last.at() > 10_000_000_000L) {
            last = compute();
        }
        return last;
    }

    private State compute() {
        List<KpiDefinition> kpis = service.targets().definitions(dsl);
        List<KpiValue> values = new ArrayList<>();
        List<StatusCount> statuses = new ArrayList<>();
        List<KpiTitle> titles = kpis.stream().map(k -> new KpiTitle(k.code(), k.titleVi(), k.titleEn())).toList();
        if (kpis.isEmpty() || !dsl.fetchExists(vn.hatang.db.Tables.UNIT)) {
            return new State(values, statuses, titles, System.nanoTime());
        }
        LocalDate day = service.today();
        UnitRef root = service.unit(dsl, vn.hatang.security.Scope.system("metrics"), null);
        List<UnitRef> units = service.units(dsl, root);
        // From the per-unit cache: a scrape costs what changed since the last one, not a computation of the country.
        KpiCalculator.Values all = service.current(dsl, kpis, service.targets().rules(dsl), day, root, Integer.MAX_VALUE);
        Map<String, Map<Long, CoverageService.Past>> past = service.past(dsl, day, null, 28);
        for (KpiDefinition k : kpis) {
            Map<String, Long> counts = new HashMap<>();
            for (UnitRef u : units) {
                Figure f = all.get(k.code(), u.id()).rollup();
                if (f.den() == 0) {
                    continue;
                }
                Double trend = CoverageService.trendPerDay(past.getOrDefault(k.code(), Map.of()).get(u.id()), f, true, day);
                counts.merge(KpiStatus.of(k, f, trend, day), 1L, Long::sum);
                if (u.depth() - root.depth() <= 1) {
                    values.add(new KpiValue(k.code(), u.id(), (double) f.num() / f.den(), k.threshold().doubleValue() / 100,
                            k.deadline() == null ? null
                                    : k.deadline().plusDays(1).atStartOfDay(CoverageService.ZONE).toInstant()));
                }
            }
            counts.forEach((status, n) -> statuses.add(new StatusCount(k.code(), status, n)));
        }
        return new State(values, statuses, titles, System.nanoTime());
    }

    @Override
    public List<KpiValue> values() {
        return state().values();
    }

    @Override
    public List<StatusCount> unitsByStatus() {
        return state().statuses();
    }

    @Override
    public List<KpiTitle> titles() {
        return state().titles();
    }
}
