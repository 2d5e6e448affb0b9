package vn.hatang.monitoring;

import static vn.hatang.db.Tables.UNIT;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Every unit by id, with the unit its figures are reported under: itself at the provincial level (depth 0) and the
 * level directly below it (depth 1); for anything deeper, its depth-1 ancestor. Rolling up this way bounds the
 * {@code unit} label of aggregate metrics by the number of directly subordinate units, however many communes and
 * cells the province has.
 */
public final class UnitDirectory {
    /** One unit; {@code reportingCode} is the code its aggregates are counted under. */
    public record Entry(long id, String code, String name, String kind, int depth, String status, String reportingCode) {
    }

    private final Map<Long, Entry> byId;

    private UnitDirectory(Map<Long, Entry> byId) {
        this.byId = byId;
    }

    public static UnitDirectory load(DSLContext dsl) {
        var rows = dsl.select(UNIT.ID, UNIT.CODE, UNIT.NAME, UNIT.KIND, UNIT.DEPTH, UNIT.PATH, UNIT.STATUS)
                .from(UNIT).fetch();
        Map<Long, String> codes = new HashMap<>();
        rows.forEach(r -> codes.put(r.value1(), r.value2()));
        Map<Long, Entry> byId = new HashMap<>();
        for (var r : rows) {
            byId.put(r.value1(), new Entry(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value7(),
                    reportingCode(r.value2(), r.value5(), r.value6(), codes)));
        }
        return new UnitDirectory(byId);
    }

    /** The path is the chain of ancestor ids ({@code /1/7/42/}); the second one is the depth-1 ancestor. */
    private static String reportingCode(String code, int depth, String path, Map<Long, String> codes) {
        if (depth <= 1) {
            return code;
        }
        String[] ids = path.split("/");
        // ids[0] is empty (leading slash), ids[1] the root, ids[2] the depth-1 ancestor
        return ids.length > 2 ? codes.getOrDefault(Long.parseLong(ids[2]), code) : code;
    }

    public Entry get(long id) {
        return byId.get(id);
    }

    /** The code {@code unitId}'s figures are reported under, or {@code null} for an unknown unit. */
    public String reportingCode(long unitId) {
        Entry e = byId.get(unitId);
        return e == null ? null : e.reportingCode();
    }

    public boolean isReportingUnit(long unitId) {
        Entry e = byId.get(unitId);
        return e != null && e.depth() <= 1;
    }

    public List<Entry> all() {
        return List.copyOf(byId.values());
    }
}
