package vn.hatang.pki.validation;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** A reason in words, kept as a message key plus arguments and rendered in Vietnamese and English. */
public record Reason(String key, Object... args) {
    private static final String BUNDLE = "vn.hatang.pki.validation.Reasons";
    private static final ResourceBundle.Control NO_FALLBACK =
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public String vi() { return render(Locale.ROOT); }

    public String en() { return render(Locale.ENGLISH); }

    private String render(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK);
        Object[] rendered = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            rendered[i] = args[i] instanceof Reason r ? r.render(locale) : String.valueOf(args[i]);
        }
        return new MessageFormat(bundle.getString(key), locale).format(rendered);
    }

    @Override
    public String toString() { return vi() + " / " + en(); }
}
