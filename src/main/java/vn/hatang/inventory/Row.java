package vn.hatang.inventory;

import java.util.Map;
import vn.hatang.platform.json.Input;

/**
 * One record of an inventory file with where it came from: the file, the sheet (XLSX only, else null) and the line
 * (the row number in a sheet). Values are strings, as in a spreadsheet.
 */
public record Row(String file, String sheet, int line, Map<String, String> values) {
    public String get(String column) {
        String v = values.get(column);
        return v == null || v.isBlank() ? null : v.strip();
    }

    public Input input() {
        return Input.ofStrings(values);
    }

    public RowError error(String field, String messageKey, Object... args) {
        return new RowError(file, sheet, line, field, messageKey, args);
    }

    /** "devices.csv:12", or "devices.xlsx[Thiết bị]:12". */
    public String where() {
        return RowError.where(file, sheet, line);
    }
}
