package vn.hatang.coverage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;

/** One missing piece of a KPI: a person, unit, device line or system, where it is, and why it does not count. */
public record Gap(String subject, String code, String name, String unitCode, String unitName, List<Reason> reasons) {
    public String reasonsVi() {
        return reasons.stream().map(Reason::vi).collect(Collectors.joining("; "));
    }

    public String reasonsEn() {
        return reasons.stream().map(Reason::en).collect(Collectors.joining("; "));
    }

    public JsonObject toJson() {
        JsonArray keys = new JsonArray();
        reasons.forEach(r -> keys.add(r.key()));
        return new JsonObject().put("subject", subject).put("code", code).put("name", name).put("unit_code", unitCode)
                .put("unit_name", unitName).put("reason_vi", reasonsVi()).put("reason_en", reasonsEn())
                .put("reason_keys", keys);
    }
}
