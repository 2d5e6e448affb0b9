package vn.hatang.snmp.service;

import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.LINK;
import static vn.hatang.db.Tables.SNMP_DEVICE;
import static vn.hatang.db.Tables.SNMP_DEVICE_STATE;
import static vn.hatang.db.Tables.SNMP_EVENT;
import static vn.hatang.db.Tables.SNMP_FINDING;
import static vn.hatang.db.Tables.SNMP_IF_HOURLY;
import static vn.hatang.db.Tables.SNMP_INTERFACE;
import static vn.hatang.db.Tables.SNMP_LINK_STATE;
import static vn.hatang.db.Tables.SNMP_PROFILE;
import static vn.hatang.db.Tables.SNMP_UNIT_PROFILE;
import static vn.hatang.db.Tables.UNIT;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Record4;
import org.jooq.Result;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.records.DeviceRecord;
import vn.hatang.db.tables.records.SnmpDeviceRecord;
import vn.hatang.db.tables.records.SnmpDeviceStateRecord;
import vn.hatang.db.tables.records.SnmpEventRecord;
import vn.hatang.db.tables.records.SnmpFindingRecord;
import vn.hatang.db.tables.records.SnmpInterfaceRecord;
import vn.hatang.db.tables.records.SnmpLinkStateRecord;
import vn.hatang.db.tables.records.SnmpProfileRecord;
import vn.hatang.db.tables.records.UnitRecord;
import vn.hatang.platform.http.ApiException;
import vn.hatang.security.Scope;
import vn.hatang.snmp.discovery.Finding;
import vn.hatang.snmp.links.CarriedLink;
import vn.hatang.snmp.links.LinkState;
import vn.hatang.snmp.poll.DeviceStatus;
import vn.hatang.snmp.poll.IfRate;
import vn.hatang.snmp.poll.IfSample;
import vn.hatang.snmp.poll.SnmpEvent;

/**
 * The SNMP tables, through the generated jOOQ types. Every query that reads or writes unit-owned rows takes the
 * caller's {@link Scope} and applies it in SQL: a profile is owned by its unit, a device, its interfaces, findings,
 * events and state by the device's unit, a link by its unit. The poller itself works for the whole tree.
 */
final class SnmpRepository {
    /** Device categories that "all network devices" of a subtree means. */
    static final List<String> NETWORK_CATEGORIES = List.of("firewall", "switch", "router");

    private SnmpRepository() {
    }

    // ---- references

    static DeviceRecord device(DSLContext dsl, Scope scope, long id) {
        DeviceRecord d = dsl.selectFrom(DEVICE).where(DEVICE.ID.eq(id)).and(scope.covers(DEVICE.UNIT_ID)).fetchOne();
        if (d == null) {
            throw ApiException.notFound("device", id);
        }
        return d;
    }

    static UnitRecord unit(DSLContext dsl, Scope scope, long id) {
        UnitRecord u = dsl.selectFrom(UNIT).where(UNIT.ID.eq(id)).and(scope.covers(UNIT.ID)).fetchOne();
        if (u == null) {
            throw ApiException.notFound("unit", id);
        }
        return u;
    }

    /** The unit given by code or id, for a body field; a 400 naming the field when unknown or out of scope. */
    static UnitRecord unitRef(DSLContext dsl, Scope scope, String ref, String field) {
        return vn.hatang.units.UnitRepository.byRef(dsl, scope, ref, field);
    }

    /** The root of the unit tree (the provincial committee), or null in an empty database. */
    static Long rootUnit(DSLContext dsl) {
        return dsl.select(UNIT.ID).from(UNIT).where(UNIT.PARENT_ID.isNull()).orderBy(UNIT.ID).limit(1).fetchOne(UNIT.ID);
    }

    static String unitPath(DSLContext dsl, long unitId) {
        return dsl.select(UNIT.PATH).from(UNIT).where(UNIT.ID.eq(unitId)).fetchOne(UNIT.PATH);
    }

    // ---- profiles

    static List<Record> profiles(DSLContext dsl, Scope scope) {
        return dsl.select(SNMP_PROFILE.asterisk(), UNIT.CODE).from(SNMP_PROFILE).join(UNIT)
                .on(UNIT.ID.eq(SNMP_PROFILE.UNIT_ID)).where(scope.covers(SNMP_PROFILE.UNIT_ID))
                .orderBy(SNMP_PROFILE.NAME).fetch().map(r -> r);
    }

    static SnmpProfileRecord profile(DSLContext dsl, Scope scope, long id) {
        SnmpProfileRecord r = dsl.selectFrom(SNMP_PROFILE).where(SNMP_PROFILE.ID.eq(id))
                .and(scope.covers(SNMP_PROFILE.UNIT_ID)).fetchOne();
        if (r == null) {
            throw ApiException.notFound("snmp_profile", id);
        }
        return r;
    }

    /** A profile named in a body field: a 400 naming the field when unknown or out of the caller's scope. */
    static SnmpProfileRecord profileRef(DSLContext dsl, Scope scope, long id, String field) {
        SnmpProfileRecord r = dsl.selectFrom(SNMP_PROFILE).where(SNMP_PROFILE.ID.eq(id))
                .and(scope.covers(SNMP_PROFILE.UNIT_ID)).fetchOne();
        if (r == null) {
            throw ApiException.invalid(field, "error.unknown_ref", String.valueOf(id));
        }
        return r;
    }

    /** The profile assigned to a device already in the caller's scope (the assignment was checked when made). */
    static SnmpProfileRecord profileById(DSLContext dsl, long id) {
        return dsl.selectFrom(SNMP_PROFILE).where(SNMP_PROFILE.ID.eq(id)).fetchSingle();
    }

    /** Whether the caller may use the profile (its unit is in the caller's scope). */
    static boolean profileInScope(DSLContext dsl, Scope scope, long id) {
        return dsl.fetchExists(SNMP_PROFILE, SNMP_PROFILE.ID.eq(id).and(scope.covers(SNMP_PROFILE.UNIT_ID)));
    }

    static SnmpProfileRecord simulatedProfile(DSLContext dsl, Scope scope) {
        return dsl.selectFrom(SNMP_PROFILE).where(SNMP_PROFILE.SIMULATED.isTrue()).and(scope.covers(SNMP_PROFILE.UNIT_ID))
                .orderBy(SNMP_PROFILE.ID).limit(1).fetchOne();
    }

    static String unitCode(DSLContext dsl, long unitId) {
        return dsl.select(UNIT.CODE).from(UNIT).where(UNIT.ID.eq(unitId)).fetchOne(UNIT.CODE);
    }

    /** Whether devices or units still use the profile (it cannot be deleted then). */
    static boolean profileInUse(DSLContext dsl, long id) {
        return dsl.fetchExists(SNMP_DEVICE, SNMP_DEVICE.PROFILE_ID.eq(id))
                || dsl.fetchExists(SNMP_UNIT_PROFILE, SNMP_UNIT_PROFILE.PROFILE_ID.eq(id));
    }

    // ---- assignments

    static SnmpDeviceRecord assignment(DSLContext dsl, long deviceId) {
        return dsl.selectFrom(SNMP_DEVICE).where(SNMP_DEVICE.DEVICE_ID.eq(deviceId)).fetchOne();
    }

    static void assign(DSLContext dsl, long deviceId, Long profileId, String address, boolean enabled,
                       String engineId) {
        dsl.insertInto(SNMP_DEVICE).set(SNMP_DEVICE.DEVICE_ID, deviceId).set(SNMP_DEVICE.PROFILE_ID, profileId)
                .set(SNMP_DEVICE.ADDRESS, address).set(SNMP_DEVICE.ENABLED, enabled)
                .set(SNMP_DEVICE.ENGINE_ID, engineId)
                .onConflict(SNMP_DEVICE.DEVICE_ID).doUpdate()
                .set(SNMP_DEVICE.PROFILE_ID, profileId).set(SNMP_DEVICE.ADDRESS, address)
                .set(SNMP_DEVICE.ENABLED, enabled).set(SNMP_DEVICE.ENGINE_ID, engineId)
                .execute();
    }

    /** The default profiles set on units of the scope, by unit code: never a profile's secret. */
    static List<io.vertx.core.json.JsonObject> unitProfiles(DSLContext dsl, Scope scope) {
        return dsl.select(UNIT.ID, UNIT.CODE, UNIT.NAME, SNMP_PROFILE.ID, SNMP_PROFILE.NAME).from(SNMP_UNIT_PROFILE)
                .join(UNIT).on(UNIT.ID.eq(SNMP_UNIT_PROFILE.UNIT_ID)).join(SNMP_PROFILE)
                .on(SNMP_PROFILE.ID.eq(SNMP_UNIT_PROFILE.PROFILE_ID)).where(scope.covers(UNIT.ID)).orderBy(UNIT.CODE)
                .fetch(r -> new io.vertx.core.json.JsonObject().put("unit_id", r.value1()).put("unit_code", r.value2())
                        .put("unit_name", r.value3()).put("profile_id", r.value4()).put("profile_name", r.value5()));
    }

    static void unitProfile(DSLContext dsl, long unitId, Long profileId) {
        if (profileId == null) {
            dsl.deleteFrom(SNMP_UNIT_PROFILE).where(SNMP_UNIT_PROFILE.UNIT_ID.eq(unitId)).execute();
            return;
        }
        dsl.insertInto(SNMP_UNIT_PROFILE).set(SNMP_UNIT_PROFILE.UNIT_ID, unitId)
                .set(SNMP_UNIT_PROFILE.PROFILE_ID, profileId).onConflict(SNMP_UNIT_PROFILE.UNIT_ID).doUpdate()
                .set(SNMP_UNIT_PROFILE.PROFILE_ID, profileId).execute();
    }

    /** Devices of a subtree (in scope) in the given categories that are not retired or disposed, by serial. */
    static Result<Record4<Long, String, String, String>> devicesUnder(DSLContext dsl, Scope scope, UnitRecord root,
                                                                       Collection<String> categories) {
        return dsl.select(DEVICE.ID, DEVICE.SERIAL, DEVICE.CATEGORY, DEVICE.MGMT_ADDRESS).from(DEVICE).join(UNIT)
                .on(UNIT.ID.eq(DEVICE.UNIT_ID)).where(UNIT.PATH.startsWith(root.getPath()))
                .and(DEVICE.CATEGORY.in(categories)).and(DEVICE.STATUS.notIn("retired", "disposed"))
                .and(scope.covers(DEVICE.UNIT_ID)).orderBy(DEVICE.SERIAL).fetch();
    }

    /** What the poller needs about one device of the inventory. */
    record Assigned(long deviceId, String serial, String model, String unitPath, String address, Long profileId,
                    String engineId, boolean carriesLink) {
    }

    /**
     * Every device the poller should poll: enabled, not retired or disposed, with a profile of its own or inherited
     * from the nearest unit above it that has a default profile, and an address (the assignment's, else the
     * inventory's management address).
     */
    static List<Assigned> assigned(DSLContext dsl, Scope scope) {
        return assigned(dsl, scope.covers(DEVICE.UNIT_ID));
    }

    /** The assignment of one device (null when it has no profile or no address). */
    static Assigned assigned(DSLContext dsl, Scope scope, long deviceId) {
        List<Assigned> l = assigned(dsl, DEVICE.ID.eq(deviceId).and(scope.covers(DEVICE.UNIT_ID)));
        return l.isEmpty() ? null : l.get(0);
    }

    private static List<Assigned> assigned(DSLContext dsl, Condition which) {
        var up = SNMP_UNIT_PROFILE.as("up");
        var a = UNIT.as("a");
        Field<Long> inherited = DSL.field(DSL.select(up.PROFILE_ID).from(up).join(a).on(a.ID.eq(up.UNIT_ID))
                .where(UNIT.PATH.startsWith(a.PATH)).orderBy(a.DEPTH.desc()).limit(1)).as("inherited");
        Field<Boolean> carries = DSL.field(DSL.exists(DSL.selectOne().from(LINK).where(LINK.DEVICE_ID.eq(DEVICE.ID))
                .and(LINK.STATUS.eq("active")))).as("carries");
        List<Assigned> out = new ArrayList<>();
        for (var r : dsl.select(DEVICE.ID, DEVICE.SERIAL, DEVICE.MODEL, UNIT.PATH, DEVICE.MGMT_ADDRESS,
                        SNMP_DEVICE.ADDRESS, SNMP_DEVICE.PROFILE_ID, SNMP_DEVICE.ENGINE_ID, inherited, carries)
                .from(DEVICE).join(UNIT).on(UNIT.ID.eq(DEVICE.UNIT_ID))
                .leftJoin(SNMP_DEVICE).on(SNMP_DEVICE.DEVICE_ID.eq(DEVICE.ID))
                .where(DSL.coalesce(SNMP_DEVICE.ENABLED, DSL.inline(true)))
                .and(DEVICE.STATUS.notIn("retired", "disposed")).and(which).fetch()) {
            Long profile = r.get(SNMP_DEVICE.PROFILE_ID) != null ? r.get(SNMP_DEVICE.PROFILE_ID) : r.get(inherited);
            String address = r.get(SNMP_DEVICE.ADDRESS) != null ? r.get(SNMP_DEVICE.ADDRESS) : r.get(DEVICE.MGMT_ADDRESS);
            if (profile == null || address == null || address.isBlank()) {
                continue;
            }
            out.add(new Assigned(r.get(DEVICE.ID), r.get(DEVICE.SERIAL), r.get(DEVICE.MODEL), r.get(UNIT.PATH),
                    address.trim(), profile, r.get(SNMP_DEVICE.ENGINE_ID), Boolean.TRUE.equals(r.get(carries))));
        }
        return out;
    }

    /** Every profile with the path of its unit. */
    static Map<Long, ProfileRow> profileRows(DSLContext dsl, Scope scope) {
        Map<Long, ProfileRow> out = new HashMap<>();
        for (var r : dsl.select(SNMP_PROFILE.asterisk(), UNIT.PATH).from(SNMP_PROFILE).join(UNIT)
                .on(UNIT.ID.eq(SNMP_PROFILE.UNIT_ID)).where(scope.covers(SNMP_PROFILE.UNIT_ID)).fetch()) {
            SnmpProfileRecord p = r.into(SNMP_PROFILE);
            out.put(p.getId(), new ProfileRow(p, r.get(UNIT.PATH)));
        }
        return out;
    }

    /** A profile and the path of the unit that owns it. */
    record ProfileRow(SnmpProfileRecord profile, String unitPath) {
    }

    /** Active links with a carrying device. */
    static Map<Long, List<CarriedLink>> carriedLinks(DSLContext dsl, Scope scope) {
        Map<Long, List<CarriedLink>> out = new HashMap<>();
        for (var r : dsl.select(LINK.ID, LINK.CODE, LINK.DEVICE_ID, LINK.INTERFACE_NAME, LINK.BANDWIDTH_MBPS).from(LINK)
                .where(LINK.DEVICE_ID.isNotNull()).and(LINK.STATUS.eq("active")).and(scope.covers(LINK.UNIT_ID))
                .fetch()) {
            out.computeIfAbsent(r.get(LINK.DEVICE_ID), k -> new ArrayList<>()).add(new CarriedLink(r.get(LINK.ID),
                    r.get(LINK.CODE), r.get(LINK.DEVICE_ID), r.get(LINK.INTERFACE_NAME),
                    r.get(LINK.BANDWIDTH_MBPS) * 1_000_000L));
        }
        return out;
    }

    /** The stored link states, so "since" survives a restart. */
    static Map<Long, LinkState> linkStates(DSLContext dsl, Scope scope) {
        Map<Long, LinkState> out = new HashMap<>();
        for (var r : dsl.select(SNMP_LINK_STATE.asterisk(), LINK.CODE).from(SNMP_LINK_STATE).join(LINK)
                .on(LINK.ID.eq(SNMP_LINK_STATE.LINK_ID)).where(scope.covers(LINK.UNIT_ID)).fetch()) {
            SnmpLinkStateRecord s = r.into(SNMP_LINK_STATE);
            out.put(s.getLinkId(), new LinkState(s.getLinkId(), r.get(LINK.CODE), s.getDeviceId(),
                    LinkState.Status.valueOf(s.getStatus().toUpperCase()),
                    s.getReason() == null ? null : LinkState.Reason.valueOf(s.getReason().toUpperCase()),
                    s.getIfIndex(), s.getIfName(), s.getSince(), s.getFirstSeenAt(), s.getUpdatedAt(), s.getInRatio(),
                    s.getOutRatio(), s.getInBps(), s.getOutBps(), s.getUtilisationAt()));
        }
        return out;
    }

    // ---- state written by the poller

    /**
     * Writes device states, interfaces, events and link states (in the caller's transaction), skipping devices and
     * links deleted meanwhile. Each kind of row is one prepared statement bound many times, so a cycle of a large
     * fleet costs a few round trips, not one per interface.
     */
    static void write(DSLContext dsl, Map<Long, DeviceStatus> states, List<SnmpEvent> events,
                      Collection<LinkState> links) {
        Set<Long> ids = new java.util.HashSet<>(states.keySet());
        events.forEach(e -> ids.add(e.deviceId()));
        links.forEach(l -> ids.add(l.deviceId()));
        Set<Long> existing = new java.util.HashSet<>(dsl.select(DEVICE.ID).from(DEVICE).where(DEVICE.ID.in(ids))
                .fetch(DEVICE.ID));
        Set<Long> linkIds = new java.util.HashSet<>(dsl.select(LINK.ID).from(LINK)
                .where(LINK.ID.in(links.stream().map(LinkState::linkId).toList())).fetch(LINK.ID));
        List<Object[]> stateRows = new ArrayList<>();
        List<Object[]> ifRows = new ArrayList<>();
        List<Query> gone = new ArrayList<>();
        states.forEach((id, s) -> {
            if (!existing.contains(id)) {
                return;
            }
            stateRows.add(new Object[] {id, s.reachable(), s.reachableSince(), s.lastPoll(), s.lastSuccess(),
                cut(s.lastError(), 1000), s.uptimeTicks(), s.uptimeSource() == null ? null : s.uptimeSource().label()});
            if (s.lastSuccess() == null) {
                return;
            }
            List<Integer> present = s.interfaces().stream().map(f -> f.ifIndex).toList();
            gone.add(dsl.deleteFrom(SNMP_INTERFACE).where(SNMP_INTERFACE.DEVICE_ID.eq(id))
                    .and(present.isEmpty() ? DSL.trueCondition() : SNMP_INTERFACE.IF_INDEX.notIn(present)));
            for (int i = 0; i < s.interfaces().size(); i++) {
                IfSample f = s.interfaces().get(i);
                IfRate r = s.rate(i);
                ifRows.add(new Object[] {id, f.ifIndex, cut(f.name, 255), cut(f.descr, 255), cut(f.alias, 255), f.type,
                    f.speedBps, f.adminStatus == null ? null : (short) (int) f.adminStatus,
                    f.operStatus == null ? null : (short) (int) f.operStatus,
                    r == null || Double.isNaN(r.inBps) ? null : r.inBps,
                    r == null || Double.isNaN(r.outBps) ? null : r.outBps, s.lastSuccess()});
            }
        });
        List<Object[]> eventRows = new ArrayList<>();
        for (SnmpEvent e : events) {
            if (existing.contains(e.deviceId())) {
                eventRows.add(new Object[] {e.deviceId(), e.time(), e.type().name(), e.ifIndex(), e.source().name(),
                    cut(e.detail(), 1000), e.key()});
            }
        }
        List<Object[]> linkRows = new ArrayList<>();
        for (LinkState l : links) {
            if (existing.contains(l.deviceId()) && linkIds.contains(l.linkId())) {
                linkRows.add(new Object[] {l.linkId(), l.deviceId(), l.status().label(),
                    l.reason() == null ? null : l.reason().label(), l.ifIndex(), cut(l.ifName(), 255), l.since(),
                    l.firstSeenAt(), l.updatedAt(), l.inRatio(), l.outRatio(), l.inBps(), l.outBps(), l.utilisationAt()});
            }
        }
        if (!stateRows.isEmpty()) {
            bind(dsl, stateUpsert(dsl), stateRows);
        }
        if (!gone.isEmpty()) {
            dsl.batch(gone).execute();
        }
        if (!ifRows.isEmpty()) {
            bind(dsl, interfaceUpsert(dsl), ifRows);
        }
        if (!eventRows.isEmpty()) {
            bind(dsl, dsl.insertInto(SNMP_EVENT, SNMP_EVENT.DEVICE_ID, SNMP_EVENT.AT, SNMP_EVENT.KIND,
                    SNMP_EVENT.IF_INDEX, SNMP_EVENT.SOURCE, SNMP_EVENT.DETAIL, SNMP_EVENT.TRAP_KEY)
                    .values((Long) null, null, null, null, null, null, null).onConflictDoNothing(), eventRows);
        }
        if (!linkRows.isEmpty()) {
            bind(dsl, linkUpsert(dsl), linkRows);
        }
    }

    private static void bind(DSLContext dsl, Query template, List<Object[]> rows) {
        var batch = dsl.batch(template);
        for (Object[] row : rows) {
            batch = batch.bind(row);
        }
        batch.execute();
    }

    private static Query stateUpsert(DSLContext dsl) {
        var t = SNMP_DEVICE_STATE;
        return dsl.insertInto(t, t.DEVICE_ID, t.REACHABLE, t.REACHABLE_SINCE, t.LAST_POLL, t.LAST_SUCCESS, t.LAST_ERROR,
                        t.UPTIME_TICKS, t.UPTIME_SOURCE)
                .values((Long) null, null, null, null, null, null, null, null)
                .onConflict(t.DEVICE_ID).doUpdate()
                .set(t.REACHABLE, DSL.excluded(t.REACHABLE)).set(t.REACHABLE_SINCE, DSL.excluded(t.REACHABLE_SINCE))
                .set(t.LAST_POLL, DSL.excluded(t.LAST_POLL)).set(t.LAST_SUCCESS, DSL.excluded(t.LAST_SUCCESS))
                .set(t.LAST_ERROR, DSL.excluded(t.LAST_ERROR)).set(t.UPTIME_TICKS, DSL.excluded(t.UPTIME_TICKS))
                .set(t.UPTIME_SOURCE, DSL.excluded(t.UPTIME_SOURCE));
    }

    private static Query interfaceUpsert(DSLContext dsl) {
        var t = SNMP_INTERFACE;
        return dsl.insertInto(t, t.DEVICE_ID, t.IF_INDEX, t.NAME, t.DESCR, t.ALIAS, t.IF_TYPE, t.SPEED_BPS,
                        t.ADMIN_STATUS, t.OPER_STATUS, t.IN_BPS, t.OUT_BPS, t.UPDATED_AT)
                .values((Long) null, null, null, null, null, null, null, null, null, null, null, null)
                .onConflict(t.DEVICE_ID, t.IF_INDEX).doUpdate()
                .set(t.NAME, DSL.excluded(t.NAME)).set(t.DESCR, DSL.excluded(t.DESCR)).set(t.ALIAS, DSL.excluded(t.ALIAS))
                .set(t.IF_TYPE, DSL.excluded(t.IF_TYPE)).set(t.SPEED_BPS, DSL.excluded(t.SPEED_BPS))
                .set(t.ADMIN_STATUS, DSL.excluded(t.ADMIN_STATUS)).set(t.OPER_STATUS, DSL.excluded(t.OPER_STATUS))
                .set(t.IN_BPS, DSL.excluded(t.IN_BPS)).set(t.OUT_BPS, DSL.excluded(t.OUT_BPS))
                .set(t.UPDATED_AT, DSL.excluded(t.UPDATED_AT));
    }

    private static Query linkUpsert(DSLContext dsl) {
        var t = SNMP_LINK_STATE;
        return dsl.insertInto(t, t.LINK_ID, t.DEVICE_ID, t.STATUS, t.REASON, t.IF_INDEX, t.IF_NAME, t.SINCE,
                        t.FIRST_SEEN_AT, t.UPDATED_AT, t.IN_RATIO, t.OUT_RATIO, t.IN_BPS, t.OUT_BPS, t.UTILISATION_AT)
                .values((Long) null, null, null, null, null, null, null, null, null, null, null, null, null, null)
                .onConflict(t.LINK_ID).doUpdate()
                .set(t.DEVICE_ID, DSL.excluded(t.DEVICE_ID)).set(t.STATUS, DSL.excluded(t.STATUS))
                .set(t.REASON, DSL.excluded(t.REASON)).set(t.IF_INDEX, DSL.excluded(t.IF_INDEX))
                .set(t.IF_NAME, DSL.excluded(t.IF_NAME)).set(t.SINCE, DSL.excluded(t.SINCE))
                .set(t.UPDATED_AT, DSL.excluded(t.UPDATED_AT)).set(t.IN_RATIO, DSL.excluded(t.IN_RATIO))
                .set(t.OUT_RATIO, DSL.excluded(t.OUT_RATIO)).set(t.IN_BPS, DSL.excluded(t.IN_BPS))
                .set(t.OUT_BPS, DSL.excluded(t.OUT_BPS))
                .set(t.UTILISATION_AT, DSL.excluded(t.UTILISATION_AT));
    }

    /** Link states of links no longer carried by a polled device: the poller says nothing about them any more. */
    /** When each device was last polled, by whichever instance, and whether it answered. */
    record Polled(Instant lastPoll, Boolean reachable) {
    }

    static Map<Long, Polled> polled(DSLContext dsl) {
        Map<Long, Polled> m = new java.util.HashMap<>();
        dsl.select(SNMP_DEVICE_STATE.DEVICE_ID, SNMP_DEVICE_STATE.LAST_POLL, SNMP_DEVICE_STATE.REACHABLE)
                .from(SNMP_DEVICE_STATE).forEach(r -> m.put(r.value1(), new Polled(r.value2(), r.value3())));
        return m;
    }

    static void forgetLinkStates(DSLContext dsl, Collection<Long> keep) {
        dsl.deleteFrom(SNMP_LINK_STATE).where(keep.isEmpty() ? DSL.trueCondition()
                : SNMP_LINK_STATE.LINK_ID.notIn(keep)).execute();
    }

    // ---- discovery

    static void identity(DSLContext dsl, long deviceId, vn.hatang.snmp.discovery.DiscoveryResult d, String identityJson) {
        var i = d.identity();
        var s = d.system();
        dsl.insertInto(SNMP_DEVICE_STATE).set(SNMP_DEVICE_STATE.DEVICE_ID, deviceId)
                .set(SNMP_DEVICE_STATE.SYS_NAME, cut(s.name(), 255)).set(SNMP_DEVICE_STATE.SYS_DESCR, cut(s.descr(), 1000))
                .set(SNMP_DEVICE_STATE.SYS_OBJECT_ID, cut(s.objectId(), 255))
                .set(SNMP_DEVICE_STATE.SYS_LOCATION, cut(s.location(), 255))
                .set(SNMP_DEVICE_STATE.SYS_CONTACT, cut(s.contact(), 255)).set(SNMP_DEVICE_STATE.SERIAL, cut(i.serial(), 100))
                .set(SNMP_DEVICE_STATE.MODEL, cut(i.model(), 200))
                .set(SNMP_DEVICE_STATE.SOFTWARE_VERSION, cut(i.version(), 200))
                .set(SNMP_DEVICE_STATE.VENDOR, cut(i.vendor(), 100)).set(SNMP_DEVICE_STATE.IDENTITY_PROFILE, i.profile())
                .set(SNMP_DEVICE_STATE.IDENTITY, JSONB.valueOf(identityJson))
                .set(SNMP_DEVICE_STATE.DISCOVERED_AT, d.time())
                .onConflict(SNMP_DEVICE_STATE.DEVICE_ID).doUpdate()
                .set(SNMP_DEVICE_STATE.SYS_NAME, cut(s.name(), 255)).set(SNMP_DEVICE_STATE.SYS_DESCR, cut(s.descr(), 1000))
                .set(SNMP_DEVICE_STATE.SYS_OBJECT_ID, cut(s.objectId(), 255))
                .set(SNMP_DEVICE_STATE.SYS_LOCATION, cut(s.location(), 255))
                .set(SNMP_DEVICE_STATE.SYS_CONTACT, cut(s.contact(), 255)).set(SNMP_DEVICE_STATE.SERIAL, cut(i.serial(), 100))
                .set(SNMP_DEVICE_STATE.MODEL, cut(i.model(), 200))
                .set(SNMP_DEVICE_STATE.SOFTWARE_VERSION, cut(i.version(), 200))
                .set(SNMP_DEVICE_STATE.VENDOR, cut(i.vendor(), 100)).set(SNMP_DEVICE_STATE.IDENTITY_PROFILE, i.profile())
                .set(SNMP_DEVICE_STATE.IDENTITY, JSONB.valueOf(identityJson))
                .set(SNMP_DEVICE_STATE.DISCOVERED_AT, d.time())
                .execute();
    }

    /** Replaces the open findings of a device by the latest discovery's: the old ones are resolved, dated now. */
    static void findings(DSLContext dsl, long deviceId, List<Finding> found, Instant now) {
        dsl.update(SNMP_FINDING).set(SNMP_FINDING.RESOLVED_AT, now).where(SNMP_FINDING.DEVICE_ID.eq(deviceId))
                .and(SNMP_FINDING.RESOLVED_AT.isNull()).execute();
        for (Finding f : found) {
            dsl.insertInto(SNMP_FINDING).set(SNMP_FINDING.DEVICE_ID, deviceId).set(SNMP_FINDING.KIND, f.kind().name())
                    .set(SNMP_FINDING.EXPECTED, cut(f.expected(), 255)).set(SNMP_FINDING.ACTUAL, cut(f.actual(), 255))
                    .set(SNMP_FINDING.MESSAGE, cut(f.message(vn.hatang.platform.i18n.Messages.VI), 1000))
                    .set(SNMP_FINDING.FOUND_AT, now).execute();
        }
    }

    // ---- reads for the API

    /** Rows of a device-owned table whose device lies in scope. */
    private static Condition deviceInScope(Field<Long> deviceId, Scope scope) {
        return scope.isWholeTree() ? DSL.trueCondition()
                : deviceId.in(DSL.select(DEVICE.ID).from(DEVICE).where(scope.covers(DEVICE.UNIT_ID)));
    }

    static SnmpDeviceStateRecord state(DSLContext dsl, Scope scope, long deviceId) {
        return dsl.selectFrom(SNMP_DEVICE_STATE).where(SNMP_DEVICE_STATE.DEVICE_ID.eq(deviceId))
                .and(deviceInScope(SNMP_DEVICE_STATE.DEVICE_ID, scope)).fetchOne();
    }

    static List<SnmpInterfaceRecord> interfaces(DSLContext dsl, Scope scope, long deviceId) {
        return dsl.selectFrom(SNMP_INTERFACE).where(SNMP_INTERFACE.DEVICE_ID.eq(deviceId))
                .and(deviceInScope(SNMP_INTERFACE.DEVICE_ID, scope)).orderBy(SNMP_INTERFACE.IF_INDEX).fetch();
    }

    static List<SnmpFindingRecord> openFindings(DSLContext dsl, Scope scope, long deviceId) {
        return dsl.selectFrom(SNMP_FINDING).where(SNMP_FINDING.DEVICE_ID.eq(deviceId))
                .and(deviceInScope(SNMP_FINDING.DEVICE_ID, scope)).and(SNMP_FINDING.RESOLVED_AT.isNull())
                .orderBy(SNMP_FINDING.ID).fetch();
    }

    /** Events newest first, within scope; {@code under} restricts to a unit's subtree. */
    static List<SnmpEventRecord> events(DSLContext dsl, Scope scope, Long deviceId, UnitRecord under, String kind,
                                        Instant from, Instant to, int limit) {
        Condition c = scope.covers(DEVICE.UNIT_ID);
        if (deviceId != null) {
            c = c.and(SNMP_EVENT.DEVICE_ID.eq(deviceId));
        }
        if (under != null) {
            c = c.and(DEVICE.UNIT_ID.in(DSL.select(UNIT.ID).from(UNIT).where(UNIT.PATH.startsWith(under.getPath()))));
        }
        if (kind != null) {
            c = c.and(SNMP_EVENT.KIND.eq(kind));
        }
        if (from != null) {
            c = c.and(SNMP_EVENT.AT.ge(from));
        }
        if (to != null) {
            c = c.and(SNMP_EVENT.AT.lt(to));
        }
        return dsl.select(SNMP_EVENT.asterisk()).from(SNMP_EVENT).join(DEVICE).on(DEVICE.ID.eq(SNMP_EVENT.DEVICE_ID))
                .where(c).orderBy(SNMP_EVENT.AT.desc(), SNMP_EVENT.ID.desc()).limit(limit).fetchInto(SNMP_EVENT);
    }

    /** Links (in scope, optionally of a subtree), by id after {@code after}, with their live state if any. */
    static List<Record> links(DSLContext dsl, Scope scope, UnitRecord under, String status, long after, int limit) {
        Condition c = scope.covers(LINK.UNIT_ID).and(LINK.ID.gt(after));
        if (under != null) {
            c = c.and(LINK.UNIT_ID.in(DSL.select(UNIT.ID).from(UNIT).where(UNIT.PATH.startsWith(under.getPath()))));
        }
        if (status != null) {
            c = c.and(status.equals("not_polled") ? SNMP_LINK_STATE.LINK_ID.isNull() : SNMP_LINK_STATE.STATUS.eq(status));
        }
        return linkQuery(dsl).where(c).orderBy(LINK.ID).limit(limit).fetch().map(r -> r);
    }

    static List<Record> links(DSLContext dsl, Scope scope, Collection<Long> ids) {
        return linkQuery(dsl).where(LINK.ID.in(ids)).and(scope.covers(LINK.UNIT_ID)).fetch().map(r -> r);
    }

    static Record link(DSLContext dsl, Scope scope, long id) {
        Record r = linkQuery(dsl).where(LINK.ID.eq(id)).and(scope.covers(LINK.UNIT_ID)).fetchOne();
        if (r == null) {
            throw ApiException.notFound("link", id);
        }
        return r;
    }

    private static org.jooq.SelectOnConditionStep<Record> linkQuery(DSLContext dsl) {
        return dsl.select(LINK.ID, LINK.CODE, LINK.KIND, LINK.STATUS, LINK.BANDWIDTH_MBPS, LINK.DEVICE_ID,
                        LINK.INTERFACE_NAME, UNIT.CODE, DEVICE.SERIAL)
                .select(SNMP_LINK_STATE.fields())
                .from(LINK).join(UNIT).on(UNIT.ID.eq(LINK.UNIT_ID))
                .leftJoin(DEVICE).on(DEVICE.ID.eq(LINK.DEVICE_ID))
                .leftJoin(SNMP_LINK_STATE).on(SNMP_LINK_STATE.LINK_ID.eq(LINK.ID));
    }

    /** Ids of the devices of a subtree, within scope. */
    static List<Long> devicesOf(DSLContext dsl, Scope scope, UnitRecord root) {
        return dsl.select(DEVICE.ID).from(DEVICE).join(UNIT).on(UNIT.ID.eq(DEVICE.UNIT_ID))
                .where(UNIT.PATH.startsWith(root.getPath())).and(scope.covers(DEVICE.UNIT_ID)).fetch(DEVICE.ID);
    }

    /** How many of these devices the scope covers (the whole tree: all of them, without asking). */
    static int countInScope(DSLContext dsl, Scope scope, Collection<Long> deviceIds) {
        if (scope.isWholeTree() || deviceIds.isEmpty()) {
            return deviceIds.size();
        }
        return dsl.fetchCount(DEVICE, DEVICE.ID.in(deviceIds).and(scope.covers(DEVICE.UNIT_ID)));
    }

    /** The interface that carried a link in the last poll (stored state), else the one the rule picks now. */
    static Integer carryingIfIndex(DSLContext dsl, Scope scope, Record link) {
        Integer stored = link.get(SNMP_LINK_STATE.IF_INDEX);
        if (stored != null) {
            return stored;
        }
        Long deviceId = link.get(LINK.DEVICE_ID);
        if (deviceId == null) {
            return null;
        }
        List<IfSample> known = new ArrayList<>();
        for (SnmpInterfaceRecord r : interfaces(dsl, scope, deviceId)) {
            known.add(new IfSample(r.getIfIndex(), r.getName(), r.getDescr(), r.getAlias(), r.getIfType(), null, null,
                    null, false, null, null, null, null, null, null, null));
        }
        int i = vn.hatang.snmp.links.CarriedInterface.find(link.get(LINK.INTERFACE_NAME), known);
        return i < 0 ? null : known.get(i).ifIndex;
    }

    /** Utilisation points of one interface: raw samples, or hourly roll-ups for long ranges. */
    static List<double[]> utilisation(DSLContext dsl, Scope scope, long deviceId, int ifIndex, Instant from,
                                      Instant to, boolean hourly, List<Instant> times) {
        if (!dsl.fetchExists(DEVICE, DEVICE.ID.eq(deviceId).and(scope.covers(DEVICE.UNIT_ID)))) {
            return List.of();
        }
        List<double[]> out = new ArrayList<>();
        if (hourly) {
            for (var r : dsl.select(SNMP_IF_HOURLY.HOUR, SNMP_IF_HOURLY.IN_BPS_AVG, SNMP_IF_HOURLY.OUT_BPS_AVG,
                            SNMP_IF_HOURLY.UP_RATIO).from(SNMP_IF_HOURLY)
                    .where(SNMP_IF_HOURLY.DEVICE_ID.eq(deviceId)).and(SNMP_IF_HOURLY.IF_INDEX.eq(ifIndex))
                    .and(SNMP_IF_HOURLY.HOUR.ge(from)).and(SNMP_IF_HOURLY.HOUR.lt(to)).orderBy(SNMP_IF_HOURLY.HOUR)
                    .fetch()) {
                times.add(r.value1());
                out.add(new double[] {nan(r.value2()), nan(r.value3()), nan(r.value4())});
            }
            return out;
        }
        // snmp_if_sample is partitioned and written with COPY, so jOOQ's generator does not see it.
        var sample = DSL.table(DSL.name("snmp_if_sample"));
        Field<Instant> ts = DSL.field(DSL.name("ts"), Instant.class);
        Field<Double> in = DSL.field(DSL.name("in_bps"), Double.class);
        Field<Double> out2 = DSL.field(DSL.name("out_bps"), Double.class);
        Field<Short> oper = DSL.field(DSL.name("oper_status"), Short.class);
        for (var r : dsl.select(ts, in, out2, oper).from(sample)
                .where(DSL.field(DSL.name("device_id"), Long.class).eq(deviceId))
                .and(DSL.field(DSL.name("if_index"), Integer.class).eq(ifIndex)).and(ts.ge(from)).and(ts.lt(to))
                .orderBy(ts).limit(20_000).fetch()) {
            times.add(r.value1());
            out.add(new double[] {nan(r.value2()), nan(r.value3()),
                    r.value4() == null ? Double.NaN : r.value4() == 1 ? 1.0 : 0.0});
        }
        return out;
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    static String cut(String s, int n) {
        return s == null || s.length() <= n ? s : s.substring(0, n);
    }
}
