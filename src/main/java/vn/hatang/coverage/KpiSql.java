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
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.Select;
import org.jooq.SelectSelectStep;
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
    /** Set by {@link #people} when its per-unit counts include the people the equipment rule finds lacking. */
    private org.jooq.Name peopleUnits;

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

    /** The common table expressions the bulk queries refer to; the caller puts them in its WITH clause. */
    List<org.jooq.QueryPart> ctes() {
        return List.copyOf(cteDeclarations);
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
     * (kpi code, unit id, own numerator, own denominator) of one KPI for the units in its scope that are also under
     * {@code units}. Units with nothing to count may be absent: they are 0 / 0.
     */
    Select<Record4<String, Long, Integer, Integer>> own(KpiDefinition k, Units units) {
        Unit u = UNIT.as("u");
        Condition inScope = scope(u, k, units);
        Field<String> code = inline(k.code());
        switch (k.kind()) {
            case KpiKind.PERSON_DEVICE: {
                Person p = PERSON.as("p");
                Device d = DEVICE.as("d");
                Condition holds = k.flag("modern") ? holdsModern(p.ID, k.strings("categories"))
                        : has(p.ID, d.PERSON_ID, d, d.CATEGORY.in(k.strings("categories")).and(d.STATUS.eq(inline("in_service"))));
                return select4(code, u.ID, count().filterWhere(holds), count())
                        .from(p).join(u).on(u.ID.eq(p.UNIT_ID))
                        .where(inScope).and(activePerson(p, k.strings("duties"))).groupBy(u.ID);
            }
            case KpiKind.PERSON_CERTIFICATE: {
                Person p = PERSON.as("p");
                return select4(code, u.ID, count().filterWhere(sources.certificates().holdsValid(p.ID, day)), count())
                        .from(p).join(u).on(u.ID.eq(p.UNIT_ID))
                        .where(inScope).and(activePerson(p, k.strings("duties"))).groupBy(u.ID);
            }
            case KpiKind.UNIT_EQUIPMENT:
                return unitCount(code, u, inScope, peopleUnits == null ? equipped(u) : equippedGivenPeopleCounts(u));
            case KpiKind.UNIT_DEVICE: {
                Device d = DEVICE.as("d");
                return unitCount(code, u, inScope, has(u.ID, d.UNIT_ID, d,
                        d.CATEGORY.in(k.strings("categories")).and(d.STATUS.eq(inline("in_service")))));
            }
            case KpiKind.UNIT_LINK: {
                var l = LINK.as("l");
                return unitCount(code, u, inScope, has(u.ID, l.UNIT_ID, l,
                        l.KIND.in(k.strings("link_kinds")).and(sources.links().up(l))));
            }
            case KpiKind.INFORMATION_SYSTEM: {
                var i = INFORMATION_SYSTEM.as("i");
                return select4(code, u.ID, count().filterWhere(i.APPROVAL_STATE.eq(inline("approved"))), count())
                        .from(i).join(u).on(u.ID.eq(i.OWNER_UNIT_ID)).where(inScope).groupBy(u.ID);
            }
            case KpiKind.INVESTMENT_DELIVERY: {
                var il = INVESTMENT_LINE.as("il");
                Device d = DEVICE.as("d");
                // Per line, delivered devices count up to the approved quantity (never above 100 %): for the whole
                // tree one pass over devices grouped by line, for a subtree an index lookup per line.
                Field<Integer> delivered;
                org.jooq.Table<?> from = il.join(u).on(u.ID.eq(il.UNIT_ID));
                if (bulk) {
                    var dv = select(d.INVESTMENT_LINE_ID, count().as("n")).from(d).where(d.STATUS.in(DELIVERED))
                            .and(d.INVESTMENT_LINE_ID.isNotNull()).groupBy(d.INVESTMENT_LINE_ID).asTable("dv");
                    from = from.leftJoin(dv).on(dv.field(d.INVESTMENT_LINE_ID).eq(il.ID));
                    delivered = DSL.coalesce(dv.field("n", Integer.class), inline(0));
                } else {
                    delivered = select(count()).from(d).where(d.INVESTMENT_LINE_ID.eq(il.ID)).and(d.STATUS.in(DELIVERED)).asField();
                }
                return select4(code, u.ID, DSL.sum(DSL.least(il.QUANTITY, delivered)).cast(SQLDataType.INTEGER),
                        DSL.sum(il.QUANTITY).cast(SQLDataType.INTEGER))
                        .from(from).where(inScope).and(il.CATEGORY.in(k.strings("categories"))).groupBy(u.ID);
            }
            default:
                throw new IllegalArgumentException("unknown KPI kind " + k.kind());
        }
    }

    static boolean countsPeople(KpiDefinition k) {
        return KpiKind.PERSON_DEVICE.equals(k.kind()) || KpiKind.PERSON_CERTIFICATE.equals(k.kind());
    }

    /**
     * Every people-counting KPI in one pass over {@code person}: per unit, one numerator and one denominator column
     * per KPI (each with the KPI's duties as its filter), unpivoted into (kpi, unit, num, den) rows. Gives the same
     * rows as {@link #own} for each of them. People are grouped by their unit id alone and the unit's conditions
     * (active, the KPI's kinds, root and subtree) are applied once per unit afterwards: they are the same for every
     * person of a unit, and a million people need no join with the units that way. {@code withLackingStaff}: also
     * count, per unit, the officials the equipment rule finds without a modern computer, for {@link #own} of a
     * unit-equipment KPI.
     */
    Select<Record4<String, Long, Integer, Integer>> people(List<KpiDefinition> kpis, Units units,
            boolean withLackingStaff) {
        Unit u = UNIT.as("u");
        Person p = PERSON.as("p");
        Device d = DEVICE.as("d");
        List<Field<?>> fields = new ArrayList<>();
        fields.add(p.UNIT_ID.as("unit_id"));
        List<org.jooq.QueryPart> rows = new ArrayList<>();
        Field<Integer> zero = inline(0);
        List<Condition> anyDuties = new ArrayList<>();
        boolean everyone = false;
        for (int i = 0; i < kpis.size(); i++) {
            KpiDefinition k = kpis.get(i);
            Condition duties = dutiesOf(p, k.strings("duties"));
            everyone |= duties.equals(DSL.noCondition());
            anyDuties.add(duties);
            Condition holds = KpiKind.PERSON_CERTIFICATE.equals(k.kind()) ? sources.certificates().holdsValid(p.ID, day)
                    : k.flag("modern") ? holdsModern(p.ID, k.strings("categories"))
                    : has(p.ID, d.PERSON_ID, d, d.CATEGORY.in(k.strings("categories")).and(d.STATUS.eq(inline("in_service"))));
            fields.add(count().filterWhere(duties.and(holds)).as("n" + i));
            fields.add((duties.equals(DSL.noCondition()) ? count() : count().filterWhere(duties)).as("d" + i));
            Condition unitScope = scopeBeyondActive(u, k, Units.ALL);
            Field<Integer> n = DSL.field(DSL.name("q", "n" + i), Integer.class);
            Field<Integer> dd = DSL.field(DSL.name("q", "d" + i), Integer.class);
            rows.add(unitScope.equals(DSL.noCondition())
                    ? DSL.sql("({0}, {1}, {2})", inline(k.code()), n, dd)
                    : DSL.sql("({0}, {1}, {2})", inline(k.code()), DSL.when(unitScope, n).otherwise(zero),
                            DSL.when(unitScope, dd).otherwise(zero)));
        }
        EquipmentRule rule = rules.equipment();
        if (withLackingStaff && !rule.staffCategories().isEmpty()) {
            // The equipment rule's "every official has a modern computer", counted in the same pass over person.
            Condition staff = dutiesOf(p, rule.staffDuties());
            everyone |= staff.equals(DSL.noCondition());
            anyDuties.add(staff);
            fields.add(count().filterWhere(staff.and(DSL.not(holdsModern(p.ID, rule.staffCategories())))).as("lacking"));
            peopleUnits = DSL.name("people_units");
        }
        Condition where = p.STATUS.eq(inline("active")).and(p.UNIT_ID.isNotNull())
                .and(everyone ? DSL.noCondition() : DSL.or(anyDuties));
        if (!units.all()) {
            Unit su = UNIT.as("su");
            where = where.and(p.UNIT_ID.in(select(su.ID).from(su).where(units.on(su))));
        }
        var counts = DSL.select(fields).from(p).where(where).groupBy(p.UNIT_ID);
        org.jooq.Table<?> q;
        if (peopleUnits != null) {
            cteDeclarations.add(DSL.sql("{0} as ({1})", peopleUnits, counts));
            q = DSL.table(peopleUnits).as("q");
        } else {
            q = counts.asTable("q");
        }
        Field<String> kpi = DSL.field(DSL.name("x", "kpi"), String.class);
        Field<Integer> num = DSL.field(DSL.name("x", "num"), Integer.class);
        Field<Integer> den = DSL.field(DSL.name("x", "den"), Integer.class);
        Field<Long> unitId = DSL.field(DSL.name("q", "unit_id"), Long.class);
        return DSL.select(kpi.as("kpi"), u.ID.as("unit_id"), num.as("num"), den.as("den"))
                .from(q.join(u).on(u.ID.eq(unitId)),
                        DSL.table("lateral (values {0}) as x(kpi, num, den)", DSL.list(rows.toArray(new org.jooq.QueryPart[0]))))
                .where(u.STATUS.eq(inline("active"))).and(units.on(u)).and(den.gt(0));
    }

    @SuppressWarnings("unchecked")
    private static SelectSelectStep<Record4<String, Long, Integer, Integer>> select4(Field<String> code, Field<Long> unit,
            Field<Integer> num, Field<Integer> den) {
        return DSL.select(code.as("kpi"), unit.as("unit_id"), num.as("num"), den.as("den"));
    }

    private static Select<Record4<String, Long, Integer, Integer>> unitCount(Field<String> code, Unit u, Condition inScope,
            Condition satisfied) {
        return select4(code, u.ID, DSL.when(satisfied, inline(1)).otherwise(inline(0)), inline(1)).from(u).where(inScope);
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
        if (duties.isEmpty()) {
            return DSL.noCondition();
        }
        List<Condition> any = new ArrayList<>();
        for (String duty : duties) {
            any.add(p.field(duty, Boolean.class).isTrue());
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

    /** {@link #equipped}, the officials lacking a modern computer taken from the counts of {@link #people}. */
    private Condition equippedGivenPeopleCounts(Unit u) {
        Field<Long> unit = DSL.field(DSL.name("pu", "unit_id"), Long.class);
        Field<Integer> lacking = DSL.field(DSL.name("pu", "lacking"), Integer.class);
        return u.ID.notIn(select(unit).from(DSL.table(peopleUnits).as("pu")).where(lacking.gt(0)))
                .and(requiredDevices(u));
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
