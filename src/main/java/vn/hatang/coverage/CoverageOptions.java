package vn.hatang.coverage;

import vn.hatang.platform.config.Env;

/**
 * Coverage schedule settings: the day of the month the monthly report is generated and kept (default the 20th, the
 * report being due before the 25th), and whether the schedule runs at all ({@code HATANG_COVERAGE_SCHEDULE=off}).
 */
public record CoverageOptions(int monthlyReportDay, boolean schedule) {
    public static final int DEFAULT_MONTHLY_DAY = 20;

    public static CoverageOptions from(Env env) {
        return new CoverageOptions(env.integer("HATANG_MONTHLY_REPORT_DAY", DEFAULT_MONTHLY_DAY, 1, 28),
                env.flag("HATANG_COVERAGE_SCHEDULE", true));
    }
}
