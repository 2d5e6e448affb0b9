package vn.hatang.platform.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One sheet of a report: its name, column headers and rows. A cell is a String, a Number, a {@link LocalDate}, a
 * {@link Text} or null; {@link ReportWriter} keeps numbers as numbers and dates as dates. Rows are data, a subtotal
 * or a grand total (shown bold; a reader sums data rows only).
 */
public record ReportTable(Text sheet, List<Text> columns, List<Row> rows) {
    public enum Kind { DATA, SUBTOTAL, TOTAL }

    public record Row(Kind kind, List<Object> cells) {
    }

    public ReportTable(Text sheet, List<Text> columns) {
        this(sheet, columns, new ArrayList<>());
    }

    public ReportTable add(Object... cells) {
        return row(Kind.DATA, cells);
    }

    public ReportTable row(Kind kind, Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(sheet.en() + ": " + cells.length + " cells for " + columns.size() + " columns");
        }
        rows.add(new Row(kind, Arrays.asList(cells)));
        return this;
    }

    public JsonObject toJson() {
        JsonArray rs = new JsonArray();
        for (Row row : rows) {
            JsonArray r = new JsonArray();
            row.cells().forEach(c -> r.add(c instanceof Text t ? t.toJson()
                    : c instanceof LocalDate d ? new JsonObject().put("date", d.toString()) : c));
            rs.add(row.kind() == Kind.DATA ? r : new JsonObject().put("kind", row.kind().name()).put("cells", r));
        }
        JsonArray cs = new JsonArray();
        columns.forEach(c -> cs.add(c.toJson()));
        return new JsonObject().put("sheet", sheet.toJson()).put("columns", cs).put("rows", rs);
    }

    public static ReportTable fromJson(JsonObject json) {
        List<Text> columns = json.getJsonArray("columns").stream().map(Text::fromJson).toList();
        ReportTable t = new ReportTable(Text.fromJson(json.getValue("sheet")), columns);
        for (Object o : json.getJsonArray("rows")) {
            Kind kind = o instanceof JsonObject j ? Kind.valueOf(j.getString("kind")) : Kind.DATA;
            JsonArray cells = o instanceof JsonObject j ? j.getJsonArray("cells") : (JsonArray) o;
            List<Object> row = new ArrayList<>();
            for (Object c : cells) {
                row.add(c instanceof JsonObject j ? (j.containsKey("date") ? LocalDate.parse(j.getString("date")) : Text.fromJson(j)) : c);
            }
            t.rows().add(new Row(kind, row));
        }
        return t;
    }
}
