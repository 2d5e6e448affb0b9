package vn.hatang.coverage.report;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import vn.hatang.coverage.CoverageText;

/** A cell that reads differently in Vietnamese and English. */
public record Text(String vi, String en) {
    public String in(Locale locale) {
        return CoverageText.EN.getLanguage().equals(locale.getLanguage()) ? en : vi;
    }

    public static Text of(String key, Object... args) {
        return new Text(CoverageText.get(CoverageText.VI, key, args), CoverageText.get(CoverageText.EN, key, args));
    }

    public JsonObject toJson() {
        return new JsonObject().put("vi", vi).put("en", en);
    }
}
