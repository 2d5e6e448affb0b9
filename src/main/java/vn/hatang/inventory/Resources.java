package vn.hatang.inventory;

import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.INFORMATION_SYSTEM;
import static vn.hatang.db.Tables.INVESTMENT_LINE;
import static vn.hatang.db.Tables.LINK;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.PKI_TOKEN;
import static vn.hatang.db.Tables.RACK;
import static vn.hatang.db.Tables.UNIT;

import java.util.EnumMap;
import java.util.Map;
import org.jooq.TableField;
import vn.hatang.datacenter.InformationSystemService;
import vn.hatang.datacenter.RackService;
import vn.hatang.devices.DeviceService;
import vn.hatang.devices.InvestmentLineService;
import vn.hatang.links.LinkService;
import vn.hatang.people.PersonService;
import vn.hatang.pki.tokens.TokenService;
import vn.hatang.platform.db.CrudService;
import vn.hatang.platform.db.Db;
import vn.hatang.units.UnitService;

/** The resource behind each inventory file, and the column that identifies a row: what import and export share. */
final class Resources {
    final UnitService units;
    final TokenService tokens;
    private final Map<InventoryKind, CrudService<?>> services = new EnumMap<>(InventoryKind.class);
    private static final Map<InventoryKind, TableField<?, String>> KEYS = new EnumMap<>(Map.of(
            InventoryKind.UNITS, UNIT.CODE,
            InventoryKind.INVESTMENT_LINES, INVESTMENT_LINE.CODE,
            InventoryKind.PEOPLE, PERSON.CODE,
            InventoryKind.RACKS, RACK.CODE,
            InventoryKind.DEVICES, DEVICE.SERIAL,
            InventoryKind.LINKS, LINK.CODE,
            InventoryKind.INFORMATION_SYSTEMS, INFORMATION_SYSTEM.CODE,
            InventoryKind.TOKENS, PKI_TOKEN.SERIAL));

    Resources(Db db) {
        units = new UnitService(db);
        tokens = new TokenService(db);
        services.put(InventoryKind.INVESTMENT_LINES, new InvestmentLineService(db));
        services.put(InventoryKind.PEOPLE, new PersonService(db));
        services.put(InventoryKind.RACKS, new RackService(db));
        services.put(InventoryKind.DEVICES, new DeviceService(db));
        services.put(InventoryKind.LINKS, new LinkService(db));
        services.put(InventoryKind.INFORMATION_SYSTEMS, new InformationSystemService(db));
        services.put(InventoryKind.TOKENS, tokens);
    }

    /** The CRUD resource of a kind; units have their own service ({@link #units}). */
    CrudService<?> service(InventoryKind kind) {
        return services.get(kind);
    }

    static TableField<?, String> key(InventoryKind kind) {
        return KEYS.get(kind);
    }
}
