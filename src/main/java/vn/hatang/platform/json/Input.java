package vn.hatang.platform.json;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.hatang.platform.http.ApiException;

/**
 * Typed, validated access to one input object: a JSON request body or a spreadsheet row (all strings).
 * Each getter either returns a clean value or throws {@link ApiException#invalid} naming the field,
 * so the API and the importer share one set of rules and messages.
 */
public final class Input {
    private static final Set<String> TRUE = Set.of("true", "1", "x", "yes", "y", "có", "co", "c");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "n", "không", "khong", "k");
    private static final Pattern CODE = Pattern.compile(Input.CODE_PATTERN);
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{4}");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s.()\\-]");
    /** Dates of past events are judged in the office's time zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    /** Mobile prefixes since the 2018 renumbering: 03x, 05x, 07x, 08x, 09x, then 8 digits. */
    private static final Pattern MOBILE = Pattern.compile("0[35789]\\d{8}");
    /** Landlines since 2017: 02 + area code and number, 11 digits in all. */
    private static final Pattern LANDLINE = Pattern.compile("02\\d{9}");

    /** A code: letters, digits, '.', '_', '-', '/'; no spaces. */
    public static final String CODE_PATTERN = "^[\\p{L}\\p{N}._/-]+$";
    /** Dates and instants outside these years are typing mistakes (and some PostgreSQL cannot store). */
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2200;

    private final Map<String, ?> values;

    private Input(Map<String, ?> values) {
        this.values = values;
    }

    public static Input of(JsonObject json) {
        return new Input(json == null ? Map.of() : json.getMap());
    }

    public static Input ofStrings(Map<String, String> row) {
        return new Input(row);
    }

    /** True when the field is present (for PATCH: absent fields stay as they are). Blank strings count as absent in rows. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Collection<String> names() {
        return values.keySet();
    }

    private Object raw(String name) {
        Object v = values.get(name);
        if (v instanceof String s) {
            s = s.strip();
            return s.isEmpty() ? null : s;
        }
        return v;
    }

    private Object required(String name, boolean required) {
        Object v = raw(name);
        if (v == null && required) {
            throw ApiException.invalid(name, "error.required");
        }
        return v;
    }

    public String text(String name, int maxLength, boolean required) {
        Object v = required(name, required);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiException.invalid(name, "error.not_text");
        }
        if (s.length() > maxLength) {
            throw ApiException.invalid(name, "error.too_long", maxLength);
        }
        if (hasControlChars(s)) {
            throw ApiException.invalid(name, "error.control_chars");
        }
        return s;
    }

    private static boolean hasControlChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                return true;
            }
        }
        return false;
    }

    /** A code: letters, digits, '.', '_', '-', '/'; no spaces. */
    public String code(String name, boolean required) {
        String s = text(name, 64, required);
        if (s != null && !CODE.matcher(s).matches()) {
            throw ApiException.invalid(name, "error.code_format");
        }
        return s;
    }

    public String oneOf(String name, Collection<String> allowed, boolean required) {
        String s = text(name, 100, required);
        if (s == null) {
            return null;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw ApiException.invalid(name, "error.one_of", String.join(", ", allowed));
        }
        return lower;
    }

    public Integer integer(String name, int min, int max, boolean required) {
        Object v = required(name, required);
        if (v == null) {
            return null;
        }
        long n;
        if (v instanceof Number num) {
            // Exact arithmetic: 2^64+1 must be refused as out of range, never wrap to 1.
            java.math.BigDecimal exact;
            try {
                exact = new java.math.BigDecimal(num.toString());
            } catch (NumberFormatException e) {
                throw ApiException.invalid(name, "error.not_integer");
            }
            if (exact.stripTrailingZeros().scale() > 0) {
                throw ApiException.invalid(name, "error.not_integer");
            }
            if (exact.compareTo(java.math.BigDecimal.valueOf(min)) < 0
                    || exact.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
                throw ApiException.invalid(name, "error.range", String.valueOf(min), String.valueOf(max));
            }
            n = exact.longValueExact();
        } else if (v instanceof String s) {
            try {
                n = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw ApiException.invalid(name, "error.not_integer");
            }
        } else {
            throw ApiException.invalid(name, "error.not_integer");
        }
        if (n < min || n > max) {
            throw ApiException.invalid(name, "error.range", String.valueOf(min), String.valueOf(max));
        }
        return (int) n;
    }

    public Long id(String name, boolean required) {
        Integer i = integer(name, 1, Integer.MAX_VALUE, required);
        return i == null ? null : i.longValue();
    }

    public Boolean bool(String name, boolean required) {
        Object v = required(name, required);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            String lower = s.toLowerCase(Locale.ROOT);
            if (TRUE.contains(lower)) {
                return true;
            }
            if (FALSE.contains(lower)) {
                return false;
            }
        }
        throw ApiException.invalid(name, "error.not_boolean");
    }

    /** ISO dates (2026-03-31); spreadsheets also write 31/03/2026. Either way the year lies in 1900–2200. */
    public LocalDate date(String name, boolean required) {
        Object v = required(name, required);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            LocalDate d;
            try {
                if (DAY_MONTH_YEAR.matcher(s).matches()) {
                    String[] p = s.split("/");
                    d = LocalDate.of(Integer.parseInt(p[2]), Integer.parseInt(p[1]), Integer.parseInt(p[0]));
                } else {
                    d = LocalDate.parse(s);
                }
            } catch (java.time.DateTimeException e) {
                throw ApiException.invalid(name, "error.date_format");
            }
            if (d.getYear() < MIN_YEAR || d.getYear() > MAX_YEAR) {
                throw ApiException.invalid(name, "error.date_range", MIN_YEAR, MAX_YEAR);
            }
            return d;
        }
        throw ApiException.invalid(name, "error.date_format");
    }

    /**
     * A date of something that has already happened (acquired, checked, left, decided): not after today in Vietnam.
     */
    public LocalDate pastDate(String name, boolean required) {
        LocalDate d = date(name, required);
        if (d != null && d.isAfter(LocalDate.now(ZONE))) {
            throw ApiException.invalid(name, "error.date_future", d.toString());
        }
        return d;
    }

    /** An e-mail address (the HTML living standard's rule: local part, '@', a domain with at least one dot). */
    public String email(String name, boolean required) {
        String s = text(name, 254, required);
        if (s != null && !EMAIL.matcher(s).matches()) {
            throw ApiException.invalid(name, "error.email_format");
        }
        return s;
    }

    /**
     * A Vietnamese telephone number, stored in its national form without separators: a mobile number (10 digits,
     * 03/05/07/08/09…) or, unless {@code mobileOnly}, a landline (11 digits, 02…). Spaces, dots, dashes, brackets and
     * the international form +84 / 84 are accepted on input.
     */
    public String phone(String name, boolean mobileOnly, boolean required) {
        String s = text(name, 30, required);
        if (s == null) {
            return null;
        }
        String digits = PHONE_SEPARATORS.matcher(s).replaceAll("");
        String national = digits.startsWith("+84") ? digits.substring(3)
                : digits.startsWith("84") && digits.length() >= 11 ? digits.substring(2) : null;
        if (national != null) {
            digits = national.startsWith("0") ? national : "0" + national; // "+84 (0)912…" keeps one zero
        }
        if (MOBILE.matcher(digits).matches() || !mobileOnly && LANDLINE.matcher(digits).matches()) {
            return digits;
        }
        throw ApiException.invalid(name, mobileOnly ? "error.mobile_format" : "error.phone_format");
    }

    public Instant instant(String name, boolean required) {
        Object v = required(name, required);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            Instant i;
            try {
                i = s.length() == 10 ? LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.ofHours(7)).toInstant()
                        : java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.invalid(name, "error.instant_format");
            }
            int year = i.atOffset(java.time.ZoneOffset.UTC).getYear();
            if (year < MIN_YEAR || year > MAX_YEAR) {
                throw ApiException.invalid(name, "error.date_range", MIN_YEAR, MAX_YEAR);
            }
            return i;
        }
        throw ApiException.invalid(name, "error.instant_format");
    }

    public JsonObject object(String name, boolean required) {
        Object v = required(name, required);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonObject o) {
            return o;
        }
        if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return new JsonObject(map);
        }
        throw ApiException.invalid(name, "error.not_object");
    }

    public io.vertx.core.json.JsonArray array(String name, boolean required) {
        Object v = required(name, required);
        if (v == null) {
            return null;
        }
        if (v instanceof io.vertx.core.json.JsonArray a) {
            return a;
        }
        if (v instanceof java.util.List<?> l) {
            return new io.vertx.core.json.JsonArray(new java.util.ArrayList<>(l));
        }
        throw ApiException.invalid(name, "error.not_array");
    }
}
