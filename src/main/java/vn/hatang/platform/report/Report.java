package vn.hatang.platform.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A report as data: its name, when and for what unit it was made, an optional title block ({@link Heading}, shown
 * above the first table in XLSX), notes, and its tables (one sheet each). {@link ReportWriter} renders it.
 */
public record Report(String name, String unitCode, String generatedAt, Heading heading, List<Text> notes,
        List<ReportTable> tables) {

    /** A plain list: no title block. */
    public Report(String name, String unitCode, String generatedAt, List<Text> notes, List<ReportTable> tables) {
        this(name, unitCode, generatedAt, null, notes, tables);
    }

    public JsonObject toJson() {
        JsonArray ns = new JsonArray();
        notes.forEach(n -> ns.add(n.toJson()));
        JsonArray ts = new JsonArray();
        tables.forEach(t -> ts.add(t.toJson()));
        return new JsonObject().put("name", name).put("unit_code", unitCode).put("generated_at", generatedAt)
                .put("heading", heading == null ? null : heading.toJson()).put("notes", ns).put("tables", ts);
    }

    public static Report fromJson(JsonObject json) {
        List<Text> notes = json.getJsonArray("notes").stream().map(Text::fromJson).toList();
        List<ReportTable> tables = json.getJsonArray("tables").stream().map(o -> ReportTable.fromJson((JsonObject) o)).toList();
        return new Report(json.getString("name"), json.getString("unit_code"), json.getString("generated_at"),
                Heading.fromJson(json.getJsonObject("heading")), notes, tables);
    }
}
