package vn.hatang.coverage;

import java.util.Locale;

/** Why something is in a gap list: a key of the coverage bundle and its arguments, rendered in vi and en. */
public record Reason(String key, Object... args) {
    public String render(Locale locale) {
        return CoverageText.get(locale, key, args);
    }

    public String vi() {
        return render(CoverageText.VI);
    }

    public String en() {
        return render(CoverageText.EN);
    }
}
