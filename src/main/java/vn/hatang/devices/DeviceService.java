package vn.hatang.devices;

import static vn.hatang.db.Tables.DATA_DESTRUCTION;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.DEVICE_EVENT;
import static vn.hatang.db.Tables.HOLDING_HISTORY;
import static vn.hatang.db.Tables.INVESTMENT_LINE;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.RACK;
import static vn.hatang.db.Tables.SECURITY_CHECK;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.records.DeviceRecord;
import vn.hatang.db.tables.records.RackRecord;
import vn.hatang.platform.db.AnyOf;
import vn.hatang.platform.db.CrudRepository;
import vn.hatang.platform.db.CrudService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.db.DbLookups;
import vn.hatang.platform.db.RecordSpec;
import vn.hatang.platform.db.Search;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.json.Input;
import vn.hatang.platform.json.Json;
import vn.hatang.security.Scope;
import vn.hatang.units.UnitRepository;

/**
 * Devices of every category, their holder, rack position and lifecycle. The status changes only through
 * {@link #transition}, which enforces the gates of R2.
 */
public final class DeviceService extends CrudService<DeviceRecord> {
    /** States a device may be created in; later ones are reached through transitions and their records. */
    static final List<String> INITIAL_STATES = List.of("ordered", "received");

    public static final RecordSpec<DeviceRecord> SPEC = new RecordSpec<DeviceRecord>()
            .oneOf(DEVICE.CATEGORY, DeviceCategory.ALL, true)
            .text(DEVICE.SERIAL, 100, true)
            .text(DEVICE.ASSET_TAG, 100, false)
            .unique(DEVICE.ASSET_TAG)
            .text(DEVICE.MODEL, 200, false)
            .text(DEVICE.MANUFACTURER, 200, false)
            .ref(DEVICE.UNIT_ID, "unit_code", UNIT, UNIT.CODE, true)
            .ref(DEVICE.PERSON_ID, "person_code", PERSON, PERSON.CODE, false)
            .pastDate(DEVICE.ACQUIRED_ON, false)
            .ref(DEVICE.INVESTMENT_LINE_ID, "investment_line_code", INVESTMENT_LINE, INVESTMENT_LINE.CODE, false)
            .text(DEVICE.FUNDING_LINE, 200, false)
            .text(DEVICE.OS, 100, false)
            .integer(DEVICE.RAM_GB, 0, 65536, false)
            .text(DEVICE.CPU, 200, false)
            .bool(DEVICE.STORAGE_BEARING)
            .text(DEVICE.MGMT_ADDRESS, 255, false)
            .ref(DEVICE.RACK_ID, "rack_code", RACK, RACK.CODE, false)
            .integer(DEVICE.RACK_U, 1, 60, false)
            .integer(DEVICE.RACK_HEIGHT_U, 1, 60, false)
            .text(DEVICE.NOTES, 2000, false);

    /** Columns a device list may be sorted by ({@code sort=model}, {@code sort=-acquired_on}). */
    public static final List<String> SORTABLE = List.of("serial", "asset_tag", "model", "manufacturer", "category",
            "status", "acquired_on", "unit_code", "unit_name");

    /**
     * "Device {@code d} is modern today", as the KPIs count it: the coverage module's rule (in service and meeting its
     * category's modern rule, if the category has one), which lives there with the rules it reads.
     */
    public interface Modern {
        Condition of(DSLContext dsl, vn.hatang.db.tables.Device d);
    }

    /** For imports, which never list: without the {@code modern} filter. */
    public DeviceService(Db db) {
        this(db, null);
    }

    public DeviceService(Db db, Modern modern) {
        super(db, new CrudRepository<>(DEVICE, "device", DEVICE.ID, DEVICE.UNIT_ID, DEVICE.VERSION, DEVICE.UPDATED_AT, SPEC)
                .withCode(DEVICE.SERIAL).withSort(SORTABLE.toArray(String[]::new)),
                (dsl, scope, f) -> filter(dsl, scope, f, modern));
    }

    private static Condition filter(DSLContext dsl, Scope scope, Map<String, String> f, Modern modern) {
        Input in = Input.ofStrings(f);
        Condition c = DSL.trueCondition();
        if (f.get("modern") != null) {
            if (modern == null) {
                throw new IllegalStateException("the modern filter is not wired");
            }
            boolean wanted = in.oneOf("modern", List.of("true", "false"), false).equals("true");
            Condition m = modern.of(dsl, DEVICE);
            // "Not modern" is "not known to be modern": a rule compared with a missing value (RAM, date) is unknown.
            c = c.and(wanted ? m : DSL.not(DSL.condition(DSL.coalesce(DSL.field(m), DSL.inline(false)))));
        }
        if (f.get("under") != null) {
            c = c.and(UnitRepository.under(dsl, scope, DEVICE.UNIT_ID, f.get("under")));
        }
        if (f.get("category") != null) {
            c = c.and(DEVICE.CATEGORY.eq(in.oneOf("category", DeviceCategory.ALL, false)));
        }
        if (f.get("class") != null) {
            c = c.and(DEVICE.CATEGORY.in(DeviceCategory.CLASSES.get(in.oneOf("class", DeviceCategory.CLASSES.keySet(), false))));
        }
        if (f.get("status") != null) {
            c = c.and(DEVICE.STATUS.eq(in.oneOf("status", Lifecycle.STATES, false)));
        }
        if (f.get("person_code") != null) {
            c = c.and(DEVICE.PERSON_ID.in(DSL.select(PERSON.ID).from(PERSON).where(PERSON.CODE.eq(f.get("person_code")))));
        }
        if (f.get("q") != null) {
            c = c.and(Search.matches(f.get("q"), DEVICE.SERIAL, DEVICE.ASSET_TAG, DEVICE.MODEL, DEVICE.MANUFACTURER,
                    DEVICE.NOTES));
        }
        return c;
    }

    /** A device may be created ordered (the default) or already received. */
    @Override
    public JsonObject createSchema() {
        return vn.hatang.platform.http.Schema.extending(SPEC.schema(true))
                .optional("status", vn.hatang.platform.http.Schema.oneOf(INITIAL_STATES)).json();
    }

    @Override
    public DeviceRecord create(DSLContext dsl, Scope scope, Input in) {
        SPEC.rejectUnknown(in, "status");
        DeviceRecord d = newDevice(dsl, in, new DbLookups(dsl, scope));
        checkOne(dsl, scope, d);
        d.store();
        event(dsl, d.getId(), null, d.getStatus(), scope.actor().display(), null);
        d.refresh();
        return d;
    }

    /**
     * A new device from its fields, not yet stored or checked: created ordered (or received), storage-bearing as its
     * category is unless said otherwise.
     */
    public static DeviceRecord newDevice(DSLContext dsl, Input in, RecordSpec.Lookups lookups) {
        DeviceRecord d = dsl.newRecord(DEVICE);
        SPEC.apply(in, d, true, lookups);
        String status = in.oneOf("status", INITIAL_STATES, false);
        d.setStatus(status == null ? "ordered" : status);
        if (!in.has("storage_bearing")) {
            d.setStorageBearing(DeviceCategory.storageBearingByDefault(d.getCategory()));
        }
        return d;
    }

    @Override
    public DeviceRecord update(DSLContext dsl, Scope scope, long id, Integer ifMatch, Input in) {
        if (in.has("status")) {
            throw ApiException.invalid("status", "error.status_via_transition");
        }
        return super.update(dsl, scope, id, ifMatch, in);
    }

    /** A holder belongs to the device's unit; a rack position fits its rack and overlaps no other device. */
    @Override
    protected void checkRules(DSLContext dsl, Scope scope, List<DeviceRecord> ds, BiConsumer<Integer, ApiException> refuse) {
        List<Long> holders = ds.stream().map(DeviceRecord::getPersonId).filter(Objects::nonNull).distinct().toList();
        Map<Long, Long> unitOf = new HashMap<>();
        if (!holders.isEmpty()) {
            dsl.select(PERSON.ID, PERSON.UNIT_ID).from(PERSON).where(AnyOf.values(PERSON.ID, holders))
                    .forEach(r -> unitOf.put(r.value1(), r.value2()));
        }
        for (int i = 0; i < ds.size(); i++) {
            DeviceRecord d = ds.get(i);
            if (d.getPersonId() != null && !d.getUnitId().equals(unitOf.get(d.getPersonId()))) {
                refuse.accept(i, ApiException.invalid("person_code", "error.holder_other_unit"));
            }
        }
        checkRackPositions(dsl, ds, refuse);
    }

    /** One slot of a rack: the device in it and the units it takes. */
    private record Slot(Long deviceId, String serial, int bottom, int top) {
        boolean overlaps(Slot o) {
            return bottom <= o.top && o.bottom <= top;
        }
    }

    /**
     * A rack position is all three fields, inside the rack, and overlaps no other device — those already stored and
     * those written with it. The racks are locked (in id order) for the rest of the transaction.
     */
    private static void checkRackPositions(DSLContext dsl, List<DeviceRecord> ds, BiConsumer<Integer, ApiException> refuse) {
        Map<Long, List<Integer>> byRack = new TreeMap<>();
        for (int i = 0; i < ds.size(); i++) {
            DeviceRecord d = ds.get(i);
            if (d.getRackId() == null && d.getRackU() == null && d.getRackHeightU() == null) {
                continue;
            }
            if (d.getRackId() == null || d.getRackU() == null || d.getRackHeightU() == null) {
                refuse.accept(i, ApiException.invalid(d.getRackId() == null ? "rack_code" : d.getRackU() == null ? "rack_u"
                        : "rack_height_u", "error.rack_position_incomplete"));
                continue;
            }
            byRack.computeIfAbsent(d.getRackId(), k -> new ArrayList<>()).add(i);
        }
        if (byRack.isEmpty()) {
            return;
        }
        Map<Long, RackRecord> racks = dsl.selectFrom(RACK).where(RACK.ID.in(byRack.keySet())).orderBy(RACK.ID).forUpdate()
                .fetchMap(RACK.ID);
        Set<Long> written = ds.stream().map(DeviceRecord::getId).filter(Objects::nonNull).collect(Collectors.toSet());
        Map<Long, List<Slot>> taken = new HashMap<>();
        dsl.select(DEVICE.ID, DEVICE.SERIAL, DEVICE.RACK_ID, DEVICE.RACK_U, DEVICE.RACK_HEIGHT_U).from(DEVICE)
                .where(DEVICE.RACK_ID.in(byRack.keySet())).forEach(r -> {
                    if (!written.contains(r.value1())) {
                        taken.computeIfAbsent(r.value3(), k -> new ArrayList<>())
                                .add(new Slot(r.value1(), r.value2(), r.value4(), r.value4() + r.value5() - 1));
                    }
                });
        byRack.forEach((rackId, indexes) -> {
            RackRecord rack = racks.get(rackId);
            List<Slot> slots = taken.computeIfAbsent(rackId, k -> new ArrayList<>());
            for (int i : indexes) {
                DeviceRecord d = ds.get(i);
                Slot slot = new Slot(d.getId(), d.getSerial(), d.getRackU(), d.getRackU() + d.getRackHeightU() - 1);
                if (slot.top() > rack.getHeightU()) {
                    refuse.accept(i, ApiException.invalid("rack_u", "error.rack_outside", rack.getCode(),
                            String.valueOf(rack.getHeightU())));
                    continue;
                }
                var clash = slots.stream().filter(slot::overlaps).findFirst();
                if (clash.isPresent()) {
                    refuse.accept(i, ApiException.conflict("error.rack_overlap", null, "rack_u")
                            .with("overlaps_serial", clash.get().serial()));
                    continue;
                }
                slots.add(slot);
            }
        });
    }

    /** Moves a device to another lifecycle state, enforcing the order and the gates. */
    public Future<JsonObject> transition(Scope scope, long id, Integer ifMatch, Input in) {
        return db.tx(scope, dsl -> {
            DeviceRecord d = repo.lock(dsl, scope, id, ifMatch);
            String to = in.oneOf("to", Lifecycle.STATES, true);
            transition(dsl, d, to, in.text("note", 2000, false), scope.actor().display());
            return repo.json(dsl, scope, id);
        });
    }

    /** Moves a device one step, after {@link #checkStep} with the records the database holds. */
    public static void transition(DSLContext dsl, DeviceRecord d, String to, String note, String actor) {
        String from = d.getStatus();
        if (from.equals(to)) {
            return;
        }
        checkStep(d, to, gate -> switch (gate) {
            case SECURITY_CHECK -> dsl.fetchExists(SECURITY_CHECK,
                    SECURITY_CHECK.DEVICE_ID.eq(d.getId()).and(SECURITY_CHECK.PASSED.isTrue()));
            case DATA_DESTRUCTION -> dsl.fetchExists(DATA_DESTRUCTION, DATA_DESTRUCTION.DEVICE_ID.eq(d.getId()));
        });
        d.setStatus(to);
        d.setVersion(d.getVersion() + 1);
        d.setUpdatedAt(Instant.now());
        d.update();
        event(dsl, d.getId(), from, to, actor, note);
    }

    /**
     * The rules of R2 for one step from the device's status to {@code to}, in the order a person would fix them:
     * the order of the states, then the record the step needs ({@code recorded} says whether the device has it).
     * The API and the importer both ask here.
     */
    public static void checkStep(DeviceRecord d, String to, Predicate<Lifecycle.Gate> recorded) {
        String from = d.getStatus();
        if (!Lifecycle.allowed(from, to)) {
            var missing = Lifecycle.missingStep(from, to);
            if (missing.isPresent()) {
                throw ApiException.stateConflict("error.transition_missing_step", from, to, missing.get())
                        .with("missing_step", missing.get()).with("from", from).with("to", to);
            }
            throw ApiException.stateConflict("error.transition_illegal", from, to).with("from", from).with("to", to);
        }
        var gate = Lifecycle.gate(from, to, d.getStorageBearing());
        if (gate.isPresent() && !recorded.test(gate.get())) {
            throw gate.get() == Lifecycle.Gate.SECURITY_CHECK
                    ? ApiException.stateConflict("error.needs_security_check", d.getSerial())
                            .with("missing_step", "security_check").with("from", from).with("to", to)
                    : ApiException.stateConflict("error.needs_data_destruction", d.getSerial())
                            .with("missing_step", "data_destruction").with("from", from).with("to", to);
        }
    }

    /** Records a security check; a passed check of a received device moves it to security_checked. */
    public Future<JsonObject> recordSecurityCheck(Scope scope, long id, Input in) {
        return db.tx(scope, dsl -> {
            DeviceRecord d = repo.lock(dsl, scope, id, null);
            var check = dsl.newRecord(SECURITY_CHECK);
            check.setDeviceId(d.getId());
            check.setCheckedOn(in.pastDate("checked_on", true));
            check.setCheckedBy(in.text("checked_by", 200, true));
            check.setPassed(in.bool("passed", true));
            check.setDocumentNo(in.text("document_no", 100, false));
            check.setNote(in.text("note", 2000, false));
            check.store();
            if (check.getPassed() && "received".equals(d.getStatus())) {
                transition(dsl, d, "security_checked", "security check " + check.getId(), scope.actor().display());
            }
            return Json.of(check).put("device", Json.of(d));
        });
    }

    public Future<JsonObject> recordDataDestruction(Scope scope, long id, Input in) {
        return db.tx(scope, dsl -> {
            DeviceRecord d = repo.lock(dsl, scope, id, null);
            var rec = dsl.newRecord(DATA_DESTRUCTION);
            rec.setDeviceId(d.getId());
            rec.setDestroyedOn(in.pastDate("destroyed_on", true));
            rec.setMethod(in.text("method", 200, true));
            rec.setWitness(in.text("witness", 200, false));
            rec.setDocumentNo(in.text("document_no", 100, false));
            rec.store();
            return Json.of(rec);
        });
    }

    /** Lifecycle events, checks, destruction records and where the device was held, oldest first. */
    public Future<JsonObject> history(Scope scope, long id) {
        return db.read(scope, dsl -> {
            DeviceRecord d = repo.find(dsl, scope, id);
            return new JsonObject()
                    .put("device", Json.of(d))
                    .put("events", Json.array(dsl.selectFrom(DEVICE_EVENT).where(DEVICE_EVENT.DEVICE_ID.eq(id)).orderBy(DEVICE_EVENT.ID).fetch()))
                    .put("security_checks", Json.array(dsl.selectFrom(SECURITY_CHECK).where(SECURITY_CHECK.DEVICE_ID.eq(id)).orderBy(SECURITY_CHECK.ID).fetch()))
                    .put("data_destructions", Json.array(dsl.selectFrom(DATA_DESTRUCTION).where(DATA_DESTRUCTION.DEVICE_ID.eq(id)).orderBy(DATA_DESTRUCTION.ID).fetch()))
                    .put("holdings", Json.array(dsl.selectFrom(HOLDING_HISTORY).where(HOLDING_HISTORY.ENTITY.eq("device"),
                            HOLDING_HISTORY.ENTITY_ID.eq(id)).orderBy(HOLDING_HISTORY.VALID_FROM, HOLDING_HISTORY.ID).fetch()));
        });
    }

    /** Where the device was (unit and holder) at an instant. */
    public Future<JsonObject> locationAt(Scope scope, long id, Instant at) {
        return db.read(scope, dsl -> {
            repo.find(dsl, scope, id);
            var h = dsl.select(HOLDING_HISTORY.UNIT_ID, UNIT.CODE, UNIT.NAME, HOLDING_HISTORY.PERSON_ID,
                            HOLDING_HISTORY.VALID_FROM, HOLDING_HISTORY.VALID_TO)
                    .from(HOLDING_HISTORY).join(UNIT).on(UNIT.ID.eq(HOLDING_HISTORY.UNIT_ID))
                    .where(HOLDING_HISTORY.ENTITY.eq("device"), HOLDING_HISTORY.ENTITY_ID.eq(id),
                            HOLDING_HISTORY.VALID_FROM.le(at),
                            HOLDING_HISTORY.VALID_TO.isNull().or(HOLDING_HISTORY.VALID_TO.gt(at)))
                    .fetchOne();
            if (h == null) {
                throw ApiException.of(404, "not-found", "error.no_location_then", at.toString());
            }
            return new JsonObject().put("at", at.toString()).put("unit_id", h.value1()).put("unit_code", h.value2())
                    .put("unit_name", h.value3()).put("person_id", h.value4())
                    .put("valid_from", h.value5().toString()).put("valid_to", h.value6() == null ? null : h.value6().toString());
        });
    }

    static void event(DSLContext dsl, long deviceId, String from, String to, String actor, String note) {
        dsl.insertInto(DEVICE_EVENT).set(DEVICE_EVENT.DEVICE_ID, deviceId).set(DEVICE_EVENT.FROM_STATUS, from)
                .set(DEVICE_EVENT.TO_STATUS, to).set(DEVICE_EVENT.ACTOR, actor).set(DEVICE_EVENT.NOTE, note).execute();
    }
}
