package vn.hatang.coverage;

import java.util.Locale;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.platform.report.ReportTable;
import vn.hatang.platform.report.Text;

/** Texts of gap reasons and report headers (bundle {@code i18n/coverage}), Vietnamese first. */
public final class CoverageText {
    public static final Locale VI = Messages.VI;
    public static final Locale EN = Messages.EN;

    private CoverageText() {
    }

    public static String get(Locale locale, String key, Object... args) {
        return Messages.get("coverage", locale, key, args);
    }

    /** The same text in both languages, for a report cell. */
    public static Text text(String key, Object... args) {
        return Text.of("coverage", key, args);
    }

    /** A report table whose sheet name and headers are {@code sheet.<sheet>} and {@code col.<column>}. */
    public static ReportTable table(String sheet, String... columns) {
        return new ReportTable(text("sheet." + sheet), java.util.Arrays.stream(columns).map(c -> text("col." + c)).toList());
    }

    public static Locale locale(String lang) {
        return lang != null && lang.trim().toLowerCase(Locale.ROOT).startsWith("en") ? EN : VI;
    }
}
