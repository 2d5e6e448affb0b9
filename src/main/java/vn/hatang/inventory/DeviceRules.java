package vn.hatang.inventory;

import static vn.hatang.db.Tables.DATA_DESTRUCTION;
import static vn.hatang.db.Tables.DEVICE_EVENT;
import static vn.hatang.db.Tables.SECURITY_CHECK;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import vn.hatang.db.tables.records.DataDestructionRecord;
import vn.hatang.db.tables.records.DeviceEventRecord;
import vn.hatang.db.tables.records.DeviceRecord;
import vn.hatang.db.tables.records.SecurityCheckRecord;
import vn.hatang.devices.DeviceService;
import vn.hatang.devices.Lifecycle;
import vn.hatang.platform.db.BulkCopy;
import vn.hatang.platform.db.AnyOf;
import vn.hatang.platform.db.CrudRepository;
import vn.hatang.platform.db.RecordSpec;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.json.Input;

/**
 * A device row names the state the device is in; the importer walks it there step by step through
 * {@link DeviceService#checkStep} — the API's rules — recording the security check and the data destruction the gates
 * ask for from the row's dates, so a file cannot skip a gate either. A date that differs from the device's latest
 * record adds a new record. A device new to the inventory gets one event (the state it was found in); a device that
 * moves gets one per step, as through the API; their note says they came from an import
 * ({@link InventoryImporter#EVENT_NOTE}), so reports do not count them as deliveries or retirements. Events and
 * records are written together after the devices.
 */
final class DeviceRules implements TableImport.Rules<DeviceRecord> {
    /** Who checked or destroyed, when a row does not say. */
    private static final String BY_INVENTORY = "kiểm kê";
    private static final List<String> WALK_COLUMNS = List.of("status", "security_checked_on", "security_checked_by",
            "data_destroyed_on");

    private record Event(DeviceRecord device, String from, String to) {
    }

    private record Check(DeviceRecord device, LocalDate on, String by) {
    }

    private record Destruction(DeviceRecord device, LocalDate on) {
    }

    private final String actor;
    private final Map<Long, SecurityCheckRecord> latestCheck = new HashMap<>();
    private final Map<Long, LocalDate> latestDestruction = new HashMap<>();
    private final List<Event> events = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<Destruction> destructions = new ArrayList<>();

    /** {@code actor}: who imports, as the device events name them. */
    DeviceRules(String actor) {
        this.actor = actor;
    }

    @Override
    public Input input(Row row) {
        Map<String, String> fields = new LinkedHashMap<>(row.values());
        WALK_COLUMNS.forEach(fields::remove);
        if (row.get("storage_bearing") == null) {
            fields.remove("storage_bearing"); // blank: the category decides (a PC holds data, a printer need not)
        }
        return Input.ofStrings(fields);
    }

    @Override
    public DeviceRecord create(DSLContext dsl, CrudRepository<DeviceRecord> repo, Input in, RecordSpec.Lookups lookups) {
        return DeviceService.newDevice(dsl, in, lookups);
    }

    @Override
    public void prepare(DSLContext dsl, Collection<DeviceRecord> existing) {
        List<Long> ids = existing.stream().map(DeviceRecord::getId).toList();
        if (!ids.isEmpty()) {
            dsl.selectFrom(SECURITY_CHECK).where(AnyOf.values(SECURITY_CHECK.DEVICE_ID, ids), SECURITY_CHECK.PASSED.isTrue())
                    .orderBy(SECURITY_CHECK.CHECKED_ON, SECURITY_CHECK.ID)
                    .forEach(c -> latestCheck.put(c.getDeviceId(), c));
            dsl.select(DATA_DESTRUCTION.DEVICE_ID, DATA_DESTRUCTION.DESTROYED_ON).from(DATA_DESTRUCTION)
                    .where(AnyOf.values(DATA_DESTRUCTION.DEVICE_ID, ids)).orderBy(DATA_DESTRUCTION.DESTROYED_ON, DATA_DESTRUCTION.ID)
                    .forEach(r -> latestDestruction.put(r.value1(), r.value2()));
        }
    }

    @Override
    public List<String> after(Row row, DeviceRecord d, boolean creating) {
        Input in = row.input();
        String status = in.oneOf("status", Lifecycle.STATES, false);
        LocalDate checkedOn = in.pastDate("security_checked_on", false);
        String checkedBy = in.text("security_checked_by", 200, false);
        LocalDate destroyedOn = in.pastDate("data_destroyed_on", false);
        String from = d.getStatus();
        String target = status == null ? from : status;
        if (!target.equals(from) && Lifecycle.path(from, target).isEmpty()) {
            throw ApiException.invalid("status", "import.status_backwards", from, target);
        }
        List<String> changes = new ArrayList<>();
        List<Event> planned = new ArrayList<>();
        List<Check> newChecks = new ArrayList<>();
        List<Destruction> newDestructions = new ArrayList<>();
        SecurityCheckRecord check = creating ? null : latestCheck.get(d.getId());
        LocalDate destroyed = creating ? null : latestDestruction.get(d.getId());
        boolean[] has = {check != null, destroyed != null};
        String at = from;
        for (String step : Lifecycle.path(from, target)) {
            var gate = Lifecycle.gate(at, step, d.getStorageBearing());
            if (gate.orElse(null) == Lifecycle.Gate.SECURITY_CHECK && !has[0]) {
                if (checkedOn == null) {
                    throw ApiException.invalid("security_checked_on", "import.needs_security_check", step);
                }
                newChecks.add(new Check(d, checkedOn, checkedBy));
                has[0] = true;
            }
            if (gate.orElse(null) == Lifecycle.Gate.DATA_DESTRUCTION && !has[1]) {
                if (destroyedOn == null) {
                    throw ApiException.invalid("data_destroyed_on", "import.needs_data_destruction");
                }
                newDestructions.add(new Destruction(d, destroyedOn));
                has[1] = true;
            }
            DeviceService.checkStep(d, step, g -> g == Lifecycle.Gate.SECURITY_CHECK ? has[0] : has[1]);
            if (!creating) {
                planned.add(new Event(d, at, step));
            }
            at = step;
            d.setStatus(step);
        }
        if (creating) {
            planned.add(new Event(d, null, target)); // one event for a device that enters the inventory: as found
        }
        if (!creating) {
            if (!target.equals(from)) {
                changes.add("status: " + from + " → " + target);
            }
            if (check != null && checkedOn != null && (!checkedOn.equals(check.getCheckedOn())
                    || checkedBy != null && !checkedBy.equals(check.getCheckedBy()))) {
                newChecks.add(new Check(d, checkedOn, checkedBy == null ? check.getCheckedBy() : checkedBy));
                changes.add("security_checked_on: " + check.getCheckedOn() + " → " + checkedOn
                        + (Objects.equals(checkedBy, check.getCheckedBy()) || checkedBy == null ? ""
                                : "; security_checked_by: " + check.getCheckedBy() + " → " + checkedBy));
            } else if (newChecks.size() == 1 && check == null) {
                changes.add("security_checked_on: ∅ → " + checkedOn);
            }
            if (destroyed != null && destroyedOn != null && !destroyedOn.equals(destroyed)) {
                newDestructions.add(new Destruction(d, destroyedOn));
                changes.add("data_destroyed_on: " + destroyed + " → " + destroyedOn);
            } else if (newDestructions.size() == 1 && destroyed == null) {
                changes.add("data_destroyed_on: ∅ → " + destroyedOn);
            }
        }
        events.addAll(planned);
        checks.addAll(newChecks);
        destructions.addAll(newDestructions);
        return changes;
    }

    @Override
    public void written(DSLContext dsl) {
        List<DeviceEventRecord> ev = new ArrayList<>(events.size());
        events.removeIf(e -> e.device().getId() == null); // refused rows are not stored
        checks.removeIf(c -> c.device().getId() == null);
        destructions.removeIf(x -> x.device().getId() == null);
        for (Event e : events) {
            DeviceEventRecord r = dsl.newRecord(DEVICE_EVENT);
            r.setDeviceId(e.device().getId());
            r.setFromStatus(e.from());
            r.setToStatus(e.to());
            r.setActor(actor);
            r.setNote(InventoryImporter.EVENT_NOTE);
            ev.add(r);
        }
        List<SecurityCheckRecord> sc = new ArrayList<>(checks.size());
        for (Check c : checks) {
            SecurityCheckRecord r = dsl.newRecord(SECURITY_CHECK);
            r.setDeviceId(c.device().getId());
            r.setCheckedOn(c.on());
            r.setCheckedBy(c.by() == null ? BY_INVENTORY : c.by());
            r.setPassed(true);
            sc.add(r);
        }
        List<DataDestructionRecord> dd = new ArrayList<>(destructions.size());
        for (Destruction x : destructions) {
            DataDestructionRecord r = dsl.newRecord(DATA_DESTRUCTION);
            r.setDeviceId(x.device().getId());
            r.setDestroyedOn(x.on());
            r.setMethod(BY_INVENTORY);
            dd.add(r);
        }
        BulkCopy.insert(dsl, SECURITY_CHECK, sc);
        BulkCopy.insert(dsl, DATA_DESTRUCTION, dd);
        BulkCopy.insert(dsl, DEVICE_EVENT, ev);
    }
}
