package vn.hatang.platform.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Schema;
import vn.hatang.platform.json.Input;

/**
 * The writable fields of one table and their rules, shared by the REST API and the inventory importer.
 * Input names are the column names; a reference is written as {@code <x>_id} (number) or {@code <x>_code} (string).
 */
public final class RecordSpec<R extends Record> {

    /** Resolves a code to an id within the current transaction. */
    public interface Lookups {
        Long idOf(Table<?> table, TableField<?, String> codeField, String code);

        boolean exists(Table<?> table, long id);
    }

    private interface Binding<R extends Record> {
        /** Reads the value if present; returns {@link #ABSENT} otherwise. */
        Object read(Input in, boolean creating, Lookups lookups);

        TableField<R, ?> field();
    }

    private static final Object ABSENT = new Object();

    /** Fields the server manages: a client may send them back (e.g. a whole GET answer in a PATCH); they are ignored. */
    private static final Set<String> SERVER_MANAGED = Set.of("id", "version", "created_at", "updated_at");

    private final List<Binding<R>> bindings = new ArrayList<>();
    private final Set<String> names = new TreeSet<>();
    private final List<TableField<R, ?>> uniques = new ArrayList<>();
    private final List<Ref> refs = new ArrayList<>();
    /** The JSON schema of each input field, in declaration order, and which are required on create. */
    private final java.util.Map<String, JsonObject> schemas = new java.util.LinkedHashMap<>();
    private final Set<String> requiredOnCreate = new TreeSet<>();
    private Table<?> table;
    private final Set<String> refNames = new TreeSet<>();

    public RecordSpec<R> text(TableField<R, String> f, int maxLength, boolean required) {
        describe(f, Schema.text(maxLength), required);
        return add(f, required, (in, req) -> in.text(f.getName(), maxLength, req));
    }

    public RecordSpec<R> code(TableField<R, String> f) {
        describe(f, Schema.code(), true);
        return add(f, true, (in, req) -> in.code(f.getName(), req));
    }

    public RecordSpec<R> oneOf(TableField<R, String> f, Collection<String> allowed, boolean required) {
        describe(f, Schema.oneOf(allowed), required);
        return add(f, required, (in, req) -> in.oneOf(f.getName(), allowed, req));
    }

    public RecordSpec<R> integer(TableField<R, Integer> f, int min, int max, boolean required) {
        describe(f, Schema.integer(min, max), required);
        return add(f, required, (in, req) -> in.integer(f.getName(), min, max, req));
    }

    /** A flag; blank means false. */
    public RecordSpec<R> bool(TableField<R, Boolean> f) {
        describe(f, Schema.bool(), false);
        return add(f, false, (in, req) -> Boolean.TRUE.equals(in.bool(f.getName(), false)));
    }

    public RecordSpec<R> date(TableField<R, LocalDate> f, boolean required) {
        describe(f, Schema.date(), required);
        return add(f, required, (in, req) -> in.date(f.getName(), req));
    }

    /** The date of something that has happened (acquired, left, decided): never in the future. */
    public RecordSpec<R> pastDate(TableField<R, LocalDate> f, boolean required) {
        describe(f, new JsonObject().put("type", "string").put("format", "date")
                .put("description", "not after today (Asia/Ho_Chi_Minh)"), required);
        return add(f, required, (in, req) -> in.pastDate(f.getName(), req));
    }

    public RecordSpec<R> email(TableField<R, String> f, boolean required) {
        describe(f, new JsonObject().put("type", "string").put("format", "email").put("maxLength", 254), required);
        return add(f, required, (in, req) -> in.email(f.getName(), req));
    }

    /** A Vietnamese telephone number (mobile or landline), stored in its national form. */
    public RecordSpec<R> phone(TableField<R, String> f, boolean required) {
        describe(f, new JsonObject().put("type", "string").put("maxLength", 30).put("description",
                "Vietnamese mobile (10 digits, 03/05/07/08/09) or landline (11 digits, 02); +84 accepted; stored 0…"),
                required);
        return add(f, required, (in, req) -> in.phone(f.getName(), false, req));
    }

    /** A Vietnamese mobile number (a SIM's), stored in its national form. */
    public RecordSpec<R> mobile(TableField<R, String> f, boolean required) {
        describe(f, new JsonObject().put("type", "string").put("maxLength", 30).put("description",
                "Vietnamese mobile number (10 digits, 03/05/07/08/09); +84 accepted; stored 0…"), required);
        return add(f, required, (in, req) -> in.phone(f.getName(), true, req));
    }

    /**
     * Declares that no two rows may share a value of {@code f} (besides the row's own key), e.g. an asset tag. The
     * database holds a UNIQUE constraint too; {@link CrudService#check} reports a clash naming the field first.
     */
    public RecordSpec<R> unique(TableField<R, ?> f) {
        uniques.add(f);
        return this;
    }

    public List<TableField<R, ?>> uniqueFields() {
        return List.copyOf(uniques);
    }

    /** A reference field: the id column, the name its code is written under, and where the code lives. */
    public record Ref(TableField<?, Long> field, String codeName, Table<?> target, TableField<?, String> targetCode) {
        /** The target's id column. */
        public org.jooq.Field<Long> targetId(Table<?> alias) {
            return alias.field(DSL.name("id"), Long.class);
        }
    }

    /** The reference whose id column or code name is {@code name}, if it is one. */
    public Optional<Ref> ref(String name) {
        return refs.stream().filter(r -> r.field().getName().equals(name) || r.codeName().equals(name)).findFirst();
    }

    /**
     * The value a spreadsheet column holds for a row of {@code table}: the field itself, or for a reference the
     * target's code (a scalar subquery). Null when the spec has no such column.
     */
    public org.jooq.Field<?> column(String name) {
        Optional<Ref> ref = ref(name);
        if (ref.isPresent() && ref.get().codeName().equals(name)) {
            Ref r = ref.get();
            Table<?> t = r.target().as("ref_" + r.codeName());
            return DSL.field(DSL.select(t.field(r.targetCode())).from(t).where(r.targetId(t).eq(r.field())))
                    .as(name);
        }
        return bindings.stream().map(Binding::field).filter(f -> f.getName().equals(name)).findFirst().orElse(null);
    }

    private void describe(TableField<R, ?> f, JsonObject schema, boolean required) {
        describe(f.getName(), schema, required, f.getTable());
    }

    private void describe(String name, JsonObject schema, boolean required, Table<?> owner) {
        // What is not required may be sent as null (PATCH clears it).
        schemas.put(name, required ? schema : schema.copy().put("nullable", true));
        if (required) {
            requiredOnCreate.add(name);
        }
        table = owner;
    }

    /**
     * The JSON schema of a create ({@code creating}) or PATCH body: the writable fields with their types and limits.
     * A reference may be given by id or by code, so neither of the two is listed as required. The server-managed
     * and the shown fields of an answer are listed read-only: a client may send a GET answer back, they are ignored.
     */
    public JsonObject schema(boolean creating) {
        JsonObject props = new JsonObject();
        schemas.forEach((n, s) -> props.put(n, s.copy()));
        if (!creating) {
            for (String n : SERVER_MANAGED) {
                if (table != null && table.field(n) != null) {
                    props.put(n, columnSchema(table.field(n)).put("readOnly", true));
                }
            }
            shown.forEach(r -> r.schemas().forEach((n, s) -> {
                if (!props.containsKey(n)) {
                    props.put(n, s.copy().put("readOnly", true));
                }
            }));
        }
        JsonObject out = new JsonObject().put("type", "object").put("properties", props)
                .put("additionalProperties", false);
        List<String> required = requiredOnCreate.stream().filter(schemas::containsKey)
                .filter(n -> !refNames.contains(n)).toList();
        if (creating && !required.isEmpty()) {
            out.put("required", new JsonArray(required));
        }
        return out;
    }

    /**
     * The schema of a row as the API answers it: every column of the table (a writable one with its rules, the others
     * read-only) and, for each reference, the code and name of the row it points to (read-only).
     */
    public JsonObject rowSchema() {
        JsonObject props = new JsonObject();
        List<String> required = new ArrayList<>();
        if (table != null) {
            for (org.jooq.Field<?> f : table.fields()) {
                JsonObject s = columnSchema(f);
                JsonObject written = schemas.get(f.getName());
                if (written == null) {
                    s.put("readOnly", true);
                } else if (written.getValue("enum") != null) {
                    s.put("enum", written.getValue("enum"));
                }
                if (!f.getDataType().nullable()) {
                    required.add(f.getName());
                }
                props.put(f.getName(), s);
            }
        }
        shown.forEach(r -> r.schemas().forEach((n, s) -> props.put(n, s.copy().put("readOnly", true))));
        JsonObject out = new JsonObject().put("type", "object").put("properties", props);
        return required.isEmpty() ? out : out.put("required", new JsonArray(required));
    }

    /**
     * The schema of a row of any table as {@link vn.hatang.platform.json.Json#of} writes it: each column with its
     * type, nullable as declared, read-only; NOT NULL columns required. {@code except}: columns the answer leaves out.
     */
    public static JsonObject tableSchema(Table<?> table, String... except) {
        Set<String> left = Set.of(except);
        JsonObject props = new JsonObject();
        JsonArray required = new JsonArray();
        for (org.jooq.Field<?> f : table.fields()) {
            if (left.contains(f.getName())) {
                continue;
            }
            props.put(f.getName(), columnSchema(f).put("readOnly", true));
            if (!f.getDataType().nullable()) {
                required.add(f.getName());
            }
        }
        return new JsonObject().put("type", "object").put("properties", props).put("required", required);
    }

    /**
     * A reference shown in answers: the {@code codeName} (and, when the target has one, the name) of the row that
     * {@code f} points to, e.g. {@code unit_id} → {@code unit_code}, {@code unit_name}.
     */
    public record Shown(TableField<?, Long> field, String codeName, Table<?> target, TableField<?, String> targetCode) {
        /** {@code unit_code} → {@code unit_name}; {@code device_serial} has none (a device has no name). */
        public String nameName() {
            return nameField() == null ? null : codeName.replaceFirst("_(code|serial)$", "") + "_name";
        }

        /** The target's own name column ({@code name}, or {@code full_name} for a person). */
        public TableField<?, String> nameField() {
            for (String n : List.of("name", "full_name")) {
                if (target.field(n) instanceof TableField<?, ?> tf && tf.getType() == String.class) {
                    @SuppressWarnings("unchecked")
                    TableField<?, String> name = (TableField<?, String>) tf;
                    return name;
                }
            }
            return null;
        }

        java.util.Map<String, JsonObject> schemas() {
            java.util.Map<String, JsonObject> out = new java.util.LinkedHashMap<>();
            out.put(codeName, new JsonObject().put("type", "string").put("nullable", true));
            if (nameName() != null) {
                out.put(nameName(), new JsonObject().put("type", "string").put("nullable", true));
            }
            return out;
        }
    }

    private final List<Shown> shown = new ArrayList<>();

    /** The references whose code and name every answer shows beside the id. */
    public List<Shown> shown() {
        return List.copyOf(shown);
    }

    /** A reference the server sets (a parent, a holder) shown like a writable one, but not written through the spec. */
    public RecordSpec<R> shows(TableField<R, Long> f, String codeName, Table<?> target, TableField<?, String> targetCode) {
        Shown s = new Shown(f, codeName, target, targetCode);
        shown.add(s);
        ignored.addAll(s.schemas().keySet());
        return this;
    }

    /** Names an answer carries that a client may send back; they are ignored. */
    private final Set<String> ignored = new TreeSet<>(SERVER_MANAGED);

    private static JsonObject columnSchema(org.jooq.Field<?> f) {
        Class<?> t = f.getType();
        JsonObject s;
        if (t == String.class) {
            s = new JsonObject().put("type", "string");
        } else if (t == Long.class || t == Integer.class || t == Short.class) {
            s = new JsonObject().put("type", "integer");
        } else if (t == Boolean.class) {
            s = new JsonObject().put("type", "boolean");
        } else if (t == LocalDate.class) {
            s = new JsonObject().put("type", "string").put("format", "date");
        } else if (t == java.time.Instant.class) {
            s = new JsonObject().put("type", "string").put("format", "date-time");
        } else if (t == java.math.BigDecimal.class || t == Double.class) {
            s = new JsonObject().put("type", "number");
        } else {
            s = new JsonObject();
        }
        if (f.getDataType().nullable()) {
            s.put("nullable", true);
        }
        return s;
    }

    /**
     * A reference to a row of {@code target}, written either as its id (the column name, e.g. {@code unit_id}) or as
     * its code ({@code codeName}, e.g. {@code unit_code}, or {@code device_serial}).
     */
    public RecordSpec<R> ref(TableField<R, Long> f, String codeName, Table<?> target, TableField<?, String> targetCode,
            boolean required) {
        names.add(f.getName());
        names.add(codeName);
        refs.add(new Ref(f, codeName, target, targetCode));
        refNames.add(f.getName());
        refNames.add(codeName);
        Shown display = new Shown(f, codeName, target, targetCode);
        shown.add(display);
        if (display.nameName() != null) {
            ignored.add(display.nameName());
        }
        describe(f.getName(), Schema.id().put("description", "id; or " + codeName), false, f.getTable());
        describe(codeName, Schema.text(100).put("description", "mã / code; or " + f.getName()), false, f.getTable());
        if (required) {
            requiredOnCreate.add(f.getName());
        }
        bindings.add(new Binding<>() {
            @Override
            public Object read(Input in, boolean creating, Lookups lookups) {
                String idName = f.getName();
                if (!in.has(idName) && !in.has(codeName)) {
                    if (required && creating) {
                        throw ApiException.invalid(codeName, "error.required");
                    }
                    return ABSENT;
                }
                Long id = in.id(idName, false);
                if (id != null) {
                    if (!lookups.exists(target, id)) {
                        throw ApiException.invalid(idName, "error.unknown_ref", String.valueOf(id));
                    }
                    return id;
                }
                String code = in.text(codeName, 100, false);
                if (code == null) {
                    if (required) {
                        throw ApiException.invalid(codeName, "error.required");
                    }
                    return null;
                }
                Long found = lookups.idOf(target, targetCode, code);
                if (found == null) {
                    throw ApiException.invalid(codeName, "error.unknown_ref", code);
                }
                return found;
            }

            @Override
            public TableField<R, ?> field() {
                return f;
            }
        });
        return this;
    }

    private interface Reader {
        Object read(Input in, boolean required);
    }

    /** Present fields are read (a required one may not be blank); absent ones are left alone, except on create. */
    private RecordSpec<R> add(TableField<R, ?> f, boolean required, Reader reader) {
        names.add(f.getName());
        bindings.add(new Binding<>() {
            @Override
            public Object read(Input in, boolean creating, Lookups lookups) {
                if (!in.has(f.getName())) {
                    if (required && creating) {
                        throw ApiException.invalid(f.getName(), "error.required");
                    }
                    return ABSENT;
                }
                Object value = reader.read(in, required);
                // A blank cell for a NOT NULL column with a default (a status, a rack height) means "the default".
                if (value == null && !f.getDataType().nullable() && f.getDataType().defaulted()) {
                    return ABSENT;
                }
                return value;
            }

            @Override
            public TableField<R, ?> field() {
                return f;
            }
        });
        return this;
    }

    /**
     * Refuses fields this resource does not have (a typo would otherwise be dropped silently). {@code extras} are
     * further names the caller reads itself, e.g. a device's initial {@code status}.
     */
    public void rejectUnknown(Input in, String... extras) {
        Set<String> known = new TreeSet<>(names);
        known.addAll(List.of(extras));
        for (String name : in.names()) {
            if (!known.contains(name) && !ignored.contains(name)) {
                throw ApiException.invalid(name, "error.unknown_field", String.join(", ", known));
            }
        }
    }

    /**
     * Applies every present field to {@code record}. On create, required fields must be present.
     * Returns the names of the fields whose value changed (empty: nothing to write).
     */
    public List<String> apply(Input in, R record, boolean creating, Lookups lookups) {
        List<String> changed = new ArrayList<>();
        for (Binding<R> b : bindings) {
            Object value = b.read(in, creating, lookups);
            if (value == ABSENT) {
                continue;
            }
            @SuppressWarnings("unchecked")
            TableField<R, Object> f = (TableField<R, Object>) b.field();
            if (!Objects.equals(record.get(f), value)) {
                record.set(f, value);
                changed.add(f.getName());
            }
        }
        return changed;
    }
}
