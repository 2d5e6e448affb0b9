package vn.hatang.snmp.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.hatang.snmp.api.Oid;

/**
 * Where one kind of device keeps its serial number, model and software version: one YAML file under
 * {@code vn/hatang/snmp/discovery/vendors/} (see its README). A profile applies to a device whose sysObjectID starts
 * with one of its prefixes and, when the profile names one, whose sysDescr matches its pattern; the most specific
 * profile wins (longest prefix, then one with a sysDescr pattern). Each field lists its sources in order; the first
 * that yields a value is used.
 *
 * @param checkedAgainst what the profile was checked against (MIB files, recordings), for the record
 * @param modelRewrites  regex replacements applied to both the inventory model and the device's before comparing
 *                       (e.g. Cisco's "Catalyst 9300" is the "C9300" of entPhysicalModelName)
 * @param alsoSerial     other identifiers that count as the serial when the inventory is compared (Dell's service
 *                       tag beside the product serial)
 * @param ignore         values that mean "none" on this vendor's devices, beyond the universal placeholders
 */
public record VendorProfile(String id, String vendor, String os, List<Match> matches, List<Source> serial,
                            List<Source> alsoSerial, List<Source> model, List<Source> version,
                            List<Rewrite> modelRewrites, List<String> ignore, List<String> checkedAgainst,
                            String file) {

    /** One identity field. */
    public enum Field { SERIAL, MODEL, VERSION }

    public List<Source> sources(Field f) {
        return switch (f) {
            case SERIAL -> serial;
            case MODEL -> model;
            case VERSION -> version;
        };
    }

    /** A sysObjectID prefix (arcs, not characters: .9 does not match .99) and an optional sysDescr pattern. */
    public record Match(Oid prefix, Pattern sysDescr) {
        /** Specificity, or -1 when it does not apply: the prefix length counts, a sysDescr pattern breaks ties. */
        int score(Oid sysObjectId, String sysDescr) {
            if (prefix != null && (sysObjectId == null || !sysObjectId.startsWith(prefix))) {
                return -1;
            }
            if (this.sysDescr != null && (sysDescr == null || !this.sysDescr.matcher(sysDescr).find())) {
                return -1;
            }
            return (prefix == null ? 0 : prefix.size() * 2) + (this.sysDescr == null ? 0 : 1);
        }
    }

    public int score(Oid sysObjectId, String sysDescr) {
        int best = -1;
        for (Match m : matches) {
            best = Math.max(best, m.score(sysObjectId, sysDescr));
        }
        return best;
    }

    /** Where a source reads its value. */
    public enum Kind {
        /** A column of the chassis row chosen by {@link Chassis} (for a stack: of each member). */
        ENTITY,
        /** A scalar (or one instance) read with GET. */
        OID,
        /** The first instance of a column, read with GETNEXT (when its index varies between devices). */
        OID_NEXT,
        /** The sysDescr text. */
        SYS_DESCR,
        /** A name looked up by the exact sysObjectID, from the vendor's product MIB. */
        SYS_OBJECT_ID
    }

    /**
     * One place to read a value, with an optional pattern that extracts it: the named group {@code value}, else group
     * 1, else the whole match; {@code format} (with $1, $2 …) assembles several groups instead. An ENTITY source reads
     * the chassis row, or with {@code firstChild} the first row directly inside it (agents that leave the chassis
     * row empty and describe the main board).
     */
    public record Source(Kind kind, String ref, String name, Pattern pattern, String format, boolean upper,
                         Map<String, String> map, boolean firstChild) {
        /** The OID to request, for OID and OID_NEXT. */
        public Oid oid() {
            return kind == Kind.OID || kind == Kind.OID_NEXT ? Oid.parse(ref) : null;
        }

        /** The value extracted from {@code raw}, or null. */
        public String extract(String raw) {
            if (raw == null) {
                return null;
            }
            String v = raw;
            if (pattern != null) {
                Matcher m = pattern.matcher(raw);
                if (!m.find()) {
                    return null;
                }
                v = format != null ? format(m) : group(m);
            }
            if (v == null) {
                return null;
            }
            v = v.strip();
            return upper ? v.toUpperCase(Locale.ROOT) : v;
        }

        private static String group(Matcher m) {
            if (m.pattern().pattern().contains("(?<value>")) {
                return m.group("value");
            }
            return m.groupCount() >= 1 ? m.group(1) : m.group();
        }

        private String format(Matcher m) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c == '$' && i + 1 < format.length() && Character.isDigit(format.charAt(i + 1))) {
                    int g = format.charAt(++i) - '0';
                    String part = g <= m.groupCount() ? m.group(g) : null;
                    out.append(part == null ? "" : part);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }

        /** Where the value came from, in words, for the API. */
        public String describe(String entityWhere) {
            return switch (kind) {
                case ENTITY -> "ENTITY-MIB " + PhysicalEntity.mibName(ref) + "." + entityWhere
                        + (firstChild ? " (first row inside the chassis)" : "");
                case OID, OID_NEXT -> name != null ? name : ref;
                case SYS_DESCR -> "sysDescr";
                case SYS_OBJECT_ID -> "sysObjectID " + (name != null ? "(" + name + ")" : "");
            };
        }
    }

    /** A regex replacement applied before models are compared. */
    public record Rewrite(Pattern from, String to) {
        String apply(String s) {
            return from.matcher(s).replaceAll(to);
        }
    }

    /** Applies the model rewrites in order. */
    public String rewriteModel(String s) {
        String v = s;
        for (Rewrite r : modelRewrites) {
            v = r.apply(v);
        }
        return v;
    }

    /** The OID sources of the profile, once each (GET and GETNEXT). */
    public List<Source> requests() {
        List<Source> out = new ArrayList<>();
        List<Source> all = new ArrayList<>(alsoSerial);
        for (Field f : Field.values()) {
            all.addAll(sources(f));
        }
        for (Source s : all) {
            if ((s.kind() == Kind.OID || s.kind() == Kind.OID_NEXT)
                    && out.stream().noneMatch(o -> o.kind() == s.kind() && o.ref().equals(s.ref()))) {
                out.add(s);
            }
        }
        return out;
    }
}
