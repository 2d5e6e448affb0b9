package vn.hatang.coverage;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import vn.hatang.platform.i18n.Messages;

/** Texts of gap reasons and report headers (bundle {@code i18n/coverage}), Vietnamese first. */
public final class CoverageText {
    public static final Locale VI = Messages.VI;
    public static final Locale EN = Messages.EN;

    private CoverageText() {
    }

    public static String get(Locale locale, String key, Object... args) {
        boolean en = EN.getLanguage().equals(locale.getLanguage());
        ResourceBundle bundle = ResourceBundle.getBundle("i18n.coverage", en ? EN : VI,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, en ? EN : VI).format(args);
    }

    public static Locale locale(String lang) {
        return lang != null && lang.trim().toLowerCase(Locale.ROOT).startsWith("en") ? EN : VI;
    }
}
