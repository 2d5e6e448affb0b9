package vn.hatang.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Holds a JSON request body to the schema its operation declares, before the handler runs: the shape (types,
 * nullability, enum values, lengths, ranges, required and unknown properties, items), each failure a 400 naming the
 * field by its path ({@code parts[0].code}). Meaning (references, formats of dates, cross-field rules) stays with
 * the handler. A string enum matches without regard to case, as the handlers read it.
 */
public final class SchemaCheck {

    public static void check(JsonObject schema, Object value) {
        new SchemaCheck(false).check(schema, value, "");
    }

    /**
     * Holds an answer to its declared schema (tests do, for every answer they see): read-only properties are checked
     * too, and a required property may not be absent.
     */
    public static void answer(JsonObject schema, Object value) {
        new SchemaCheck(true).check(schema, value, "");
    }

    private final boolean answer;

    private SchemaCheck(boolean answer) {
        this.answer = answer;
    }

    private void check(JsonObject s, Object v, String at) {
        String field = at.isEmpty() ? Http.BODY : at;
        if (v == null) {
            if (!at.isEmpty() && !Boolean.TRUE.equals(s.getBoolean("nullable"))) {
                throw ApiException.invalid(field, "error.required");
            }
            return;
        }
        String type = s.getString("type");
        if (type == null) {
            return;
        }
        switch (type) {
            case "object" -> object(s, v, at, field);
            case "array" -> {
                if (!(v instanceof JsonArray a)) {
                    throw ApiException.invalid(field, "error.not_array");
                }
                Integer max = s.getInteger("maxItems");
                if (max != null && a.size() > max) {
                    throw ApiException.invalid(field, "error.too_many_items", max);
                }
                JsonObject items = s.getJsonObject("items");
                for (int i = 0; items != null && i < a.size(); i++) {
                    check(items, a.getValue(i), field + "[" + i + "]");
                }
            }
            case "string" -> {
                if (!(v instanceof String text)) {
                    throw ApiException.invalid(field, "error.not_text");
                }
                Integer max = s.getInteger("maxLength");
                if (max != null && text.length() > max) {
                    throw ApiException.invalid(field, "error.too_long", max);
                }
                if (s.getValue("enum") instanceof JsonArray values && !text.isBlank()
                        && values.stream().noneMatch(e -> String.valueOf(e).equalsIgnoreCase(text.strip()))) {
                    throw ApiException.invalid(field, "error.one_of_given", text, String.join(", ",
                            values.stream().map(String::valueOf).toList()));
                }
            }
            case "integer" -> {
                BigDecimal n = number(v, field, "error.not_integer");
                if (n.stripTrailingZeros().scale() > 0) {
                    throw ApiException.invalid(field, "error.not_integer");
                }
                range(s, n, field);
            }
            case "number" -> range(s, number(v, field, "error.not_number"), field);
            case "boolean" -> {
                if (!(v instanceof Boolean)) {
                    throw ApiException.invalid(field, "error.not_boolean");
                }
            }
            default -> {
                // no other types are declared
            }
        }
    }

    private void object(JsonObject s, Object v, String at, String field) {
        JsonObject o;
        if (v instanceof JsonObject jo) {
            o = jo;
        } else if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            o = new JsonObject(map);
        } else {
            throw at.isEmpty() ? ApiException.invalid(Http.BODY, "error.body_not_object")
                    : ApiException.invalid(field, "error.not_object");
        }
        JsonObject props = s.getJsonObject("properties", new JsonObject());
        String prefix = at.isEmpty() ? "" : at + ".";
        if (Boolean.FALSE.equals(s.getValue("additionalProperties"))) {
            for (String name : o.fieldNames()) {
                JsonObject p = props.getJsonObject(name);
                if (p == null) {
                    throw ApiException.invalid(prefix + name, "error.unknown_field",
                            String.join(", ", new java.util.TreeSet<>(writable(props))));
                }
            }
        }
        for (Object r : s.getJsonArray("required", new JsonArray())) {
            Object given = o.getValue(String.valueOf(r));
            if (answer ? !o.containsKey(String.valueOf(r)) : given == null || given instanceof String str && str.isBlank()) {
                throw ApiException.invalid(prefix + r, "error.required");
            }
        }
        for (var e : o) {
            JsonObject p = props.getJsonObject(e.getKey());
            if (p != null && (answer || !Boolean.TRUE.equals(p.getBoolean("readOnly")))) {
                check(p, e.getValue(), prefix + e.getKey());
            }
        }
    }

    /** Read-only properties may be sent back (a whole GET answer in a PATCH); they are not listed as writable. */
    private static java.util.List<String> writable(JsonObject props) {
        return props.fieldNames().stream().filter(n -> !Boolean.TRUE.equals(props.getJsonObject(n).getBoolean("readOnly")))
                .toList();
    }

    private static BigDecimal number(Object v, String field, String key) {
        if (!(v instanceof Number n) || v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            throw ApiException.invalid(field, key);
        }
        try {
            return new BigDecimal(n.toString());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(field, key);
        }
    }

    private static void range(JsonObject s, BigDecimal n, String field) {
        Number min = (Number) s.getValue("minimum");
        Number max = (Number) s.getValue("maximum");
        if (min != null && n.compareTo(new BigDecimal(min.toString())) < 0
                || max != null && n.compareTo(new BigDecimal(max.toString())) > 0) {
            throw ApiException.invalid(field, "error.range_given", min == null ? "−∞" : min.toString(),
                    max == null ? "∞" : max.toString(), n.toPlainString());
        }
    }
}
