package vn.hatang.platform.db;

import java.util.Arrays;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import vn.hatang.platform.json.Input;

/**
 * The free-text filter {@code q=} of every list: a row matches when one of its fields contains the text, ignoring
 * case and Vietnamese diacritics ({@code thao} finds "Thảo", {@code may tinh} finds "Máy tính", {@code dang} finds
 * "Đặng"). Both sides go through PostgreSQL's {@code unaccent} (migration V660), so the rule lives in one place.
 */
public final class Search {
    private Search() {
    }

    /** The condition for {@code q} over {@code fields}; the text is validated like any input field named "q". */
    @SafeVarargs
    public static Condition matches(String q, Field<String>... fields) {
        String text = Input.ofStrings(Map.of("q", q)).text("q", 200, true);
        Field<String> needle = unaccent(DSL.val(text));
        return DSL.or(Arrays.stream(fields).map(f -> unaccent(f).containsIgnoreCase(needle)).toList());
    }

    private static Field<String> unaccent(Field<String> f) {
        return DSL.function("unaccent", String.class, f);
    }
}
