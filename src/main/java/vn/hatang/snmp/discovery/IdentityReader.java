package vn.hatang.snmp.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.hatang.snmp.api.Oid;
import vn.hatang.snmp.api.SnmpValue;

/**
 * Applies a vendor profile to what a device answered. Placeholders agents put in empty fields ("N/A", "To be filled
 * by O.E.M.", "0", …) count as absent, so the next source is tried and no finding is made of them.
 */
public final class IdentityReader {
    /** Placeholders seen across vendors for "no value"; compared case-insensitively, spaces ignored. */
    private static final Set<String> PLACEHOLDERS = Set.of("", "N/A", "NA", "NONE", "NULL", "UNKNOWN", "0", "-",
            "NOTAVAILABLE", "NOTSPECIFIED", "NOTAPPLICABLE", "TOBEFILLEDBYO.E.M.", "DEFAULTSTRING", "SYSTEMSERIALNUMBER",
            "SERIALNUMBER", "0123456789", "1234567890", "XXXXXXXXXX", "UNSPECIFIED", "NOTSET");

    private IdentityReader() {
    }

    /** What one read is made of: the device's answers that a profile's sources look at. */
    private record Answers(SystemInfo sys, List<PhysicalEntity> rows, PhysicalEntity chassis,
                           Map<Oid, SnmpValue> values) {
    }

    /**
     * @param rows   the ENTITY-MIB rows (for sources that read inside the chassis)
     * @param values the answers to the profile's {@link VendorProfile#requests()}, by requested OID (an OID_NEXT
     *               source's value under its column OID)
     */
    public static Identity read(VendorProfile p, SystemInfo sys, List<PhysicalEntity> rows, Optional<Chassis> chassis,
                                Map<Oid, SnmpValue> values) {
        Answers a = new Answers(sys, rows, chassis.map(Chassis::main).orElse(null), values);
        Map<String, String> sources = new LinkedHashMap<>();
        String serial = first(p, p.serial(), a, "serial", sources);
        String model = first(p, p.model(), a, "model", sources);
        String version = first(p, p.version(), a, "version", sources);
        List<String> others = new ArrayList<>();
        for (VendorProfile.Source s : p.alsoSerial()) {
            String v = clean(p, s.extract(raw(s, a)));
            if (v != null && !v.equals(serial) && !others.contains(v)) {
                others.add(v);
            }
        }
        List<Identity.Member> members = new ArrayList<>();
        if (chassis.isPresent() && chassis.get().stack()) {
            for (PhysicalEntity m : chassis.get().members()) {
                members.add(new Identity.Member(m.index(), clean(p, m.name()), entityValue(p, p.serial(), m),
                        entityValue(p, p.model(), m)));
            }
        }
        chassis.ifPresent(c -> sources.put("chassis", c.how()));
        return new Identity(p.id(), p.vendor(), p.os(), serial, model, version, others, sources, members);
    }

    private static String first(VendorProfile p, List<VendorProfile.Source> list, Answers a, String field,
                                Map<String, String> sources) {
        for (VendorProfile.Source s : list) {
            String v = clean(p, s.extract(raw(s, a)));
            if (v != null) {
                PhysicalEntity row = s.firstChild() ? firstChild(a) : a.chassis();
                sources.put(field, s.describe(row == null ? null : String.valueOf(row.index())));
                return v;
            }
        }
        return null;
    }

    private static String raw(VendorProfile.Source s, Answers a) {
        return switch (s.kind()) {
            case ENTITY -> {
                PhysicalEntity row = s.firstChild() ? firstChild(a) : a.chassis();
                yield row == null ? null : row.column(s.ref());
            }
            case OID, OID_NEXT -> {
                SnmpValue v = a.values().get(s.oid());
                yield v == null || v.isException() ? null : v.asText();
            }
            case SYS_DESCR -> a.sys() == null ? null : a.sys().descr();
            case SYS_OBJECT_ID -> a.sys() == null || a.sys().objectId() == null ? null
                    : s.map().get(a.sys().objectId().replaceFirst("^\\.", ""));
        };
    }

    /** The first row directly inside the chassis, by relative position then index. */
    private static PhysicalEntity firstChild(Answers a) {
        if (a.chassis() == null) {
            return null;
        }
        int parent = a.chassis().index();
        return a.rows().stream().filter(r -> r.containedIn() != null && r.containedIn() == parent)
                .min(Comparator.comparing((PhysicalEntity r) -> r.parentRelPos() == null || r.parentRelPos() < 0
                        ? Integer.MAX_VALUE : r.parentRelPos()).thenComparingInt(PhysicalEntity::index))
                .orElse(null);
    }

    /** A stack member's serial or model: the profile's chassis-row entity sources applied to that member's row. */
    private static String entityValue(VendorProfile p, List<VendorProfile.Source> list, PhysicalEntity member) {
        for (VendorProfile.Source s : list) {
            if (s.kind() == VendorProfile.Kind.ENTITY && !s.firstChild()) {
                String v = clean(p, s.extract(member.column(s.ref())));
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    /** Null for blanks and placeholders; otherwise the value without surrounding blanks and NULs. */
    static String clean(VendorProfile p, String v) {
        if (v == null) {
            return null;
        }
        String s = v.replace('\u0000', ' ').strip();
        String key = s.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (PLACEHOLDERS.contains(key) || p.ignore().stream().anyMatch(i -> i.equalsIgnoreCase(s))) {
            return null;
        }
        return s;
    }
}
