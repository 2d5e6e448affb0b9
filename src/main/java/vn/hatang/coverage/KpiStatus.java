package vn.hatang.coverage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * met / on_track / at_risk / missed against the deadline, from the value and its trend (percentage points per day
 * since an earlier snapshot); below_target for a KPI without a deadline (nothing to be late for, so never "at risk");
 * not_applicable when there is nothing to count.
 */
public final class KpiStatus {
    public static final String MET = "met";
    public static final String ON_TRACK = "on_track";
    public static final String AT_RISK = "at_risk";
    public static final String MISSED = "missed";
    public static final String NOT_APPLICABLE = "not_applicable";
    public static final String BELOW_TARGET = "below_target";

    private KpiStatus() {
    }

    public static String of(KpiDefinition k, Figure f, Double trendPerDay, LocalDate day) {
        BigDecimal pct = f.pct();
        if (pct == null) {
            return NOT_APPLICABLE;
        }
        if (pct.compareTo(k.threshold()) >= 0) {
            return MET;
        }
        if (k.deadline() == null) {
            return BELOW_TARGET;
        }
        if (day.isAfter(k.deadline())) {
            return MISSED;
        }
        if (trendPerDay == null || trendPerDay <= 0) {
            return AT_RISK;
        }
        long daysLeft = ChronoUnit.DAYS.between(day, k.deadline());
        double projected = pct.doubleValue() + trendPerDay * daysLeft;
        return projected >= k.threshold().doubleValue() ? ON_TRACK : AT_RISK;
    }
}
