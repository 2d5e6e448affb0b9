package vn.hatang.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import vn.hatang.platform.json.Input;

/**
 * A query parameter an operation accepts, with its type. Every parameter is checked before the handler runs (and an
 * undeclared one is refused), so a bad number, a NUL byte or a date PostgreSQL cannot hold never reaches a service.
 */
public record Param(String name, Type type, long min, long max, List<String> values, String description) {
    public enum Type { TEXT, INTEGER, FLAG, ONE_OF, DATE, INSTANT }

    public static final int MAX_TEXT = 200;

    public static Param text(String name, String description) {
        return new Param(name, Type.TEXT, 0, MAX_TEXT, List.of(), description);
    }

    /** Text that may be longer than usual (what another system sends back, e.g. an OAuth authorization code). */
    public static Param text(String name, int maxLength, String description) {
        return new Param(name, Type.TEXT, 0, maxLength, List.of(), description);
    }

    /** A unit code or id whose subtree filters the list. */
    public static Param under() {
        return text("under", "mã hoặc id đơn vị: các dòng trong cây con của nó / unit code or id: rows in its subtree");
    }

    public static Param q() {
        return text("q", "tìm kiếm (không phân biệt dấu) / free-text search (accent-insensitive)");
    }

    /** {@code sort=column} (ascending) or {@code sort=-column}, for a list whose rows may be sorted by these columns. */
    public static Param sort(List<String> columns) {
        List<String> values = new java.util.ArrayList<>(columns);
        columns.forEach(c -> values.add("-" + c));
        return oneOf("sort", values, "sắp xếp theo cột (-cột: giảm dần), ô trống xếp cuối / sort by column (-column: "
                + "descending), empty values last");
    }

    public static Param integer(String name, long min, long max, String description) {
        return new Param(name, Type.INTEGER, min, max, List.of(), description);
    }

    public static Param id(String name) {
        return integer(name, 1, Long.MAX_VALUE, "id");
    }

    public static Param flag(String name, String description) {
        return new Param(name, Type.FLAG, 0, 0, List.of("true", "false"), description);
    }

    public static Param oneOf(String name, List<String> values, String description) {
        return new Param(name, Type.ONE_OF, 0, 0, List.copyOf(values), description);
    }

    public static Param date(String name, String description) {
        return new Param(name, Type.DATE, 0, 0, List.of(), description);
    }

    public static Param instant(String name, String description) {
        return new Param(name, Type.INSTANT, 0, 0, List.of(), description);
    }

    /** Checks a raw value; returns it normalised (trimmed, lower-case flags and choices). */
    String check(String raw) {
        String v = raw.strip();
        long limit = type == Type.TEXT ? max : MAX_TEXT;
        if (v.length() > limit) {
            throw ApiException.invalid(name, "error.too_long", limit);
        }
        if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ApiException.invalid(name, "error.control_chars");
        }
        switch (type) {
            case INTEGER -> {
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw ApiException.invalid(name, "error.range", String.valueOf(min), String.valueOf(max));
                }
                if (n < min || n > max) {
                    throw ApiException.invalid(name, "error.range", String.valueOf(min), String.valueOf(max));
                }
            }
            case FLAG, ONE_OF -> {
                String lower = v.toLowerCase(Locale.ROOT);
                if (!values.contains(lower)) {
                    throw ApiException.invalid(name, "error.param_one_of", v, String.join(", ", values));
                }
                return lower;
            }
            case DATE -> {
                LocalDate d = Input.ofStrings(java.util.Map.of(name, v)).date(name, true);
                return d.toString();
            }
            case INSTANT -> {
                Instant i = Input.ofStrings(java.util.Map.of(name, v)).instant(name, true);
                return i.toString();
            }
            default -> {
                // text: checked above
            }
        }
        return v;
    }

    JsonObject openApi() {
        JsonObject schema = switch (type) {
            case TEXT -> new JsonObject().put("type", "string").put("maxLength", max);
            case INTEGER -> new JsonObject().put("type", "integer").put("format", "int64").put("minimum", min)
                    .put("maximum", max);
            case FLAG -> new JsonObject().put("type", "boolean");
            case ONE_OF -> new JsonObject().put("type", "string").put("enum", new JsonArray(values));
            case DATE -> new JsonObject().put("type", "string").put("format", "date");
            case INSTANT -> new JsonObject().put("type", "string").put("format", "date-time");
        };
        JsonObject p = new JsonObject().put("name", name).put("in", "query").put("schema", schema);
        if (description != null) {
            p.put("description", description);
        }
        return p;
    }
}
