package vn.hatang.inventory;

/** How a stored value reads in an inventory file's cell: the export writes it so, the diff shows it so. */
final class Cells {
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
}
