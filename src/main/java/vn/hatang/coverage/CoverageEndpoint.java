package vn.hatang.coverage;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Call;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Param;
import vn.hatang.platform.http.Routes;
import vn.hatang.platform.http.Schema;
import vn.hatang.platform.report.Report;
import vn.hatang.platform.report.ReportWriter;
import vn.hatang.security.Permission;

/**
 * {@code /kpis} (definitions, rules, values, history, gap lists, snapshots) and {@code /reports/{name}} (CSV/XLSX
 * downloads, the kept monthly reports). Values, gaps, history and reports are of a unit inside the caller's scope;
 * definitions and rules act on the whole province, so only whole-tree administrators change them.
 */
public final class CoverageEndpoint implements Endpoint {
    private static final Param FORMAT = Param.oneOf("format", List.copyOf(ReportWriter.FORMATS), "xlsx (mặc định) | csv");
    private static final Param LANG = Param.oneOf("lang", List.of("vi", "en"), null);
    private static final Param UNIT = Param.text("unit", "mã đơn vị (mặc định: đơn vị cao nhất được giao) / unit code "
            + "(default: the top unit the caller reaches)");
    private final Db db;
    private final CoverageService service;
    private final CoverageReports reports;

    public CoverageEndpoint(Db db, CoverageService service, CoverageReports reports) {
        this.db = db;
        this.service = service;
        this.reports = reports;
    }

    @Override
    public void addRoutes(Routes routes) {
        routes.tag("coverage");
        TargetsRepository targets = service.targets();
        JsonObject kpi = Schema.extending(TargetsValidator.kpiSchema(true)).required("code", Schema.code())
                .readOnly("version", Schema.integer(0, Integer.MAX_VALUE)).open().json();
        routes.get("/kpis", "listKpis", Permission.READ).doc("Các chỉ tiêu", "KPI definitions").answers(Schema.items(kpi))
                .json(c -> db.read(c.scope(), dsl -> {
                    JsonArray out = new JsonArray();
                    targets.definitions(dsl).forEach(k -> out.add(k.toJson()));
                    return new JsonObject().put("items", out);
                }));
        routes.post("/kpis", "createKpi", Permission.KPI_ADMIN).wholeTree()
                .doc("Thêm chỉ tiêu", "Add a KPI definition")
                .body(Schema.extending(TargetsValidator.kpiSchema(true)).required("code", Schema.code()).json())
                .answers(kpi).created(c -> {
                    KpiDefinition k = TargetsValidator.kpi(c.body());
                    return db.tx(c.scope(), dsl -> {
                        if (targets.definition(dsl, k.code()).isPresent()) {
                            throw ApiException.conflict("error.duplicate", null, "code");
                        }
                        targets.upsert(dsl, k);
                        return withVersion(targets, dsl, k.code());
                    });
                });
        routes.get("/kpis/rules", "getKpiRules", Permission.READ)
                .doc("Quy tắc thiết bị hiện đại và trang bị đơn vị", "The modern-device and unit-equipment rules")
                .answers(TargetsValidator.rulesSchema())
                .json(c -> db.read(c.scope(), dsl -> targets.rules(dsl).toJson()));
        routes.put("/kpis/rules", "replaceKpiRules", Permission.KPI_ADMIN).wholeTree()
                .doc("Thay quy tắc", "Replace the rules").body(TargetsValidator.rulesSchema())
                .answers(TargetsValidator.rulesSchema()).json(c -> {
                    CoverageRules rules = TargetsValidator.rules(c.body());
                    return db.tx(c.scope(), dsl -> {
                        targets.saveRules(dsl, rules);
                        return targets.rules(dsl).toJson();
                    });
                });
        routes.get("/kpis/values", "getKpiValues", Permission.READ)
                .doc("Giá trị các chỉ tiêu của một đơn vị", "Every KPI of a unit: alone and rolled up, status, trend")
                .query(UNIT, Param.flag("rollup", "cộng dồn cây con (mặc định có) / roll up the subtree (default true)"))
                .answers(Schema.object().required("unit", UNIT_REF).required("as_of", Schema.date())
                        .required("rollup", Schema.bool()).required("kpis", Schema.arrayOf(Schema.extending(kpi)
                                .required("own", FIGURE).required("rollup", FIGURE).required("value", FIGURE)
                                .required("missing", Schema.integer(0, Integer.MAX_VALUE))
                                .required("status", Schema.text(32)).optional("trend", Schema.anyObject()).open().json()))
                        .json())
                .json(c -> db.read(c.scope(), dsl -> service.values(dsl, c.scope(), c.query("unit"),
                        c.flag("rollup", true))));
        routes.get("/kpis/units", "getKpiUnitTable", Permission.READ)
                .doc("Bảng chỉ tiêu theo đơn vị trong cây", "The roll-up table: every unit of the subtree (down to "
                        + "depth levels) with each KPI's figure, status and shortfall; worst=N keeps the N units "
                        + "furthest from target")
                .query(UNIT, Param.text("kpi", "chỉ một chỉ tiêu / only this KPI"),
                        Param.integer("depth", 0, 20, "số cấp dưới đơn vị (mặc định 1) / levels below the unit (1)"),
                        Param.integer("worst", 1, 500, "chỉ N đơn vị xa chỉ tiêu nhất / only the N furthest units"))
                .answers(Schema.object().required("unit", UNIT_REF).required("as_of", Schema.date())
                        .required("kpis", Schema.arrayOf(Schema.anyObject()))
                        .required("items", Schema.arrayOf(Schema.object().required("code", Schema.code())
                                .required("figures", Schema.anyObject()).open().json())).json())
                .json(c -> db.read(c.scope(), dsl -> service.unitTable(dsl, c.scope(), c.query("unit"),
                        c.query("kpi"), c.query("depth") == null ? 1 : Integer.parseInt(c.query("depth")),
                        c.query("worst") == null ? null : Integer.valueOf(c.query("worst")))));
        routes.post("/kpis/snapshots", "takeKpiSnapshot", Permission.KPI_ADMIN).wholeTree()
                .doc("Chụp số liệu hôm nay", "Take today's snapshot of every KPI and unit")
                .answers(Schema.object().required("day", Schema.date()).required("rows", Schema.integer(0, Integer.MAX_VALUE))
                        .json())
                .created(c -> db.tx(c.scope(), dsl -> new JsonObject().put("day", service.today().toString())
                        .put("rows", service.snapshot(dsl))));
        routes.get("/kpis/:code", "getKpi", Permission.READ).doc("Một chỉ tiêu", "One KPI definition").answers(kpi)
                .json(c -> db.read(c.scope(), dsl -> withVersion(targets, dsl, c.path("code"))));
        routes.put("/kpis/:code", "replaceKpi", Permission.KPI_ADMIN).wholeTree()
                .doc("Thay định nghĩa chỉ tiêu", "Replace a KPI definition").body(TargetsValidator.kpiSchema(true))
                .answers(kpi).json(c -> replace(c, false));
        routes.patch("/kpis/:code", "updateKpi", Permission.KPI_ADMIN).wholeTree()
                .doc("Sửa chỉ tiêu", "Change fields of a KPI definition").body(TargetsValidator.kpiSchema(false))
                .answers(kpi).json(c -> replace(c, true));
        routes.delete("/kpis/:code", "deleteKpi", Permission.KPI_ADMIN).wholeTree()
                .doc("Xoá chỉ tiêu", "Delete a KPI definition").answersNothing().json(c -> db.tx(c.scope(), dsl -> {
                    if (!targets.delete(dsl, c.path("code"))) {
                        throw ApiException.notFound("KPI", c.path("code"));
                    }
                    return null;
                }));
        routes.get("/kpis/:code/history", "getKpiHistory", Permission.READ)
                .doc("Lịch sử chỉ tiêu (ảnh chụp hằng ngày)", "History from the daily snapshots").query(UNIT)
                .answers(Schema.object().required("kpi", Schema.code()).required("unit", UNIT_REF)
                        .required("threshold", Schema.number()).optional("deadline", Schema.date())
                        .required("points", Schema.arrayOf(Schema.object().required("day", Schema.date())
                                .required("own", FIGURE).required("rollup", FIGURE).json())).json())
                .json(c -> db.read(c.scope(), dsl -> service.history(dsl, c.scope(), c.path("code"), c.query("unit"))));
        routes.get("/kpis/:code/gaps", "getKpiGaps", Permission.READ)
                .doc("Danh sách còn thiếu, có lý do (JSON; XLSX hoặc CSV khi có format)",
                        "The gap list, with reasons (JSON; an XLSX or CSV document with format=)")
                .query(UNIT, Param.flag("rollup", "cả cây con (mặc định có) / the whole subtree (default true)"), FORMAT, LANG)
                .answers(Schema.object().required("kpi", Schema.code()).required("title_vi", Schema.text(300))
                        .required("title_en", Schema.text(300)).required("unit", UNIT_REF).required("as_of", Schema.date())
                        .required("count", Schema.integer(0, Integer.MAX_VALUE))
                        .required("items", Schema.arrayOf(Schema.object().required("subject", Schema.text(32))
                                .required("code", Schema.text(100)).required("name", Schema.text(1000))
                                .optional("unit_code", Schema.code()).optional("unit_name", Schema.text(300))
                                .required("reason_vi", Schema.text(10_000)).required("reason_en", Schema.text(10_000))
                                .required("reason_keys", Schema.arrayOf(Schema.text(100))).json())).open().json())
                .json(c -> c.query("format") == null
                        ? db.read(c.scope(), dsl -> service.gaps(dsl, c.scope(), c.path("code"), c.query("unit"),
                                !c.flag("rollup", true)))
                        : document(c, dsl -> reports.gaps(dsl, c.scope(), c.path("code"), c.query("unit"),
                                !c.flag("rollup", true)), null));
        routes.get("/reports", "listReports", Permission.READ).doc("Các báo cáo", "Report names and kept reports")
                .answers(Schema.object().required("names", Schema.arrayOf(Schema.oneOf(CoverageReports.NAMES)))
                        .required("kept", Schema.arrayOf(Schema.anyObject())).json())
                .json(c -> db.read(c.scope(), dsl -> new JsonObject()
                        .put("names", new JsonArray(CoverageReports.NAMES))
                        .put("kept", c.scope().isWholeTree() ? reports.keptList(dsl) : new JsonArray())));
        routes.post("/reports/monthly", "keepMonthlyReport", Permission.KPI_ADMIN).wholeTree()
                .doc("Lập và lưu báo cáo tháng", "Generate this month's report and keep it")
                .answers(Schema.object().required("name", Schema.text(100)).required("period", Schema.text(7))
                        .required("generated_at", Schema.instant()).json())
                .created(c -> db.tx(c.scope(), dsl -> {
                    Report r = reports.keepMonthly(dsl, c.scope());
                    return new JsonObject().put("name", r.name()).put("period", YearMonth.from(service.today())
                            .toString()).put("generated_at", r.generatedAt());
                }));
        routes.get("/reports/:name", "downloadReport", Permission.READ)
                .doc("Tải báo cáo (XLSX hoặc CSV)", "Download a report (coverage, shortfall, allocation, monthly)")
                .pathValues("name", CoverageReports.NAMES)
                .query(UNIT, FORMAT, LANG, Param.text("period", "tháng đã lưu (YYYY-MM), toàn tỉnh / a kept month, whole tree"),
                        Param.flag("all", "shortfall: mọi dòng, không chỉ dòng đề nghị mua / every row, not only those to buy"))
                .audited().file(this::download);
    }

    /** PUT replaces the definition, PATCH changes the given fields; both validate the result as a whole. */
    private Future<JsonObject> replace(Call c, boolean patch) {
        String code = c.path("code");
        JsonObject body = c.body();
        Integer ifMatch = c.ifMatch();
        if (body.containsKey("code") && !code.equals(body.getValue("code"))) {
            throw ApiException.invalid("code", "kpi.code_mismatch", code);
        }
        TargetsRepository targets = service.targets();
        return db.tx(c.scope(), dsl -> {
            KpiDefinition current = targets.require(dsl, code);
            if (ifMatch != null && ifMatch != targets.version(dsl, code)) {
                throw ApiException.preconditionFailed(targets.version(dsl, code));
            }
            JsonObject merged = patch ? current.toJson().mergeIn(body, false) : body.copy().put("code", code);
            if (patch && body.getValue("params") instanceof JsonObject p) {
                merged.put("params", current.params().copy().mergeIn(p));
            }
            targets.upsert(dsl, TargetsValidator.kpi(merged));
            return withVersion(targets, dsl, code);
        });
    }

    private static final JsonObject UNIT_REF = Schema.object().required("code", Schema.code()).required("name", Schema.text(300))
                        .optional("name_en", Schema.text(300)).required("kind", Schema.text(32)).required("status", Schema.text(32))
                        .json();
    private static final JsonObject FIGURE = Schema.object().required("num", Schema.integer(0, Integer.MAX_VALUE))
                        .required("den", Schema.integer(0, Integer.MAX_VALUE)).optional("pct", Schema.number()).json();

    private static JsonObject withVersion(TargetsRepository targets, org.jooq.DSLContext dsl, String code) {
        return targets.require(dsl, code).toJson().put("version", targets.version(dsl, code));
    }

    private Future<Routes.Download> download(Call c) {
        String name = c.path("name");
        if (!CoverageReports.NAMES.contains(name)) {
            throw ApiException.invalid("name", "kpi.bad_report", name);
        }
        String unit = c.query("unit");
        String period = c.query("period");
        if (period != null) {
            try {
                YearMonth.parse(period);
            } catch (DateTimeParseException e) {
                throw ApiException.invalid("period", "kpi.bad_period", period);
            }
        }
        boolean all = c.flag("all", false);
        return document(c, dsl -> period != null && CoverageReports.MONTHLY.equals(name)
                // Kept reports cover the whole province: only callers who reach it all may read them.
                ? (c.scope().isWholeTree() ? reports.kept(dsl, name, period) : java.util.Optional.<Report>empty())
                        .orElseThrow(() -> ApiException.notFound("report", name + " " + period))
                : reports.build(dsl, c.scope(), name, unit, all), period);
    }

    /** Builds a report on the worker pool and renders it in the asked format (default XLSX) and language. */
    private Future<Routes.Download> document(Call c, java.util.function.Function<org.jooq.DSLContext, Report> build, String period) {
        String format = c.query("format") == null ? ReportWriter.XLSX : c.query("format");
        Locale locale = c.query("lang") != null ? CoverageText.locale(c.query("lang")) : c.locale();
        return db.read(c.scope(), dsl -> {
            Report report = build.apply(dsl);
            String file = "hatang-" + report.name() + "-" + (report.unitCode() == null ? "all" : report.unitCode())
                    + (period == null ? "-" + service.today() : "-" + period);
            return new Routes.Download(file.replaceAll("[^A-Za-z0-9_.-]", "_") + "." + format, ReportWriter.contentType(format),
                    ReportWriter.render(report, format, locale));
        });
    }
}
