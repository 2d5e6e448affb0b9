package vn.hatang.platform.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Every user-facing string, Vietnamese by default, English on request ({@code Accept-Language: en}). */
public final class Messages {
    public static final Locale VI = Locale.forLanguageTag("vi");
    public static final Locale EN = Locale.ENGLISH;

    private Messages() {
    }

    public static String get(Locale locale, String key, Object... args) {
        return get("messages", locale, key, args);
    }

    /** A text of the bundle {@code i18n/<bundle>} (messages, coverage, documents); the key itself when it is missing. */
    public static String get(String bundleName, Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle("i18n." + bundleName, EN.getLanguage().equals(locale.getLanguage()) ? EN : VI,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    public static String vi(String key, Object... args) {
        return get(VI, key, args);
    }

    /**
     * The better of Vietnamese and English for an {@code Accept-Language} header, by its quality values
     * ({@code fr, en;q=0.9} → English; {@code en;q=0.5, vi} → Vietnamese); Vietnamese when neither is asked for or
     * the header cannot be read.
     */
    public static Locale fromAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > 500) {
            return VI;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(header), java.util.List.of(VI, EN));
            return best == null ? VI : best;
        } catch (IllegalArgumentException malformed) {
            return VI;
        }
    }
}
