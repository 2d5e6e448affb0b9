package vn.hatang.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Row1;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.TestDatabase;

/**
 * Verifies, in PostgreSQL, that the supported-OS test of the modern-device rule matches exactly the operating
 * systems that {@code os collate "C" ILIKE 'literal%'} matches (its earlier, slower form): any ASCII case, no
 * folding of other letters, nulls never.
 */
class OsMatchTest {
    private static final List<String> OS = List.of("Windows 11 Pro", "WINDOWS 11 Enterprise", "windows 11", "Windows 10 Pro",
            "Windows 110", " Windows 11", "Ubuntu 22.04.3 LTS", "ubuntu 22.04", "Ubuntu 2204", "Ubuntu 22x04",
            "Android 14", "ANDROID 15", "Điện thoại OS 1", "điện thoại os 1", "ĐIỆN THOẠI OS 1", "");

    @Test
    void testAnchoredLiteralMatchesExactlyWhatCaseInsensitiveLikeMatched() {
        DSLContext dsl = TestDatabase.dsl();
        @SuppressWarnings("unchecked")
        Row1<String>[] rows = OS.stream().map(DSL::row).toArray(Row1[]::new);
        var values = DSL.values(rows).as("v", "os");
        Field<String> os = DSL.field(DSL.name("v", "os"), String.class);
        var withNull = DSL.select(os).from(values).unionAll(DSL.select(DSL.inline((String) null))).asTable("w", "os");
        Field<String> wos = DSL.field(DSL.name("w", "os"), String.class);
        for (String pattern : List.of("^Windows 11", "^Ubuntu 22\\.04", "^Android 14", "^Điện thoại OS", "^điện")) {
            String literal = pattern.substring(1).replace("\\.", ".");
            List<String> before = dsl.select(wos).from(withNull)
                    .where(DSL.condition("{0} collate \"C\" ilike {1}", wos, DSL.inline(literal + "%"))).orderBy(wos).fetch(wos);
            List<String> now = dsl.select(wos).from(withNull).where(OsPattern.compile(pattern, "pattern").condition(wos, List::of)).orderBy(wos).fetch(wos);
            assertEquals(before, now, pattern);
        }
        assertEquals(List.of("WINDOWS 11 Enterprise", "Windows 11 Pro", "Windows 110", "windows 11"),
                dsl.select(os).from(values).where(OsPattern.compile("^Windows 11", "pattern").condition(os, List::of)).orderBy(os.collate("C")).fetch(os));
        assertEquals(List.of("Ubuntu 22.04.3 LTS", "ubuntu 22.04"),
                dsl.select(os).from(values).where(OsPattern.compile("^Ubuntu 22\\.04", "pattern").condition(os, List::of)).orderBy(os.collate("C")).fetch(os));
        // Under "C" only A–Z fold: "Đ"/"đ" stay distinct, as they did before.
        assertEquals(List.of("Điện thoại OS 1"),
                dsl.select(os).from(values).where(OsPattern.compile("^Điện thoại os", "pattern").condition(os, List::of)).orderBy(os.collate("C")).fetch(os));
    }
}
