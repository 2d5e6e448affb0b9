package vn.hatang.coverage;

import java.util.Map;

/**
 * Coverage schedule settings: the day of the month the monthly report is generated and kept (default the 20th, the
 * report being due before the 25th), and whether the schedule runs at all ({@code HATANG_COVERAGE_SCHEDULE=off}).
 */
public record CoverageOptions(int monthlyReportDay, boolean schedule) {
    public static CoverageOptions fromEnv(Map<String, String> env) {
        String day = env.getOrDefault("HATANG_MONTHLY_REPORT_DAY", String.valueOf(CoverageScheduler.DEFAULT_MONTHLY_DAY));
        int d;
        try {
            d = Integer.parseInt(day.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HATANG_MONTHLY_REPORT_DAY phải là số nguyên 1–28 / must be an integer 1–28: " + day);
        }
        if (d < 1 || d > 28) {
            throw new IllegalArgumentException("HATANG_MONTHLY_REPORT_DAY phải trong 1–28 / must be 1–28: " + day);
        }
        return new CoverageOptions(d, !"off".equalsIgnoreCase(env.getOrDefault("HATANG_COVERAGE_SCHEDULE", "on").trim()));
    }
}
