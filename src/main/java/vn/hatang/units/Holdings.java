package vn.hatang.units;

import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.INFORMATION_SYSTEM;
import static vn.hatang.db.Tables.INVESTMENT_LINE;
import static vn.hatang.db.Tables.LINK;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.RACK;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * Everything a unit holds, by the column that names the unit. A reorganisation moves all of it; a table added later
 * whose rows belong to a unit is added here and nowhere else.
 */
final class Holdings {
    record Holding(String name, TableField<?, Long> unitField, Field<Integer> version, Field<Instant> updatedAt) {
        Table<?> table() {
            return unitField.getTable();
        }
    }

    static final Holding PEOPLE = new Holding("people", PERSON.UNIT_ID, PERSON.VERSION, PERSON.UPDATED_AT);
    static final Holding DEVICES = new Holding("devices", DEVICE.UNIT_ID, DEVICE.VERSION, DEVICE.UPDATED_AT);
    static final Holding LINKS = new Holding("links", LINK.UNIT_ID, LINK.VERSION, LINK.UPDATED_AT);

    static final List<Holding> ALL = List.of(PEOPLE, DEVICES, LINKS,
            new Holding("links_peer", LINK.PEER_UNIT_ID, LINK.VERSION, LINK.UPDATED_AT),
            new Holding("investment_lines", INVESTMENT_LINE.UNIT_ID, INVESTMENT_LINE.VERSION, INVESTMENT_LINE.UPDATED_AT),
            new Holding("racks", RACK.UNIT_ID, RACK.VERSION, RACK.UPDATED_AT),
            new Holding("information_systems", INFORMATION_SYSTEM.OWNER_UNIT_ID, INFORMATION_SYSTEM.VERSION,
                    INFORMATION_SYSTEM.UPDATED_AT));

    private Holdings() {
    }

    /** Moves every holding of {@code from} to {@code to}; returns how many rows of each kind moved. */
    static Map<String, Integer> moveAll(DSLContext dsl, long from, long to) {
        Map<String, Integer> moved = new LinkedHashMap<>();
        for (Holding h : ALL) {
            moved.put(h.name(), move(dsl, h, from, to, DSL.trueCondition()));
        }
        return moved;
    }

    /** Moves the rows of one kind matching {@code which} from {@code from} to {@code to}. */
    static int move(DSLContext dsl, Holding h, long from, long to, org.jooq.Condition which) {
        return dsl.update(h.table())
                .set(h.unitField(), to)
                .set(h.version(), h.version().plus(1))
                .set(h.updatedAt(), Instant.now())
                .where(h.unitField().eq(from)).and(which)
                .execute();
    }

    /** Rows of each kind still held by {@code unitId}. */
    static Map<String, Integer> count(DSLContext dsl, long unitId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Holding h : ALL) {
            counts.put(h.name(), dsl.fetchCount(h.table(), h.unitField().eq(unitId)));
        }
        return counts;
    }
}
