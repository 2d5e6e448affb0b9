package vn.hatang.devices;

import static vn.hatang.db.Tables.INVESTMENT_LINE;
import static vn.hatang.db.Tables.UNIT;

import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.records.InvestmentLineRecord;
import vn.hatang.platform.db.CrudRepository;
import vn.hatang.platform.db.CrudService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.db.RecordSpec;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Scope;
import vn.hatang.units.UnitRepository;

/** Approved investment lines: a decision approving a unit to receive N devices of a category in a year. */
public final class InvestmentLineService extends CrudService<InvestmentLineRecord> {
    public static final RecordSpec<InvestmentLineRecord> SPEC = new RecordSpec<InvestmentLineRecord>()
            .code(INVESTMENT_LINE.CODE)
            .ref(INVESTMENT_LINE.UNIT_ID, "unit_code", UNIT, UNIT.CODE, true)
            .oneOf(INVESTMENT_LINE.CATEGORY, DeviceCategory.ALL, true)
            .integer(INVESTMENT_LINE.QUANTITY, 1, 1_000_000, true)
            .integer(INVESTMENT_LINE.YEAR, 2000, 2100, true)
            .text(INVESTMENT_LINE.DECISION_NO, 100, true)
            .pastDate(INVESTMENT_LINE.DECISION_DATE, false)
            .text(INVESTMENT_LINE.FUNDING_SOURCE, 200, false);

    public InvestmentLineService(Db db) {
        super(db, new CrudRepository<>(INVESTMENT_LINE, "investment line", INVESTMENT_LINE.ID, INVESTMENT_LINE.UNIT_ID,
                INVESTMENT_LINE.VERSION, INVESTMENT_LINE.UPDATED_AT, SPEC).withCode(INVESTMENT_LINE.CODE), InvestmentLineService::filter);
    }

    private static Condition filter(DSLContext dsl, Scope scope, Map<String, String> f) {
        Condition c = DSL.trueCondition();
        if (f.get("under") != null) {
            c = c.and(UnitRepository.under(dsl, scope, INVESTMENT_LINE.UNIT_ID, f.get("under")));
        }
        if (f.get("category") != null) {
            c = c.and(INVESTMENT_LINE.CATEGORY.eq(Input.ofStrings(f).oneOf("category", DeviceCategory.ALL, false)));
        }
        if (f.get("year") != null) {
            c = c.and(INVESTMENT_LINE.YEAR.eq(Input.ofStrings(f).integer("year", 2000, 2100, false)));
        }
        return c;
    }
}
