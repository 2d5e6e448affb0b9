package vn.hatang.coverage;

import java.util.Locale;

/** Why something (an argument may itself be a Reason, e.g. a status word) is in a gap list: a key of the coverage bundle and its arguments, rendered in vi and en. */
public record Reason(String key, Object... args) {
    public String render(Locale locale) {
        Object[] rendered = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            rendered[i] = args[i] instanceof Reason r ? r.render(locale) : args[i];
        }
        return CoverageText.get(locale, key, rendered);
    }

    public String vi() {
        return render(CoverageText.VI);
    }

    public String en() {
        return render(CoverageText.EN);
    }
}
