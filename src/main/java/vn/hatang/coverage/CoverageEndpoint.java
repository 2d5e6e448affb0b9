package vn.hatang.coverage;

import static vn.hatang.coverage.CoverageReports.MONTHLY;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import vn.hatang.platform.report.Report;
import vn.hatang.platform.report.ReportWriter;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Filters;
import vn.hatang.platform.json.Input;
import vn.hatang.platform.http.Http;
import vn.hatang.platform.i18n.Messages;

/**
 * {@code /kpis} (definitions, rules, values, history, gap lists, snapshots) and {@code /reports/{name}} (CSV/XLSX
 * downloads, the kept monthly reports).
 */
public final class CoverageEndpoint implements Endpoint {
    private final Db db;
    private final CoverageService service;
    private final CoverageReports reports;

    public CoverageEndpoint(Db db, CoverageService service, CoverageReports reports) {
        this.db = db;
        this.service = service;
        this.reports = reports;
    }

    @Override
    public void addRoutes(Router api) {
        TargetsRepository targets = service.targets();
        api.get("/kpis").handler(Http.json(ctx -> db.read(dsl -> {
            JsonArray out = new JsonArray();
            targets.definitions(dsl).forEach(k -> out.add(k.toJson()));
            return new JsonObject().put("items", out);
        })));
        api.post("/kpis").handler(Http.created(ctx -> {
            KpiDefinition k = TargetsValidator.kpi(Http.body(ctx));
            return db.tx(dsl -> {
                if (targets.definition(dsl, k.code()).isPresent()) {
                    throw ApiException.conflict("error.duplicate", null, "code");
                }
                targets.upsert(dsl, k);
                return withVersion(targets, dsl, k.code());
            });
        }));
        api.get("/kpis/rules").handler(Http.json(ctx -> db.read(dsl -> targets.rules(dsl).toJson())));
        api.put("/kpis/rules").handler(Http.json(ctx -> {
            CoverageRules rules = TargetsValidator.rules(Http.body(ctx));
            return db.tx(dsl -> {
                targets.saveRules(dsl, rules);
                return targets.rules(dsl).toJson();
            });
        }));
        api.get("/kpis/values").handler(Http.json(ctx -> {
            boolean rollup = !"false".equalsIgnoreCase(Http.query(ctx, "rollup"));
            return db.read(dsl -> service.values(dsl, Http.query(ctx, "unit"), rollup));
        }));
        api.post("/kpis/snapshots").handler(Http.created(ctx -> db.tx(dsl -> new JsonObject()
                .put("day", service.today().toString()).put("rows", service.snapshot(dsl)))));
        api.get("/kpis/:code").handler(Http.json(ctx -> db.read(dsl -> withVersion(targets, dsl, ctx.pathParam("code")))));
        api.put("/kpis/:code").handler(Http.json(ctx -> replace(ctx, false)));
        api.patch("/kpis/:code").handler(Http.json(ctx -> replace(ctx, true)));
        api.delete("/kpis/:code").handler(Http.json(ctx -> db.tx(dsl -> {
            if (!targets.delete(dsl, ctx.pathParam("code"))) {
                throw ApiException.notFound("KPI", ctx.pathParam("code"));
            }
            return null;
        })));
        api.get("/kpis/:code/history").handler(Http.json(ctx -> db.read(dsl ->
                service.history(dsl, ctx.pathParam("code"), Http.query(ctx, "unit")))));
        api.get("/kpis/:code/gaps").handler(ctx -> {
            boolean alone = "false".equalsIgnoreCase(Http.query(ctx, "rollup"));
            if (Http.query(ctx, "format") == null) {
                Http.json(c -> db.read(dsl -> service.gaps(dsl, c.pathParam("code"), Http.query(c, "unit"), alone))).handle(ctx);
            } else {
                download(ctx, dsl -> reports.gaps(dsl, ctx.pathParam("code"), Http.query(ctx, "unit"), alone), null);
            }
        });
        api.get("/reports").handler(Http.json(ctx -> db.read(dsl -> new JsonObject().put("names", new JsonArray(CoverageReports.NAMES))
                .put("kept", reports.keptList(dsl)))));
        api.post("/reports/monthly").handler(Http.created(ctx -> db.tx(dsl -> {
            Report r = reports.keepMonthly(dsl);
            return new JsonObject().put("name", r.name()).put("period", YearMonth.from(service.today()).toString())
                    .put("generated_at", r.generatedAt());
        })));
        api.get("/reports/:name").handler(this::download);
    }

    /** PUT replaces the definition, PATCH changes the given fields; both validate the result as a whole. */
    private Future<JsonObject> replace(RoutingContext ctx, boolean patch) {
        String code = ctx.pathParam("code");
        JsonObject body = Http.body(ctx);
        Integer ifMatch = Http.ifMatch(ctx);
        if (body.containsKey("code") && !code.equals(body.getValue("code"))) {
            throw ApiException.invalid("code", "kpi.code_mismatch", code);
        }
        TargetsRepository targets = service.targets();
        return db.tx(dsl -> {
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

    private static JsonObject withVersion(TargetsRepository targets, org.jooq.DSLContext dsl, String code) {
        return targets.require(dsl, code).toJson().put("version", targets.version(dsl, code));
    }

    /** {@code GET /reports/:name?format=xlsx|csv&unit=&lang=&period=&all=}. */
    private void download(RoutingContext ctx) {
        try {
            String name = ctx.pathParam("name");
            if (!CoverageReports.NAMES.contains(name)) {
                throw ApiException.invalid("name", "kpi.bad_report", name);
            }
            String unit = Http.query(ctx, "unit");
            String period = Http.query(ctx, "period");
            if (period != null) {
                try {
                    YearMonth.parse(period);
                } catch (DateTimeParseException e) {
                    throw ApiException.invalid("period", "kpi.bad_period", period);
                }
            }
            boolean all = Boolean.TRUE.equals(Input.ofStrings(Filters.of(ctx, "all")).bool("all", false));
            download(ctx, dsl -> period != null && MONTHLY.equals(name)
                    ? reports.kept(dsl, name, period).orElseThrow(() -> ApiException.notFound("report", name + " " + period))
                    : reports.build(dsl, name, unit, all), period);
        } catch (RuntimeException e) {
            ctx.fail(e);
        }
    }

    /**
     * Builds a report on the worker pool and sends it as a file in the asked format (default XLSX) and language
     * ({@code lang}, else {@code Accept-Language}).
     */
    private void download(RoutingContext ctx, java.util.function.Function<org.jooq.DSLContext, Report> build, String period) {
        try {
            String format = Http.query(ctx, "format") == null ? ReportWriter.XLSX : Http.query(ctx, "format").toLowerCase(Locale.ROOT);
            if (!ReportWriter.FORMATS.contains(format)) {
                throw ApiException.invalid("format", "kpi.bad_format", format);
            }
            String lang = Http.query(ctx, "lang");
            Locale locale = lang != null ? CoverageText.locale(lang) : Messages.fromAcceptLanguage(ctx.request().getHeader("Accept-Language"));
            db.read(dsl -> {
                Report report = build.apply(dsl);
                return new Object[] {report, ReportWriter.render(report, format, locale)};
            }).onSuccess(out -> {
                Report report = (Report) out[0];
                String file = "hatang-" + report.name() + "-" + (report.unitCode() == null ? "all" : report.unitCode())
                        + (period == null ? "-" + service.today() : "-" + period);
                ctx.response().putHeader("Content-Type", ReportWriter.contentType(format))
                        .putHeader("Content-Disposition", "attachment; filename=\"" + file.replaceAll("[^A-Za-z0-9_.-]", "_")
                                + "." + format + "\"")
                        .end(Buffer.buffer((byte[]) out[1]));
            }).onFailure(ctx::fail);
        } catch (RuntimeException e) {
            ctx.fail(e);
        }
    }
}
