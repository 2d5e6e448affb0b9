package vn.hatang.inventory;

import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.PKI_TOKEN;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.audit.AuditTrail;
import vn.hatang.coverage.TargetsFile;
import vn.hatang.db.tables.records.PkiTokenRecord;
import vn.hatang.db.tables.records.UnitRecord;
import vn.hatang.devices.DeviceService;
import vn.hatang.monitoring.Activities;
import vn.hatang.pki.tokens.TokenService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.db.DbErrors;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Scope;

/**
 * Imports inventory files all or nothing, in one transaction that commits only when no row has an error and this is
 * not a dry run (a killed import leaves nothing behind). Rows are matched by their code (serial for devices and
 * tokens): importing the same files again changes nothing. Most files go through {@link TableImport}, a few
 * statements per file; units (few, each placed in the tree) and tokens (each state change a move with its paperwork)
 * go row by row, each in a savepoint, so that every problem is reported, not just the first.
 */
public final class InventoryImporter {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryImporter.class);
    /** The note of the device events an import writes: reports tell an import from a real delivery or retirement by it. */
    public static final String EVENT_NOTE = "import";

    private final Db db;
    private final AuditTrail audit;
    private final Resources resources;

    public InventoryImporter(Db db, AuditTrail audit) {
        this.db = db;
        this.audit = audit;
        this.resources = new Resources(db);
    }

    /**
     * The inventory files of a directory, and its {@code targets.yaml}. Synchronous: call it off the event loop.
     * Rows are read and written within {@code scope}: a row about a unit outside it, or matching a row that belongs to
     * one, is an error on that row, and the whole import is refused. The audit gets one row for the import (the
     * per-row capture is off for bulk work).
     */
    public ImportResult importDirectory(Scope scope, Path dir, boolean dryRun) {
        ImportResult result = new ImportResult();
        InventorySource source = InventorySource.of(dir, result);
        TargetsFile.Content targets = TargetsFile.read(dir); // coverage targets and rules (issue 5)
        targets.errors().forEach(result::error);
        if (source.files().isEmpty() && !targets.present() && !result.hasErrors()) {
            result.error(new RowError(dir.toString(), 0, null, "import.no_inventory_files", InventoryKind.accepted()));
        }
        return run(scope, source, targets, result, dryRun, dir.getFileName() == null ? dir.toString()
                : dir.getFileName().toString());
    }

    /**
     * Uploaded files, by the name the office gave each ({@code devices.xlsx}); a name that is no inventory file is
     * refused (400). Synchronous: call it off the event loop.
     */
    public ImportResult importFiles(Scope scope, Map<String, Path> files, boolean dryRun) {
        ImportResult result = new ImportResult();
        InventorySource source = new InventorySource();
        files.forEach((name, path) -> source.add(InventoryKind.ofFile(name).orElseThrow(
                () -> ApiException.invalid("files", "import.unknown_file", name, InventoryKind.accepted())), name, path, result));
        return run(scope, source, null, result, dryRun, String.join(", ", files.keySet()));
    }

    private ImportResult run(Scope scope, InventorySource source, TargetsFile.Content targets, ImportResult result,
            boolean dryRun, String from) {
        long t0 = System.nanoTime();
        InventoryFiles files = new InventoryFiles();
        Map<InventoryKind, List<Row>> rows = new EnumMap<>(InventoryKind.class);
        source.files().forEach((kind, f) -> {
            InventoryFiles.Parsed parsed = files.read(kind, f.name(), f.path());
            rows.put(kind, parsed.rows());
            result.file(kind, new ImportResult.FileRead(f.name(), parsed.separator(), parsed.sheet()));
        });
        files.errors().forEach(result::error);
        if (!result.hasErrors() && rows.containsKey(InventoryKind.UNITS)) {
            rows.put(InventoryKind.UNITS, parentsFirst(rows.get(InventoryKind.UNITS), result));
        }
        if (result.hasErrors()) {
            result.timeValidation(System.nanoTime() - t0);
            return result; // the files themselves are unreadable, or the tree is: applying rows would only add noise
        }
        // A repeated key or unique value is reported and the repeating row left out; the others are still checked.
        rows.replaceAll((kind, list) -> withoutDuplicates(kind, list, result));
        result.timeValidation(System.nanoTime() - t0);
        try {
            db.inTransaction(scope, dsl -> {
                AuditTrail.summaryOnly(dsl);
                for (InventoryKind kind : InventoryKind.values()) {
                    List<Row> list = rows.get(kind);
                    if (list != null) {
                        apply(dsl, scope, kind, list, result);
                    }
                }
                if (targets != null) {
                    targets.apply(dsl, result::error, result::change);
                }
                if (result.hasErrors() || dryRun) {
                    throw new Rollback();
                }
                Activities.succeeded(dsl, Activities.IMPORT, result.summary());
                audit.record(dsl, scope, "importInventory", "import", from, null, null, new JsonObject()
                        .put("summary", result.summary()).put("changes", new JsonArray(result.changes()
                                .subList(0, Math.min(ImportResult.ERRORS_LISTED, result.changes().size())))));
                return null;
            });
            result.applied(true);
        } catch (Rollback expected) {
            result.applied(false);
        }
        LOG.info("Nhập kiểm kê / inventory import from {} ({}): {} in {} ms (validate {} ms, write {} ms), {} errors",
                from, dryRun ? "dry run" : "apply", result.summary(), (System.nanoTime() - t0) / 1_000_000,
                result.validateMillis(), result.applyMillis(), result.errors().size());
        return result;
    }

    /** Thrown to roll the whole import back after it has been fully evaluated. */
    private static final class Rollback extends RuntimeException {
        Rollback() {
            super(null, null, false, false);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void apply(DSLContext dsl, Scope scope, InventoryKind kind, List<Row> list, ImportResult result) {
        switch (kind) {
            case UNITS -> applyUnits(dsl, scope, list, result);
            case TOKENS -> rowByRow(dsl, list, result, (tx, row, r) -> applyToken(tx, scope, row, r));
            case DEVICES -> new TableImport<>(kind, (DeviceService) resources.service(kind), DEVICE.SERIAL,
                    new DeviceRules(scope.actor().display())).apply(dsl, scope, list, result);
            default -> new TableImport(kind, resources.service(kind), Resources.key(kind), new TableImport.Rules() {
            }).apply(dsl, scope, list, result);
        }
    }

    /**
     * The rows of a file less those repeating an earlier row's key (or unique value, such as an asset tag), each
     * reported; for people the likely cause, "one person in two units", is said so.
     */
    private static List<Row> withoutDuplicates(InventoryKind kind, List<Row> rows, ImportResult result) {
        List<String> columns = new ArrayList<>(List.of(kind.keyColumn()));
        if (kind == InventoryKind.DEVICES) {
            columns.addAll(DeviceService.SPEC.uniqueFields().stream().map(f -> f.getName()).toList());
        }
        Set<Row> repeated = new HashSet<>();
        for (String column : columns) {
            Map<String, Row> seen = new HashMap<>();
            for (Row row : rows) {
                String value = row.get(column);
                if (value == null) {
                    continue; // a missing key is reported when the row is applied
                }
                Row first = seen.putIfAbsent(value, row);
                if (first == null) {
                    continue;
                }
                boolean twoUnits = kind == InventoryKind.PEOPLE && column.equals(kind.keyColumn())
                        && first.get("unit_code") != null && !first.get("unit_code").equals(row.get("unit_code"));
                result.error(twoUnits
                        ? row.error("unit_code", "import.person_two_units", value, first.get("unit_code"),
                                String.valueOf(first.line()), row.get("unit_code"))
                        : row.error(column, "import.duplicate_key", value, String.valueOf(first.line())));
                repeated.add(row);
            }
        }
        return repeated.isEmpty() ? rows : rows.stream().filter(r -> !repeated.contains(r)).toList();
    }

    /** Orders unit rows so that a parent comes before its children; a cycle is an error naming its units. */
    private static List<Row> parentsFirst(List<Row> rows, ImportResult result) {
        Map<String, Row> byCode = new LinkedHashMap<>();
        rows.forEach(r -> byCode.put(r.get("code"), r));
        List<Row> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (Row row : rows) {
            List<String> chain = new ArrayList<>();
            Set<String> inChain = new HashSet<>();
            String code = row.get("code");
            while (code != null && byCode.containsKey(code) && !done.contains(code)) {
                if (!inChain.add(code)) {
                    List<String> cycle = chain.subList(chain.indexOf(code), chain.size());
                    result.error(byCode.get(code).error("parent_code", "import.unit_cycle",
                            String.join(" → ", cycle) + " → " + code));
                    done.addAll(cycle);
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

    /** Applies one row; throws ApiException to refuse it. */
    private interface RowApply {
        void apply(DSLContext tx, Row row, ImportResult result);
    }

    /** Each row in a savepoint: a refused row is reported and undone, the others go on. */
    private void rowByRow(DSLContext dsl, List<Row> rows, ImportResult result, RowApply work) {
        long t0 = System.nanoTime();
        for (Row row : rows) {
            try {
                dsl.transaction(nested -> DbErrors.translate(() -> {
                    work.apply(nested.dsl(), row, result);
                    return null;
                }));
            } catch (ApiException e) {
                result.error(TableImport.rowError(row, e));
            }
        }
        result.timeApply(System.nanoTime() - t0);
    }

    /**
     * Units, parents first. A row whose parent row was refused says so (a too-deep chain reports its first unit too
     * deep, then every unit below it as under a refused parent), instead of "unknown parent".
     */
    private void applyUnits(DSLContext dsl, Scope scope, List<Row> rows, ImportResult result) {
        Map<String, Row> refusedByCode = new HashMap<>();
        rowByRow(dsl, rows, result, (tx, row, r) -> {
            Row parent = row.get("parent_code") == null ? null : refusedByCode.get(row.get("parent_code"));
            if (parent != null) {
                refusedByCode.put(row.get("code"), row);
                throw ApiException.invalid("parent_code", "import.parent_refused", row.get("parent_code"),
                        String.valueOf(parent.line()));
            }
            try {
                applyUnit(tx, scope, row, r);
            } catch (ApiException e) {
                refusedByCode.put(row.get("code"), row);
                throw e;
            }
        });
    }

    private void applyUnit(DSLContext dsl, Scope scope, Row row, ImportResult result) {
        UnitRecord existing = dsl.selectFrom(UNIT).where(UNIT.CODE.eq(row.get("code"))).and(scope.covers(UNIT.ID))
                .fetchOne();
        if (existing == null) {
            resources.units.create(dsl, scope, row.input());
            result.counts(InventoryKind.UNITS).added++;
            return;
        }
        UnitRecord before = existing.copy();
        UnitRecord after = resources.units.update(dsl, scope, existing.getId(), null, row.input());
        List<String> diffs = new ArrayList<>();
        for (String f : List.of("name", "name_en", "kind", "address")) {
            if (!Objects.equals(before.get(f), after.get(f))) {
                diffs.add(f + ": " + Cells.shown(f, before.get(f)) + " → " + Cells.shown(f, after.get(f)));
            }
        }
        if (!Objects.equals(before.getParentId(), after.getParentId())) {
            diffs.add("parent_code: " + Cells.shown("parent_code", codeOf(dsl, before.getParentId())) + " → "
                    + Cells.shown("parent_code", codeOf(dsl, after.getParentId())));
        }
        counted(InventoryKind.UNITS, row, diffs, result);
    }

    private static String codeOf(DSLContext dsl, Long unitId) {
        return unitId == null ? null : dsl.select(UNIT.CODE).from(UNIT).where(UNIT.ID.eq(unitId)).fetchOne(UNIT.CODE);
    }

    /** The descriptive fields a token row sets through the token resource; the rest is its state and holder. */
    private static final List<String> TOKEN_FIELDS = List.of("serial", "kind", "model", "phone", "carrier", "unit_code");

    /**
     * A token row: its descriptive fields as the API edits them, then its state and holder reached by the token's
     * own moves (a handover needs its document: document_no, document_date, handed_by).
     */
    private void applyToken(DSLContext dsl, Scope scope, Row row, ImportResult result) {
        Map<String, String> fields = new LinkedHashMap<>();
        TOKEN_FIELDS.forEach(c -> {
            if (row.values().containsKey(c)) {
                fields.put(c, row.values().get(c));
            }
        });
        Input in = Input.ofStrings(fields);
        String state = row.input().oneOf("state", TokenService.STATES, false);
        String holderCode = row.input().code("holder_code", false);
        PkiTokenRecord t = dsl.selectFrom(PKI_TOKEN).where(PKI_TOKEN.SERIAL.eq(row.get("serial")))
                .and(scope.covers(PKI_TOKEN.UNIT_ID)).forUpdate().fetchOne();
        boolean creating = t == null;
        List<String> diffs = new ArrayList<>();
        if (creating) {
            t = resources.tokens.create(dsl, scope, in);
        } else {
            PkiTokenRecord before = t.copy();
            t = resources.tokens.update(dsl, scope, t.getId(), null, in);
            for (String f : List.of("kind", "model", "phone", "carrier")) {
                if (!Objects.equals(before.get(f), t.get(f))) {
                    diffs.add(f + ": " + Cells.shown(f, before.get(f)) + " → " + Cells.shown(f, t.get(f)));
                }
            }
            if (!Objects.equals(before.getUnitId(), t.getUnitId())) {
                diffs.add("unit_code: " + codeOf(dsl, before.getUnitId()) + " → " + codeOf(dsl, t.getUnitId()));
            }
        }
        String target = state == null ? t.getState() : state;
        Long holder = holderCode == null ? null : dsl.select(PERSON.ID).from(PERSON).where(PERSON.CODE.eq(holderCode))
                .and(scope.covers(PERSON.UNIT_ID)).fetchOne(PERSON.ID);
        if (holderCode != null && holder == null) {
            throw ApiException.invalid("holder_code", "error.unknown_ref", holderCode);
        }
        boolean reassigned = "assigned".equals(target) && "assigned".equals(t.getState())
                && !Objects.equals(holder, t.getHolderId());
        if (!target.equals(t.getState()) || reassigned) {
            List<String> actions = reassigned ? List.of("return", "assign") : TokenService.actions(t.getState(), target);
            if (actions.isEmpty()) {
                throw ApiException.invalid("state", "import.token_state_unreachable", t.getState(), target);
            }
            String fromState = t.getState();
            String fromHolder = personCode(dsl, t.getHolderId());
            Map<String, String> paperwork = new LinkedHashMap<>();
            for (String c : List.of("document_no", "document_date", "handed_by")) {
                if (row.get(c) != null) {
                    paperwork.put(c, row.get(c));
                }
            }
            if (holderCode != null) {
                paperwork.put("person_code", holderCode);
            }
            for (String action : actions) {
                resources.tokens.move(dsl, scope, t, action, Input.ofStrings(paperwork));
            }
            if (!creating) {
                diffs.add("state: " + fromState + " → " + t.getState());
                if (!Objects.equals(fromHolder, holderCode)) {
                    diffs.add("holder_code: " + Cells.shown("holder_code", fromHolder) + " → "
                            + Cells.shown("holder_code", personCode(dsl, t.getHolderId())));
                }
            }
        }
        if (creating) {
            result.counts(InventoryKind.TOKENS).added++;
        } else {
            counted(InventoryKind.TOKENS, row, diffs, result);
        }
    }

    private static String personCode(DSLContext dsl, Long id) {
        return id == null ? null : dsl.select(PERSON.CODE).from(PERSON).where(PERSON.ID.eq(id)).fetchOne(PERSON.CODE);
    }

    private static void counted(InventoryKind kind, Row row, List<String> diffs, ImportResult result) {
        ImportResult.Counts c = result.counts(kind);
        if (diffs.isEmpty()) {
            c.unchanged++;
        } else {
            c.changed++;
            result.change(row.where() + " " + row.get(kind.keyColumn()) + " — " + String.join("; ", diffs));
        }
    }
}
