package vn.hatang.platform.db;

import java.util.HashMap;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import vn.hatang.security.Scope;

/**
 * Code → id look-ups inside one transaction, within the caller's scope: a unit, or a row that belongs to a unit
 * ({@code unit_id}, {@code owner_unit_id}), outside the scope is not found, as if it did not exist. Found ids are
 * remembered so an import asks once per code.
 */
public final class DbLookups implements RecordSpec.Lookups {
    private final DSLContext dsl;
    private final Scope scope;
    private final Map<String, Long> cache = new HashMap<>();

    public DbLookups(DSLContext dsl, Scope scope) {
        this.dsl = dsl;
        this.scope = scope;
    }

    @Override
    public Long idOf(Table<?> table, TableField<?, String> codeField, String code) {
        return cache.computeIfAbsent(table.getName() + "\u0000" + code, k -> dsl
                .select(idField(table)).from(table).where(codeField.eq(code)).and(inScope(table))
                .fetchOne(0, Long.class));
    }

    @Override
    public boolean exists(Table<?> table, long id) {
        return dsl.fetchExists(table, idField(table).eq(id).and(inScope(table)));
    }

    /** The scope's condition for a table whose rows belong to a unit (none for tables that do not). */
    public static Condition scopeOf(Table<?> table, Scope scope) {
        return scopeOf(table, table, scope);
    }

    /** The same for {@code as}, an alias of {@code table} (a join to the rows a list refers to). */
    public static Condition scopeOf(Table<?> table, Table<?> as, Scope scope) {
        if (table.getName().equals("unit")) {
            return scope.covers(idField(as));
        }
        for (String name : new String[] {"unit_id", "owner_unit_id"}) {
            if (table.field(name) != null) {
                return scope.covers(DSL.field(DSL.name(as.getName(), name), Long.class));
            }
        }
        return DSL.trueCondition();
    }

    private Condition inScope(Table<?> table) {
        return scopeOf(table, scope);
    }

    private static Field<Long> idField(Table<?> table) {
        return DSL.field(DSL.name(table.getName(), "id"), Long.class);
    }
}
