package vn.hatang.coverage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.hatang.devices.DeviceCategory;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Schema;
import vn.hatang.platform.json.Input;
import vn.hatang.units.UnitKind;

/**
 * Turns KPI definitions and rules, from the API or from targets.yaml, into checked values. Every refusal is an
 * {@link ApiException} naming the field, so the API answers problem+json and the importer reports file:line.
 */
public final class TargetsValidator {
    static final Set<String> KPI_FIELDS = Set.of("code", "title_vi", "title_en", "kind", "unit_kinds", "root_unit_code",
            "threshold", "deadline", "seed", "params", "position");
    private static final Set<String> RULE_FIELDS = Set.of("category", "max_age_years", "min_ram_gb",
            "require_security_check", "supported_os");
    private static final Set<String> OS_FIELDS = Set.of("name", "pattern", "end_of_support");
    private static final Set<String> EQUIPMENT_FIELDS = Set.of("staff_duties", "staff_categories", "required_in_service");

    private TargetsValidator() {
    }

    /** The JSON schema of a KPI definition; {@code whole}: every required field (create, PUT), else a PATCH. */
    static JsonObject kpiSchema(boolean whole) {
        Schema s = Schema.object().optional("code", Schema.code().put("pattern", "^[A-Z][A-Z0-9_]{1,63}$"))
                .optional("title_vi", Schema.text(300)).optional("title_en", Schema.text(300))
                .optional("kind", Schema.oneOf(KpiKind.ALL))
                .optional("unit_kinds", Schema.array(Schema.oneOf(UnitKind.ALL), UnitKind.ALL.size()))
                .optional("root_unit_code", Schema.code())
                .optional("threshold", Schema.number().put("exclusiveMinimum", true).put("minimum", 0)
                        .put("maximum", 100).put("multipleOf", 0.01))
                .optional("deadline", Schema.date()).optional("seed", Schema.text(300))
                .optional("params", Schema.object()
                        .optional("categories", Schema.array(Schema.oneOf(DeviceCategory.ALL), 100))
                        .optional("duties", Schema.array(Schema.oneOf(KpiKind.DUTIES), 100))
                        .optional("modern", Schema.bool())
                        .optional("link_kinds", Schema.array(Schema.oneOf(KpiKind.LINK_KINDS), 10)).json())
                .optional("position", Schema.integer(0, 10_000))
                .readOnly("version", Schema.integer(0, Integer.MAX_VALUE));
        if (whole) {
            s.required("title_vi", Schema.text(300)).required("title_en", Schema.text(300))
                    .required("kind", Schema.oneOf(KpiKind.ALL));
        }
        return s.json();
    }

    /** The JSON schema of the rules (PUT /kpis/rules). */
    static JsonObject rulesSchema() {
        JsonObject os = Schema.object().required("name", Schema.text(100)).required("pattern", Schema.text(OsPattern.MAX_LENGTH))
                .optional("end_of_support", Schema.date()).json();
        JsonObject rule = Schema.object().required("category", Schema.oneOf(DeviceCategory.ALL))
                .optional("max_age_years", Schema.integer(1, 50)).optional("min_ram_gb", Schema.integer(0, 65536))
                .optional("require_security_check", Schema.bool()).optional("supported_os", Schema.array(os, 100))
                .json();
        JsonObject equipment = Schema.object()
                .optional("staff_duties", Schema.array(Schema.oneOf(KpiKind.DUTIES), 100))
                .optional("staff_categories", Schema.array(Schema.oneOf(DeviceCategory.ALL), 100))
                .optional("required_in_service", Schema.array(Schema.oneOf(DeviceCategory.ALL), 100)).json();
        return Schema.object().required("modern_device", Schema.array(rule, 100)).required("equipment_rule", equipment)
                .json();
    }

    /**
     * A whole definition (create, or import). For a PATCH pass the current definition merged with the changes, so
     * the same rules apply to the result.
     */
    public static KpiDefinition kpi(JsonObject json) {
        unknownFields(json, KPI_FIELDS, "");
        Input in = Input.of(json);
        String code = in.code("code", true);
        if (!code.matches("[A-Z][A-Z0-9_]{1,63}")) {
            throw ApiException.invalid("code", "kpi.code_format", code);
        }
        String titleVi = in.text("title_vi", 300, true);
        String titleEn = in.text("title_en", 300, true);
        String kind = in.oneOf("kind", KpiKind.ALL, true);
        List<String> unitKinds = strings(in, json, "unit_kinds", UnitKind.ALL, false);
        String root = in.code("root_unit_code", false);
        BigDecimal threshold = threshold(json.getValue("threshold"));
        LocalDate deadline = in.date("deadline", false);
        if (deadline != null && (deadline.getYear() < 2000 || deadline.getYear() > 2100)) {
            throw ApiException.invalid("deadline", "kpi.deadline_range", deadline.toString());
        }
        String seed = in.text("seed", 300, false);
        JsonObject params = params(kind, in.object("params", false));
        Integer position = in.integer("position", 0, 10_000, false);
        return new KpiDefinition(code, titleVi, titleEn, kind, unitKinds, root, threshold, deadline, seed, params,
                position == null ? 0 : position);
    }

    /** Percent in (0, 100], at most two decimals: 140 % or 0 % is not a target. */
    static BigDecimal threshold(Object raw) {
        if (raw == null || (raw instanceof String s && s.isBlank())) {
            throw ApiException.invalid("threshold", "error.required");
        }
        BigDecimal v;
        try {
            v = raw instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("threshold", "kpi.threshold_range", String.valueOf(raw));
        }
        if (v.signum() <= 0 || v.compareTo(BigDecimal.valueOf(100)) > 0 || v.scale() > 2 && v.stripTrailingZeros().scale() > 2) {
            throw ApiException.invalid("threshold", "kpi.threshold_range", v.toPlainString());
        }
        return v.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private static JsonObject params(String kind, JsonObject params) {
        JsonObject p = params == null ? new JsonObject() : params;
        List<String> allowed = KpiKind.PARAMS.get(kind);
        unknownFields(p, Set.copyOf(allowed), "params.");
        Input in = Input.of(p);
        JsonObject out = new JsonObject();
        switch (kind) {
            case KpiKind.INVESTMENT_DELIVERY, KpiKind.UNIT_DEVICE ->
                out.put("categories", new JsonArray(strings(in, p, "params.categories", "categories", DeviceCategory.ALL, true)));
            case KpiKind.PERSON_DEVICE -> {
                out.put("categories", new JsonArray(strings(in, p, "params.categories", "categories", DeviceCategory.ALL, true)));
                out.put("duties", new JsonArray(strings(in, p, "params.duties", "duties", KpiKind.DUTIES, false)));
                Boolean modern = boolParam(in, "modern");
                out.put("modern", modern != null && modern);
            }
            case KpiKind.PERSON_CERTIFICATE ->
                out.put("duties", new JsonArray(strings(in, p, "params.duties", "duties", KpiKind.DUTIES, false)));
            case KpiKind.UNIT_LINK ->
                out.put("link_kinds", new JsonArray(strings(in, p, "params.link_kinds", "link_kinds", KpiKind.LINK_KINDS, true)));
            default -> {
                // unit_equipment reads the equipment rule; information_system needs nothing
            }
        }
        return out;
    }

    private static Boolean boolParam(Input in, String name) {
        try {
            return in.bool(name, false);
        } catch (ApiException e) {
            throw ApiException.invalid("params." + name, "error.not_boolean");
        }
    }

    /** The rules document: {@code modern_device} (list) and {@code equipment_rule} (object). */
    public static CoverageRules rules(JsonObject json) {
        unknownFields(json, Set.of("modern_device", "equipment_rule"), "");
        Input in = Input.of(json);
        JsonArray modern = in.array("modern_device", true);
        List<ModernRule> rules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < modern.size(); i++) {
            String at = "modern_device[" + i + "].";
            if (!(modern.getValue(i) instanceof JsonObject || modern.getValue(i) instanceof Map)) {
                throw ApiException.invalid("modern_device[" + i + "]", "error.not_object");
            }
            JsonObject r = modern.getValue(i) instanceof JsonObject o ? o : JsonObject.mapFrom(modern.getValue(i));
            unknownFields(r, RULE_FIELDS, at);
            Input ri = Input.of(r);
            String category = prefixed(at, () -> ri.oneOf("category", DeviceCategory.ALL, true));
            if (!seen.add(category)) {
                throw ApiException.invalid(at + "category", "kpi.rule_duplicate", category);
            }
            Integer maxAge = prefixed(at, () -> ri.integer("max_age_years", 1, 50, false));
            Integer minRam = prefixed(at, () -> ri.integer("min_ram_gb", 0, 65536, false));
            Boolean check = prefixed(at, () -> ri.bool("require_security_check", false));
            JsonArray os = prefixed(at, () -> ri.array("supported_os", false));
            List<ModernRule.OsSupport> supported = new ArrayList<>();
            for (int k = 0; os != null && k < os.size(); k++) {
                String oat = at + "supported_os[" + k + "].";
                Object item = os.getValue(k);
                if (!(item instanceof JsonObject || item instanceof Map)) {
                    throw ApiException.invalid(at + "supported_os[" + k + "]", "error.not_object");
                }
                JsonObject o = item instanceof JsonObject jo ? jo : JsonObject.mapFrom(item);
                unknownFields(o, OS_FIELDS, oat);
                Input oi = Input.of(o);
                String name = prefixed(oat, () -> oi.text("name", 100, true));
                OsPattern pattern = OsPattern.compile(prefixed(oat, () -> oi.text("pattern", OsPattern.MAX_LENGTH, true)),
                        oat + "pattern");
                LocalDate end = prefixed(oat, () -> oi.date("end_of_support", false));
                supported.add(new ModernRule.OsSupport(name, pattern, end));
            }
            rules.add(new ModernRule(category, maxAge, minRam, check == null || check, List.copyOf(supported)));
        }
        JsonObject eq = in.object("equipment_rule", true);
        unknownFields(eq, EQUIPMENT_FIELDS, "equipment_rule.");
        Input ei = Input.of(eq);
        EquipmentRule equipment = new EquipmentRule(
                strings(ei, eq, "equipment_rule.staff_duties", "staff_duties", KpiKind.DUTIES, false),
                strings(ei, eq, "equipment_rule.staff_categories", "staff_categories", DeviceCategory.ALL, false),
                strings(ei, eq, "equipment_rule.required_in_service", "required_in_service", DeviceCategory.ALL, false));
        return new CoverageRules(List.copyOf(rules), equipment);
    }

    private static <T> T prefixed(String prefix, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ApiException e) {
            String field = e.field() == null ? prefix : prefix + e.field();
            Object[] args = e.args().length > 0 ? java.util.Arrays.copyOfRange(e.args(), 1, e.args().length) : e.args();
            throw ApiException.invalid(field, e.messageKey(), args);
        }
    }

    private static List<String> strings(Input in, JsonObject json, String field, Collection<String> allowed,
            boolean required) {
        return strings(in, json, field, field, allowed, required);
    }

    /** A list of known words (a YAML list, a JSON array, or "a, b" in one string); duplicates dropped. */
    private static List<String> strings(Input in, JsonObject json, String field, String key, Collection<String> allowed,
            boolean required) {
        Object raw = json.getValue(key);
        List<String> values = new ArrayList<>();
        if (raw instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        } else if (raw != null) {
            JsonArray a;
            try {
                a = in.array(key, false);
            } catch (ApiException e) {
                throw ApiException.invalid(field, "error.not_array");
            }
            a.forEach(v -> values.add(String.valueOf(v).strip()));
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw ApiException.invalid(field, "kpi.unknown_value", v, String.join(", ", allowed));
            }
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        if (required && out.isEmpty()) {
            throw ApiException.invalid(field, "error.required");
        }
        return List.copyOf(out);
    }

    private static void unknownFields(JsonObject json, Set<String> allowed, String prefix) {
        for (String f : json.fieldNames()) {
            if (!allowed.contains(f)) {
                throw ApiException.invalid(prefix + f, "kpi.unknown_field", String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }
}
