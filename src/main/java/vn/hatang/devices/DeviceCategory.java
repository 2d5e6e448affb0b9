package vn.hatang.devices;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Device categories of R2–R4 and the class each belongs to. */
public final class DeviceCategory {
    public static final List<String> ALL = List.of("pc", "laptop", "tablet", "printer", "scanner",
            "firewall", "switch", "router", "videoconference", "server", "storage", "virtualization_host");

    public static final Map<String, List<String>> CLASSES = Map.of(
            "endpoint", List.of("pc", "laptop", "tablet", "printer", "scanner"),
            "network", List.of("firewall", "switch", "router"),
            "videoconference", List.of("videoconference"),
            "datacenter", List.of("server", "storage", "virtualization_host"));

    /** Categories that hold data unless said otherwise: disposing of one needs a data-destruction record. */
    private static final Set<String> STORAGE_BEARING = Set.of("pc", "laptop", "tablet", "server", "storage",
            "virtualization_host");

    private DeviceCategory() {
    }

    public static boolean storageBearingByDefault(String category) {
        return STORAGE_BEARING.contains(category);
    }
}
