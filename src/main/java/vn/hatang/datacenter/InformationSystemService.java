package vn.hatang.datacenter;

import static vn.hatang.db.Tables.INFORMATION_SYSTEM;
import static vn.hatang.db.Tables.UNIT;

import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.records.InformationSystemRecord;
import vn.hatang.platform.db.CrudRepository;
import vn.hatang.platform.db.CrudService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.db.RecordSpec;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Scope;
import vn.hatang.units.UnitRepository;

/** Information systems hosted at the data integration center, with security level (cấp độ 1–5) and approval. */
public final class InformationSystemService extends CrudService<InformationSystemRecord> {
    public static final List<String> APPROVAL_STATES = List.of("draft", "submitted", "approved", "rejected");

    public static final RecordSpec<InformationSystemRecord> SPEC = new RecordSpec<InformationSystemRecord>()
            .code(INFORMATION_SYSTEM.CODE)
            .text(INFORMATION_SYSTEM.NAME, 300, true)
            .ref(INFORMATION_SYSTEM.OWNER_UNIT_ID, "owner_unit_code", UNIT, UNIT.CODE, true)
            .integer(INFORMATION_SYSTEM.SECURITY_LEVEL, 1, 5, true)
            .oneOf(INFORMATION_SYSTEM.APPROVAL_STATE, APPROVAL_STATES, false)
            .text(INFORMATION_SYSTEM.DECISION_NO, 100, false)
            .pastDate(INFORMATION_SYSTEM.APPROVED_ON, false)
            .text(INFORMATION_SYSTEM.DESCRIPTION, 2000, false);

    public InformationSystemService(Db db) {
        super(db, new CrudRepository<>(INFORMATION_SYSTEM, "information system", INFORMATION_SYSTEM.ID,
                INFORMATION_SYSTEM.OWNER_UNIT_ID, INFORMATION_SYSTEM.VERSION, INFORMATION_SYSTEM.UPDATED_AT, SPEC).withCode(INFORMATION_SYSTEM.CODE),
                InformationSystemService::filter);
    }

    private static Condition filter(DSLContext dsl, Scope scope, Map<String, String> f) {
        Condition c = DSL.trueCondition();
        if (f.get("under") != null) {
            c = c.and(UnitRepository.under(dsl, scope, INFORMATION_SYSTEM.OWNER_UNIT_ID, f.get("under")));
        }
        if (f.get("approval_state") != null) {
            c = c.and(INFORMATION_SYSTEM.APPROVAL_STATE.eq(Input.ofStrings(f).oneOf("approval_state", APPROVAL_STATES, false)));
        }
        return c;
    }

    @Override
    protected void beforeWrite(DSLContext dsl, Scope scope, InformationSystemRecord s, boolean creating) {
        if ("approved".equals(s.getApprovalState()) && (s.getDecisionNo() == null || s.getApprovedOn() == null)) {
            throw ApiException.invalid(s.getDecisionNo() == null ? "decision_no" : "approved_on", "error.approval_needs_decision");
        }
    }
}
