package vn.hatang.coverage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** One coverage target: what is counted (kind + params), over which units, how high, by when. */
public record KpiDefinition(String code, String titleVi, String titleEn, String kind, List<String> unitKinds,
        String rootUnitCode, BigDecimal threshold, LocalDate deadline, String seed, JsonObject params, int position) {

    public String title(boolean english) {
        return english ? titleEn : titleVi;
    }

    public List<String> strings(String param) {
        JsonArray a = params.getJsonArray(param);
        return a == null ? List.of() : a.stream().map(String::valueOf).toList();
    }

    public boolean flag(String param) {
        return Boolean.TRUE.equals(params.getBoolean(param));
    }

    public JsonObject toJson() {
        return new JsonObject().put("code", code).put("title_vi", titleVi).put("title_en", titleEn).put("kind", kind)
                .put("unit_kinds", new JsonArray(unitKinds)).put("root_unit_code", rootUnitCode)
                .put("threshold", threshold.stripTrailingZeros().toPlainString().contains(".")
                        ? threshold.doubleValue() : (Object) threshold.intValue())
                .put("deadline", deadline == null ? null : deadline.toString()).put("seed", seed)
                .put("params", params.copy()).put("position", position);
    }
}
