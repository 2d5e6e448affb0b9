package vn.hatang.coverage;

import static org.jooq.impl.DSL.inline;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import vn.hatang.platform.http.ApiException;

/**
 * A supported-OS pattern of the modern-device rule: a regular expression found anywhere in a device's {@code os},
 * ignoring case. It is evaluated by RE2J, whose time is linear in the text, never by a backtracking engine (Java's
 * or PostgreSQL's): {@code ^(.*a){12}$} against forty {@code a}s and a {@code b} takes microseconds, not minutes.
 * The same object decides in Java (the gap list's reasons) and in SQL (the counts), so both always agree.
 * <p>
 * A budget bounds the work: at most {@link #MAX_LENGTH} characters, and an automaton of at most {@link #MAX_SIZE}
 * atoms once counted repetitions are multiplied out ({@code ((a{100}){100}){100}} would be a million). Patterns
 * RE2J cannot run in linear time (back-references, look-around) are refused as invalid.
 */
final class OsPattern {
    static final int MAX_LENGTH = 200;
    static final int MAX_SIZE = 2_000;

    private final String source;
    private final Pattern compiled;
    /** The text after {@code ^} when the pattern is an anchored literal ({@code ^Windows 11}); else null. */
    private final String prefix;

    private OsPattern(String source, Pattern compiled, String prefix) {
        this.source = source;
        this.compiled = compiled;
        this.prefix = prefix;
    }

    /** Compiles a pattern of the rules; a 400 naming {@code field} when it is invalid or over the budget. */
    static OsPattern compile(String source, String field) {
        if (source.length() > MAX_LENGTH) {
            throw ApiException.invalid(field, "error.too_long", MAX_LENGTH);
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(source, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw ApiException.invalid(field, "kpi.bad_pattern", source);
        }
        long size = size(source);
        if (size > MAX_SIZE) {
            throw ApiException.invalid(field, "kpi.pattern_too_large", MAX_SIZE);
        }
        String prefix = source.matches("\\^([\\p{L}\\p{N} -]|\\\\\\.)+") ? source.substring(1).replace("\\.", ".")
                : null;
        return new OsPattern(source, compiled, prefix);
    }

    String source() {
        return source;
    }

    /**
     * Whether {@code os} matches. An anchored literal is a prefix test folding ASCII letters only, exactly what its
     * SQL form does ({@link #condition}); anything else is RE2J's search.
     */
    boolean matches(String os) {
        if (os == null) {
            return false;
        }
        if (prefix != null) {
            return os.length() >= prefix.length() && KpiSql.asciiLower(os.substring(0, prefix.length()))
                    .equals(KpiSql.asciiLower(prefix));
        }
        return compiled.matcher(os).find();
    }

    /**
     * The SQL form. An anchored literal is a prefix {@code LIKE} (cheap per row, and exactly what
     * {@code os collate "C" ILIKE 'literal%'} matched); any other pattern is decided here, in Java, over the distinct
     * operating systems the devices record ({@code known}), and the query asks for those values.
     */
    Condition condition(Field<String> os, Supplier<Collection<String>> known) {
        if (prefix != null) {
            // lower(os collate "C") lowers A–Z only, as asciiLower does; the pattern is lowered once here.
            return DSL.lower(DSL.field("{0} collate \"C\"", String.class, os)).like(inline(KpiSql.asciiLower(prefix) + "%"));
        }
        List<String> matching = known.get().stream().filter(this::matches).toList();
        return matching.isEmpty() ? DSL.falseCondition()
                : os.eq(DSL.any(DSL.val(matching.toArray(new String[0]), SQLDataType.VARCHAR.array())));
    }

    /**
     * An upper bound of the automaton's size: one per atom (a character, an escape, a class), a group the sum of its
     * contents, a counted repetition {@code {n,m}} multiplies what it repeats by the larger bound.
     */
    static long size(String p) {
        java.util.ArrayDeque<long[]> groups = new java.util.ArrayDeque<>();
        long[] current = {0, 0}; // {total of the group so far, size of its last atom}
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            long atom = 1;
            if (c == '\\') {
                i++;
                if (i + 1 < p.length() && (p.charAt(i) == 'p' || p.charAt(i) == 'P') && p.charAt(i + 1) == '{') {
                    i = Math.max(i, p.indexOf('}', i));
                }
            } else if (c == '[') {
                i = classEnd(p, i);
            } else if (c == '(') {
                groups.push(current);
                current = new long[] {0, 0};
                continue;
            } else if (c == ')' && !groups.isEmpty()) {
                atom = current[0] + 1;
                current = groups.pop();
            } else if (c == '{') {
                var m = java.util.regex.Pattern.compile("\\{(\\d{1,4})(,(\\d{0,4}))?}").matcher(p).region(i, p.length());
                if (m.lookingAt()) {
                    long n = Long.parseLong(m.group(1));
                    if (m.group(3) != null && !m.group(3).isEmpty()) {
                        n = Math.max(n, Long.parseLong(m.group(3)));
                    }
                    current[0] += current[1] * Math.max(0, n - 1);
                    current[1] *= Math.max(1, n);
                    i = m.end() - 1;
                    continue;
                }
            } else if (c == '*' || c == '+' || c == '?' || c == '|' || c == '^' || c == '$') {
                current[0]++;
                continue;
            }
            current[0] += atom;
            current[1] = atom;
        }
        long total = current[0];
        while (!groups.isEmpty()) {
            total += groups.pop()[0];
        }
        return total;
    }

    /** The index of the {@code ]} that closes the class opened at {@code open}. */
    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && p.charAt(i) == '^') {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        for (; i < p.length(); i++) {
            if (p.charAt(i) == '\\') {
                i++;
            } else if (p.charAt(i) == '[' && i + 1 < p.length() && p.charAt(i + 1) == ':') {
                int end = p.indexOf(":]", i + 2);
                i = end < 0 ? i : end + 1;
            } else if (p.charAt(i) == ']') {
                return i;
            }
        }
        return p.length() - 1;
    }

    /** Two patterns are the same rule when their text is (rules read twice compare equal). */
    @Override
    public boolean equals(Object o) {
        return o instanceof OsPattern p && p.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
