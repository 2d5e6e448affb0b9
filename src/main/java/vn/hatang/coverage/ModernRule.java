package vn.hatang.coverage;

import java.time.LocalDate;
import java.util.List;

/**
 * When a device of one category counts as "modern": in service, younger than {@code maxAgeYears}, at least
 * {@code minRamGb}, running an operating system still supported, and (if required) with a passed security check.
 */
public record ModernRule(String category, Integer maxAgeYears, Integer minRamGb, boolean requireSecurityCheck,
        List<OsSupport> supportedOs) {

    /** An operating system recognised by a pattern on the device's {@code os} ({@link OsPattern}), supported until a date. */
    public record OsSupport(String name, OsPattern pattern, LocalDate endOfSupport) {
        public boolean supportedOn(LocalDate day) {
            return endOfSupport == null || endOfSupport.isAfter(day);
        }
    }
}
