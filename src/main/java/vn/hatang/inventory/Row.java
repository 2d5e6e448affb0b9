package vn.hatang.inventory;

import java.util.Map;
import vn.hatang.platform.json.Input;

/** One record of an inventory file with where it came from. Values are strings, as in a spreadsheet. */
public record Row(String file, int line, Map<String, String> values) {
    public String get(String column) {
        String v = values.get(column);
        return v == null || v.isBlank() ? null : v.strip();
    }

    public Input input() {
        return Input.ofStrings(values);
    }
}
