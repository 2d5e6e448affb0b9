package vn.hatang.snmp.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Compares the inventory's serial and model with what discovery read. */
public final class InventoryCheck {
    private InventoryCheck() {
    }

    /**
     * @param serial the inventory serial number, or null/blank when unknown (no finding then)
     * @param model  the inventory model, or null/blank when unknown
     */
    public static List<Finding> findings(String serial, String model, DiscoveryResult d) {
        List<Finding> out = new ArrayList<>();
        if (!blank(serial)) {
            boolean found = d.entities.stream().anyMatch(e -> same(e.serial, serial));
            String actual = d.chassis().map(e -> e.serial).filter(s -> !blank(s)).orElse(null);
            if (!found && actual != null) {
                out.add(new Finding(Finding.Kind.SERIAL_MISMATCH, serial, actual, "Số sê-ri trong kho (" + serial
                        + ") khác số thiết bị báo (" + actual + ") / inventory serial " + serial
                        + " differs from the device's " + actual));
            }
        }
        if (!blank(model)) {
            String actual = d.chassis().map(e -> e.model).filter(s -> !blank(s)).orElse(null);
            boolean matches = actual != null ? same(actual, model) || norm(actual).contains(norm(model))
                    : d.system != null && d.system.descr != null && norm(d.system.descr).contains(norm(model));
            if (!matches && (actual != null || d.system != null)) {
                String reported = actual != null ? actual : d.system.descr;
                out.add(new Finding(Finding.Kind.MODEL_MISMATCH, model, reported, "Model trong kho (" + model
                        + ") khác model thiết bị báo (" + reported + ") / inventory model " + model
                        + " differs from the device's " + reported));
            }
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && norm(a).equals(norm(b));
    }

    private static String norm(String s) {
        return s.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }
}
