package vn.hatang.inventory;

import static vn.hatang.db.Tables.DATA_DESTRUCTION;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.INFORMATION_SYSTEM;
import static vn.hatang.db.Tables.INVESTMENT_LINE;
import static vn.hatang.db.Tables.LINK;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.RACK;
import static vn.hatang.db.Tables.SECURITY_CHECK;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.UpdatableRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.coverage.TargetsFile;
import vn.hatang.datacenter.InformationSystemService;
import vn.hatang.datacenter.RackService;
import vn.hatang.db.tables.records.DeviceRecord;
import vn.hatang.devices.DeviceService;
import vn.hatang.devices.InvestmentLineService;
import vn.hatang.devices.Lifecycle;
import vn.hatang.links.LinkService;
import vn.hatang.people.PersonService;
import vn.hatang.platform.db.CrudService;
import vn.hatang.audit.AuditTrail;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.db.DbLookups;
import vn.hatang.platform.db.DbErrors;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.json.Input;
import vn.hatang.platform.json.Json;
import vn.hatang.security.Scope;
import vn.hatang.units.UnitService;

/**
 * Imports an inventory directory all or nothing. Everything runs in one transaction, each row in its own savepoint so
 * that every problem is reported, not just the first; the transaction commits only when there is no error and this
 * is not a dry run. Rows are matched by their code (serial for devices): importing the same files again changes nothing.
 */
public final class InventoryImporter {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryImporter.class);
    /** The note of the device events an import writes: reports tell an import from a real delivery or retirement by it. */
    public static final String EVENT_NOTE = "import";
    private static final Set<String> NOT_COMPARED = Set.of("id", "created_at", "updated_at", "version", "path", "depth");

    private final Db db;
    private final AuditTrail audit;
    private final UnitService units;
    private final Map<InventoryKind, CrudService<?>> services = new EnumMap<>(InventoryKind.class);
    private final Map<InventoryKind, TableField<?, String>> keys = new EnumMap<>(InventoryKind.class);

    public InventoryImporter(Db db, AuditTrail audit) {
        this.db = db;
        this.audit = audit;
        this.units = new UnitService(db);
        services.put(InventoryKind.INVESTMENT_LINES, new InvestmentLineService(db));
        services.put(InventoryKind.PEOPLE, new PersonService(db));
        services.put(InventoryKind.RACKS, new RackService(db));
        services.put(InventoryKind.DEVICES, new DeviceService(db));
        services.put(InventoryKind.LINKS, new LinkService(db));
        services.put(InventoryKind.INFORMATION_SYSTEMS, new InformationSystemService(db));
        keys.put(InventoryKind.UNITS, UNIT.CODE);
        keys.put(InventoryKind.INVESTMENT_LINES, INVESTMENT_LINE.CODE);
        keys.put(InventoryKind.PEOPLE, PERSON.CODE);
        keys.put(InventoryKind.RACKS, RACK.CODE);
        keys.put(InventoryKind.DEVICES, DEVICE.SERIAL);
        keys.put(InventoryKind.LINKS, LINK.CODE);
        keys.put(InventoryKind.INFORMATION_SYSTEMS, INFORMATION_SYSTEM.CODE);
    }

    /**
     * Synchronous: call it off the event loop. Rows are read and written within {@code scope}: a row about a unit
     * outside it, or matching a row that belongs to one, is an error on that row, and the whole import is refused.
     * The audit gets one row for the import (the per-row capture is off for bulk work).
     */
    public ImportResult importDirectory(Scope scope, Path dir, boolean dryRun) {
        long t0 = System.nanoTime();
        ImportResult result = new ImportResult();
        InventoryFiles files = new InventoryFiles();
        Map<InventoryKind, List<Row>> rows = new EnumMap<>(InventoryKind.class);
        for (InventoryKind kind : InventoryKind.values()) {
            rows.put(kind, files.read(dir, kind));
        }
        files.errors().forEach(result::error);
        TargetsFile.Content targets = TargetsFile.read(dir); // coverage targets and rules (issue 5)
        targets.errors().forEach(result::error);
        if (rows.values().stream().allMatch(List::isEmpty) && !targets.present() && !result.hasErrors()) {
            result.error(new RowError(dir.toString(), 0, null, "import.no_inventory_files",
                    java.util.Arrays.stream(InventoryKind.values()).map(InventoryKind::file)
                            .collect(java.util.stream.Collectors.joining(", "))));
        }
        for (InventoryKind kind : InventoryKind.values()) {
            duplicates(kind, rows.get(kind), result);
        }
        if (result.hasErrors()) {
            return result; // the files themselves are unreadable: applying rows would only add noise
        }
        rows.put(InventoryKind.UNITS, parentsFirst(rows.get(InventoryKind.UNITS), result));
        if (result.hasErrors()) {
            return result;
        }
        try {
            db.inTransaction(scope, dsl -> {
                AuditTrail.summaryOnly(dsl);
                for (InventoryKind kind : InventoryKind.values()) {
                    for (Row row : rows.get(kind)) {
                        applyRow(dsl, scope, kind, row, result);
                    }
                }
                targets.apply(dsl, result::error, result::change);
                if (result.hasErrors() || dryRun) {
                    throw new Rollback();
                }
                vn.hatang.monitoring.Activities.succeeded(dsl, vn.hatang.monitoring.Activities.IMPORT, result.summary());
                audit.record(dsl, scope, "importInventory", "import", dir.getFileName() == null ? null
                        : dir.getFileName().toString(), null, null, new JsonObject().put("summary", result.summary())
                        .put("changes", new io.vertx.core.json.JsonArray(result.changes()
                                .subList(0, Math.min(1000, result.changes().size())))));
                return null;
            });
            result.applied(true);
        } catch (Rollback expected) {
            result.applied(false);
        }
        LOG.info("Nhập kiểm kê / inventory import from {} ({}): {} in {} ms, {} errors", dir,
                dryRun ? "dry run" : "apply", result.summary(), (System.nanoTime() - t0) / 1_000_000, result.errors().size());
        return result;
    }

    /** Thrown to roll the whole import back after it has been fully evaluated. */
    private static final class Rollback extends RuntimeException {
        Rollback() {
            super(null, null, false, false);
        }
    }

    /** The same code twice in one file; for people the likely cause, "one person in two units", is said so. */
    private static void duplicates(InventoryKind kind, List<Row> rows, ImportResult result) {
        Map<String, Row> seen = new HashMap<>();
        for (Row row : rows) {
            String key = row.get(kind.keyColumn());
            if (key == null) {
                continue; // reported as a missing value when the row is applied
            }
            Row first = seen.putIfAbsent(key, row);
            if (first != null) {
                boolean twoUnits = kind == InventoryKind.PEOPLE && first.get("unit_code") != null
                        && !first.get("unit_code").equals(row.get("unit_code"));
                result.error(twoUnits
                        ? new RowError(row.file(), row.line(), "unit_code", "import.person_two_units", key,
                                first.get("unit_code"), String.valueOf(first.line()), row.get("unit_code"))
                        : new RowError(row.file(), row.line(), kind.keyColumn(), "import.duplicate_key", key,
                                String.valueOf(first.line())));
            }
        }
    }

    /** Orders unit rows so that a parent comes before its children; a cycle is an error naming its units. */
    private static List<Row> parentsFirst(List<Row> rows, ImportResult result) {
        Map<String, Row> byCode = new LinkedHashMap<>();
        rows.forEach(r -> byCode.put(r.get("code"), r));
        List<Row> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (Row row : rows) {
            List<String> chain = new ArrayList<>();
            String code = row.get("code");
            while (code != null && byCode.containsKey(code) && !done.contains(code)) {
                if (chain.contains(code)) {
                    List<String> cycle = chain.subList(chain.indexOf(code), chain.size());
                    result.error(new RowError(row.file(), byCode.get(code).line(), "parent_code", "import.unit_cycle",
                            String.join(" → ", cycle) + " → " + code));
                    cycle.forEach(done::add);
                    break;
                }
                chain.add(code);
                code = byCode.get(code).get("parent_code");
            }
            for (int i = chain.size() - 1; i >= 0; i--) {
                if (done.add(chain.get(i))) {
                    ordered.add(byCode.get(chain.get(i)));
                }
            }
        }
        return ordered;
    }

    private void applyRow(DSLContext dsl, Scope scope, InventoryKind kind, Row row, ImportResult result) {
        String key = row.get(kind.keyColumn());
        try {
            dsl.transaction(nested -> DbErrors.translate(() -> {
                DSLContext tx = nested.dsl();
                Record existing = tx.selectFrom(keys.get(kind).getTable()).where(keys.get(kind).eq(key))
                        .and(DbLookups.scopeOf(keys.get(kind).getTable(), scope)).fetchOne();
                JsonObject before = existing == null ? null : Json.of(existing);
                Record after = kind == InventoryKind.UNITS ? applyUnit(tx, scope, row, existing)
                        : kind == InventoryKind.DEVICES ? applyDevice(tx, scope, row, (DeviceRecord) existing)
                        : applyPlain(tx, scope, kind, row.input(), existing);
                record(kind, row, key, before, Json.of(after), result);
                return null;
            }));
        } catch (ApiException e) {
            Object[] args = e.args();
            result.error(new RowError(row.file(), row.line(), e.field(), e.messageKey(), args));
        }
    }

    private Record applyUnit(DSLContext dsl, Scope scope, Row row, Record existing) {
        return existing == null ? units.create(dsl, scope, row.input())
                : units.update(dsl, scope, existing.get(UNIT.ID), null, row.input());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Record applyPlain(DSLContext dsl, Scope scope, InventoryKind kind, Input in, Record existing) {
        CrudService service = services.get(kind);
        return existing == null ? (Record) service.create(dsl, scope, in)
                : (Record) service.update(dsl, scope, ((UpdatableRecord<?>) existing).get("id", Long.class), null, in);
    }

    /**
     * A device row names the state the device is in; the importer walks it there through the lifecycle, writing the
     * security check and data destruction the gates ask for from the row's dates, so a file cannot skip a gate either.
     */
    private Record applyDevice(DSLContext dsl, Scope scope, Row row, DeviceRecord existing) {
        Map<String, String> fields = new LinkedHashMap<>(row.values());
        String status = row.input().oneOf("status", Lifecycle.STATES, false);
        LocalDate checkedOn = row.input().date("security_checked_on", false);
        String checkedBy = row.get("security_checked_by");
        LocalDate destroyedOn = row.input().date("data_destroyed_on", false);
        List.of("status", "security_checked_on", "security_checked_by", "data_destroyed_on").forEach(fields::remove);
        if (row.get("storage_bearing") == null) {
            fields.remove("storage_bearing"); // blank: the category decides (a PC holds data, a printer need not)
        }
        Input in = Input.ofStrings(fields);
        DeviceRecord d = (DeviceRecord) applyPlain(dsl, scope, InventoryKind.DEVICES, in, existing);
        String target = status == null ? d.getStatus() : status;
        if (!target.equals(d.getStatus()) && Lifecycle.path(d.getStatus(), target).isEmpty()) {
            throw ApiException.invalid("status", "import.status_backwards", d.getStatus(), target);
        }
        for (String step : Lifecycle.path(d.getStatus(), target)) {
            if ("security_checked".equals(step) && !dsl.fetchExists(SECURITY_CHECK,
                    SECURITY_CHECK.DEVICE_ID.eq(d.getId()).and(SECURITY_CHECK.PASSED.isTrue()))) {
                if (checkedOn == null) {
                    throw ApiException.invalid("security_checked_on", "import.needs_security_check", target);
                }
                dsl.insertInto(SECURITY_CHECK).set(SECURITY_CHECK.DEVICE_ID, d.getId()).set(SECURITY_CHECK.CHECKED_ON, checkedOn)
                        .set(SECURITY_CHECK.CHECKED_BY, checkedBy == null ? "kiểm kê" : checkedBy)
                        .set(SECURITY_CHECK.PASSED, true).execute();
            }
            if ("disposed".equals(step) && d.getStorageBearing()
                    && !dsl.fetchExists(DATA_DESTRUCTION, DATA_DESTRUCTION.DEVICE_ID.eq(d.getId()))) {
                if (destroyedOn == null) {
                    throw ApiException.invalid("data_destroyed_on", "import.needs_data_destruction");
                }
                dsl.insertInto(DATA_DESTRUCTION).set(DATA_DESTRUCTION.DEVICE_ID, d.getId())
                        .set(DATA_DESTRUCTION.DESTROYED_ON, destroyedOn).set(DATA_DESTRUCTION.METHOD, "kiểm kê").execute();
            }
            DeviceService.transition(dsl, d, step, EVENT_NOTE, scope.actor().display());
        }
        return d;
    }

    private static void record(InventoryKind kind, Row row, String key, JsonObject before, JsonObject after,
            ImportResult result) {
        ImportResult.Counts c = result.counts(kind);
        if (before == null) {
            c.added++;
            return;
        }
        List<String> diffs = new ArrayList<>();
        for (String f : after.fieldNames()) {
            if (!NOT_COMPARED.contains(f) && !java.util.Objects.equals(before.getValue(f), after.getValue(f))) {
                diffs.add(f + ": " + before.getValue(f) + " → " + after.getValue(f));
            }
        }
        if (diffs.isEmpty()) {
            c.unchanged++;
        } else {
            c.changed++;
            result.change(row.file() + ":" + row.line() + " " + key + " — " + String.join("; ", diffs));
        }
    }
}
