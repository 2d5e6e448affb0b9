package vn.hatang.snmp.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares the inventory's serial and model with the identity discovery read. A device that does not expose a value
 * gives an *_UNKNOWN finding (the inventory cannot be checked), never a mismatch; a stack matches when any member has
 * the inventory's serial or model.
 */
public final class InventoryCheck {
    private InventoryCheck() {
    }

    /**
     * @param serial the inventory serial number, or null/blank when unknown (no finding then)
     * @param model  the inventory model, or null/blank when unknown
     */
    public static List<Finding> findings(String serial, String model, Identity identity, VendorProfile profile) {
        List<Finding> out = new ArrayList<>();
        if (!blank(serial)) {
            List<String> reported = identity.serials();
            if (reported.isEmpty()) {
                out.add(new Finding(Finding.Kind.SERIAL_UNKNOWN, serial.strip(), null));
            } else if (reported.stream().noneMatch(s -> sameSerial(s, serial))) {
                out.add(new Finding(Finding.Kind.SERIAL_MISMATCH, serial.strip(), String.join(", ", reported)));
            }
        }
        if (!blank(model)) {
            List<String> reported = identity.models();
            if (reported.isEmpty()) {
                out.add(new Finding(Finding.Kind.MODEL_UNKNOWN, model.strip(), null));
            } else if (reported.stream().noneMatch(m -> ModelMatch.same(model, m, profile))) {
                out.add(new Finding(Finding.Kind.MODEL_MISMATCH, model.strip(), String.join(", ", reported)));
            }
        }
        return out;
    }

    /** Serials compare without case, spaces or dashes (labels print "FOC 2231-X0AB" for FOC2231X0AB). */
    static boolean sameSerial(String a, String b) {
        return ModelMatch.squash(a).equals(ModelMatch.squash(b)) && !ModelMatch.squash(a).isEmpty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
