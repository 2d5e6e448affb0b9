package vn.hatang.datacenter;

import static vn.hatang.db.Tables.RACK;
import static vn.hatang.db.Tables.UNIT;

import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.records.RackRecord;
import vn.hatang.platform.db.CrudRepository;
import vn.hatang.platform.db.CrudService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.db.RecordSpec;
import vn.hatang.security.Scope;
import vn.hatang.units.UnitRepository;

/** Racks of the data integration center; devices take U positions in them (see DeviceService). */
public final class RackService extends CrudService<RackRecord> {
    public static final RecordSpec<RackRecord> SPEC = new RecordSpec<RackRecord>()
            .code(RACK.CODE)
            .text(RACK.NAME, 200, true)
            .ref(RACK.UNIT_ID, "unit_code", UNIT, UNIT.CODE, true)
            .text(RACK.LOCATION, 200, false)
            .integer(RACK.HEIGHT_U, 1, 60, false);

    public RackService(Db db) {
        super(db, new CrudRepository<>(RACK, "rack", RACK.ID, RACK.UNIT_ID, RACK.VERSION, RACK.UPDATED_AT, SPEC).withCode(RACK.CODE),
                RackService::filter);
    }

    private static Condition filter(DSLContext dsl, Scope scope, Map<String, String> f) {
        return f.get("under") == null ? DSL.trueCondition() : UnitRepository.under(dsl, scope, RACK.UNIT_ID, f.get("under"));
    }
}
