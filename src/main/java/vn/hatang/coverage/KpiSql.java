package vn.hatang.coverage;

import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.INFORMATION_SYSTEM;
import static vn.hatang.db.Tables.INVESTMENT_LINE;
import static vn.hatang.db.Tables.LINK;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.SECURITY_CHECK;
import static vn.hatang.db.Tables.UNIT;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import vn.hatang.db.tables.Device;
import vn.hatang.db.tables.Person;
import vn.hatang.db.tables.Unit;

/**
 * The SQL of every KPI kind: for each unit in scope, its own numerator and denominator as one grouped query, so the
 * database does the counting. Rules (modern device, equipment) are turned into SQL conditions here.
 */
final class KpiSql {
    static final List<String> DELIVERED = List.of("received", "security_checked", "in_service", "in_repair");

    private final DSLContext dsl;
    private final java.util.Map<String, List<String>> knownOs = new java.util.HashMap<>();
    private final CoverageRules rules;
    private final CoverageSources sources;
    private final LocalDate day;
    private final boolean bulk;
    /** Whole-tree queries: "holders of a modern device of these categories", computed once per statement. */
    private final java.util.Map<List<String>, org.jooq.Name> modernHolders = new java.util.LinkedHashMap<>();
    private final List<org.jooq.QueryPart> cteDeclarations = new ArrayList<>();

    /**
     * {@code bulk}: the query covers the whole tree, so "has a matching row" is an uncorrelated {@code IN (…)} the
     * database hashes once; for a subtree it is a correlated {@code EXISTS} that follows the indexes of a few rows.
     */
    KpiSql(DSLContext dsl, CoverageRules rules, CoverageSources sources, LocalDate day, boolean bulk) {
        this.dsl = dsl;
        this.rules = rules;
        this.sources = sources;
        this.day = day;
        this.bulk = bulk;
    }

    /** People ({@code personId}) holding a modern, in-service device of one of {@code categories}. */
    Condition holdsModern(Field<Long> personId, List<String> categories) {
        if (!bulk) {
            Device d = DEVICE.as("hm");
            return exists(selectOne().from(d).where(d.PERSON_ID.eq(personId)).and(d.CATEGORY.in(categories))
                    .and(modern(d, categories)));
        }
        org.jooq.Name cte = modernHolders.computeIfAbsent(List.copyOf(categories), cats -> {
            Device d = DEVICE.as("mh");
            org.jooq.Name name = DSL.name("modern_holders_" + modernHolders.size());
            cteDeclarations.add(DSL.sql("{0} (person_id) as materialized ({1})", name,
                    DSL.selectDistinct(d.PERSON_ID).from(d).where(d.PERSON_ID.isNotNull()).and(d.CATEGORY.in(cats))
                            .and(modern(d, cats))));
            return name;
        });
        return personId.in(select(DSL.field(DSL.name(cte, DSL.name("person_id")), Long.class)).from(DSL.table(cte)));
    }

    /** Rows of the outer query whose {@code outerId} is referenced by a row of {@code from} (via {@code fk}) meeting {@code where}. */
    private Condition has(Field<Long> outerId, Field<Long> fk, org.jooq.TableLike<?> from, Condition where) {
        return bulk ? outerId.in(select(fk).from(from).where(where).and(fk.isNotNull()))
                : exists(selectOne().from(from).where(fk.eq(outerId)).and(where));
    }

    /**
     * The own counts of every KPI of {@code kpis} for each active unit under {@code units}, one row per unit: (unit
     * id, path, then each KPI's numerator and denominator, in list order). A unit outside a KPI's scope, or with
     * nothing to count, has 0 / 0 for it. One row per unit rather than one per KPI and unit: at national size a
     * sixth of the rows to carry, and a unit's counts arrive together.
     */
    org.jooq.ResultQuery<org.jooq.Record> ownCounts(List<KpiDefinition> kpis, Units units) {
        Unit u = UNIT.as("u");
        List<Field<?>> fields = new ArrayList<>(List.of(u.ID, u.PATH));
        org.jooq.Table<?> from = u;
        // The equipment rule's officials without a modern computer are counted in the pass over people.
        boolean lacking = kpis.stream().anyMatch(k -> KpiKind.UNIT_EQUIPMENT.equals(k.kind()))
                && !rules.equipment().staffCategories().isEmpty();
        org.jooq.Table<?> q = null;
        if (lacking || kpis.stream().anyMatch(KpiSql::countsPeople)) {
            q = people(kpis, units, lacking).asTable("q");
            from = from.leftJoin(q).on(q.field("unit_id", Long.class).eq(u.ID));
        }
        for (int i = 0; i < kpis.size(); i++) {
            KpiDefinition k = kpis.get(i);
            Field<Integer> num;
            Field<Integer> den = inline(1);
            switch (k.kind()) {
                case KpiKind.PERSON_DEVICE, KpiKind.PERSON_CERTIFICATE -> {
                    num = orZero(q.field("n" + i, Integer.class));
                    den = orZero(q.field("d" + i, Integer.class));
                }
                case KpiKind.UNIT_EQUIPMENT -> num = oneIf(lacking
                        ? orZero(q.field("lacking", Integer.class)).eq(inline(0)).and(requiredDevices(u)) : equipped(u));
                case KpiKind.UNIT_DEVICE -> {
                    Device d = DEVICE.as("d");
                    num = oneIf(has(u.ID, d.UNIT_ID, d, d.CATEGORY.in(k.strings("categories")).and(d.STATUS.eq(inline("in_service")))));
                }
                case KpiKind.UNIT_LINK -> {
                    var l = LINK.as("l");
                    num = oneIf(has(u.ID, l.UNIT_ID, l, l.KIND.in(k.strings("link_kinds")).and(sources.links().up(l))));
                }
                case KpiKind.INFORMATION_SYSTEM -> {
                    var is = INFORMATION_SYSTEM.as("i");
                    var t = select(is.OWNER_UNIT_ID.as("unit_id"), count().filterWhere(is.APPROVAL_STATE.eq(inline("approved"))).as("num"),
                            count().as("den")).from(is).where(inUnits(is.OWNER_UNIT_ID, units)).groupBy(is.OWNER_UNIT_ID).asTable("k" + i);
                    from = from.leftJoin(t).on(t.field("unit_id", Long.class).eq(u.ID));
                    num = orZero(t.field("num", Integer.class));
                    den = orZero(t.field("den", Integer.class));
                }
                case KpiKind.INVESTMENT_DELIVERY -> {
                    var t = deliveries(k, units).asTable("k" + i);
                    from = from.leftJoin(t).on(t.field("unit_id", Long.class).eq(u.ID));
                    num = orZero(t.field("num", Integer.class));
                    den = orZero(t.field("den", Integer.class));
                }
                default -> throw new IllegalArgumentException("unknown KPI kind " + k.kind());
            }
            Condition inScope = scopeBeyondActive(u, k, Units.ALL);
            for (Field<Integer> f : List.of(num, den)) {
                fields.add(inScope.equals(DSL.noCondition()) ? f : DSL.when(inScope, f).otherwise(inline(0)));
            }
        }
        var own = DSL.select(fields).from(from).where(u.STATUS.eq(inline("active"))).and(units.on(u));
        return cteDeclarations.isEmpty() ? dsl.resultQuery("{0}", own)
                : dsl.resultQuery("with {0} {1}", DSL.list(cteDeclarations.toArray(new org.jooq.QueryPart[0])), own);
    }

    /** A count from a left-joined table: 0 for a unit it has no row for. */
    private static Field<Integer> orZero(Field<Integer> count) {
        return DSL.coalesce(count, inline(0));
    }

    private static Field<Integer> oneIf(Condition c) {
        return DSL.when(c, inline(1)).otherwise(inline(0));
    }

    /** {@code unitId} is one of {@code units} (no condition for every unit). */
    private static Condition inUnits(Field<Long> unitId, Units units) {
        Unit su = UNIT.as("su");
        return units.all() ? DSL.noCondition() : unitId.in(select(su.ID).from(su).where(units.on(su)));
    }

    /**
     * Per unit (unit_id, num, den) of an investment-delivery KPI: per line, delivered devices count up to the approved
     * quantity (never above 100 %). For the whole tree one pass over devices grouped by line, for a subtree an index
     * lookup per line.
     */
    private Select<?> deliveries(KpiDefinition k, Units units) {
        var il = INVESTMENT_LINE.as("il");
        Device d = DEVICE.as("d");
        Field<Integer> delivered;
        org.jooq.Table<?> lines = il;
        if (bulk) {
            var dv = select(d.INVESTMENT_LINE_ID, count().as("n")).from(d).where(d.STATUS.in(DELIVERED))
                    .and(d.INVESTMENT_LINE_ID.isNotNull()).groupBy(d.INVESTMENT_LINE_ID).asTable("dv");
            lines = lines.leftJoin(dv).on(dv.field(d.INVESTMENT_LINE_ID).eq(il.ID));
            delivered = DSL.coalesce(dv.field("n", Integer.class), inline(0));
        } else {
            delivered = select(count()).from(d).where(d.INVESTMENT_LINE_ID.eq(il.ID)).and(d.STATUS.in(DELIVERED)).asField();
        }
        return select(il.UNIT_ID.as("unit_id"), DSL.sum(DSL.least(il.QUANTITY, delivered)).cast(SQLDataType.INTEGER).as("num"),
                DSL.sum(il.QUANTITY).cast(SQLDataType.INTEGER).as("den"))
                .from(lines).where(il.CATEGORY.in(k.strings("categories"))).and(inUnits(il.UNIT_ID, units)).groupBy(il.UNIT_ID);
    }

    static boolean countsPeople(KpiDefinition k) {
        return KpiKind.PERSON_DEVICE.equals(k.kind()) || KpiKind.PERSON_CERTIFICATE.equals(k.kind());
    }

    /**
     * Every people-counting KPI of {@code kpis} in one pass over {@code person}: per unit id, columns n{i} and d{i}
     * (numerator and denominator of the KPI at index i, each with the KPI's duties as its filter). The unit's
     * conditions (active, the KPI's kinds and root) are the same for every person of a unit, so {@link #ownCounts}
     * applies them once per unit: a million people need no join with the units. {@code lacking}: also a column
     * "lacking", the officials the equipment rule finds without a modern computer (its staff categories not empty).
     */
    private Select<?> people(List<KpiDefinition> kpis, Units units, boolean lacking) {
        Person p = PERSON.as("p");
        Device d = DEVICE.as("d");
        // Each distinct "holds" condition is computed once per person, as a column of the inner select; OFFSET 0
        // keeps PostgreSQL from folding that select into the aggregates, where every use would look it up again.
        java.util.Map<String, Field<Boolean>> holdings = new java.util.LinkedHashMap<>();
        java.util.Set<String> duties = new java.util.TreeSet<>();
        List<Field<?>> inner = new ArrayList<>(List.of(p.UNIT_ID));
        java.util.function.Function<String, Field<Boolean>> column = name -> DSL.field(DSL.name("pp", name), Boolean.class);
        java.util.function.Function<Condition, Field<Boolean>> holding = c -> holdings.computeIfAbsent(dsl.renderInlined(c), key -> {
            String name = "h" + holdings.size();
            inner.add(DSL.field(c).as(name));
            return column.apply(name);
        });
        List<Field<?>> outer = new ArrayList<>(List.of(DSL.field(DSL.name("pp", "unit_id"), Long.class).as("unit_id")));
        List<Condition> anyDuties = new ArrayList<>();
        for (int i = 0; i < kpis.size(); i++) {
            KpiDefinition k = kpis.get(i);
            if (!countsPeople(k)) {
                continue;
            }
            duties.addAll(k.strings("duties"));
            anyDuties.add(dutiesOf(p, k.strings("duties")));
            Condition withDuties = anyTrue(k.strings("duties"), column);
            Field<Boolean> holds = holding.apply(KpiKind.PERSON_CERTIFICATE.equals(k.kind()) ? sources.certificates().holdsValid(p.ID, day)
                    : k.flag("modern") ? holdsModern(p.ID, k.strings("categories"))
                    : has(p.ID, d.PERSON_ID, d, d.CATEGORY.in(k.strings("categories")).and(d.STATUS.eq(inline("in_service")))));
            outer.add(count().filterWhere(withDuties.and(holds.isTrue())).as("n" + i));
            outer.add((withDuties.equals(DSL.noCondition()) ? count() : count().filterWhere(withDuties)).as("d" + i));
        }
        EquipmentRule rule = rules.equipment();
        if (lacking) {
            // The equipment rule's "every official has a modern computer", counted in the same pass over person.
            duties.addAll(rule.staffDuties());
            anyDuties.add(dutiesOf(p, rule.staffDuties()));
            Field<Boolean> holds = holding.apply(holdsModern(p.ID, rule.staffCategories()));
            outer.add(count().filterWhere(anyTrue(rule.staffDuties(), column).and(DSL.not(DSL.condition(holds)))).as("lacking"));
        }
        duties.forEach(duty -> inner.add(p.field(duty)));
        Condition where = p.STATUS.eq(inline("active")).and(p.UNIT_ID.isNotNull())
                .and(anyDuties.contains(DSL.noCondition()) ? DSL.noCondition() : DSL.or(anyDuties))
                .and(inUnits(p.UNIT_ID, units));
        var pp = DSL.select(inner).from(p).where(where).offset(inline(0)).asTable("pp");
        return DSL.select(outer).from(pp).groupBy(DSL.field(DSL.name("pp", "unit_id")));
    }

    /** Active units of the KPI's kinds, under its root, under the requested subtree. */
    static Condition scope(Unit u, KpiDefinition k, String subtreePath) {
        return scope(u, k, Units.under(subtreePath));
    }

    static Condition scope(Unit u, KpiDefinition k, Units units) {
        return u.STATUS.eq(inline("active")).and(scopeBeyondActive(u, k, units));
    }

    /** {@link #scope} less "active": the KPI's kinds, root and the subtree ({@code noCondition()} when none). */
    private static Condition scopeBeyondActive(Unit u, KpiDefinition k, Units units) {
        Condition c = DSL.noCondition();
        if (!k.unitKinds().isEmpty()) {
            c = c.and(u.KIND.in(k.unitKinds()));
        }
        if (k.rootUnitCode() != null) {
            Unit root = UNIT.as("kpi_root");
            c = c.and(u.PATH.startsWith(select(root.PATH).from(root).where(root.CODE.eq(k.rootUnitCode())).asField()));
        }
        return c.and(units.on(u));
    }

    /** Active people having at least one of {@code duties} (everyone when empty). */
    static Condition activePerson(Person p, List<String> duties) {
        return p.STATUS.eq(inline("active")).and(dutiesOf(p, duties));
    }

    /** People having at least one of {@code duties} ({@code noCondition()} when empty). */
    private static Condition dutiesOf(Person p, List<String> duties) {
        return anyTrue(duties, duty -> p.field(duty, Boolean.class));
    }

    /** Some {@code column(duty)} is true ({@code noCondition()} when there are no duties). */
    private static Condition anyTrue(List<String> duties, java.util.function.Function<String, Field<Boolean>> column) {
        if (duties.isEmpty()) {
            return DSL.noCondition();
        }
        List<Condition> any = new ArrayList<>();
        for (String duty : duties) {
            any.add(column.apply(duty).isTrue());
        }
        return DSL.or(any);
    }

    /** The unit equipment rule as a condition on unit {@code u}. */
    Condition equipped(Unit u) {
        EquipmentRule rule = rules.equipment();
        Condition c = DSL.trueCondition();
        if (!rule.staffCategories().isEmpty()) {
            Person p = PERSON.as("ep");
            Condition lacking = activePerson(p, rule.staffDuties()).and(DSL.not(holdsModern(p.ID, rule.staffCategories())));
            c = c.and(DSL.not(has(u.ID, p.UNIT_ID, p, lacking)));
        }
        return c.and(requiredDevices(u));
    }

    private Condition requiredDevices(Unit u) {
        Condition c = DSL.noCondition();
        for (String category : rules.equipment().requiredInService()) {
            Device d = DEVICE.as("eq_" + category);
            c = c.and(has(u.ID, d.UNIT_ID, d, d.CATEGORY.eq(inline(category)).and(d.STATUS.eq(inline("in_service")))));
        }
        return c;
    }

    /** Device {@code d} is in service and meets the modern rule of its category (if it has one). */
    Condition modern(Device d, List<String> categories) {
        // When every category asks for a passed security check, the check is one condition after all the others
        // (the costliest, tried last) instead of one per category.
        boolean checkedOnce = !categories.isEmpty() && categories.stream()
                .allMatch(c -> rules.modern(c).map(ModernRule::requireSecurityCheck).orElse(false));
        List<Condition> perCategory = new ArrayList<>();
        for (String category : categories) {
            Condition c = d.CATEGORY.eq(inline(category));
            var rule = rules.modern(category);
            if (rule.isPresent()) {
                c = c.and(modernRule(d, rule.get(), !checkedOnce));
            }
            perCategory.add(c);
        }
        Condition c = d.STATUS.eq(inline("in_service")).and(DSL.or(perCategory));
        return checkedOnce ? c.and(passedSecurityCheck(d)) : c;
    }

    /** Some security check of device {@code d} passed; correlated, so it follows the index for the few rows left. */
    private static Condition passedSecurityCheck(Device d) {
        var sc = SECURITY_CHECK.as("sc");
        return exists(selectOne().from(sc).where(sc.DEVICE_ID.eq(d.ID)).and(sc.PASSED.isTrue()));
    }

    private Condition modernRule(Device d, ModernRule r, boolean withSecurityCheck) {
        Condition c = DSL.trueCondition();
        if (r.maxAgeYears() != null) {
            c = c.and(d.ACQUIRED_ON.ge(inline(day.minusYears(r.maxAgeYears()))));
        }
        if (r.minRamGb() != null) {
            c = c.and(d.RAM_GB.ge(inline(r.minRamGb())));
        }
        if (!r.supportedOs().isEmpty()) {
            List<Condition> os = new ArrayList<>();
            for (ModernRule.OsSupport s : r.supportedOs()) {
                if (s.supportedOn(day)) {
                    os.add(s.pattern().condition(d.OS, () -> knownOs(r.category())));
                }
            }
            c = c.and(os.isEmpty() ? DSL.falseCondition() : DSL.or(os));
        }
        if (withSecurityCheck && r.requireSecurityCheck()) {
            c = c.and(passedSecurityCheck(d));
        }
        return c;
    }

    /** The distinct operating systems recorded for devices of a category (what a pattern is decided over), once. */
    private List<String> knownOs(String category) {
        return knownOs.computeIfAbsent(category, c -> dsl.selectDistinct(DEVICE.OS).from(DEVICE)
                .where(DEVICE.CATEGORY.eq(c)).and(DEVICE.OS.isNotNull()).fetch(DEVICE.OS));
    }

    /** Lower case as PostgreSQL's "C" collation does it: A–Z only. */
    static String asciiLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return b.toString();
    }

    /** Paths under {@code path}, as a constant pattern so PostgreSQL can use the path index (digits and '/' only). */
    static Condition under(Field<String> pathField, String path) {
        if (!path.matches("[/0-9]+")) {
            throw new IllegalArgumentException("not a unit path: " + path);
        }
        return pathField.like(inline(path + "%"));
    }

    /** The units a query counts: every unit, a subtree (by its path), or the listed ids (their own counts only). */
    record Units(String path, java.util.Collection<Long> ids) {
        static final Units ALL = new Units(null, null);

        /** The subtree at {@code path}; null: every unit. */
        static Units under(String path) {
            return path == null ? ALL : new Units(path, null);
        }

        static Units of(java.util.Collection<Long> ids) {
            return new Units(null, List.copyOf(ids));
        }

        boolean all() {
            return path == null && ids == null;
        }

        /** The condition on unit {@code u} ({@code noCondition()} for every unit). */
        Condition on(Unit u) {
            return path != null ? KpiSql.under(u.PATH, path) : ids != null ? u.ID.in(ids) : DSL.noCondition();
        }
    }

    static Field<Long> unitIdField() {
        return field(DSL.name("unit_id"), Long.class);
    }
}
