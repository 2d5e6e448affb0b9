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

    /** {@code en}, {@code en-US,vi;q=0.5} → English; anything else (or nothing) → Vietnamese. */
    public static Locale fromAcceptLanguage(String header) {
        return header != null && header.trim().toLowerCase(Locale.ROOT).startsWith("en") ? EN : VI;
    }
}
