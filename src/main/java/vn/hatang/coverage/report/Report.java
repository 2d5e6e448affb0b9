package vn.hatang.coverage.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A report as data: its name, when and for what it was made, notes, and its tables (one sheet each). */
public record Report(String name, String unitCode, String generatedAt, List<Text> notes, List<ReportTable> tables) {
    public JsonObject toJson() {
        JsonArray ns = new JsonArray();
        notes.forEach(n -> ns.add(n.toJson()));
        JsonArray ts = new JsonArray();
        tables.forEach(t -> ts.add(t.toJson()));
        return new JsonObject().put("name", name).put("unit_code", unitCode).put("generated_at", generatedAt)
                .put("notes", ns).put("tables", ts);
    }

    public static Report fromJson(JsonObject json) {
        List<Text> notes = json.getJsonArray("notes").stream()
                .map(o -> new Text(((JsonObject) o).getString("vi"), ((JsonObject) o).getString("en"))).toList();
        List<ReportTable> tables = json.getJsonArray("tables").stream().map(o -> ReportTable.fromJson((JsonObject) o)).toList();
        return new Report(json.getString("name"), json.getString("unit_code"), json.getString("generated_at"), notes, tables);
    }
}
