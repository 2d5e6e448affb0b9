package vn.hatang.people;

import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.UNIT;

import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.records.PersonRecord;
import vn.hatang.platform.db.CrudRepository;
import vn.hatang.platform.db.CrudService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.db.RecordSpec;
import vn.hatang.platform.db.Search;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Scope;
import vn.hatang.units.UnitRepository;

/** Officials: their unit, title and the duties that decide which targets count them. */
public final class PersonService extends CrudService<PersonRecord> {
    public static final List<String> STATUSES = List.of("active", "left");
    public static final List<String> DUTIES = List.of("signs_documents", "handles_documents_online", "executive_committee",
            "leader", "secret_signing");

    public static final RecordSpec<PersonRecord> SPEC = new RecordSpec<PersonRecord>()
            .code(PERSON.CODE)
            .ref(PERSON.UNIT_ID, "unit_code", UNIT, UNIT.CODE, true)
            .text(PERSON.FULL_NAME, 200, true)
            .text(PERSON.TITLE, 200, false)
            .bool(PERSON.SIGNS_DOCUMENTS)
            .bool(PERSON.HANDLES_DOCUMENTS_ONLINE)
            .bool(PERSON.EXECUTIVE_COMMITTEE)
            .bool(PERSON.LEADER)
            .bool(PERSON.SECRET_SIGNING)
            .email(PERSON.EMAIL, false)
            .phone(PERSON.PHONE, false)
            .oneOf(PERSON.STATUS, STATUSES, false)
            .pastDate(PERSON.LEFT_ON, false);

    public PersonService(Db db) {
        super(db, new CrudRepository<>(PERSON, "person", PERSON.ID, PERSON.UNIT_ID, PERSON.VERSION, PERSON.UPDATED_AT, SPEC).withCode(PERSON.CODE),
                PersonService::filter);
    }

    private static Condition filter(DSLContext dsl, Scope scope, Map<String, String> f) {
        Condition c = DSL.trueCondition();
        if (f.get("under") != null) {
            c = c.and(UnitRepository.under(dsl, scope, PERSON.UNIT_ID, f.get("under")));
        }
        if (f.get("status") != null) {
            c = c.and(PERSON.STATUS.eq(Input.ofStrings(f).oneOf("status", STATUSES, false)));
        }
        if (f.get("duty") != null) {
            String duty = Input.ofStrings(f).oneOf("duty", DUTIES, false);
            c = c.and(DSL.field(DSL.name(PERSON.getName(), duty), Boolean.class).isTrue());
        }
        if (f.get("q") != null) {
            c = c.and(Search.matches(f.get("q"), PERSON.FULL_NAME, PERSON.CODE, PERSON.TITLE));
        }
        return c;
    }

    @Override
    protected void beforeWrite(DSLContext dsl, Scope scope, PersonRecord p, boolean creating) {
        if ("left".equals(p.getStatus()) && p.getLeftOn() == null) {
            throw ApiException.invalid("left_on", "error.left_needs_date");
        }
        if ("active".equals(p.getStatus()) && p.getLeftOn() != null) {
            throw ApiException.invalid("left_on", "error.active_with_left_date");
        }
    }
}
