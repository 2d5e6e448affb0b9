package vn.hatang.platform.db;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import vn.hatang.security.Scope;

/**
 * Code → id look-ups for many rows at once (an import), within the caller's scope: each referenced table's codes
 * are read once, in one query,
 * the first time they are asked for; ids can be turned back into codes for messages. Valid for one step of a
 * transaction: rows written afterwards are not seen.
 */
public final class TableLookups implements RecordSpec.Lookups {
    private final DSLContext dsl;
    private final Scope scope;
    private final Map<String, Map<String, Long>> ids = new HashMap<>();
    private final Map<String, Map<Long, String>> codes = new HashMap<>();
    private final Map<String, Set<Long>> existing = new HashMap<>();

    /** Rows outside {@code scope} are not found, as with {@link DbLookups}. */
    public TableLookups(DSLContext dsl, Scope scope) {
        this.dsl = dsl;
        this.scope = scope;
    }

    @Override
    public Long idOf(Table<?> table, TableField<?, String> codeField, String code) {
        return byCode(table, codeField).get(code);
    }

    /** The code of the row {@code id} of {@code table}, or null. */
    public String codeOf(Table<?> table, TableField<?, String> codeField, Long id) {
        if (id == null) {
            return null;
        }
        String key = table.getName() + "." + codeField.getName();
        return codes.computeIfAbsent(key, k -> {
            Map<Long, String> m = new HashMap<>();
            byCode(table, codeField).forEach((c, i) -> m.put(i, c));
            return m;
        }).get(id);
    }

    @Override
    public boolean exists(Table<?> table, long id) {
        return existing.computeIfAbsent(table.getName(),
                k -> new HashSet<>(dsl.select(idField(table)).from(table).where(DbLookups.scopeOf(table, scope))
                        .fetch(0, Long.class))).contains(id);
    }

    private Map<String, Long> byCode(Table<?> table, TableField<?, String> codeField) {
        return ids.computeIfAbsent(table.getName() + "." + codeField.getName(), k -> {
            Map<String, Long> m = new HashMap<>();
            Field<String> code = DSL.field(DSL.name(table.getName(), codeField.getName()), String.class);
            dsl.select(code, idField(table)).from(table).where(DbLookups.scopeOf(table, scope))
                    .forEach(r -> m.put(r.value1(), r.value2()));
            return m;
        });
    }

    private static Field<Long> idField(Table<?> table) {
        return DSL.field(DSL.name(table.getName(), "id"), Long.class);
    }
}
