package vn.hatang.coverage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** The "modern device" rule per category and the unit equipment rule, as stored and as the API shows them. */
public record CoverageRules(List<ModernRule> modernDevice, EquipmentRule equipment) {
    public static final CoverageRules NONE = new CoverageRules(List.of(),
            new EquipmentRule(List.of(), List.of(), List.of()));

    public Optional<ModernRule> modern(String category) {
        return modernDevice.stream().filter(r -> r.category().equals(category)).findFirst();
    }

    public JsonObject modernJson() {
        JsonArray rules = new JsonArray();
        for (ModernRule r : modernDevice) {
            JsonArray os = new JsonArray();
            r.supportedOs().forEach(o -> os.add(new JsonObject().put("name", o.name()).put("pattern", o.pattern().source())
                    .put("end_of_support", o.endOfSupport() == null ? null : o.endOfSupport().toString())));
            rules.add(new JsonObject().put("category", r.category()).put("max_age_years", r.maxAgeYears())
                    .put("min_ram_gb", r.minRamGb()).put("require_security_check", r.requireSecurityCheck())
                    .put("supported_os", os));
        }
        return new JsonObject().put("rules", rules);
    }

    public JsonObject equipmentJson() {
        return new JsonObject().put("staff_duties", new JsonArray(equipment.staffDuties()))
                .put("staff_categories", new JsonArray(equipment.staffCategories()))
                .put("required_in_service", new JsonArray(equipment.requiredInService()));
    }

    public JsonObject toJson() {
        return new JsonObject().put("modern_device", modernJson().getJsonArray("rules"))
                .put("equipment_rule", equipmentJson());
    }
}
