package vn.hatang.coverage;

import io.vertx.core.json.JsonObject;
import org.jooq.Record;
import vn.hatang.db.Tables;

/** The facts about a unit that coverage needs: where it sits in the tree and what to call it. */
public record UnitRef(long id, String code, String name, String nameEn, String kind, String path, Long parentId,
        String status) {
    static UnitRef of(Record r) {
        var u = Tables.UNIT;
        return new UnitRef(r.get(u.ID), r.get(u.CODE), r.get(u.NAME), r.get(u.NAME_EN), r.get(u.KIND), r.get(u.PATH),
                r.get(u.PARENT_ID), r.get(u.STATUS));
    }

    public int depth() {
        return (int) path.chars().filter(c -> c == '/').count() - 1;
    }

    public JsonObject toJson() {
        return new JsonObject().put("code", code).put("name", name).put("name_en", nameEn).put("kind", kind)
                .put("status", status);
    }
}
