package vn.hatang.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import vn.hatang.platform.json.Input;

/**
 * JSON schemas (the OpenAPI 3.0 dialect) of request and response bodies, written once beside the route and both
 * published and enforced: {@link SchemaCheck} refuses a body that does not fit before the handler runs, so the
 * description cannot promise what the handler does not do. Property builders return plain schema objects;
 * {@link #object()} assembles them.
 * <pre>
 * Schema.object().required("to", Schema.oneOf(Lifecycle.STATES)).optional("note", Schema.text(2000)).json()
 * </pre>
 */
public final class Schema {
    private final JsonObject properties = new JsonObject();
    private final JsonArray required = new JsonArray();
    private boolean open;

    private Schema() {
    }

    public static Schema object() {
        return new Schema();
    }

    /** An object with exactly the properties of {@code schema} plus the given ones (e.g. a spec and a parent). */
    public static Schema extending(JsonObject schema) {
        Schema s = new Schema();
        schema.getJsonObject("properties", new JsonObject()).forEach(e -> s.properties.put(e.getKey(), e.getValue()));
        schema.getJsonArray("required", new JsonArray()).forEach(s.required::add);
        return s;
    }

    public Schema required(String name, JsonObject schema) {
        properties.put(name, schema);
        required.add(name);
        return this;
    }

    /** An optional property; it may also be null (absent and null mean "not given"). */
    public Schema optional(String name, JsonObject schema) {
        properties.put(name, schema.copy().put("nullable", true));
        return this;
    }

    /** Makes listed properties optional (a part of a split inherits its kind). */
    public Schema notRequired(String... names) {
        for (String n : names) {
            required.remove(n);
        }
        return this;
    }

    /** A property the server writes and a client never sends. */
    public Schema readOnly(String name, JsonObject schema) {
        properties.put(name, schema.copy().put("readOnly", true));
        return this;
    }

    /** Further properties are allowed (answers that carry more than the listed ones). */
    public Schema open() {
        this.open = true;
        return this;
    }

    public JsonObject json() {
        JsonObject o = new JsonObject().put("type", "object").put("properties", properties.copy());
        if (!required.isEmpty()) {
            o.put("required", required.copy());
        }
        if (!open) {
            o.put("additionalProperties", false);
        }
        return o;
    }

    public static JsonObject text(int maxLength) {
        return new JsonObject().put("type", "string").put("maxLength", maxLength);
    }

    /** A code: letters, digits, '.', '_', '-', '/'. */
    public static JsonObject code() {
        return text(64).put("pattern", Input.CODE_PATTERN);
    }

    public static JsonObject oneOf(Collection<String> values) {
        return new JsonObject().put("type", "string").put("enum", new JsonArray(List.copyOf(values)));
    }

    public static JsonObject integer(long min, long max) {
        return new JsonObject().put("type", "integer").put("minimum", min).put("maximum", max);
    }

    /** An id: a positive 32-bit number (what {@link Input#id} reads). */
    public static JsonObject id() {
        return integer(1, Integer.MAX_VALUE).put("format", "int64");
    }

    public static JsonObject bool() {
        return new JsonObject().put("type", "boolean");
    }

    /** ISO date; spreadsheets' DD/MM/YYYY is accepted too. */
    public static JsonObject date() {
        return new JsonObject().put("type", "string").put("format", "date");
    }

    /** ISO-8601 instant, or a date (midnight in Vietnam). */
    public static JsonObject instant() {
        return new JsonObject().put("type", "string").put("format", "date-time");
    }

    public static JsonObject number() {
        return new JsonObject().put("type", "number");
    }

    public static JsonObject array(JsonObject items, int maxItems) {
        return new JsonObject().put("type", "array").put("items", items).put("maxItems", maxItems);
    }

    /** An answer that is a JSON array of {@code items}. */
    public static JsonObject arrayOf(JsonObject items) {
        return new JsonObject().put("type", "array").put("items", items);
    }

    /** Any JSON object (free-form parameters). */
    public static JsonObject anyObject() {
        return new JsonObject().put("type", "object");
    }

    /** A list answer: {@code {"items": [...]}}. */
    public static JsonObject items(JsonObject item) {
        return object().required("items", new JsonObject().put("type", "array").put("items", item)).open().json();
    }
}
