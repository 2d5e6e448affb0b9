package vn.hatang.console;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import vn.hatang.platform.i18n.Messages;

/**
 * The console's words and formats in one language: its own bundle ({@code i18n/console_*}), then the API's messages
 * (the services' error texts), then the coverage texts. Dates are {@code dd/MM/yyyy} and numbers use Vietnamese
 * separators (1.234,5) in both languages, as the office writes them.
 */
public final class Text {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final Locale NUMBERS = Locale.forLanguageTag("vi-VN");
    public static final Text VI = new Text(Messages.VI);
    public static final Text EN = new Text(Messages.EN);

    private final Locale locale;
    private final ResourceBundle console;
    private final ResourceBundle coverage;

    private Text(Locale locale) {
        this.locale = locale;
        var control = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        this.console = ResourceBundle.getBundle("i18n.console", locale, control);
        this.coverage = ResourceBundle.getBundle("i18n.coverage", locale, control);
    }

    public static Text of(String language) {
        return "en".equals(language) ? EN : VI;
    }

    public Locale locale() {
        return locale;
    }

    public boolean english() {
        return locale == Messages.EN;
    }

    public String language() {
        return english() ? "en" : "vi";
    }

    /** The text of a key; the key itself when no bundle has it (a test checks that every key used exists). */
    public String get(String key, Object... args) {
        String pattern = find(key);
        if (pattern == null) {
            return Messages.get(locale, key, args);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** Whether a key exists in the console's or the coverage bundle. */
    public boolean has(String key) {
        return find(key) != null;
    }

    private String find(String key) {
        for (ResourceBundle b : new ResourceBundle[] {console, coverage}) {
            try {
                return b.getString(key);
            } catch (MissingResourceException e) {
                // next
            }
        }
        return null;
    }

    /** {@code 2026-03-31} or an ISO instant → {@code 31/03/2026} (in Vietnam's time zone); blank for null. */
    public static String date(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).format(DATE);
            }
            return instant(s).atZone(ZONE).format(DATE);
        } catch (RuntimeException e) {
            return s;
        }
    }

    /** An ISO instant → {@code 31/03/2026 08:00} in Vietnam's time zone. */
    public static String dateTime(Object value) {
        if (value == null) {
            return "";
        }
        try {
            return instant(value.toString()).atZone(ZONE).format(DATE_TIME);
        } catch (RuntimeException e) {
            return value.toString();
        }
    }

    private static Instant instant(String s) {
        return s.endsWith("Z") ? Instant.parse(s) : OffsetDateTime.parse(s).toInstant();
    }

    /** 12345 → {@code 12.345}; 12.5 → {@code 12,5}. */
    public static String num(Object n) {
        if (n == null) {
            return "—";
        }
        NumberFormat f = NumberFormat.getNumberInstance(NUMBERS);
        f.setMaximumFractionDigits(1);
        return f.format(n instanceof Number x ? x : Double.parseDouble(n.toString()));
    }

    /** A percentage: {@code 85,3 %}; a dash when there is nothing to count. */
    public static String pct(Object n) {
        return n == null ? "—" : num(n) + " %";
    }
}
