package vn.hatang.snmp.links;

import java.util.List;
import java.util.Locale;
import vn.hatang.snmp.poll.IfSample;

/**
 * Which interface of a device carries a link — the one definition, used for the live link status, its metrics and
 * (through the stored link state) the WAN_CONNECTED KPI. The inventory names the interface as people write it, so
 * the name is compared without case and surrounding blanks, first with ifName, then ifDescr, then ifAlias; within
 * each, the lowest ifIndex wins (an alias may repeat, a name should not).
 */
public final class CarriedInterface {
    private CarriedInterface() {
    }

    /** Position of the carrying interface in {@code interfaces}, or -1 when none matches (or no name is recorded). */
    public static int find(String interfaceName, List<IfSample> interfaces) {
        String wanted = normalise(interfaceName);
        if (wanted == null) {
            return -1;
        }
        for (int pass = 0; pass < 3; pass++) {
            int best = -1;
            for (int i = 0; i < interfaces.size(); i++) {
                IfSample s = interfaces.get(i);
                String v = pass == 0 ? s.name : pass == 1 ? s.descr : s.alias;
                if (wanted.equals(normalise(v)) && (best < 0 || s.ifIndex < interfaces.get(best).ifIndex)) {
                    best = i;
                }
            }
            if (best >= 0) {
                return best;
            }
        }
        return -1;
    }

    private static String normalise(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
