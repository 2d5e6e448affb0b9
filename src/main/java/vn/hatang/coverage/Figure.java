package vn.hatang.coverage;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numerator over denominator. The percentage is absent when there is nothing to count. */
public record Figure(int num, int den) {
    public static final Figure ZERO = new Figure(0, 0);

    public Figure plus(Figure o) {
        return new Figure(num + o.num, den + o.den);
    }

    /** Percent with one decimal, or null for 0 / 0. */
    public BigDecimal pct() {
        return den == 0 ? null : BigDecimal.valueOf(num * 100L).divide(BigDecimal.valueOf(den), 1, RoundingMode.HALF_UP);
    }

    /** How many more must be counted to reach {@code threshold} percent (never negative). */
    public int missingFor(BigDecimal threshold) {
        if (den == 0) {
            return 0;
        }
        int needed = threshold.multiply(BigDecimal.valueOf(den)).divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).intValue();
        return Math.max(0, needed - num);
    }

    public JsonObject toJson() {
        BigDecimal p = pct();
        return new JsonObject().put("num", num).put("den", den).put("pct", p == null ? null : p.doubleValue());
    }
}
