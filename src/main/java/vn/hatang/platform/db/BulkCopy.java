package vn.hatang.platform.db;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes many rows of one table in a few statements, inside the caller's transaction: ids from the table's identity
 * sequence in one query, new rows by PostgreSQL's {@code COPY}, changed rows by {@code COPY} into a temporary table
 * and one {@code UPDATE … FROM}. Row triggers (holding history) fire as for single writes. For imports and
 * benchmarks of tens of thousands of rows; single API writes use jOOQ records.
 */
public final class BulkCopy {
    private static final int FLUSH_CHARS = 1 << 16;

    private BulkCopy() {
    }

    /** {@code n} fresh ids of {@code table}'s identity column {@code id}. */
    /** Bulk writes of at least this many rows refresh the table's planner statistics. */
    static final int ANALYZE_AFTER = 1_000;

    public static List<Long> newIds(DSLContext dsl, Table<?> table, int n) {
        if (n == 0) {
            return List.of();
        }
        Field<Long> next = DSL.function("nextval", Long.class,
                DSL.function("pg_get_serial_sequence", String.class, DSL.inline(table.getName()), DSL.inline("id")));
        return dsl.select(next).from(DSL.generateSeries(1, n)).fetch(0, Long.class);
    }

    /**
     * Inserts {@code rows} with every field of the table. Rows without an id get one (it is set in the record); a
     * NOT NULL field left empty takes the column's default, evaluated once.
     */
    public static <R extends Record> void insert(DSLContext dsl, Table<R> table, List<R> rows) {
        if (rows.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Field<Long> id = (Field<Long>) table.field("id");
        List<R> withoutId = rows.stream().filter(r -> r.get(id) == null).toList();
        List<Long> ids = newIds(dsl, table, withoutId.size());
        for (int i = 0; i < withoutId.size(); i++) {
            withoutId.get(i).set(id, ids.get(i));
        }
        Map<Field<?>, Object> defaults = defaults(dsl, table);
        for (R r : rows) {
            defaults.forEach((f, v) -> {
                if (r.get(f) == null) {
                    @SuppressWarnings("unchecked")
                    Field<Object> field = (Field<Object>) f;
                    r.set(field, v);
                }
            });
        }
        copy(dsl, DSL.name(table.getName()), List.of(table.fields()), rows);
        analyzeIfLarge(dsl, table, rows.size());
    }

    /**
     * Rewrites {@code rows} whole, each only if its {@code version} in the table is still one less than in the record
     * (nobody changed it since it was read). Returns how many rows were written.
     */
    public static <R extends Record> int update(DSLContext dsl, Table<R> table, TableField<R, Long> id,
            TableField<R, Integer> version, List<R> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        Name stage = DSL.name("bulk_" + table.getName());
        dsl.dropTableIfExists(stage).execute();
        dsl.createTemporaryTable(stage).as(DSL.selectFrom(table)).withNoData().onCommitDrop().execute();
        List<Field<?>> fields = List.of(table.fields());
        copy(dsl, stage, fields, rows);
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        for (Field<?> f : fields) {
            if (!f.equals(id)) {
                set.put(f, staged(stage, f));
            }
        }
        int written = dsl.update(table).set(set).from(DSL.table(stage))
                .where(id.eq(staged(stage, id)))
                .and(version.plus(1).eq(staged(stage, version)))
                .execute();
        analyzeIfLarge(dsl, table, rows.size());
        return written;
    }

    /**
     * Statistics for the rows just written. Autovacuum analyses a table only a minute or so after a bulk write; a
     * statement planned before that (the next import's look-up of existing rows by key) believes the table almost
     * empty and joins 100,000 keys against a sequential scan — minutes instead of milliseconds. ANALYZE inside the
     * transaction counts its own rows and samples at most 30,000 of them (a few hundred milliseconds).
     */
    private static void analyzeIfLarge(DSLContext dsl, Table<?> table, int rows) {
        if (rows >= ANALYZE_AFTER) {
            dsl.query("analyze {0}", table).execute();
        }
    }

    private static <T> Field<T> staged(Name stage, Field<T> f) {
        return DSL.field(DSL.name(stage, DSL.name(f.getName())), f.getDataType());
    }

    /** The values of the table's NOT NULL column defaults (a status, a flag, now()), in one query. */
    private static Map<Field<?>, Object> defaults(DSLContext dsl, Table<?> table) {
        Map<Field<?>, Field<?>> expressions = new LinkedHashMap<>();
        for (Field<?> f : table.fields()) {
            if (!f.getDataType().nullable() && f.getDataType().defaulted() && !f.getDataType().identity()) {
                expressions.put(f, f.getDataType().defaultValue());
            }
        }
        Map<Field<?>, Object> values = new HashMap<>();
        if (!expressions.isEmpty()) {
            Record r = dsl.select(expressions.values()).fetchOne();
            int i = 0;
            for (Field<?> f : expressions.keySet()) {
                values.put(f, r.get(i++, f.getType()));
            }
        }
        return values;
    }

    /** COPY in PostgreSQL's text format, streamed in chunks. */
    private static void copy(DSLContext dsl, Name target, List<Field<?>> fields, List<? extends Record> rows) {
        StringBuilder sql = new StringBuilder("COPY ").append(dsl.render(target)).append(" (");
        for (int i = 0; i < fields.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dsl.render(DSL.name(fields.get(i).getName())));
        }
        sql.append(") FROM STDIN");
        dsl.connection(c -> {
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.toString());
            try {
                StringBuilder buf = new StringBuilder(FLUSH_CHARS + 4096);
                // The rows share their timestamps (one now() for all): each column formats its last one once.
                Object[] last = new Object[fields.size()];
                String[] lastText = new String[fields.size()];
                for (Record r : rows) {
                    for (int i = 0; i < fields.size(); i++) {
                        if (i > 0) {
                            buf.append('\t');
                        }
                        Object v = r.get(i);
                        if (v instanceof Instant && v == last[i]) {
                            buf.append(lastText[i]);
                            continue;
                        }
                        int start = buf.length();
                        encode(buf, v);
                        if (v instanceof Instant) {
                            last[i] = v;
                            lastText[i] = buf.substring(start);
                        }
                    }
                    buf.append('\n');
                    if (buf.length() >= FLUSH_CHARS) {
                        write(in, buf);
                    }
                }
                write(in, buf);
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        });
    }

    private static void write(CopyIn in, StringBuilder buf) throws SQLException {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

    /** A value in COPY's text format: {@code \N} for null, backslash escapes for the separators. */
    static void encode(StringBuilder buf, Object v) {
        if (v == null) {
            buf.append("\\N");
            return;
        }
        String s = v instanceof JSONB j ? j.data() : v.toString();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> buf.append("\\\\");
                case '\t' -> buf.append("\\t");
                case '\n' -> buf.append("\\n");
                case '\r' -> buf.append("\\r");
                default -> buf.append(ch);
            }
        }
    }
}
