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
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.Device;
import vn.hatang.db.tables.Person;
import vn.hatang.db.tables.Unit;
import vn.hatang.db.tables.records.DeviceRecord;

/**
 * The drill-down of a KPI: exactly the people, units, investment lines or systems that are counted in the
 * denominator but not in the numerator, under a unit, each with the reason in words. The same SQL conditions as the
 * KPI decide who is listed, so the list's length is the KPI's shortfall.
 */
public final class GapFinder {
    private final CoverageSources sources;

    public GapFinder(CoverageSources sources) {
        this.sources = sources;
    }

    /** Gaps of {@code k} under the unit with {@code path}; {@code alone} restricts to that unit itself. */
    public List<Gap> gaps(DSLContext dsl, KpiDefinition k, CoverageRules rules, LocalDate day, String path, boolean alone) {
        KpiSql sql = new KpiSql(dsl, rules, sources, day, false);
        Unit u = UNIT.as("u");
        Condition where = KpiSql.scope(u, k, path);
        if (alone) {
            where = where.and(u.PATH.eq(path));
        }
        return switch (k.kind()) {
            case KpiKind.PERSON_DEVICE -> personDevice(dsl, sql, k, rules, day, u, where);
            case KpiKind.PERSON_CERTIFICATE -> personCertificate(dsl, k, day, u, where);
            case KpiKind.UNIT_EQUIPMENT -> unitEquipment(dsl, sql, rules, u, where);
            case KpiKind.UNIT_DEVICE -> unitDevice(dsl, k, u, where);
            case KpiKind.UNIT_LINK -> unitLink(dsl, k, u, where);
            case KpiKind.INFORMATION_SYSTEM -> informationSystems(dsl, u, where);
            case KpiKind.INVESTMENT_DELIVERY -> investment(dsl, k, u, where);
            default -> throw new IllegalArgumentException(k.kind());
        };
    }

    private List<Gap> personDevice(DSLContext dsl, KpiSql sql, KpiDefinition k, CoverageRules rules, LocalDate day,
            Unit u, Condition where) {
        Person p = PERSON.as("p");
        Device d = DEVICE.as("d");
        List<String> categories = k.strings("categories");
        Condition ok = d.PERSON_ID.eq(p.ID).and(d.CATEGORY.in(categories))
                .and(k.flag("modern") ? sql.modern(d, categories) : d.STATUS.eq(inline("in_service")));
        var people = dsl.select(p.ID, p.CODE, p.FULL_NAME, p.TITLE, u.CODE, u.NAME).from(p).join(u).on(u.ID.eq(p.UNIT_ID))
                .where(where).and(KpiSql.activePerson(p, k.strings("duties"))).andNotExists(selectOne().from(d).where(ok))
                .orderBy(u.PATH, p.CODE).fetch();
        Map<Long, List<DeviceRecord>> devices = devicesOf(dsl, people.getValues(p.ID), categories);
        Set<Long> checked = passedChecks(dsl, devices);
        List<Gap> out = new ArrayList<>();
        for (Record r : people) {
            List<DeviceRecord> held = devices.getOrDefault(r.get(p.ID), List.of());
            List<Reason> reasons = new ArrayList<>();
            if (held.isEmpty()) {
                reasons.add(new Reason("reason.no_device", categoryWords(categories)));
            }
            for (DeviceRecord dr : held) {
                reasons.addAll(ModernCheck.reasons(dr, rules.modern(dr.getCategory()), k.flag("modern"),
                        checked.contains(dr.getId()), day));
            }
            out.add(new Gap("person", r.get(p.CODE), r.get(p.FULL_NAME) + (r.get(p.TITLE) == null ? "" : " (" + r.get(p.TITLE) + ")"),
                    r.get(u.CODE), r.get(u.NAME), reasons));
        }
        return out;
    }

    private static Reason categoryWords(List<String> categories) {
        return new Reason("list." + categories.size(), categories.stream().map(c -> (Object) new Reason("category." + c)).toArray());
    }

    private static Map<Long, List<DeviceRecord>> devicesOf(DSLContext dsl, List<Long> personIds, List<String> categories) {
        if (personIds.isEmpty()) {
            return Map.of();
        }
        return dsl.selectFrom(DEVICE).where(DEVICE.PERSON_ID.in(personIds)).and(DEVICE.CATEGORY.in(categories))
                .and(DEVICE.STATUS.notIn("retired", "disposed")).orderBy(DEVICE.SERIAL)
                .fetchGroups(DEVICE.PERSON_ID).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    private static Set<Long> passedChecks(DSLContext dsl, Map<Long, List<DeviceRecord>> devices) {
        List<Long> ids = devices.values().stream().flatMap(List::stream).map(DeviceRecord::getId).toList();
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(dsl.selectDistinct(SECURITY_CHECK.DEVICE_ID).from(SECURITY_CHECK)
                .where(SECURITY_CHECK.DEVICE_ID.in(ids)).and(SECURITY_CHECK.PASSED.isTrue()).fetch(SECURITY_CHECK.DEVICE_ID));
    }

    private List<Gap> personCertificate(DSLContext dsl, KpiDefinition k, LocalDate day, Unit u, Condition where) {
        Person p = PERSON.as("p");
        var people = dsl.select(p.ID, p.CODE, p.FULL_NAME, p.TITLE, u.CODE, u.NAME).from(p).join(u).on(u.ID.eq(p.UNIT_ID))
                .where(where).and(KpiSql.activePerson(p, k.strings("duties")))
                .and(DSL.not(sources.certificates().holdsValid(p.ID, day))).orderBy(u.PATH, p.CODE).fetch();
        Map<Long, Reason> reasons = sources.certificates().reasons(dsl, people.getValues(p.ID), day);
        return people.stream().map(r -> new Gap("person", r.get(p.CODE),
                r.get(p.FULL_NAME) + (r.get(p.TITLE) == null ? "" : " (" + r.get(p.TITLE) + ")"), r.get(u.CODE), r.get(u.NAME),
                List.of(reasons.getOrDefault(r.get(p.ID), new Reason("reason.cert_none_recorded"))))).toList();
    }

    private List<Gap> unitEquipment(DSLContext dsl, KpiSql sql, CoverageRules rules, Unit u, Condition where) {
        var units = dsl.select(u.ID, u.CODE, u.NAME).from(u).where(where).and(DSL.not(sql.equipped(u)))
                .orderBy(u.PATH).fetch();
        if (units.isEmpty()) {
            return List.of();
        }
        List<Long> ids = units.getValues(u.ID);
        EquipmentRule rule = rules.equipment();
        // Officials of these units without a modern endpoint, by unit.
        Map<Long, List<String>> staffGaps = new HashMap<>();
        if (!rule.staffCategories().isEmpty()) {
            Person p = PERSON.as("p");
            Device d = DEVICE.as("d");
            dsl.select(p.UNIT_ID, p.FULL_NAME).from(p).where(p.UNIT_ID.in(ids)).and(KpiSql.activePerson(p, rule.staffDuties()))
                    .andNotExists(selectOne().from(d).where(d.PERSON_ID.eq(p.ID)).and(d.CATEGORY.in(rule.staffCategories()))
                            .and(sql.modern(d, rule.staffCategories())))
                    .orderBy(p.CODE).forEach(r -> staffGaps.computeIfAbsent(r.value1(), x -> new ArrayList<>()).add(r.value2()));
        }
        Map<Long, Map<String, List<String>>> statuses = deviceStatuses(dsl, ids, rule.requiredInService());
        List<Gap> out = new ArrayList<>();
        for (var r : units) {
            List<Reason> reasons = new ArrayList<>();
            List<String> staff = staffGaps.getOrDefault(r.get(u.ID), List.of());
            if (!staff.isEmpty()) {
                String names = staff.stream().limit(5).collect(Collectors.joining(", ")) + (staff.size() > 5 ? ", …" : "");
                reasons.add(new Reason("reason.staff_without_modern", String.valueOf(staff.size()), names));
            }
            for (String category : rule.requiredInService()) {
                reasons.addAll(missingDevice(statuses.getOrDefault(r.get(u.ID), Map.of()), category));
            }
            out.add(new Gap("unit", r.get(u.CODE), r.get(u.NAME), r.get(u.CODE), r.get(u.NAME), reasons));
        }
        return out;
    }

    /** Per unit and category, the statuses of its devices that are not in service (ordered, in repair, …). */
    private static Map<Long, Map<String, List<String>>> deviceStatuses(DSLContext dsl, List<Long> unitIds,
            List<String> categories) {
        Map<Long, Map<String, List<String>>> out = new HashMap<>();
        dsl.select(DEVICE.UNIT_ID, DEVICE.CATEGORY, DEVICE.STATUS).from(DEVICE).where(DEVICE.UNIT_ID.in(unitIds))
                .and(DEVICE.CATEGORY.in(categories)).and(DEVICE.STATUS.notIn("retired", "disposed"))
                .orderBy(DEVICE.SERIAL)
                .forEach(r -> out.computeIfAbsent(r.value1(), x -> new HashMap<>())
                        .computeIfAbsent(r.value2(), x -> new ArrayList<>()).add(r.value3()));
        return out;
    }

    private static List<Reason> missingDevice(Map<String, List<String>> statuses, String category) {
        List<String> have = statuses.getOrDefault(category, List.of());
        if (have.contains("in_service")) {
            return List.of();
        }
        if (have.isEmpty()) {
            return List.of(new Reason("reason.unit_no_device", new Reason("category." + category)));
        }
        return List.of(new Reason("reason.unit_device_not_in_service", new Reason("category." + category),
                ModernCheck.status(have.get(0))));
    }

    private List<Gap> unitDevice(DSLContext dsl, KpiDefinition k, Unit u, Condition where) {
        Device d = DEVICE.as("d");
        List<String> categories = k.strings("categories");
        var units = dsl.select(u.ID, u.CODE, u.NAME).from(u).where(where)
                .andNotExists(selectOne().from(d).where(d.UNIT_ID.eq(u.ID)).and(d.CATEGORY.in(categories))
                        .and(d.STATUS.eq(inline("in_service"))))
                .orderBy(u.PATH).fetch();
        Map<Long, Map<String, List<String>>> statuses = units.isEmpty() ? Map.of()
                : deviceStatuses(dsl, units.getValues(u.ID), categories);
        List<Gap> out = new ArrayList<>();
        for (var r : units) {
            Map<String, List<String>> s = statuses.getOrDefault(r.get(u.ID), Map.of());
            List<Reason> reasons = new ArrayList<>();
            for (String c : categories) {
                if (s.containsKey(c)) {
                    reasons.addAll(missingDevice(s, c));
                }
            }
            if (reasons.isEmpty()) {
                reasons.add(new Reason("reason.unit_no_device", categoryWords(categories)));
            }
            out.add(new Gap("unit", r.get(u.CODE), r.get(u.NAME), r.get(u.CODE), r.get(u.NAME), reasons));
        }
        return out;
    }

    private List<Gap> unitLink(DSLContext dsl, KpiDefinition k, Unit u, Condition where) {
        var l = LINK.as("l");
        List<String> kinds = k.strings("link_kinds");
        var units = dsl.select(u.ID, u.CODE, u.NAME).from(u).where(where)
                .andNotExists(selectOne().from(l).where(l.UNIT_ID.eq(u.ID)).and(l.KIND.in(kinds)).and(sources.links().up(l)))
                .orderBy(u.PATH).fetch();
        Map<Long, List<Record>> links = units.isEmpty() ? Map.of()
                : dsl.select(LINK.UNIT_ID, LINK.CODE, LINK.STATUS, DSL.field(sources.links().liveDown(LINK)).as("live_down"))
                        .from(LINK).where(LINK.UNIT_ID.in(units.getValues(u.ID)))
                        .and(LINK.KIND.in(kinds)).orderBy(LINK.CODE).fetchGroups(LINK.UNIT_ID)
                        .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> new ArrayList<Record>(e.getValue())));
        List<Gap> out = new ArrayList<>();
        for (var r : units) {
            List<Reason> reasons = new ArrayList<>();
            for (Record link : links.getOrDefault(r.get(u.ID), List.of())) {
                reasons.add(Boolean.TRUE.equals(link.get("live_down", Boolean.class))
                        ? new Reason("reason.link_down_live", link.get(LINK.CODE))
                        : new Reason("reason.link_down", link.get(LINK.CODE), new Reason("link_status." + link.get(LINK.STATUS))));
            }
            if (reasons.isEmpty()) {
                reasons.add(new Reason("reason.no_link", categoryWordsLinks(kinds)));
            }
            out.add(new Gap("unit", r.get(u.CODE), r.get(u.NAME), r.get(u.CODE), r.get(u.NAME), reasons));
        }
        return out;
    }

    private static Reason categoryWordsLinks(List<String> kinds) {
        return new Reason("list." + kinds.size(), kinds.stream().map(c -> (Object) new Reason("link_kind." + c)).toArray());
    }

    private List<Gap> informationSystems(DSLContext dsl, Unit u, Condition where) {
        var i = INFORMATION_SYSTEM.as("i");
        return dsl.select(i.CODE, i.NAME, i.SECURITY_LEVEL, i.APPROVAL_STATE, u.CODE, u.NAME).from(i).join(u)
                .on(u.ID.eq(i.OWNER_UNIT_ID)).where(where).and(i.APPROVAL_STATE.ne(inline("approved")))
                .orderBy(u.PATH, i.CODE).fetch(r -> new Gap("information_system", r.get(i.CODE), r.get(i.NAME), r.get(u.CODE),
                        r.get(u.NAME), List.of(new Reason("reason.infosys_state", String.valueOf(r.get(i.SECURITY_LEVEL)),
                                new Reason("approval." + r.get(i.APPROVAL_STATE))))));
    }

    private List<Gap> investment(DSLContext dsl, KpiDefinition k, Unit u, Condition where) {
        var il = INVESTMENT_LINE.as("il");
        var delivered = select(count()).from(DEVICE).where(DEVICE.INVESTMENT_LINE_ID.eq(il.ID))
                .and(DEVICE.STATUS.in(KpiSql.DELIVERED)).asField("delivered");
        return dsl.select(il.CODE, il.CATEGORY, il.QUANTITY, il.DECISION_NO, delivered, u.CODE, u.NAME).from(il).join(u)
                .on(u.ID.eq(il.UNIT_ID)).where(where).and(il.CATEGORY.in(k.strings("categories")))
                .orderBy(u.PATH, il.CODE).fetch().stream()
                .filter(r -> r.get("delivered", Integer.class) < r.get(il.QUANTITY))
                .map(r -> new Gap("investment_line", r.get(il.CODE), r.get(il.DECISION_NO), r.get(u.CODE), r.get(u.NAME),
                        List.of(new Reason("reason.not_delivered", new Reason("category." + r.get(il.CATEGORY)),
                                String.valueOf(r.get(il.QUANTITY)), String.valueOf(r.get("delivered", Integer.class)),
                                String.valueOf(r.get(il.QUANTITY) - r.get("delivered", Integer.class))))))
                .toList();
    }


}
