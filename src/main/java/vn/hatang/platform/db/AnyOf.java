package vn.hatang.platform.db;

import java.lang.reflect.Array;
import java.util.Collection;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * {@code field IN (SELECT unnest(?))} with one array parameter, for the tens of thousands of keys of an import:
 * PostgreSQL joins the array's elements (by index or hash). {@code IN (?, ?, …)} and {@code = ANY(?)} would compare
 * every row with every value, and the first is limited to 65,535 parameters.
 */
public final class AnyOf {
    private AnyOf() {
    }

    public static <T> Condition values(Field<T> field, Collection<? extends T> values) {
        @SuppressWarnings("unchecked")
        T[] array = values.toArray((T[]) Array.newInstance(field.getType(), values.size()));
        Field<T> element = DSL.field(DSL.name("any_of", "v"), field.getDataType());
        return field.in(DSL.select(element).from(DSL.unnest(array).as("any_of", "v")));
    }
}
