package vn.hatang.coverage;

import static vn.hatang.db.Tables.COVERAGE_REPORT;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.DEVICE_EVENT;
import static vn.hatang.db.Tables.INVESTMENT_LINE;
import static vn.hatang.db.Tables.LINK;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.UNIT;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import vn.hatang.security.Scope;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import vn.hatang.coverage.report.Report;
import vn.hatang.coverage.report.ReportTable;
import vn.hatang.coverage.report.Text;
import vn.hatang.devices.DeviceCategory;
import vn.hatang.platform.http.ApiException;

/**
 * The four reports as data (R10): coverage, procurement shortfall, device allocation list, monthly report. Rendering
 * to CSV/XLSX is {@link vn.hatang.coverage.report.ReportWriter}'s job.
 */
public final class CoverageReports {
    public static final List<String> NAMES = List.of("coverage", "shortfall", "allocation", "monthly");
    static final String MONTHLY = "monthly";

    private final CoverageService service;

    public CoverageReports(CoverageService service) {
        this.service = service;
    }

    public Report build(DSLContext dsl, Scope scope, String name, String unitCode) {
        return switch (name) {
            case "coverage" -> coverage(dsl, scope, unitCode);
            case "shortfall" -> shortfall(dsl, scope, unitCode);
            case "allocation" -> allocation(dsl, scope, unitCode);
            case MONTHLY -> monthly(dsl, scope, unitCode);
            default -> throw ApiException.invalid("name", "kpi.bad_report", name);
        };
    }

    private List<Text> notes(List<KpiDefinition> kpis) {
        List<Text> notes = new ArrayList<>();
        CoverageSources s = service.calculator().sources();
        if (kpis.stream().anyMatch(k -> KpiKind.PERSON_CERTIFICATE.equals(k.kind())) && s.certificates().noteKey() != null) {
            notes.add(Text.of(s.certificates().noteKey()));
        }
        if (kpis.stream().anyMatch(k -> KpiKind.UNIT_LINK.equals(k.kind())) && s.links().noteKey() != null) {
            notes.add(Text.of(s.links().noteKey()));
        }
        return notes;
    }

    private static Text unitName(UnitRef u) {
        return new Text(u.name(), u.nameEn() == null ? u.name() : u.nameEn());
    }

    /** Every KPI × unit under the unit, own and rolled up, with target, deadline, shortfall and status. */
    public Report coverage(DSLContext dsl, Scope scope, String unitCode) {
        LocalDate day = service.today();
        UnitRef root = service.unit(dsl, scope, unitCode);
        List<UnitRef> units = service.units(dsl, root);
        List<KpiDefinition> kpis = service.targets().definitions(dsl);
        KpiCalculator.Values values = service.calculator().compute(dsl, kpis, service.targets().rules(dsl), day, root.path());
        Map<String, Map<Long, CoverageService.Past>> past = service.past(dsl, day, null, 28);
        Map<Long, String> codes = new HashMap<>();
        units.forEach(u -> codes.put(u.id(), u.code()));
        ReportTable t = new ReportTable("coverage", List.of("unit_code", "unit_name", "unit_kind", "parent_code", "level",
                "kpi_code", "kpi_title", "threshold", "deadline", "own_num", "own_den", "own_pct", "num", "den", "pct",
                "missing", "status"));
        for (UnitRef u : units) {
            for (KpiDefinition k : kpis) {
                KpiCalculator.Value v = values.get(k.code(), u.id());
                if (v.rollup().den() == 0) {
                    continue; // nothing to count here: a row would only be noise
                }
                Double trend = CoverageService.trendPerDay(past.getOrDefault(k.code(), Map.of()).get(u.id()), v.rollup(), true, day);
                String status = KpiStatus.of(k, v.rollup(), trend, day);
                t.add(u.code(), unitName(u), Text.of("unit_kind." + u.kind()), codes.get(u.parentId()), u.depth() - root.depth(),
                        k.code(), new Text(k.titleVi(), k.titleEn()), k.threshold(), k.deadline() == null ? null : k.deadline().toString(),
                        v.own().num(), v.own().den(), v.own().pct(), v.rollup().num(), v.rollup().den(), v.rollup().pct(),
                        v.rollup().missingFor(k.threshold()), Text.of("kpi_status." + status));
            }
        }
        return new Report("coverage", root.code(), Instant.now(service.clock()).toString(), notes(kpis), List.of(t));
    }

    /** Per unit × category: approved, delivered, in service, and what each target still needs by its deadline. */
    public Report shortfall(DSLContext dsl, Scope scope, String unitCode) {
        LocalDate day = service.today();
        UnitRef root = service.unit(dsl, scope, unitCode);
        List<UnitRef> units = service.units(dsl, root);
        List<KpiDefinition> kpis = service.targets().definitions(dsl);
        CoverageRules rules = service.targets().rules(dsl);
        // Each KPI that a purchase can move, split into one synthetic KPI per device category it needs.
        record Need(KpiDefinition kpi, String category, KpiDefinition probe) {
        }
        List<Need> needs = new ArrayList<>();
        int n = 0;
        for (KpiDefinition k : kpis) {
            switch (k.kind()) {
                case KpiKind.PERSON_DEVICE -> needs.add(new Need(k, k.strings("categories").get(0), k));
                case KpiKind.UNIT_DEVICE -> needs.add(new Need(k, k.strings("categories").get(0), k));
                case KpiKind.INVESTMENT_DELIVERY -> {
                    for (String c : k.strings("categories")) {
                        needs.add(new Need(k, c, probe(k, "_P" + n++, KpiKind.INVESTMENT_DELIVERY, k.unitKinds(),
                                new JsonObject().put("categories", new JsonArray().add(c)), k.threshold())));
                    }
                }
                case KpiKind.UNIT_EQUIPMENT -> {
                    EquipmentRule e = rules.equipment();
                    if (!e.staffCategories().isEmpty()) {
                        needs.add(new Need(k, e.staffCategories().get(0), probe(k, "_P" + n++, KpiKind.PERSON_DEVICE,
                                k.unitKinds(), new JsonObject().put("categories", new JsonArray(e.staffCategories()))
                                        .put("duties", new JsonArray(e.staffDuties())).put("modern", true),
                                java.math.BigDecimal.valueOf(100))));
                    }
                    for (String c : e.requiredInService()) {
                        needs.add(new Need(k, c, probe(k, "_P" + n++, KpiKind.UNIT_DEVICE, k.unitKinds(),
                                new JsonObject().put("categories", new JsonArray().add(c)), java.math.BigDecimal.valueOf(100))));
                    }
                }
                default -> {
                    // certificates, links, information systems are not bought by device category
                }
            }
        }
        KpiCalculator.Values values = service.calculator().compute(dsl, needs.stream().map(Need::probe).distinct().toList(),
                rules, day, root.path());
        Set<Long> ids = new LinkedHashSet<>();
        units.forEach(u -> ids.add(u.id()));
        Map<Long, Map<String, int[]>> stock = stock(dsl, root.path());
        List<KpiDefinition> columnsKpis = needs.stream().map(Need::kpi).distinct().toList();
        List<String> columns = new ArrayList<>(List.of("unit_code", "unit_name", "category", "approved", "delivered",
                "in_service", "awaiting"));
        columnsKpis.forEach(k -> columns.add("needed:" + k.code() + ":" + (k.deadline() == null ? "—" : k.deadline())));
        columns.add("to_request");
        ReportTable t = new ReportTable("shortfall", columns);
        for (UnitRef u : units) {
            for (String category : DeviceCategory.ALL) {
                int[] s = stock.getOrDefault(u.id(), Map.of()).getOrDefault(category, new int[4]);
                List<Object> row = new ArrayList<>(List.of(u.code(), unitName(u), Text.of("category." + category),
                        s[0], s[1], s[2], Math.max(0, s[0] - s[1]) + s[3]));
                int maxNeed = 0;
                for (KpiDefinition k : columnsKpis) {
                    int need = 0;
                    for (Need nd : needs) {
                        if (nd.kpi() == k && nd.category().equals(category)) {
                            need += values.get(nd.probe().code(), u.id()).own().missingFor(nd.probe().threshold());
                        }
                    }
                    row.add(need);
                    maxNeed = Math.max(maxNeed, need);
                }
                int awaiting = (Integer) row.get(6);
                row.add(Math.max(0, maxNeed - awaiting));
                if (s[0] + s[1] + s[2] + s[3] + maxNeed > 0) {
                    t.add(row.toArray());
                }
            }
        }
        return new Report("shortfall", root.code(), Instant.now(service.clock()).toString(), List.of(), List.of(t));
    }

    private static KpiDefinition probe(KpiDefinition k, String code, String kind, List<String> unitKinds, JsonObject params,
            java.math.BigDecimal threshold) {
        return new KpiDefinition(code, k.titleVi(), k.titleEn(), kind, unitKinds, k.rootUnitCode(), threshold, k.deadline(),
                null, params, 0);
    }

    /** Per unit and category: approved, delivered under a line, in service, received but not yet in service. */
    private static Map<Long, Map<String, int[]>> stock(DSLContext dsl, String path) {
        Map<Long, Map<String, int[]>> out = new HashMap<>();
        var il = INVESTMENT_LINE;
        var delivered = DSL.select(count()).from(DEVICE).where(DEVICE.INVESTMENT_LINE_ID.eq(il.ID))
                .and(DEVICE.STATUS.in(KpiSql.DELIVERED)).<Integer>asField("delivered");
        dsl.select(il.UNIT_ID, il.CATEGORY, il.QUANTITY, delivered).from(il).join(UNIT).on(UNIT.ID.eq(il.UNIT_ID))
                .where(UNIT.PATH.startsWith(path)).forEach(r -> {
                    int[] s = out.computeIfAbsent(r.value1(), x -> new HashMap<>()).computeIfAbsent(r.value2(), x -> new int[4]);
                    s[0] += r.value3();
                    s[1] += Math.min(r.value3(), r.value4());
                });
        dsl.select(DEVICE.UNIT_ID, DEVICE.CATEGORY,
                        count().filterWhere(DEVICE.STATUS.eq("in_service")),
                        count().filterWhere(DEVICE.STATUS.in("received", "security_checked")))
                .from(DEVICE).join(UNIT).on(UNIT.ID.eq(DEVICE.UNIT_ID)).where(UNIT.PATH.startsWith(path))
                .groupBy(DEVICE.UNIT_ID, DEVICE.CATEGORY).forEach(r -> {
                    int[] s = out.computeIfAbsent(r.value1(), x -> new HashMap<>()).computeIfAbsent(r.value2(), x -> new int[4]);
                    s[2] += r.value3();
                    s[3] += r.value4();
                });
        return out;
    }

    /** Danh sách cấp phát thiết bị: every device not disposed of, by unit, with its holder and whether it is modern. */
    public Report allocation(DSLContext dsl, Scope scope, String unitCode) {
        LocalDate day = service.today();
        UnitRef root = service.unit(dsl, scope, unitCode);
        CoverageRules rules = service.targets().rules(dsl);
        KpiSql sql = new KpiSql(dsl, rules, service.calculator().sources(), day, true);
        var d = DEVICE.as("d");
        var modern = DSL.field(sql.modern(d, new ArrayList<>(rules.modernDevice().stream().map(ModernRule::category).toList())
                .isEmpty() ? List.of("pc") : rules.modernDevice().stream().map(ModernRule::category).toList()));
        var rows = dsl.select(UNIT.CODE, UNIT.NAME, UNIT.NAME_EN, d.CATEGORY, d.SERIAL, d.ASSET_TAG, d.MANUFACTURER, d.MODEL,
                        PERSON.CODE, PERSON.FULL_NAME, PERSON.TITLE, d.STATUS, d.ACQUIRED_ON, INVESTMENT_LINE.DECISION_NO,
                        INVESTMENT_LINE.CODE, modern)
                .from(d).join(UNIT).on(UNIT.ID.eq(d.UNIT_ID)).leftJoin(PERSON).on(PERSON.ID.eq(d.PERSON_ID))
                .leftJoin(INVESTMENT_LINE).on(INVESTMENT_LINE.ID.eq(d.INVESTMENT_LINE_ID))
                .where(UNIT.PATH.startsWith(root.path())).and(d.STATUS.ne("disposed"))
                .orderBy(UNIT.PATH, d.CATEGORY, PERSON.CODE.nullsLast(), d.SERIAL).fetch();
        ReportTable t = new ReportTable("allocation", List.of("unit_code", "unit_name", "category", "serial", "asset_tag",
                "manufacturer", "model", "holder_code", "holder_name", "holder_title", "status", "acquired_on",
                "decision_no", "investment_line", "modern"));
        for (var r : rows) {
            boolean hasRule = rules.modern(r.get(d.CATEGORY)).isPresent();
            t.add(r.get(UNIT.CODE), new Text(r.get(UNIT.NAME), Optional.ofNullable(r.get(UNIT.NAME_EN)).orElse(r.get(UNIT.NAME))),
                    Text.of("category." + r.get(d.CATEGORY)), r.get(d.SERIAL), r.get(d.ASSET_TAG), r.get(d.MANUFACTURER),
                    r.get(d.MODEL), r.get(PERSON.CODE), r.get(PERSON.FULL_NAME), r.get(PERSON.TITLE),
                    Text.of("status." + r.get(d.STATUS)), r.get(d.ACQUIRED_ON) == null ? null : r.get(d.ACQUIRED_ON).toString(),
                    r.get(INVESTMENT_LINE.DECISION_NO), r.get(INVESTMENT_LINE.CODE),
                    hasRule ? Text.of(Boolean.TRUE.equals(r.get(modern)) ? "yes" : "no") : null);
        }
        return new Report("allocation", root.code(), Instant.now(service.clock()).toString(), List.of(), List.of(t));
    }

    /**
     * The monthly report: each KPI now against a month ago (from the snapshots), devices received and retired,
     * certificates issued and revoked (once the register exists), links down.
     */
    public Report monthly(DSLContext dsl, Scope scope, String unitCode) {
        LocalDate day = service.today();
        LocalDate from = day.minusMonths(1);
        UnitRef root = service.unit(dsl, scope, unitCode);
        List<UnitRef> units = service.units(dsl, root);
        List<KpiDefinition> kpis = service.targets().definitions(dsl);
        KpiCalculator.Values values = service.calculator().compute(dsl, kpis, service.targets().rules(dsl), day, root.path());
        Map<String, Map<Long, CoverageService.Past>> before = service.past(dsl, day, null, (int) java.time.temporal.ChronoUnit.DAYS.between(from, day));
        ReportTable cov = new ReportTable("monthly_coverage", List.of("unit_code", "unit_name", "kpi_code", "kpi_title",
                "threshold", "deadline", "snapshot_day", "pct_before", "num", "den", "pct", "change_pp", "status"));
        for (UnitRef u : units) {
            for (KpiDefinition k : kpis) {
                KpiCalculator.Value v = values.get(k.code(), u.id());
                if (v.rollup().den() == 0) {
                    continue;
                }
                CoverageService.Past p = before.getOrDefault(k.code(), Map.of()).get(u.id());
                var then = p == null ? null : p.rollup().pct();
                var now = v.rollup().pct();
                Double trend = CoverageService.trendPerDay(p, v.rollup(), true, day);
                cov.add(u.code(), unitName(u), k.code(), new Text(k.titleVi(), k.titleEn()), k.threshold(),
                        k.deadline() == null ? null : k.deadline().toString(), p == null ? null : p.day().toString(), then,
                        v.rollup().num(), v.rollup().den(), now, then == null || now == null ? null : now.subtract(then),
                        Text.of("kpi_status." + KpiStatus.of(k, v.rollup(), trend, day)));
            }
        }
        Instant start = from.atStartOfDay(CoverageService.ZONE).toInstant();
        ReportTable received = deviceEvents(dsl, root, start, List.of("received"), "devices_received");
        ReportTable retired = deviceEvents(dsl, root, start, List.of("retired", "disposed"), "devices_retired");
        ReportTable certs = new ReportTable("certificates", List.of("note"));
        certs.add(Text.of(service.calculator().sources().certificates().noteKey() == null ? "note.cert_none"
                : service.calculator().sources().certificates().noteKey()));
        ReportTable links = new ReportTable("links_down", List.of("unit_code", "unit_name", "link_code", "link_kind",
                "provider", "circuit_id", "link_status"));
        dsl.select(UNIT.CODE, UNIT.NAME, UNIT.NAME_EN, LINK.CODE, LINK.KIND, LINK.PROVIDER, LINK.CIRCUIT_ID, LINK.STATUS)
                .from(LINK).join(UNIT).on(UNIT.ID.eq(LINK.UNIT_ID)).where(UNIT.PATH.startsWith(root.path()))
                .and(LINK.STATUS.in("suspended", "terminated")).orderBy(UNIT.PATH, LINK.CODE)
                .forEach(r -> links.add(r.get(UNIT.CODE), new Text(r.get(UNIT.NAME), Optional.ofNullable(r.get(UNIT.NAME_EN)).orElse(r.get(UNIT.NAME))),
                        r.get(LINK.CODE), Text.of("link_kind." + r.get(LINK.KIND)), r.get(LINK.PROVIDER), r.get(LINK.CIRCUIT_ID),
                        Text.of("link_status." + r.get(LINK.STATUS))));
        List<Text> notes = new ArrayList<>(notes(kpis));
        notes.add(0, Text.of("note.monthly_window", from.toString(), day.toString()));
        return new Report(MONTHLY, root.code(), Instant.now(service.clock()).toString(), notes,
                List.of(cov, received, retired, certs, links));
    }

    private static ReportTable deviceEvents(DSLContext dsl, UnitRef root, Instant since, List<String> statuses, String sheet) {
        ReportTable t = new ReportTable(sheet, List.of("at", "unit_code", "unit_name", "category", "serial", "model", "status"));
        dsl.select(DEVICE_EVENT.AT, UNIT.CODE, UNIT.NAME, UNIT.NAME_EN, DEVICE.CATEGORY, DEVICE.SERIAL, DEVICE.MODEL, DEVICE_EVENT.TO_STATUS)
                .from(DEVICE_EVENT).join(DEVICE).on(DEVICE.ID.eq(DEVICE_EVENT.DEVICE_ID)).join(UNIT).on(UNIT.ID.eq(DEVICE.UNIT_ID))
                .where(UNIT.PATH.startsWith(root.path())).and(DEVICE_EVENT.TO_STATUS.in(statuses)).and(DEVICE_EVENT.AT.ge(since))
                .orderBy(DEVICE_EVENT.AT, DEVICE.SERIAL)
                .forEach(r -> t.add(r.get(DEVICE_EVENT.AT).atZone(CoverageService.ZONE).toLocalDate().toString(), r.get(UNIT.CODE),
                        new Text(r.get(UNIT.NAME), Optional.ofNullable(r.get(UNIT.NAME_EN)).orElse(r.get(UNIT.NAME))),
                        Text.of("category." + r.get(DEVICE.CATEGORY)), r.get(DEVICE.SERIAL), r.get(DEVICE.MODEL),
                        Text.of("status." + r.get(DEVICE_EVENT.TO_STATUS))));
        return t;
    }

    /** Generates this month's monthly report for the whole tree and keeps it (replacing one of the same period). */
    public Report keepMonthly(DSLContext dsl, Scope scope) {
        Report r = monthly(dsl, scope, null);
        String period = YearMonth.from(service.today()).toString();
        JSONB content = JSONB.valueOf(r.toJson().encode());
        dsl.insertInto(COVERAGE_REPORT).set(COVERAGE_REPORT.NAME, MONTHLY).set(COVERAGE_REPORT.PERIOD, period)
                .set(COVERAGE_REPORT.CONTENT, content).set(COVERAGE_REPORT.GENERATED_AT, Instant.now(service.clock()))
                .onConflictOnConstraint(DSL.constraint("coverage_report_period_key")).doUpdate()
                .set(COVERAGE_REPORT.CONTENT, content).set(COVERAGE_REPORT.GENERATED_AT, Instant.now(service.clock())).execute();
        return r;
    }

    public Optional<Report> kept(DSLContext dsl, String name, String period) {
        return dsl.select(COVERAGE_REPORT.CONTENT).from(COVERAGE_REPORT).where(COVERAGE_REPORT.NAME.eq(name))
                .and(COVERAGE_REPORT.PERIOD.eq(period)).fetchOptional(r -> Report.fromJson(new JsonObject(r.value1().data())));
    }

    public boolean hasKept(DSLContext dsl, String name, String period) {
        return dsl.fetchExists(COVERAGE_REPORT, COVERAGE_REPORT.NAME.eq(name).and(COVERAGE_REPORT.PERIOD.eq(period)));
    }

    public JsonArray keptList(DSLContext dsl) {
        JsonArray out = new JsonArray();
        dsl.select(COVERAGE_REPORT.NAME, COVERAGE_REPORT.PERIOD, COVERAGE_REPORT.GENERATED_AT).from(COVERAGE_REPORT)
                .orderBy(COVERAGE_REPORT.PERIOD.desc(), COVERAGE_REPORT.NAME)
                .forEach(r -> out.add(new JsonObject().put("name", r.value1()).put("period", r.value2())
                        .put("generated_at", r.value3().toString())));
        return out;
    }

}
