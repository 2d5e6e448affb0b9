package vn.hatang.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies the status words a head of department reads next to each KPI. */
class KpiStatusTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 5, 1);

    private static KpiDefinition kpi(String threshold, LocalDate deadline) {
        return new KpiDefinition("K", "k", "k", KpiKind.PERSON_DEVICE, List.of(), null, new BigDecimal(threshold), deadline,
                null, new JsonObject(), 0);
    }

    @Test
    void testStatusFollowsValueDeadlineAndTrend() {
        KpiDefinition june = kpi("80", LocalDate.of(2026, 6, 30)); // 60 days left
        assertEquals(KpiStatus.MET, KpiStatus.of(june, new Figure(8, 10), null, TODAY));
        assertEquals(KpiStatus.NOT_APPLICABLE, KpiStatus.of(june, Figure.ZERO, null, TODAY));
        assertEquals(KpiStatus.AT_RISK, KpiStatus.of(june, new Figure(5, 10), null, TODAY), "no history: cannot tell");
        assertEquals(KpiStatus.ON_TRACK, KpiStatus.of(june, new Figure(5, 10), 0.6, TODAY), "50 + 0.6 × 60 = 86 ≥ 80");
        assertEquals(KpiStatus.AT_RISK, KpiStatus.of(june, new Figure(5, 10), 0.4, TODAY), "50 + 0.4 × 60 = 74 < 80");
        assertEquals(KpiStatus.MISSED, KpiStatus.of(june, new Figure(5, 10), 5.0, LocalDate.of(2026, 7, 1)));
        KpiDefinition open = kpi("100", null);
        assertEquals(KpiStatus.BELOW_TARGET, KpiStatus.of(open, new Figure(5, 10), 0.1, TODAY), "no deadline: never at risk");
        assertEquals(KpiStatus.BELOW_TARGET, KpiStatus.of(open, new Figure(5, 10), -0.1, TODAY));
        assertEquals(KpiStatus.MET, KpiStatus.of(open, new Figure(10, 10), null, TODAY));
    }

    @Test
    void testMissingCountReachesTheThreshold() {
        assertEquals(3, new Figure(5, 10).missingFor(new BigDecimal("80")));
        assertEquals(1, new Figure(0, 2).missingFor(new BigDecimal("40")), "40 % of 2 is 0.8: one device");
        assertEquals(0, new Figure(9, 10).missingFor(new BigDecimal("80")));
        assertEquals(new BigDecimal("33.3"), new Figure(1, 3).pct());
    }
}
