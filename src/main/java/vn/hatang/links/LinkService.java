package vn.hatang.links;

import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.LINK;
import static vn.hatang.db.Tables.UNIT;

import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.records.LinkRecord;
import vn.hatang.platform.db.CrudRepository;
import vn.hatang.platform.db.CrudService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.db.RecordSpec;
import vn.hatang.platform.db.Search;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Scope;
import vn.hatang.units.UnitRepository;

/** Network links (R5): the unit served, the far end, the circuit, and the device interface that carries it. */
public final class LinkService extends CrudService<LinkRecord> {
    public static final List<String> KINDS = List.of("special_use", "internet", "other");
    public static final List<String> STATUSES = List.of("planned", "active", "suspended", "terminated");

    public static final RecordSpec<LinkRecord> SPEC = new RecordSpec<LinkRecord>()
            .code(LINK.CODE)
            .oneOf(LINK.KIND, KINDS, true)
            .ref(LINK.UNIT_ID, "unit_code", UNIT, UNIT.CODE, true)
            .ref(LINK.PEER_UNIT_ID, "peer_unit_code", UNIT, UNIT.CODE, false)
            .text(LINK.PROVIDER, 200, false)
            .text(LINK.CIRCUIT_ID, 100, false)
            .integer(LINK.BANDWIDTH_MBPS, 1, 1_000_000, true)
            .ref(LINK.DEVICE_ID, "device_serial", DEVICE, DEVICE.SERIAL, false)
            .text(LINK.INTERFACE_NAME, 100, false)
            .oneOf(LINK.STATUS, STATUSES, false);

    public LinkService(Db db) {
        super(db, new CrudRepository<>(LINK, "link", LINK.ID, LINK.UNIT_ID, LINK.VERSION, LINK.UPDATED_AT, SPEC).withCode(LINK.CODE),
                LinkService::filter);
    }

    private static Condition filter(DSLContext dsl, Scope scope, Map<String, String> f) {
        Condition c = DSL.trueCondition();
        if (f.get("under") != null) {
            c = c.and(UnitRepository.under(dsl, scope, LINK.UNIT_ID, f.get("under")));
        }
        if (f.get("kind") != null) {
            c = c.and(LINK.KIND.eq(Input.ofStrings(f).oneOf("kind", KINDS, false)));
        }
        if (f.get("status") != null) {
            c = c.and(LINK.STATUS.eq(Input.ofStrings(f).oneOf("status", STATUSES, false)));
        }
        if (f.get("q") != null) {
            c = c.and(Search.matches(f.get("q"), LINK.CODE, LINK.CIRCUIT_ID, LINK.PROVIDER));
        }
        return c;
    }

    @Override
    protected void beforeWrite(DSLContext dsl, Scope scope, LinkRecord l, boolean creating) {
        if (l.getInterfaceName() != null && l.getDeviceId() == null) {
            throw ApiException.invalid("device_serial", "error.interface_without_device");
        }
        if (l.getUnitId().equals(l.getPeerUnitId())) {
            throw ApiException.invalid("peer_unit_code", "error.link_same_unit");
        }
    }
}
