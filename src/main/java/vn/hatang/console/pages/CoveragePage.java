package vn.hatang.console.pages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.hatang.console.Console;
import vn.hatang.console.Reply;
import vn.hatang.console.Req;
import vn.hatang.coverage.CoverageReports;
import vn.hatang.coverage.CoverageService;
import vn.hatang.platform.db.Db;

/**
 * {@code /coverage}: every KPI of a unit ({@code getKpiValues}) with the report downloads ({@code downloadReport});
 * one KPI: the roll-up table over the unit's children ({@code getKpiUnitTable}), the gap list a page at a time
 * ({@code getKpiGaps}) and the history chart from the daily snapshots ({@code getKpiHistory}).
 */
public final class CoveragePage implements Console.Page {
    static final int GAPS_PER_PAGE = 50;
    private final Db db;
    private final CoverageService coverage;

    public CoveragePage(Db db, CoverageService coverage) {
        this.db = db;
        this.coverage = coverage;
    }

    @Override
    public void addRoutes(Console.Pages console) {
        console.get("/coverage", r -> {
            var scope = r.scope("getKpiValues");
            String unit = r.query("unit");
            return db.read(scope, dsl -> Reply.ok(r.render("coverage.jte", "v", r.view("coverage"), "values",
                    coverage.values(dsl, scope, unit, true), "reports", CoverageReports.NAMES)));
        });
        console.get("/coverage/:code", this::kpi);
    }

    private Future<Reply> kpi(Req r) {
        String code = r.path("code");
        String unit = r.query("unit");
        int page = pageNumber(r.query("page"));
        var tableScope = r.scope("getKpiUnitTable");
        var gapScope = r.scope("getKpiGaps");
        var historyScope = r.scope("getKpiHistory");
        return db.read(tableScope, dsl -> {
            if (coverage.targets().definition(dsl, code).isEmpty()) {
                throw vn.hatang.platform.http.ApiException.notFound("KPI", code);
            }
            JsonObject table = coverage.unitTable(dsl, tableScope, unit, code, 1, null);
            JsonObject gaps = coverage.gaps(dsl, gapScope, code, unit, false);
            JsonObject history = coverage.history(dsl, historyScope, code, unit);
            return Reply.ok(r.render("kpi.jte", "v", r.view("coverage"), "table", table, "gaps", gaps, "page", page,
                    "perPage", GAPS_PER_PAGE, "chart", chart(history, r.text().english())));
        });
    }

    static int pageNumber(String raw) {
        if (raw == null || !raw.matches("\\d{1,6}")) {
            return 1;
        }
        return Math.max(1, Integer.parseInt(raw));
    }

    /** uPlot's columns: days (epoch seconds), the rolled-up percentage, the target. */
    static JsonObject chart(JsonObject history, boolean english) {
        JsonArray days = new JsonArray();
        JsonArray values = new JsonArray();
        JsonArray target = new JsonArray();
        for (Object o : history.getJsonArray("points")) {
            JsonObject p = (JsonObject) o;
            days.add(java.time.LocalDate.parse(p.getString("day")).atStartOfDay(vn.hatang.console.Text.ZONE)
                    .toEpochSecond());
            values.add(p.getJsonObject("rollup").getValue("pct"));
            target.add(history.getValue("threshold"));
        }
        return new JsonObject().put("unit", " %")
                .put("series", new JsonArray().add(english ? "Value" : "Giá trị").add(english ? "Target" : "Chỉ tiêu"))
                .put("data", new JsonArray().add(days).add(values).add(target));
    }
}
