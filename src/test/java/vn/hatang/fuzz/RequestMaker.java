package vn.hatang.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds one request for an operation of the {@link Contract}: path, query and body values drawn from their schemas
 * (mostly plausible, so the request reaches the handler), then sometimes made hostile — wrong types, numbers beyond
 * any integer, NUL and control characters, very long strings, a lone {@code %}, malformed JSON, an empty or absent
 * body, repeated or unknown parameters, unknown fields. {@link #mutation} says which, for the failure report.
 */
final class RequestMaker {
    /** What a request is: who sends it and the bytes on the wire (body null: none at all). */
    record Request(Contract.Op op, String method, String uri, String auth, String contentType, byte[] body,
            String ifMatch, String mutation) {
        @Override
        public String toString() {
            String shown = body == null ? "<no body>" : new String(body, 0, Math.min(body.length, 400),
                    StandardCharsets.UTF_8);
            return method + " " + (uri.length() > 400 ? uri.substring(0, 400) + "…" : uri) + " [" + mutation
                    + ", auth=" + (auth == null ? "none" : auth.length() > 20 ? auth.substring(0, 20) + "…" : auth)
                    + ", type=" + contentType + "] " + shown;
        }
    }

    /** Values that break parsers: each is a whole path segment or query value as sent (already percent-encoded). */
    static final List<String> HOSTILE_RAW = List.of("0", "-1", "9223372036854775807", "9223372036854775808",
            "18446744073709551617", "99999999999999999999", "1.5", "1e3", "-0", "%00", "%", "%zz", "%C0%AF", "%FF",
            "%E1%BA", "a%00b", "%01", "%7F", "x".repeat(300), "Th%E1%BA%A3o", "%20", "..", "a%2Fb", "null", "true",
            "%27%20or%201%3D1--", "%3Cscript%3E", "0000-01-01", "9999-12-31T23:59:59Z", "31%2F12%2F9999",
            "-99999-01-01", "1970-01-01T00:00:00%2B25:00", "%F0%9F%98%80", "%EF%BF%BF");
    /** JSON values of every kind, to put where another kind is expected. */
    static final List<Object> WRONG_TYPES = List.of(0, -1, 1.5, true, "", "x", new JsonObject().put("a", 1),
            new JsonArray().add(1), "18446744073709551617");
    static final List<String> HUGE_NUMBERS = List.of("18446744073709551617", "99999999999999999999999999999",
            "1e400", "-1e400", "9223372036854775808", "-9223372036854775809", "2147483648", "1e-400", "1.0000000001");
    static final List<String> NASTY_TEXT = List.of("\u0000", "a\u0000b", "\u0001", "\u001b[31m", "\u007f", "\ud800",
            "\uffff", "Thảo\u0000", "'; drop table unit; --", "%", "%00", "${jndi:ldap://x}", "=HYPERLINK(\"x\")",
            "\u202e", " ", "\t", "null");
    static final List<String> MALFORMED_JSON = List.of("{", "}", "{\"a\":}", "{\"a\" 1}", "nul", "[1,2", "\"str",
            "{\"a\":1,}", "{'a':1}", "\u0000", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\u00\"}", "{\"a\":01}", "NaN",
            "{\"a\":Infinity}", "\uFEFF{}", "{\"a\":1}{\"b\":2}", "{\"a\":\"x\u0000\"}");

    private final Contract contract;
    /** Words seen in the description (every enum value) and codes of the fixture: plausible path and text values. */
    private final List<String> words;
    private final List<String> fieldNames;
    private final String adminAuth;

    RequestMaker(Contract contract, List<String> fixtureCodes, String adminAuth) {
        this.contract = contract;
        this.adminAuth = adminAuth;
        Set<String> w = new TreeSet<>(fixtureCodes);
        Set<String> fields = new TreeSet<>();
        collect(contract.document(), w, fields);
        this.words = List.copyOf(w);
        this.fieldNames = List.copyOf(fields);
    }

    /** Every enum value and every property name in the document. */
    private static void collect(Object node, Set<String> words, Set<String> fields) {
        if (node instanceof JsonObject o) {
            if (o.getValue("enum") instanceof JsonArray values) {
                values.forEach(v -> words.add(String.valueOf(v)));
            }
            if (o.getValue("properties") instanceof JsonObject props) {
                fields.addAll(props.fieldNames());
            }
            o.forEach(e -> collect(e.getValue(), words, fields));
        } else if (node instanceof JsonArray a) {
            a.forEach(v -> collect(v, words, fields));
        }
    }

    Request make(Contract.Op op, Random r) {
        List<String> mutations = new ArrayList<>();
        String method = op.method();
        if (method.equals("GET") && r.nextInt(10) == 0) {
            method = "HEAD";
        }
        String auth = adminAuth;
        int who = r.nextInt(100);
        if (who < 10) {
            auth = null;
            mutations.add("anonymous");
        } else if (who < 12) {
            auth = List.of("Bearer htg_not-a-real-token", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer " + "x".repeat(5000),
                    "Bearer htg_\u00e9").get(r.nextInt(5));
            mutations.add("bad credentials");
        }
        String path = path(op, r, mutations);
        String query = query(op, r, mutations);
        String uri = "/api/v1" + path + (query.isEmpty() ? "" : "?" + query);

        String contentType = "application/json";
        byte[] body = null;
        boolean writes = !method.equals("GET") && !method.equals("HEAD") && !method.equals("DELETE");
        if (writes || r.nextInt(30) == 0) {
            int kind = r.nextInt(100);
            if (kind < 4) {
                mutations.add("absent body");
            } else if (kind < 8) {
                body = new byte[0];
                mutations.add("empty body");
            } else if (kind < 14) {
                body = pick(r, MALFORMED_JSON).getBytes(StandardCharsets.UTF_8);
                mutations.add("malformed JSON");
            } else if (kind < 17) {
                body = pick(r, List.of("[]", "[{}]", "\"text\"", "42", "null", "true", "1e400")).getBytes(StandardCharsets.UTF_8);
                mutations.add("not an object");
            } else if (kind < 18) {
                int depth = 2000 + r.nextInt(8000);
                body = ("{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
                mutations.add("deep nesting");
            } else if (kind < 20) {
                body = "{\"code\":\"A\",\"code\":\"B\",\"name\":\"x\",\"name\":1}".getBytes(StandardCharsets.UTF_8);
                mutations.add("duplicate keys");
            } else {
                JsonObject object = op.body() != null && op.body().containsKey("properties")
                        ? object(op.body(), r, 0) : generic(r);
                if (r.nextInt(100) < 45) {
                    mutate(object, op.body(), r, mutations);
                }
                body = encode(object).getBytes(StandardCharsets.UTF_8);
            }
            int ct = r.nextInt(100);
            if (ct < 3) {
                contentType = null;
                mutations.add("no content type");
            } else if (ct < 6) {
                contentType = pick(r, List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                        "multipart/form-data; boundary=", "application/json; charset=latin1", "application/xml"));
                mutations.add("content type " + contentType);
            }
        }
        String ifMatch = null;
        if (op.ifMatch() && r.nextInt(4) == 0) {
            ifMatch = pick(r, List.of("\"1\"", "\"2\"", "W/\"1\"", "*", "\"abc\"", "\"99999999999999999999\"", "\"-1\"",
                    "", "\"\u00e9\"", "\"1\", \"2\""));
            mutations.add("If-Match " + ifMatch);
        }
        return new Request(op, method, uri, auth, contentType, body, ifMatch,
                mutations.isEmpty() ? "plausible" : String.join(", ", mutations));
    }

    private String path(Contract.Op op, Random r, List<String> mutations) {
        String path = op.path();
        for (JsonObject p : op.pathParams()) {
            String name = p.getString("name");
            JsonObject schema = p.getJsonObject("schema", new JsonObject());
            String value;
            if (r.nextInt(100) < 15) {
                value = pick(r, HOSTILE_RAW);
                mutations.add("path " + name + "=" + abbreviate(value));
            } else if ("integer".equals(schema.getString("type"))) {
                value = String.valueOf(1 + r.nextInt(12));
            } else {
                value = r.nextInt(3) == 0 ? String.valueOf(1 + r.nextInt(12)) : encode(pick(r, words));
            }
            path = path.replace("{" + name + "}", value);
        }
        return path;
    }

    private String query(Contract.Op op, Random r, List<String> mutations) {
        List<String> pairs = new ArrayList<>();
        for (JsonObject p : op.queryParams()) {
            if (r.nextInt(100) >= 30) {
                continue;
            }
            String name = p.getString("name");
            if (r.nextInt(100) < 25) {
                String v = pick(r, HOSTILE_RAW);
                pairs.add(name + "=" + v);
                mutations.add("query " + name + "=" + abbreviate(v));
            } else {
                pairs.add(name + "=" + encode(String.valueOf(value(p.getJsonObject("schema", new JsonObject()), r, 0))));
            }
            if (r.nextInt(100) < 5) {
                pairs.add(name + "=" + encode(String.valueOf(value(p.getJsonObject("schema", new JsonObject()), r, 0))));
                mutations.add("repeated " + name);
            }
        }
        int extra = r.nextInt(100);
        if (extra < 4) {
            pairs.add(pick(r, List.of("unknown", "limit", "cursor", "x%00", "a[b]", "", "=", "&&")) + "="
                    + pick(r, HOSTILE_RAW));
            mutations.add("extra parameter");
        } else if (extra < 6) {
            pairs.add(pick(r, List.of("%", "a=%", "%=%", "=%zz", "%%%", "a=b%2")));
            mutations.add("broken query");
        } else if (extra < 7) {
            for (int i = 0; i < 100; i++) {
                pairs.add("p" + i + "=" + i);
            }
            mutations.add("100 parameters");
        }
        return String.join("&", pairs);
    }

    /** A value valid for the schema, mostly. */
    private Object value(JsonObject s, Random r, int depth) {
        if (s.getValue("enum") instanceof JsonArray values && !values.isEmpty()) {
            return values.getValue(r.nextInt(values.size()));
        }
        String type = s.getString("type", "string");
        switch (type) {
            case "integer" -> {
                long min = s.getValue("minimum") instanceof Number n ? n.longValue() : 0;
                long max = s.getValue("maximum") instanceof Number n ? n.longValue() : 100;
                if (max - min > 50 && r.nextBoolean()) {
                    max = min + 50;
                }
                return r.nextInt(10) == 0 ? (r.nextBoolean() ? min : max) : min + (long) (r.nextDouble() * (max - min));
            }
            case "number" -> {
                return r.nextInt(1000) / 10.0;
            }
            case "boolean" -> {
                return r.nextBoolean();
            }
            case "array" -> {
                JsonArray a = new JsonArray();
                JsonObject items = s.getJsonObject("items", new JsonObject());
                for (int i = r.nextInt(3); i > 0 && depth < 4; i--) {
                    a.add(value(items, r, depth + 1));
                }
                return a;
            }
            case "object" -> {
                return depth < 4 ? object(s, r, depth + 1) : new JsonObject();
            }
            default -> {
                String format = s.getString("format", "");
                if (format.equals("date")) {
                    return String.format("%04d-%02d-%02d", 2020 + r.nextInt(8), 1 + r.nextInt(12), 1 + r.nextInt(28));
                }
                if (format.equals("date-time")) {
                    return String.format("%04d-%02d-%02dT%02d:00:00Z", 2020 + r.nextInt(8), 1 + r.nextInt(12),
                            1 + r.nextInt(28), r.nextInt(24));
                }
                int max = s.getValue("maxLength") instanceof Number n ? n.intValue() : 50;
                String w = r.nextInt(3) == 0 ? "FZ-" + Integer.toString(r.nextInt(1_000_000), 36) : pick(r, words);
                return w.length() > max ? w.substring(0, max) : w;
            }
        }
    }

    private JsonObject object(JsonObject schema, Random r, int depth) {
        JsonObject o = new JsonObject();
        JsonObject props = schema.getJsonObject("properties", new JsonObject());
        JsonArray required = schema.getJsonArray("required", new JsonArray());
        for (String name : props.fieldNames()) {
            JsonObject p = props.getJsonObject(name);
            if (Boolean.TRUE.equals(p.getBoolean("readOnly"))) {
                continue;
            }
            if (required.contains(name) || r.nextInt(100) < 50) {
                o.put(name, value(p, r, depth));
            }
        }
        return o;
    }

    /** A body for an operation that declares no schema: a few of the field names the description uses. */
    private JsonObject generic(Random r) {
        JsonObject o = new JsonObject();
        for (int i = r.nextInt(5); i >= 0; i--) {
            o.put(pick(r, fieldNames), r.nextBoolean() ? pick(r, words) : pick(r, WRONG_TYPES));
        }
        return o;
    }

    private void mutate(JsonObject o, JsonObject schema, Random r, List<String> mutations) {
        List<String> names = new ArrayList<>(o.fieldNames());
        String target = names.isEmpty() ? pick(r, fieldNames) : pick(r, names);
        switch (r.nextInt(7)) {
            case 0 -> {
                Object v = pick(r, WRONG_TYPES);
                o.put(target, v);
                mutations.add("wrong type " + target);
            }
            case 1 -> {
                // Numbers written out in the JSON text, beyond what any Java or PostgreSQL integer holds.
                o.put(target, RAW_NUMBER + pick(r, HUGE_NUMBERS));
                mutations.add("huge number " + target);
            }
            case 2 -> {
                o.put(target, "ok" + pick(r, NASTY_TEXT));
                mutations.add("control characters " + target);
            }
            case 3 -> {
                o.put(target, "x".repeat(r.nextBoolean() ? 301 : 100_000));
                mutations.add("long string " + target);
            }
            case 4 -> {
                o.put(pick(r, List.of("unknown_field", "id\u0000", "", "X-Actor", "actor", "__proto__")), 1);
                mutations.add("unknown field");
            }
            case 5 -> {
                JsonArray required = schema == null ? new JsonArray() : schema.getJsonArray("required", new JsonArray());
                if (!required.isEmpty()) {
                    o.remove(required.getString(r.nextInt(required.size())));
                }
                mutations.add("required field removed");
            }
            default -> {
                o.put(target, null);
                mutations.add("null " + target);
            }
        }
    }

    /** Marks a string to be written as a bare JSON number, exactly as given (a double would round it). */
    private static final String RAW_NUMBER = "\u2063num:";

    private static String encode(JsonObject o) {
        return o.encode().replaceAll("\"" + RAW_NUMBER + "([^\"]*)\"", "$1");
    }

    private static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "…" : s;
    }
}
