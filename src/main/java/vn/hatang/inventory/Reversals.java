package vn.hatang.inventory;

import static vn.hatang.db.Tables.AUDIT_LOG;
import static vn.hatang.db.Tables.HOLDING_HISTORY;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.UpdatableRecord;
import vn.hatang.db.tables.records.AuditLogRecord;
import vn.hatang.db.tables.records.HoldingHistoryRecord;
import vn.hatang.platform.db.AnyOf;
import vn.hatang.platform.db.RecordSpec;
import vn.hatang.platform.db.TableLookups;

/**
 * Changes that undo what was changed in hatang since the file was made — an old spreadsheet imported again would
 * bring a person who left back to active, or a device back to the unit it was moved from. They are reported apart,
 * with who made the change being undone and when.
 *
 * <p>The audit says it best: a field is reverted when the latest audited change of that field on that row went from
 * the file's value to the current one. Rows the audit does not describe one by one (bulk work) fall back on what
 * the rows themselves record: a person's or link's status that went to its end (left, terminated) at the row's
 * {@code updated_at}, a move of unit or holder at the start of the current holding — with the actor unknown.
 */
final class Reversals {
    /** A row the import changes: where it is in the file, its key, its record (with the stored values as original). */
    record Changed(Row row, String key, UpdatableRecord<?> record, List<String> fields) {
    }

    /** Statuses that are an end: going back from them undoes a decision (a departure, a terminated contract). */
    private static final Map<InventoryKind, String> FINAL_STATUS = Map.of(InventoryKind.PEOPLE, "left",
            InventoryKind.LINKS, "terminated");

    private Reversals() {
    }

    static void find(DSLContext dsl, InventoryKind kind, RecordSpec<?> spec, List<Changed> changed, TableLookups lookups,
            ImportResult result) {
        if (changed.isEmpty()) {
            return;
        }
        String table = changed.get(0).record().getTable().getName();
        Set<String> reported = new HashSet<>();
        fromAudit(dsl, table, spec, changed, lookups, result, reported);
        String finalStatus = FINAL_STATUS.get(kind);
        List<Changed> moved = new ArrayList<>();
        for (Changed c : changed) {
            if (finalStatus != null && c.fields().contains("status") && finalStatus.equals(original(c, "status"))
                    && !reported.contains(c.key() + ":status")) {
                result.reversal(new ImportResult.Reversal(c.row().where(), c.key(), "status", finalStatus,
                        String.valueOf(c.record().get("status")), String.valueOf(original(c, "updated_at")), null));
            }
            if (c.fields().contains("unit_id") || c.fields().contains("person_id")) {
                moved.add(c);
            }
        }
        String entity = switch (kind) {
            case PEOPLE -> "person";
            case DEVICES -> "device";
            case LINKS -> "link";
            default -> null;
        };
        if (entity != null) {
            holdings(dsl, entity, moved, lookups, result, reported);
        }
    }

    /** Each changed field whose latest audited change on the row is the one the file would undo. */
    private static void fromAudit(DSLContext dsl, String table, RecordSpec<?> spec, List<Changed> changed,
            TableLookups lookups, ImportResult result, Set<String> reported) {
        Map<String, List<AuditLogRecord>> byRow = new HashMap<>();
        List<String> ids = changed.stream().map(c -> String.valueOf(c.record().get("id"))).toList();
        dsl.selectFrom(AUDIT_LOG).where(AUDIT_LOG.OBJECT_TYPE.eq(table), AnyOf.values(AUDIT_LOG.OBJECT_ID, ids))
                .orderBy(AUDIT_LOG.SEQ.desc())
                .forEach(a -> byRow.computeIfAbsent(a.getObjectId(), k -> new ArrayList<>()).add(a));
        for (Changed c : changed) {
            String id = String.valueOf(c.record().get("id"));
            List<AuditLogRecord> entries = byRow.getOrDefault(id, List.of());
            for (String f : c.fields()) {
                for (AuditLogRecord a : entries) {
                    JsonObject before = row(a.getBefore(), table + ":" + id);
                    JsonObject after = row(a.getAfter(), table + ":" + id);
                    if (before == null || after == null || same(before.getValue(f), after.getValue(f))) {
                        continue; // this change did not touch the field; an older one may have
                    }
                    Field<?> field = c.record().field(f);
                    if (same(after.getValue(f), c.record().original(field)) && same(before.getValue(f), c.record().get(field))) {
                        String column = spec.ref(f).map(RecordSpec.Ref::codeName).orElse(f);
                        result.reversal(new ImportResult.Reversal(c.row().where(), c.key(), column,
                                shown(spec, lookups, f, c.record().original(field)), shown(spec, lookups, f, c.record().get(field)),
                                a.getAt().toString(), a.getActor()));
                        reported.add(c.key() + ":" + column);
                        reported.add(c.key() + ":" + f);
                    }
                    break; // only the latest change of the field can be the one undone
                }
            }
        }
    }

    private static JsonObject row(String json, String key) {
        if (json == null) {
            return null;
        }
        try {
            return new JsonObject(json).getJsonObject(key);
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    /** A stored JSON value and a record's value are the same (dates and numbers compare as their text). */
    private static boolean same(Object json, Object value) {
        return Objects.equals(json == null ? null : json.toString(), value == null ? null : value.toString());
    }

    private static String shown(RecordSpec<?> spec, TableLookups lookups, String f, Object value) {
        var ref = spec.ref(f);
        if (ref.isPresent()) {
            RecordSpec.Ref r = ref.get();
            return Cells.shown(r.codeName(), lookups.codeOf(r.target(), r.targetCode(), (Long) value));
        }
        return Cells.shown(f, value);
    }

    /** A move back to where the row was held before its latest move. */
    private static void holdings(DSLContext dsl, String entity, List<Changed> moved, TableLookups lookups,
            ImportResult result, Set<String> reported) {
        if (moved.isEmpty()) {
            return;
        }
        Map<Long, List<HoldingHistoryRecord>> history = new HashMap<>();
        List<Long> ids = moved.stream().map(c -> (Long) c.record().get("id")).toList();
        dsl.selectFrom(HOLDING_HISTORY).where(HOLDING_HISTORY.ENTITY.eq(entity), AnyOf.values(HOLDING_HISTORY.ENTITY_ID, ids))
                .orderBy(HOLDING_HISTORY.ENTITY_ID, HOLDING_HISTORY.VALID_FROM.desc(), HOLDING_HISTORY.ID.desc())
                .forEach(h -> history.computeIfAbsent(h.getEntityId(), k -> new ArrayList<>()).add(h));
        for (Changed c : moved) {
            List<HoldingHistoryRecord> h = history.getOrDefault((Long) c.record().get("id"), List.of());
            if (h.size() < 2) {
                continue;
            }
            HoldingHistoryRecord current = h.get(0);
            HoldingHistoryRecord previous = h.get(1);
            Long unit = (Long) c.record().get("unit_id");
            Long person = "device".equals(entity) ? (Long) c.record().get("person_id") : null;
            boolean back = unit.equals(previous.getUnitId()) && Objects.equals(person, previous.getPersonId())
                    && !(unit.equals(current.getUnitId()) && Objects.equals(person, current.getPersonId()));
            if (!back) {
                continue;
            }
            String when = current.getValidFrom().toString();
            if (!unit.equals(current.getUnitId()) && !reported.contains(c.key() + ":unit_code")) {
                result.reversal(new ImportResult.Reversal(c.row().where(), c.key(), "unit_code",
                        lookups.codeOf(UNIT, UNIT.CODE, current.getUnitId()), lookups.codeOf(UNIT, UNIT.CODE, unit), when,
                        null));
            }
            if (!Objects.equals(person, current.getPersonId()) && !reported.contains(c.key() + ":person_code")) {
                result.reversal(new ImportResult.Reversal(c.row().where(), c.key(), "person_code",
                        Cells.shown("person_code", lookups.codeOf(PERSON, PERSON.CODE, current.getPersonId())),
                        Cells.shown("person_code", lookups.codeOf(PERSON, PERSON.CODE, person)), when, null));
            }
        }
    }

    private static Object original(Changed c, String field) {
        Object v = c.record().original(c.record().field(field));
        return v instanceof Instant i ? i.toString() : v;
    }
}
