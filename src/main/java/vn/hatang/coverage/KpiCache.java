package vn.hatang.coverage;

import static vn.hatang.db.Tables.KPI_CHANGE;
import static vn.hatang.db.Tables.KPI_CHANGE_HORIZON;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Every unit's own KPI counts and their roll-ups over the whole tree, computed once and then kept current from the
 * change log ({@code kpi_change}, written by triggers on every table the KPIs read): a read first recomputes the own
 * counts of the few units changed since the last read and moves their differences up their paths, so a change
 * anywhere shows at the root without recomputing the country. The log is in the database, so a write through
 * another instance, an import or raw SQL is seen like one through this process.
 *
 * <p>Which changes are new: the log is read up to a snapshot whose oldest running transaction is X (its xmin); every
 * transaction not yet seen then has an id >= X, so the next read asks for {@code xid >= X} and skips the
 * transactions it already applied.
 */
final class KpiCache {
    /** Beyond this many changed units one full computation is cheaper than recomputing them one set at a time. */
    static final int MAX_INCREMENTAL_UNITS = 2000;
    /** A cache not refreshed for this long is rebuilt (the log keeps at least twice as much; see {@link #prune}). */
    static final Duration MAX_IDLE = Duration.ofHours(12);
    static final Duration LOG_KEPT = Duration.ofDays(2);

    /** The oldest transaction still running when this statement's snapshot was taken. */
    private static final org.jooq.Field<Long> XMIN = DSL.field("pg_snapshot_xmin(pg_current_snapshot())::text::bigint", Long.class);

    private final KpiCalculator calculator;
    private Key key;
    private KpiCalculator.Tally tally;
    /** The xmin of the snapshot the log was last read in, and the transactions at or above it already applied. */
    private long watermark;
    private final Set<Long> applied = new HashSet<>();
    private long refreshedAt;

    KpiCache(KpiCalculator calculator) {
        this.calculator = calculator;
    }

    /** What the cached values were computed for: any difference means a full computation. */
    private record Key(LocalDate day, List<KpiDefinition> kpis, CoverageRules rules) {
    }

    /**
     * The values of every KPI at {@code unit} and at the units down to {@code depth} levels below it, alone and
     * rolled up, current as of this statement: what {@link KpiCalculator#compute} gives for the unit's subtree (a
     * unit's roll-up does not depend on where the computation starts). Null when the cache cannot answer for this
     * transaction (it has written, or reads an older snapshot): compute directly then.
     */
    synchronized KpiCalculator.Values values(DSLContext dsl, List<KpiDefinition> kpis, CoverageRules rules,
            LocalDate day, UnitRef unit, int depth) {
        if (!refresh(dsl, new Key(day, kpis, rules))) {
            return null;
        }
        // A copy, not a view: later refreshes change the tally while the caller renders.
        KpiCalculator.Values out = new KpiCalculator.Values();
        for (long id : depth == 0 ? List.of(unit.id()) : tally.unitsUnder(unit.path(), depth)) {
            for (KpiDefinition k : kpis) {
                out.put(tally.value(k.code(), id));
            }
        }
        return out;
    }

    private boolean refresh(DSLContext dsl, Key wanted) {
        // A transaction's own uncommitted writes, or a repeatable-read snapshot, must not enter the shared values.
        Record state = dsl.select(XMIN,
                DSL.field("pg_current_xact_id_if_assigned() is null and current_setting('transaction_isolation') = "
                        + "'read committed'", Boolean.class)).fetchOne();
        long xmin = state.get(0, Long.class);
        if (!state.get(1, Boolean.class)) {
            return false;
        }
        long now = System.nanoTime();
        if (tally == null || !wanted.equals(key) || now - refreshedAt > MAX_IDLE.toNanos()) {
            rebuild(dsl, wanted, xmin);
        } else {
            Set<Long> units = new HashSet<>();
            Set<Long> seen = new HashSet<>();
            boolean everything = false;
            for (var r : dsl.select(KPI_CHANGE.XID, KPI_CHANGE.UNIT_ID).from(KPI_CHANGE).where(KPI_CHANGE.XID.ge(watermark))) {
                if (applied.contains(r.value1())) {
                    continue;
                }
                seen.add(r.value1());
                everything |= r.value2() == null;
                if (r.value2() != null) {
                    units.add(r.value2());
                }
            }
            if (everything || units.size() > MAX_INCREMENTAL_UNITS) {
                rebuild(dsl, wanted, xmin);
            } else if (!units.isEmpty()) {
                try {
                    units.forEach(tally::remove);
                    calculator.addOwn(dsl, wanted.kpis(), wanted.rules(), wanted.day(), units, tally);
                } catch (RuntimeException e) {
                    tally = null; // half applied: rebuild next time
                    throw e;
                }
            }
            applied.addAll(seen);
            applied.removeIf(x -> x < xmin);
            watermark = xmin;
        }
        refreshedAt = now;
        return true;
    }

    private void rebuild(DSLContext dsl, Key wanted, long xmin) {
        tally = null;
        KpiCalculator.Tally fresh = new KpiCalculator.Tally(wanted.kpis(), 0);
        calculator.addAll(dsl, wanted.kpis(), wanted.rules(), wanted.day(), fresh);
        tally = fresh;
        key = wanted;
        watermark = xmin;
        applied.clear();
    }

    /**
     * Drops the log rows no cache can still need: those below the horizon noted at least {@link #LOG_KEPT} ago (any
     * cache refreshed since has a watermark above it; an older one rebuilds), then notes the current one.
     */
    static int prune(DSLContext dsl, java.time.Instant now) {
        var h = KPI_CHANGE_HORIZON;
        var noted = dsl.selectFrom(h).where(h.ID.eq(1)).fetchOne();
        if (noted != null && noted.getNotedAt().isAfter(now.minus(LOG_KEPT))) {
            return 0;
        }
        int dropped = noted == null ? 0 : dsl.deleteFrom(KPI_CHANGE).where(KPI_CHANGE.XID.lt(noted.getXid())).execute();
        long xmin = dsl.select(XMIN).fetchOne(0, Long.class);
        dsl.insertInto(h).set(h.ID, 1).set(h.XID, xmin).set(h.NOTED_AT, now)
                .onConflict(h.ID).doUpdate().set(h.XID, xmin).set(h.NOTED_AT, now).execute();
        return dropped;
    }
}
