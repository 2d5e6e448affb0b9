package vn.hatang.inventory;

import java.util.Locale;
import vn.hatang.platform.i18n.Messages;

/** One problem in an inventory file: where (file:line, column) and why (a message key and its arguments). */
public record RowError(String file, int line, String field, String messageKey, Object... args) {
    public String render(Locale locale) {
        String where = line > 0 ? file + ":" + line : file;
        String col = field == null ? "" : " [" + field + "]";
        return where + col + ": " + Messages.get(locale, messageKey, args);
    }

    @Override
    public String toString() {
        return render(Messages.VI);
    }
}
