package vn.hatang.coverage;

import static vn.hatang.db.Tables.COVERAGE_REPORT;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.DEVICE_EVENT;
import static vn.hatang.db.Tables.INVESTMENT_LINE;
import static vn.hatang.db.Tables.LINK;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.UNIT;
import static org.jooq.impl.DSL.count;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import vn.hatang.devices.DeviceCategory;
import vn.hatang.inventory.InventoryImporter;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.report.DocumentOptions;
import vn.hatang.platform.report.Heading;
import vn.hatang.platform.report.Letterhead;
import vn.hatang.platform.report.Report;
import vn.hatang.platform.report.ReportTable;
import vn.hatang.platform.report.ReportTable.Kind;
import vn.hatang.platform.report.Text;
import vn.hatang.security.Scope;
import vn.hatang.units.UnitKind;

/**
 * The reports as data (R10): coverage, procurement shortfall, device allocation list, monthly report, and the gap
 * list of a KPI. Each is a document with the office's title block, an STT column, units in tree order and dates as
 * dates; rendering to CSV/XLSX is {@link vn.hatang.platform.report.ReportWriter}'s job.
 */
public final class CoverageReports {
    public static final List<String> NAMES = List.of("coverage", "shortfall", "allocation", "monthly");
    static final String MONTHLY = "monthly";

    private final CoverageService service;
    private final DocumentOptions options;

    public CoverageReports(CoverageService service, DocumentOptions options) {
        this.service = service;
        this.options = options;
    }

    public Report build(DSLContext dsl, Scope scope, String name, String unitCode) {
        return build(dsl, scope, name, unitCode, false);
    }

    /** {@code all}: the shortfall lists every unit and category with something to count, not only those to buy. */
    public Report build(DSLContext dsl, Scope scope, String name, String unitCode, boolean all) {
        return switch (name) {
            case "coverage" -> coverage(dsl, scope, unitCode);
            case "shortfall" -> shortfall(dsl, scope, unitCode, all);
            case "allocation" -> allocation(dsl, scope, unitCode);
            case MONTHLY -> monthly(dsl, scope, unitCode);
            default -> throw ApiException.invalid("name", "kpi.bad_report", name);
        };
    }

    private List<Text> notes(List<KpiDefinition> kpis) {
        List<Text> notes = new ArrayList<>();
        CoverageSources s = service.calculator().sources();
        if (kpis.stream().anyMatch(k -> KpiKind.PERSON_CERTIFICATE.equals(k.kind())) && s.certificates().noteKey() != null) {
            notes.add(CoverageText.text(s.certificates().noteKey()));
        }
        if (kpis.stream().anyMatch(k -> KpiKind.UNIT_LINK.equals(k.kind())) && s.links().noteKey() != null) {
            notes.add(CoverageText.text(s.links().noteKey()));
        }
        return notes;
    }

    private static Text unitName(UnitRef u) {
        return Text.name(u.name(), u.nameEn());
    }

    private static Text title(KpiDefinition k) {
        return Text.name(k.titleVi(), k.titleEn());
    }

    private static String percent(BigDecimal threshold) {
        return threshold.stripTrailingZeros().toPlainString();
    }

    /**
     * The title block: issued by the office, dated today, titled {@code report.<name>.title} / {@code .subtitle}, with
     * the plans and targets of {@code kpis} as its legal basis.
     */
    private Heading heading(DSLContext dsl, String name, UnitRef root, List<KpiDefinition> kpis, Object... subtitleArgs) {
        Object[] args = new Object[subtitleArgs.length + 1];
        Object[] argsEn = new Object[subtitleArgs.length + 1];
        args[0] = root.name();
        argsEn[0] = unitName(root).en();
        for (int i = 0; i < subtitleArgs.length; i++) {
            args[i + 1] = subtitleArgs[i] instanceof Text t ? t.vi() : subtitleArgs[i];
            argsEn[i + 1] = subtitleArgs[i] instanceof Text t ? t.en() : subtitleArgs[i];
        }
        Text subtitle = new Text(CoverageText.get(CoverageText.VI, "report." + name + ".subtitle", args),
                CoverageText.get(CoverageText.EN, "report." + name + ".subtitle", argsEn));
        return Letterhead.load(dsl, options).heading("BC", null, service.today(), CoverageText.text("report.title"), subtitle,
                kpis.stream().map(CoverageReports::basis).toList(), Letterhead.reportSignatures());
    }

    /** "Căn cứ <the plan>: chỉ tiêu “<title>” đạt 40% trước ngày 30/09/2026." */
    static Text basis(KpiDefinition k) {
        String plan = k.seed() == null || k.seed().isBlank() ? CoverageText.get(CoverageText.VI, "report.basis_plan") : k.seed();
        String planEn = k.seed() == null || k.seed().isBlank() ? CoverageText.get(CoverageText.EN, "report.basis_plan") : k.seed();
        if (k.deadline() == null) {
            return new Text(CoverageText.get(CoverageText.VI, "report.basis_no_deadline", plan, k.titleVi(), percent(k.threshold())),
                    CoverageText.get(CoverageText.EN, "report.basis_no_deadline", planEn, title(k).en(), percent(k.threshold())));
        }
        return new Text(CoverageText.get(CoverageText.VI, "report.basis", plan, k.titleVi(), percent(k.threshold()),
                Letterhead.formatDate(k.deadline(), CoverageText.VI)),
                CoverageText.get(CoverageText.EN, "report.basis", planEn, title(k).en(), percent(k.threshold()),
                        k.deadline().toString()));
    }

    /** Parents before children; siblings by kind (offices before party committees before communes), then code. */
    static List<UnitRef> treeOrder(List<UnitRef> units) {
        Map<Long, List<UnitRef>> children = new HashMap<>();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        units.forEach(u -> ids.add(u.id()));
        List<UnitRef> roots = new ArrayList<>();
        for (UnitRef u : units) {
            if (u.parentId() != null && ids.contains(u.parentId())) {
                children.computeIfAbsent(u.parentId(), x -> new ArrayList<>()).add(u);
            } else {
                roots.add(u);
            }
        }
        Comparator<UnitRef> siblings = Comparator.<UnitRef>comparingInt(u -> Math.max(0, UnitKind.ALL.indexOf(u.kind())))
                .thenComparing(UnitRef::code);
        List<UnitRef> out = new ArrayList<>();
        java.util.ArrayDeque<UnitRef> stack = new java.util.ArrayDeque<>();
        roots.stream().sorted(siblings.reversed()).forEach(stack::push);
        while (!stack.isEmpty()) {
            UnitRef u = stack.pop();
            out.add(u);
            children.getOrDefault(u.id(), List.of()).stream().sorted(siblings.reversed()).forEach(stack::push);
        }
        return out;
    }

    private List<UnitRef> tree(DSLContext dsl, UnitRef root) {
        return treeOrder(service.units(dsl, root));
    }

    private static Map<String, Integer> positions(List<UnitRef> units) {
        Map<String, Integer> out = new HashMap<>();
        units.forEach(u -> out.put(u.code(), out.size()));
        return out;
    }

    /** Every KPI × unit under the unit, own and rolled up, with target, deadline, shortfall and status. */
    public Report coverage(DSLContext dsl, Scope scope, String unitCode) {
        LocalDate day = service.today();
        UnitRef root = service.unit(dsl, scope, unitCode);
        List<UnitRef> units = tree(dsl, root);
        List<KpiDefinition> kpis = service.targets().definitions(dsl);
        KpiCalculator.Values values = service.calculator().compute(dsl, kpis, service.targets().rules(dsl), day, root.path());
        Map<String, Map<Long, CoverageService.Past>> past = service.past(dsl, day, null, 28);
        Map<Long, String> codes = new HashMap<>();
        units.forEach(u -> codes.put(u.id(), u.code()));
        ReportTable t = CoverageText.table("coverage", "stt", "unit_code", "unit_name", "unit_kind", "parent_code", "level",
                "kpi_code", "kpi_title", "threshold", "deadline", "own_num", "own_den", "own_pct", "num", "den", "pct",
                "missing", "status");
        for (UnitRef u : units) {
            for (KpiDefinition k : kpis) {
                KpiCalculator.Value v = values.get(k.code(), u.id());
                if (v.rollup().den() == 0) {
                    continue; // nothing to count here: a row would only be noise
                }
                Double trend = CoverageService.trendPerDay(past.getOrDefault(k.code(), Map.of()).get(u.id()), v.rollup(), true, day);
                String status = KpiStatus.of(k, v.rollup(), trend, day);
                t.add(t.rows().size() + 1, u.code(), unitName(u), CoverageText.text("unit_kind." + u.kind()), codes.get(u.parentId()),
                        u.depth() - root.depth(), k.code(), title(k), k.threshold(), k.deadline(),
                        v.own().num(), v.own().den(), v.own().pct(), v.rollup().num(), v.rollup().den(), v.rollup().pct(),
                        v.rollup().missingFor(k.threshold()), CoverageText.text("kpi_status." + status));
            }
        }
        return new Report("coverage", root.code(), Instant.now(service.clock()).toString(), heading(dsl, "coverage", root, kpis),
                notes(kpis), List.of(t));
    }

    /**
     * Đề nghị mua sắm — per unit (tree order) × category: approved, delivered, in service, awaiting, what each target
     * still needs by its deadline, and what to request; a subtotal per unit, a grand total per category, and a sheet
     * saying how each figure is computed. Only rows that propose a purchase unless {@code all}.
     */
    public Report shortfall(DSLContext dsl, Scope scope, String unitCode, boolean all) {
        LocalDate day = service.today();
        UnitRef root = service.unit(dsl, scope, unitCode);
        List<UnitRef> units = tree(dsl, root);
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
                                BigDecimal.valueOf(100))));
                    }
                    for (String c : e.requiredInService()) {
                        needs.add(new Need(k, c, probe(k, "_P" + n++, KpiKind.UNIT_DEVICE, k.unitKinds(),
                                new JsonObject().put("categories", new JsonArray().add(c)), BigDecimal.valueOf(100))));
                    }
                }
                default -> {
                    // certificates, links, information systems are not bought by device category
                }
            }
        }
        KpiCalculator.Values values = service.calculator().compute(dsl, needs.stream().map(Need::probe).distinct().toList(),
                rules, day, root.path());
        Map<Long, Map<String, int[]>> stock = stock(dsl, root.path());
        List<KpiDefinition> kpiColumns = needs.stream().map(Need::kpi).distinct().toList();
        List<Text> columns = new ArrayList<>(List.of("stt", "unit_code", "unit_name", "category", "approved", "delivered",
                "in_service", "awaiting").stream().map(c -> CoverageText.text("col." + c)).toList());
        kpiColumns.forEach(k -> columns.add(needed(k)));
        columns.add(CoverageText.text("col.to_request"));
        ReportTable t = new ReportTable(CoverageText.text("sheet.shortfall"), columns);
        int figures = 4 + kpiColumns.size() + 1;
        Map<String, int[]> byCategory = new java.util.LinkedHashMap<>();
        int stt = 0;
        for (UnitRef u : units) {
            int[] unitSum = new int[figures];
            int rowsOfUnit = 0;
            for (String category : DeviceCategory.ALL) {
                int[] s = stock.getOrDefault(u.id(), Map.of()).getOrDefault(category, new int[4]);
                int[] f = new int[figures];
                f[0] = s[0];
                f[1] = s[1];
                f[2] = s[2];
                f[3] = Math.max(0, s[0] - s[1]) + s[3];
                int maxNeed = 0;
                for (int i = 0; i < kpiColumns.size(); i++) {
                    int need = 0;
                    for (Need nd : needs) {
                        if (nd.kpi() == kpiColumns.get(i) && nd.category().equals(category)) {
                            need += values.get(nd.probe().code(), u.id()).own().missingFor(nd.probe().threshold());
                        }
                    }
                    f[4 + i] = need;
                    maxNeed = Math.max(maxNeed, need);
                }
                f[figures - 1] = Math.max(0, maxNeed - f[3]);
                boolean counted = s[0] + s[1] + s[2] + s[3] + maxNeed > 0;
                if (all ? !counted : f[figures - 1] == 0) {
                    continue;
                }
                List<Object> row = new ArrayList<>(List.of(++stt, u.code(), unitName(u), CoverageText.text("category." + category)));
                for (int x : f) {
                    row.add(x);
                }
                t.add(row.toArray());
                add(unitSum, f);
                add(byCategory.computeIfAbsent(category, c -> new int[figures]), f);
                rowsOfUnit++;
            }
            if (rowsOfUnit > 0) {
                List<Object> row = new ArrayList<>(java.util.Arrays.asList(null, u.code(),
                        new Text(CoverageText.get(CoverageText.VI, "row.subtotal", u.name()),
                                CoverageText.get(CoverageText.EN, "row.subtotal", unitName(u).en())), null));
                for (int x : unitSum) {
                    row.add(x);
                }
                t.row(Kind.SUBTOTAL, row.toArray());
            }
        }
        int[] grand = new int[figures];
        for (String category : DeviceCategory.ALL) {
            int[] f = byCategory.get(category);
            if (f == null) {
                continue;
            }
            List<Object> row = new ArrayList<>(java.util.Arrays.asList(null, null, CoverageText.text("row.total_category"),
                    CoverageText.text("category." + category)));
            for (int x : f) {
                row.add(x);
            }
            t.row(Kind.TOTAL, row.toArray());
            add(grand, f);
        }
        List<Object> last = new ArrayList<>(java.util.Arrays.asList(null, null, CoverageText.text("row.total_all"), null));
        for (int x : grand) {
            last.add(x);
        }
        t.row(Kind.TOTAL, last.toArray());
        return new Report("shortfall", root.code(), Instant.now(service.clock()).toString(),
                heading(dsl, "shortfall", root, kpiColumns), List.of(), List.of(t, explanation(kpiColumns)));
    }

    private static void add(int[] sum, int[] f) {
        for (int i = 0; i < f.length; i++) {
            sum[i] += f[i];
        }
    }

    /** "Cần thêm: Cán bộ có máy tính hiện đại (100 %, hạn 30/06/2026)". */
    private static Text needed(KpiDefinition k) {
        if (k.deadline() == null) {
            return new Text(CoverageText.get(CoverageText.VI, "col.needed_no_deadline", k.titleVi(), percent(k.threshold())),
                    CoverageText.get(CoverageText.EN, "col.needed_no_deadline", title(k).en(), percent(k.threshold())));
        }
        return new Text(CoverageText.get(CoverageText.VI, "col.needed_title", k.titleVi(), percent(k.threshold()),
                Letterhead.formatDate(k.deadline(), CoverageText.VI)),
                CoverageText.get(CoverageText.EN, "col.needed_title", title(k).en(), percent(k.threshold()), k.deadline().toString()));
    }

    /** The sheet that says how each figure of the shortfall is computed. */
    private static ReportTable explanation(List<KpiDefinition> kpis) {
        ReportTable t = CoverageText.table("explain", "figure", "formula");
        for (String c : List.of("approved", "delivered", "in_service", "awaiting")) {
            t.add(CoverageText.text("col." + c), CoverageText.text("explain." + c));
        }
        for (KpiDefinition k : kpis) {
            t.add(needed(k), new Text(CoverageText.get(CoverageText.VI, "explain.needed." + k.kind(), percent(k.threshold())),
                    CoverageText.get(CoverageText.EN, "explain.needed." + k.kind(), percent(k.threshold()))));
        }
        t.add(CoverageText.text("col.to_request"), CoverageText.text("explain.to_request"));
        t.add(CoverageText.text("row.subtotal_label"), CoverageText.text("explain.totals"));
        return t;
    }

    private static KpiDefinition probe(KpiDefinition k, String code, String kind, List<String> unitKinds, JsonObject params,
            BigDecimal threshold) {
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
        Map<String, Integer> order = positions(tree(dsl, root));
        CoverageRules rules = service.targets().rules(dsl);
        KpiSql sql = new KpiSql(dsl, rules, service.calculator().sources(), day, true);
        var d = DEVICE.as("d");
        List<String> modernCategories = rules.modernDevice().stream().map(ModernRule::category).toList();
        var modern = DSL.field(sql.modern(d, modernCategories.isEmpty() ? List.of("pc") : modernCategories));
        var rows = new ArrayList<>(dsl.select(UNIT.CODE, UNIT.NAME, UNIT.NAME_EN, d.CATEGORY, d.SERIAL, d.ASSET_TAG, d.MANUFACTURER,
                        d.MODEL, PERSON.CODE, PERSON.FULL_NAME, PERSON.TITLE, d.STATUS, d.ACQUIRED_ON, INVESTMENT_LINE.DECISION_NO,
                        INVESTMENT_LINE.CODE, modern)
                .from(d).join(UNIT).on(UNIT.ID.eq(d.UNIT_ID)).leftJoin(PERSON).on(PERSON.ID.eq(d.PERSON_ID))
                .leftJoin(INVESTMENT_LINE).on(INVESTMENT_LINE.ID.eq(d.INVESTMENT_LINE_ID))
                .where(UNIT.PATH.startsWith(root.path())).and(d.STATUS.ne("disposed"))
                .orderBy(d.CATEGORY, PERSON.CODE.nullsLast(), d.SERIAL).fetch());
        rows.sort(Comparator.comparingInt(r -> order.getOrDefault(r.get(UNIT.CODE), Integer.MAX_VALUE))); // stable: keeps the SQL order within a unit
        ReportTable t = CoverageText.table("allocation", "stt", "unit_code", "unit_name", "category", "serial", "asset_tag",
                "manufacturer", "model", "holder_code", "holder_name", "holder_title", "status", "acquired_on",
                "decision_no", "investment_line", "modern");
        for (var r : rows) {
            boolean hasRule = rules.modern(r.get(d.CATEGORY)).isPresent();
            t.add(t.rows().size() + 1, r.get(UNIT.CODE), Text.name(r.get(UNIT.NAME), r.get(UNIT.NAME_EN)),
                    CoverageText.text("category." + r.get(d.CATEGORY)), r.get(d.SERIAL), r.get(d.ASSET_TAG), r.get(d.MANUFACTURER),
                    r.get(d.MODEL), r.get(PERSON.CODE), r.get(PERSON.FULL_NAME), r.get(PERSON.TITLE),
                    CoverageText.text("status." + r.get(d.STATUS)), r.get(d.ACQUIRED_ON),
                    r.get(INVESTMENT_LINE.DECISION_NO), r.get(INVESTMENT_LINE.CODE),
                    hasRule ? CoverageText.text(Boolean.TRUE.equals(r.get(modern)) ? "yes" : "no") : null);
        }
        return new Report("allocation", root.code(), Instant.now(service.clock()).toString(),
                heading(dsl, "allocation", root, List.of()), List.of(), List.of(t));
    }

    /**
     * The monthly report: each KPI now against a month ago (from the snapshots), devices received in the period (on
     * the day they were acquired or received, not the day they were imported) and retired, the certificate events
     * of the period, links down.
     */
    public Report monthly(DSLContext dsl, Scope scope, String unitCode) {
        LocalDate day = service.today();
        LocalDate from = day.minusMonths(1);
        UnitRef root = service.unit(dsl, scope, unitCode);
        List<UnitRef> units = tree(dsl, root);
        List<KpiDefinition> kpis = service.targets().definitions(dsl);
        KpiCalculator.Values values = service.calculator().compute(dsl, kpis, service.targets().rules(dsl), day, root.path());
        Map<String, Map<Long, CoverageService.Past>> before = service.past(dsl, day, null, (int) java.time.temporal.ChronoUnit.DAYS.between(from, day));
        ReportTable cov = CoverageText.table("monthly_coverage", "stt", "unit_code", "unit_name", "kpi_code", "kpi_title",
                "threshold", "deadline", "snapshot_day", "pct_before", "num", "den", "pct", "change_pp", "status");
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
                cov.add(cov.rows().size() + 1, u.code(), unitName(u), k.code(), title(k), k.threshold(), k.deadline(),
                        p == null ? null : p.day(), then, v.rollup().num(), v.rollup().den(), now,
                        then == null || now == null ? null : now.subtract(then),
                        CoverageText.text("kpi_status." + KpiStatus.of(k, v.rollup(), trend, day)));
            }
        }
        Map<String, Integer> order = positions(units);
        ReportTable received = received(dsl, root, from, day, order);
        ReportTable retired = retired(dsl, root, from.atStartOfDay(CoverageService.ZONE).toInstant(), order);
        ReportTable certs = CoverageText.table("certificates", "stt", "at", "event", "unit_code", "unit_name", "holder_name",
                "cert_serial", "subject");
        for (CertificateVerdicts.Event e : service.calculator().sources().certificates().events(dsl, root.path(), from, day)) {
            certs.add(certs.rows().size() + 1, e.day(), CoverageText.text("cert_event." + e.kind()), e.unitCode(),
                    Text.name(e.unitName(), e.unitNameEn()), e.holder(), e.serial(), e.subject());
        }
        ReportTable links = CoverageText.table("links_down", "stt", "unit_code", "unit_name", "link_code", "link_kind",
                "provider", "circuit_id", "link_status");
        dsl.select(UNIT.CODE, UNIT.NAME, UNIT.NAME_EN, LINK.CODE, LINK.KIND, LINK.PROVIDER, LINK.CIRCUIT_ID, LINK.STATUS)
                .from(LINK).join(UNIT).on(UNIT.ID.eq(LINK.UNIT_ID)).where(UNIT.PATH.startsWith(root.path()))
                .and(LINK.STATUS.in("suspended", "terminated")).orderBy(UNIT.PATH, LINK.CODE).fetch().stream()
                .sorted(Comparator.comparingInt(r -> order.getOrDefault(r.get(UNIT.CODE), Integer.MAX_VALUE)))
                .forEach(r -> links.add(links.rows().size() + 1, r.get(UNIT.CODE), Text.name(r.get(UNIT.NAME), r.get(UNIT.NAME_EN)),
                        r.get(LINK.CODE), CoverageText.text("link_kind." + r.get(LINK.KIND)), r.get(LINK.PROVIDER), r.get(LINK.CIRCUIT_ID),
                        CoverageText.text("link_status." + r.get(LINK.STATUS))));
        List<Text> notes = new ArrayList<>(notes(kpis));
        notes.add(0, new Text(CoverageText.get(CoverageText.VI, "note.monthly_window", Letterhead.formatDate(from, CoverageText.VI),
                Letterhead.formatDate(day, CoverageText.VI)), CoverageText.get(CoverageText.EN, "note.monthly_window", from.toString(),
                day.toString())));
        return new Report(MONTHLY, root.code(), Instant.now(service.clock()).toString(),
                heading(dsl, MONTHLY, root, kpis, new Text(Letterhead.formatDate(from, CoverageText.VI), from.toString()),
                        new Text(Letterhead.formatDate(day, CoverageText.VI), day.toString())),
                notes, List.of(cov, received, retired, certs, links));
    }

    /**
     * Devices received in the period: on the day the inventory says they were acquired ({@code acquired_on}), or else
     * the day their reception was recorded through the API. An import of old devices is not a delivery.
     */
    private static ReportTable received(DSLContext dsl, UnitRef root, LocalDate from, LocalDate to, Map<String, Integer> order) {
        var receivedAt = DSL.field(DSL.select(DSL.min(DEVICE_EVENT.AT)).from(DEVICE_EVENT)
                .where(DEVICE_EVENT.DEVICE_ID.eq(DEVICE.ID)).and(DEVICE_EVENT.TO_STATUS.eq("received"))
                .and(DEVICE_EVENT.NOTE.isDistinctFrom(InventoryImporter.EVENT_NOTE)));
        ReportTable t = CoverageText.table("devices_received", "stt", "at", "unit_code", "unit_name", "category", "serial",
                "asset_tag", "model", "status");
        record R(LocalDate day, String unit, String unitName, String unitNameEn, String category, String serial, String tag,
                String model, String status) {
        }
        List<R> rows = new ArrayList<>();
        for (var r : dsl.select(DEVICE.ACQUIRED_ON, receivedAt, UNIT.CODE, UNIT.NAME, UNIT.NAME_EN, DEVICE.CATEGORY, DEVICE.SERIAL,
                        DEVICE.ASSET_TAG, DEVICE.MODEL, DEVICE.STATUS)
                .from(DEVICE).join(UNIT).on(UNIT.ID.eq(DEVICE.UNIT_ID))
                .where(UNIT.PATH.startsWith(root.path())).and(DEVICE.STATUS.ne("ordered")).fetch()) {
            LocalDate when = r.get(DEVICE.ACQUIRED_ON) != null ? r.get(DEVICE.ACQUIRED_ON)
                    : r.get(receivedAt) == null ? null : r.get(receivedAt).atZone(CoverageService.ZONE).toLocalDate();
            if (when != null && !when.isBefore(from) && !when.isAfter(to)) {
                rows.add(new R(when, r.get(UNIT.CODE), r.get(UNIT.NAME), r.get(UNIT.NAME_EN), r.get(DEVICE.CATEGORY),
                        r.get(DEVICE.SERIAL), r.get(DEVICE.ASSET_TAG), r.get(DEVICE.MODEL), r.get(DEVICE.STATUS)));
            }
        }
        rows.sort(Comparator.comparing(R::day).thenComparingInt(x -> order.getOrDefault(x.unit(), Integer.MAX_VALUE))
                .thenComparing(R::serial));
        rows.forEach(x -> t.add(t.rows().size() + 1, x.day(), x.unit(), Text.name(x.unitName(), x.unitNameEn()),
                CoverageText.text("category." + x.category()), x.serial(), x.tag(), x.model(), CoverageText.text("status." + x.status())));
        return t;
    }

    private static ReportTable retired(DSLContext dsl, UnitRef root, Instant since, Map<String, Integer> order) {
        ReportTable t = CoverageText.table("devices_retired", "stt", "at", "unit_code", "unit_name", "category", "serial",
                "model", "status");
        dsl.select(DEVICE_EVENT.AT, UNIT.CODE, UNIT.NAME, UNIT.NAME_EN, DEVICE.CATEGORY, DEVICE.SERIAL, DEVICE.MODEL, DEVICE_EVENT.TO_STATUS)
                .from(DEVICE_EVENT).join(DEVICE).on(DEVICE.ID.eq(DEVICE_EVENT.DEVICE_ID)).join(UNIT).on(UNIT.ID.eq(DEVICE.UNIT_ID))
                .where(UNIT.PATH.startsWith(root.path())).and(DEVICE_EVENT.TO_STATUS.in("retired", "disposed")).and(DEVICE_EVENT.AT.ge(since))
                .and(DEVICE_EVENT.NOTE.isDistinctFrom(InventoryImporter.EVENT_NOTE)) // an import records old retirements on the day it runs
                .orderBy(DEVICE_EVENT.AT, DEVICE.SERIAL)
                .forEach(r -> t.add(t.rows().size() + 1, r.get(DEVICE_EVENT.AT).atZone(CoverageService.ZONE).toLocalDate(), r.get(UNIT.CODE),
                        Text.name(r.get(UNIT.NAME), r.get(UNIT.NAME_EN)), CoverageText.text("category." + r.get(DEVICE.CATEGORY)),
                        r.get(DEVICE.SERIAL), r.get(DEVICE.MODEL), CoverageText.text("status." + r.get(DEVICE_EVENT.TO_STATUS))));
        return t;
    }

    /** The gap list of a KPI as a document: who or what is missing, where, and why. */
    public Report gaps(DSLContext dsl, Scope scope, String code, String unitCode, boolean alone) {
        KpiDefinition k = service.targets().require(dsl, code);
        UnitRef root = service.unit(dsl, scope, unitCode);
        Map<String, Integer> order = positions(tree(dsl, root));
        List<Gap> gaps = new ArrayList<>(service.gapList(dsl, k, root, alone));
        gaps.sort(Comparator.comparingInt(g -> order.getOrDefault(g.unitCode(), Integer.MAX_VALUE)));
        ReportTable t = CoverageText.table("gaps", "stt", "unit_code", "unit_name", "subject", "code", "name", "reason");
        for (Gap g : gaps) {
            t.add(t.rows().size() + 1, g.unitCode(), Text.same(g.unitName()), CoverageText.text("subject." + g.subject()), g.code(),
                    g.name(), new Text(g.reasonsVi(), g.reasonsEn()));
        }
        return new Report("gaps-" + k.code(), root.code(), Instant.now(service.clock()).toString(),
                heading(dsl, "gaps", root, List.of(k), title(k)), notes(List.of(k)), List.of(t));
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
