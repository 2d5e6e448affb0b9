package vn.hatang.coverage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.hatang.db.tables.records.DeviceRecord;

/**
 * Words why one device does not count (the SQL in {@link KpiSql} decides whether it counts; this explains it in the
 * gap list with the same rule).
 */
final class ModernCheck {
    private ModernCheck() {
    }

    static List<Reason> reasons(DeviceRecord d, Optional<ModernRule> rule, boolean modern, boolean passedCheck,
            LocalDate day) {
        List<Reason> out = new ArrayList<>();
        if (!"in_service".equals(d.getStatus())) {
            out.add(new Reason("reason.device_status", d.getSerial(), status(d.getStatus())));
        }
        if (!modern || rule.isEmpty()) {
            return out;
        }
        ModernRule r = rule.get();
        if (r.maxAgeYears() != null) {
            if (d.getAcquiredOn() == null) {
                out.add(new Reason("reason.age_unknown", d.getSerial()));
            } else if (d.getAcquiredOn().isBefore(day.minusYears(r.maxAgeYears()))) {
                out.add(new Reason("reason.too_old", d.getSerial(), d.getAcquiredOn().toString(),
                        String.valueOf(r.maxAgeYears())));
            }
        }
        if (r.minRamGb() != null) {
            if (d.getRamGb() == null) {
                out.add(new Reason("reason.ram_unknown", d.getSerial()));
            } else if (d.getRamGb() < r.minRamGb()) {
                out.add(new Reason("reason.ram_low", d.getSerial(), String.valueOf(d.getRamGb()),
                        String.valueOf(r.minRamGb())));
            }
        }
        if (!r.supportedOs().isEmpty()) {
            ModernRule.OsSupport match = null;
            for (ModernRule.OsSupport s : r.supportedOs()) {
                if (s.pattern().matches(d.getOs())) {
                    match = s;
                    if (s.supportedOn(day)) {
                        break;
                    }
                }
            }
            if (match == null) {
                out.add(new Reason("reason.os_unsupported", d.getSerial(), d.getOs() == null ? "?" : d.getOs()));
            } else if (!match.supportedOn(day)) {
                out.add(new Reason("reason.os_end_of_support", d.getSerial(), match.name(), match.endOfSupport().toString()));
            }
        }
        if (r.requireSecurityCheck() && !passedCheck) {
            out.add(new Reason("reason.no_security_check", d.getSerial()));
        }
        return out;
    }

    static Reason status(String status) {
        return new Reason("status." + status);
    }
}
