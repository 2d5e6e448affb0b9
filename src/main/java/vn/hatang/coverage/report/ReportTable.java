package vn.hatang.coverage.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One sheet of a report: column keys (headers come from the coverage bundle, {@code col.<key>}) and rows of cells.
 * A cell is a String, a Number, a {@link Text} (vi/en) or null.
 */
public record ReportTable(String sheet, List<String> columns, List<List<Object>> rows) {
    public ReportTable(String sheet, List<String> columns) {
        this(sheet, columns, new ArrayList<>());
    }

    public ReportTable add(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(sheet + ": " + cells.length + " cells for " + columns.size() + " columns");
        }
        rows.add(Arrays.asList(cells));
        return this;
    }

    public JsonObject toJson() {
        JsonArray rs = new JsonArray();
        for (List<Object> row : rows) {
            JsonArray r = new JsonArray();
            row.forEach(c -> r.add(c instanceof Text t ? t.toJson() : c));
            rs.add(r);
        }
        return new JsonObject().put("sheet", sheet).put("columns", new JsonArray(columns)).put("rows", rs);
    }

    public static ReportTable fromJson(JsonObject json) {
        List<String> columns = json.getJsonArray("columns").stream().map(String::valueOf).toList();
        ReportTable t = new ReportTable(json.getString("sheet"), columns);
        for (Object o : json.getJsonArray("rows")) {
            List<Object> row = new ArrayList<>();
            for (Object c : (JsonArray) o) {
                row.add(c instanceof JsonObject j ? new Text(j.getString("vi"), j.getString("en")) : c);
            }
            t.rows().add(row);
        }
        return t;
    }
}
