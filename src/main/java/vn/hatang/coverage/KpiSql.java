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

    private final CoverageRules rules;
    private final CoverageSources sources;
    private final LocalDate day;
    private final boolean bulk;

    /**
     * {@code bulk}: the query covers the whole tree, so "has a matching row" is an uncorrelated {@code IN (…)} the
     * database hashes once; for a subtree it is a correlated {@code EXISTS} that follows the indexes of a few rows.
     */
    KpiSql(CoverageRules rules, CoverageSources sources, LocalDate day, boolean bulk) {
        this.rules = rules;
        this.sources = sources;
        this.day = day;
        this.bulk = bulk;
    }

    /** Rows of the outer query whose {@code outerId} is referenced by a row of {@code from} (via {@code fk}) meeting {@code where}. */
    private Condition has(Field<Long> outerId, Field<Long> fk, org.jooq.TableLike<?> from, Condition where) {
        return bulk ? outerId.in(select(fk).from(from).where(where).and(fk.isNotNull()))
                : exists(selectOne().from(from).where(fk.eq(outerId)).and(where));
    }

    /**
     * (kpi code, unit id, own numerator, own denominator) of one KPI for the units in its scope that are also under
     * {@code subtreePath} (null: everywhere). Units with nothing to count may be absent: they are 0 / 0.
     */
    Select<Record4<String, Long, Integer, Integer>> own(KpiDefinition k, String subtreePath) {
        Unit u = UNIT.as("u");
        Condition inScope = scope(u, k, subtreePath);
        Field<String> code = inline(k.code());
        switch (k.kind()) {
            case KpiKind.PERSON_DEVICE: {
                Person p = PERSON.as("p");
                Device d = DEVICE.as("d");
                Condition ok = d.CATEGORY.in(k.strings("categories"))
                        .and(k.flag("modern") ? modern(d, k.strings("categories")) : d.STATUS.eq(inline("in_service")));
                return select4(code, u.ID, count().filterWhere(has(p.ID, d.PERSON_ID, d, ok)), count())
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
                return unitCount(code, u, inScope, equipped(u));
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
                // Per line, delivered devices count up to the approved quantity (never above 100 %).
                Field<Integer> delivered = select(count()).from(d).where(d.INVESTMENT_LINE_ID.eq(il.ID))
                        .and(d.STATUS.in(DELIVERED)).asField();
                return select4(code, u.ID, DSL.sum(DSL.least(il.QUANTITY, delivered)).cast(SQLDataType.INTEGER),
                        DSL.sum(il.QUANTITY).cast(SQLDataType.INTEGER))
                        .from(il).join(u).on(u.ID.eq(il.UNIT_ID))
                        .where(inScope).and(il.CATEGORY.in(k.strings("categories"))).groupBy(u.ID);
            }
            default:
                throw new IllegalArgumentException("unknown KPI kind " + k.kind());
        }
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
        Condition c = u.STATUS.eq(inline("active"));
        if (!k.unitKinds().isEmpty()) {
            c = c.and(u.KIND.in(k.unitKinds()));
        }
        if (k.rootUnitCode() != null) {
            Unit root = UNIT.as("kpi_root");
            c = c.and(u.PATH.startsWith(select(root.PATH).from(root).where(root.CODE.eq(k.rootUnitCode())).asField()));
        }
        if (subtreePath != null) {
            c = c.and(under(u.PATH, subtreePath));
        }
        return c;
    }

    /** Active people having at least one of {@code duties} (everyone when empty). */
    static Condition activePerson(Person p, List<String> duties) {
        Condition c = p.STATUS.eq(inline("active"));
        if (duties.isEmpty()) {
            return c;
        }
        List<Condition> any = new ArrayList<>();
        for (String duty : duties) {
            any.add(p.field(duty, Boolean.class).isTrue());
        }
        return c.and(DSL.or(any));
    }

    /** The unit equipment rule as a condition on unit {@code u}. */
    Condition equipped(Unit u) {
        EquipmentRule rule = rules.equipment();
        Condition c = DSL.trueCondition();
        if (!rule.staffCategories().isEmpty()) {
            Person p = PERSON.as("ep");
            Device d = DEVICE.as("ed");
            Condition lacking = activePerson(p, rule.staffDuties()).and(DSL.not(has(p.ID, d.PERSON_ID, d,
                    d.CATEGORY.in(rule.staffCategories()).and(modern(d, rule.staffCategories())))));
            c = c.and(DSL.not(has(u.ID, p.UNIT_ID, p, lacking)));
        }
        for (String category : rule.requiredInService()) {
            Device d = DEVICE.as("eq_" + category);
            c = c.and(has(u.ID, d.UNIT_ID, d, d.CATEGORY.eq(inline(category)).and(d.STATUS.eq(inline("in_service")))));
        }
        return c;
    }

    /** Device {@code d} is in service and meets the modern rule of its category (if it has one). */
    Condition modern(Device d, List<String> categories) {
        List<Condition> perCategory = new ArrayList<>();
        for (String category : categories) {
            Condition c = d.CATEGORY.eq(inline(category));
            var rule = rules.modern(category);
            if (rule.isPresent()) {
                c = c.and(modernRule(d, rule.get()));
            }
            perCategory.add(c);
        }
        return d.STATUS.eq(inline("in_service")).and(DSL.or(perCategory));
    }

    private Condition modernRule(Device d, ModernRule r) {
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
                    os.add(DSL.condition("{0} ~* {1}", d.OS, inline(s.pattern())));
                }
            }
            c = c.and(os.isEmpty() ? DSL.falseCondition() : DSL.or(os));
        }
        if (r.requireSecurityCheck()) {
            var sc = SECURITY_CHECK.as("sc");
            c = c.and(has(d.ID, sc.DEVICE_ID, sc, sc.PASSED.isTrue()));
        }
        return c;
    }

    /** Paths under {@code path}, as a constant pattern so PostgreSQL can use the path index (digits and '/' only). */
    static Condition under(Field<String> pathField, String path) {
        if (!path.matches("[/0-9]+")) {
            throw new IllegalArgumentException("not a unit path: " + path);
        }
        return pathField.like(inline(path + "%"));
    }

    static Field<Long> unitIdField() {
        return field(DSL.name("unit_id"), Long.class);
    }
}
