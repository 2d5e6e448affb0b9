package vn.hatang.inventory;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import vn.hatang.platform.i18n.Messages;

/**
 * One problem in an inventory file: where (file, sheet for XLSX, line, column) and why (a message key and its
 * arguments).
 */
public record RowError(String file, String sheet, int line, String field, String messageKey, Object... args) {
    public RowError(String file, int line, String field, String messageKey, Object... args) {
        this(file, null, line, field, messageKey, args);
    }

    /** {@code people.csv:3 [unit_code]: …}; for a workbook {@code people.xlsx[Cán bộ]:3 [unit_code]: …}. */
    public String render(Locale locale) {
        String col = field == null ? "" : " [" + field + "]";
        return where(file, sheet, line) + col + ": " + Messages.get(locale, messageKey, args);
    }

    static String where(String file, String sheet, int line) {
        String f = sheet == null ? file : file + "[" + sheet + "]";
        return line > 0 ? f + ":" + line : f;
    }

    public JsonObject toJson(Locale locale) {
        return new JsonObject().put("file", file).put("sheet", sheet).put("line", line).put("field", field)
                .put("message", render(locale));
    }

    @Override
    public String toString() {
        return render(Messages.VI);
    }
}
