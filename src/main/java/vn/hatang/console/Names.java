package vn.hatang.console;

import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import vn.hatang.security.Scope;

/**
 * Names for the ids a list answers ({@code unit_id}, {@code person_id}): one query per kind for a whole page, within
 * the caller's scope (an id outside it stays unnamed).
 */
public record Names(Map<Long, JsonObject> units, Map<Long, String> people) {
    public static final Names NONE = new Names(Map.of(), Map.of());

    public static Names of(DSLContext dsl, Scope scope, Collection<JsonObject> rows) {
        Set<Long> unitIds = ids(rows, "unit_id", "peer_unit_id", "owner_unit_id");
        Set<Long> personIds = ids(rows, "person_id", "holder_id");
        Map<Long, JsonObject> units = new HashMap<>();
        if (!unitIds.isEmpty()) {
            dsl.select(UNIT.ID, UNIT.CODE, UNIT.NAME, UNIT.NAME_EN).from(UNIT).where(UNIT.ID.in(unitIds))
                    .and(scope.covers(UNIT.ID)).forEach(r -> units.put(r.value1(), new JsonObject()
                            .put("code", r.value2()).put("name", r.value3()).put("name_en", r.value4())));
        }
        Map<Long, String> people = new HashMap<>();
        if (!personIds.isEmpty()) {
            dsl.select(PERSON.ID, PERSON.FULL_NAME).from(PERSON).where(PERSON.ID.in(personIds))
                    .and(scope.covers(PERSON.UNIT_ID)).forEach(r -> people.put(r.value1(), r.value2()));
        }
        return new Names(units, people);
    }

    private static Set<Long> ids(Collection<JsonObject> rows, String... fields) {
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonObject r : rows) {
            for (String f : fields) {
                if (r.getValue(f) instanceof Number n) {
                    ids.add(n.longValue());
                }
            }
        }
        return ids;
    }

    public JsonObject unit(Object id) {
        return id instanceof Number n ? units.get(n.longValue()) : null;
    }

    public String person(Object id) {
        return id instanceof Number n ? people.get(n.longValue()) : null;
    }

    public static Names of(DSLContext dsl, Scope scope, JsonObject row) {
        return of(dsl, scope, List.of(row));
    }
}
