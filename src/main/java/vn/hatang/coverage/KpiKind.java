package vn.hatang.coverage;

import java.util.List;
import java.util.Map;

/**
 * How a KPI is computed. A KPI definition names one of these kinds and gives its parameters; a new KPI of an existing
 * kind is data only. Each kind knows which parameters it takes.
 */
public final class KpiKind {
    public static final String INVESTMENT_DELIVERY = "investment_delivery";
    public static final String UNIT_EQUIPMENT = "unit_equipment";
    public static final String PERSON_DEVICE = "person_device";
    public static final String PERSON_CERTIFICATE = "person_certificate";
    public static final String UNIT_DEVICE = "unit_device";
    public static final String UNIT_LINK = "unit_link";
    public static final String INFORMATION_SYSTEM = "information_system";

    public static final List<String> ALL = List.of(INVESTMENT_DELIVERY, UNIT_EQUIPMENT, PERSON_DEVICE,
            PERSON_CERTIFICATE, UNIT_DEVICE, UNIT_LINK, INFORMATION_SYSTEM);

    /** Parameters each kind accepts; the first ones listed are required. */
    static final Map<String, List<String>> PARAMS = Map.of(
            INVESTMENT_DELIVERY, List.of("categories"),
            UNIT_EQUIPMENT, List.of(),
            PERSON_DEVICE, List.of("categories", "duties", "modern"),
            PERSON_CERTIFICATE, List.of("duties"),
            UNIT_DEVICE, List.of("categories"),
            UNIT_LINK, List.of("link_kinds"),
            INFORMATION_SYSTEM, List.of());

    /** Boolean duty columns of {@code person} a KPI may select people by. */
    public static final List<String> DUTIES = List.of("signs_documents", "handles_documents_online",
            "executive_committee", "leader", "secret_signing");

    public static final List<String> LINK_KINDS = List.of("special_use", "internet", "other");

    private KpiKind() {
    }

    /** Unit-count kinds count units (0 or 1 per unit); the others count people, devices or systems. */
    public static boolean countsUnits(String kind) {
        return UNIT_EQUIPMENT.equals(kind) || UNIT_DEVICE.equals(kind) || UNIT_LINK.equals(kind);
    }
}
