package vn.hatang.inventory;

import java.util.regex.Pattern;

/** How a stored value reads in an inventory file's cell: the export writes it so, the diff shows it so. */
final class Cells {
    /** A cell a spreadsheet would run as a formula (OWASP, CSV injection): =, +, -, @, tab, carriage return. */
    private static final Pattern FORMULA_LIKE = Pattern.compile("[=+\\-@\t\r].*", Pattern.DOTALL);

    private Cells() {
    }

    /** Flags read "x" or blank, as offices tick them; a blank storage_bearing would mean "as the category". */
    static String text(String column, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return b ? "x" : "storage_bearing".equals(column) ? "không" : "";
        }
        return value.toString();
    }

    /** For a diff: an empty cell shows as ∅. */
    static String shown(String column, Object value) {
        String s = text(column, value);
        return s.isEmpty() ? "∅" : s;
    }

    /**
     * A text cell that cannot run: a leading quote before a formula-like start, which the importer takes off again
     * (so an export imports back unchanged).
     */
    static String neutralised(String s) {
        return FORMULA_LIKE.matcher(s).matches() ? "'" + s : s;
    }
}
