package vn.hatang.platform.db;

import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/** Code → id look-ups inside one transaction; found ids are remembered so an import asks once per code. */
public final class DbLookups implements RecordSpec.Lookups {
    private final DSLContext dsl;
    private final Map<String, Long> cache = new HashMap<>();

    public DbLookups(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Long idOf(Table<?> table, TableField<?, String> codeField, String code) {
        return cache.computeIfAbsent(table.getName() + "\u0000" + code, k -> dsl
                .select(idField(table)).from(table).where(codeField.eq(code)).fetchOne(0, Long.class));
    }

    @Override
    public boolean exists(Table<?> table, long id) {
        return dsl.fetchExists(table, idField(table).eq(id));
    }

    private static Field<Long> idField(Table<?> table) {
        return DSL.field(DSL.name(table.getName(), "id"), Long.class);
    }
}
