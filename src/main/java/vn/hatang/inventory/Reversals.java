package vn.hatang.inventory;

import static vn.hatang.db.Tables.HOLDING_HISTORY;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.UNIT;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.UpdatableRecord;
import vn.hatang.db.tables.records.HoldingHistoryRecord;
import vn.hatang.platform.db.AnyOf;
import vn.hatang.platform.db.TableLookups;

/**
 * Changes that undo what was changed in hatang since the file was made — an old spreadsheet imported again would
 * bring a person who left back to active, or a device back to the unit it was moved from. They are reported apart,
 * with when the change being undone was made and by whom. What the database records says so: a person's or link's
 * status changed at the row's {@code updated_at}; a move of unit or holder at the start of the current holding
 * (holding history). No audit of who did it exists yet, so the actor is unknown.
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

    static void find(DSLContext dsl, InventoryKind kind, List<Changed> changed, TableLookups lookups, ImportResult result) {
        String entity = switch (kind) {
            case PEOPLE -> "person";
            case DEVICES -> "device";
            case LINKS -> "link";
            default -> null;
        };
        if (entity == null || changed.isEmpty()) {
            return;
        }
        String finalStatus = FINAL_STATUS.get(kind);
        List<Changed> moved = new ArrayList<>();
        for (Changed c : changed) {
            if (finalStatus != null && c.fields().contains("status") && finalStatus.equals(original(c, "status"))) {
                result.reversal(new ImportResult.Reversal(c.row().where(), c.key(), "status", finalStatus,
                        String.valueOf(c.record().get("status")), String.valueOf(original(c, "updated_at")), null));
            }
            if (c.fields().contains("unit_id") || c.fields().contains("person_id")) {
                moved.add(c);
            }
        }
        holdings(dsl, entity, moved, lookups, result);
    }

    /** A move back to where the row was held before its latest move. */
    private static void holdings(DSLContext dsl, String entity, List<Changed> moved, TableLookups lookups,
            ImportResult result) {
        if (moved.isEmpty()) {
            return;
        }
        Map<Long, List<HoldingHistoryRecord>> history = new HashMap<>();
        List<Long> ids = moved.stream().map(c -> (Long) c.record().get("id")).toList();
        if (!ids.isEmpty()) {
            dsl.selectFrom(HOLDING_HISTORY).where(HOLDING_HISTORY.ENTITY.eq(entity), AnyOf.values(HOLDING_HISTORY.ENTITY_ID, ids))
                    .orderBy(HOLDING_HISTORY.ENTITY_ID, HOLDING_HISTORY.VALID_FROM.desc(), HOLDING_HISTORY.ID.desc())
                    .forEach(h -> history.computeIfAbsent(h.getEntityId(), k -> new ArrayList<>()).add(h));
        }
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
            if (!unit.equals(current.getUnitId())) {
                result.reversal(new ImportResult.Reversal(c.row().where(), c.key(), "unit_code",
                        lookups.codeOf(UNIT, UNIT.CODE, current.getUnitId()), lookups.codeOf(UNIT, UNIT.CODE, unit), when,
                        null));
            }
            if (!Objects.equals(person, current.getPersonId())) {
                result.reversal(new ImportResult.Reversal(c.row().where(), c.key(), "person_code",
                        Cells.shown("person_code", lookups.codeOf(PERSON, PERSON.CODE, current.getPersonId())),
                        Cells.shown("person_code", lookups.codeOf(PERSON, PERSON.CODE, person)), when, null));
            }
        }
    }

    private static Object original(Changed c, String field) {
        Record r = c.record();
        Object v = ((UpdatableRecord<?>) r).original(r.field(field));
        return v instanceof Instant i ? i.toString() : v;
    }
}
