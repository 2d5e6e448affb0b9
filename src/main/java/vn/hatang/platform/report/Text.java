package vn.hatang.platform.report;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import vn.hatang.platform.i18n.Messages;

/** A cell or heading that reads differently in Vietnamese and English. */
public record Text(String vi, String en) {
    public String in(Locale locale) {
        return Messages.EN.getLanguage().equals(locale.getLanguage()) ? en : vi;
    }

    /** Key {@code key} of bundle {@code i18n/<bundle>}, in both languages. */
    public static Text of(String bundle, String key, Object... args) {
        return new Text(Messages.get(bundle, Messages.VI, key, args), Messages.get(bundle, Messages.EN, key, args));
    }

    /** A name or a code: the same in both languages. */
    public static Text same(String s) {
        return new Text(s, s);
    }

    /** A name: {@code en} when there is one, else the Vietnamese (units without an English name). */
    public static Text name(String vi, String en) {
        return new Text(vi, en == null || en.isBlank() ? vi : en);
    }

    public Text map(java.util.function.UnaryOperator<String> f) {
        return new Text(f.apply(vi), f.apply(en));
    }

    public JsonObject toJson() {
        return new JsonObject().put("vi", vi).put("en", en);
    }

    /** {@code {"vi":…,"en":…}}, or a plain string (reports kept before headers were texts). */
    public static Text fromJson(Object o) {
        return o instanceof JsonObject j ? new Text(j.getString("vi"), j.getString("en")) : same(String.valueOf(o));
    }
}
