package vn.hatang.snmp.service;

import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.SNMP_UNIT_PROFILE;
import static vn.hatang.db.Tables.UNIT;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.hatang.audit.AuditTrail;
import vn.hatang.platform.db.Db;
import vn.hatang.security.Scope;
import vn.hatang.snmp.sim.Province;
import vn.hatang.snmp.store.SecretBox;

/**
 * A fleet of simulated agents written into the inventory, for the tests and the benchmark of several instances: one
 * province ({@code FLEET}) with {@code regions} offices under it ({@code FLEET-R0} …), {@code n} network devices spread
 * over the offices, each on its own loopback address (127.77.x.y) and all on one port answering one community, with
 * a v2c profile of the province's that every device inherits.
 */
public final class SimulatedFleet {
    private static final Scope SCOPE = Scope.system("simulated-fleet");

    private SimulatedFleet() {
    }

    /** The devices to simulate: Cisco routers (11 interfaces) or switches (48 + 4 ports and a VLAN). */
    public static List<Province.Device> devices(int n, boolean switches) {
        List<Province.Device> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(new Province.Device(serial(i), switches ? "switch" : "router", "Cisco",
                    switches ? "C9300-48P" : "ISR4331", host(i), List.of(), false));
        }
        return l;
    }

    public static String serial(int i) {
        return String.format("FLEET-%06d", i);
    }

    /** Device i's address: 127.77.0.1 … 127.77.0.250, 127.77.1.1 …, then 127.78.… */
    public static String host(int i) {
        int block = i / 250;
        return "127." + (77 + block / 256) + "." + block % 256 + "." + (i % 250 + 1);
    }

    /** Writes the units, devices and the profile (sealed with {@code box}); returns the ids of the offices. */
    public static List<Long> write(Db db, SecretBox box, List<Province.Device> devices, String community, int port,
                                   int regions) {
        return db.inTransaction(SCOPE, dsl -> {
            AuditTrail.summaryOnly(dsl);
            long root = unit(dsl, "FLEET", "Tỉnh mô phỏng / simulated province", "provincial_committee", null);
            List<Long> offices = new ArrayList<>();
            for (int r = 0; r < regions; r++) {
                offices.add(unit(dsl, "FLEET-R" + r, "Vùng / region " + r, "office", root));
            }
            var insert = dsl.insertInto(DEVICE, DEVICE.SERIAL, DEVICE.CATEGORY, DEVICE.MANUFACTURER, DEVICE.MODEL,
                    DEVICE.UNIT_ID, DEVICE.STATUS, DEVICE.MGMT_ADDRESS);
            for (int i = 0; i < devices.size(); i++) {
                Province.Device d = devices.get(i);
                insert = insert.values(d.serial(), d.category(), d.manufacturer(), d.model(),
                        offices.get(i % offices.size()), "in_service", d.host());
            }
            insert.execute();
            var p = new ProfileService(box).createSystem(dsl, "Đội mô phỏng / simulated fleet", root,
                    List.of("127.0.0.0/8"), community, port, false);
            dsl.insertInto(SNMP_UNIT_PROFILE).set(SNMP_UNIT_PROFILE.UNIT_ID, root)
                    .set(SNMP_UNIT_PROFILE.PROFILE_ID, p.getId()).execute();
            return offices;
        });
    }

    private static long unit(DSLContext dsl, String code, String name, String kind, Long parent) {
        String parentPath = parent == null ? "/" : dsl.select(UNIT.PATH).from(UNIT).where(UNIT.ID.eq(parent))
                .fetchOne(UNIT.PATH);
        long id = dsl.insertInto(UNIT).set(UNIT.CODE, code).set(UNIT.NAME, name).set(UNIT.KIND, kind)
                .set(UNIT.PARENT_ID, parent).set(UNIT.PATH, "pending").set(UNIT.DEPTH, parent == null ? 0
                        : dsl.select(UNIT.DEPTH.plus(1)).from(UNIT).where(UNIT.ID.eq(parent)).fetchOne().value1())
                .returning(UNIT.ID).fetchOne().getId();
        dsl.update(UNIT).set(UNIT.PATH, DSL.val(parentPath + id + "/")).where(UNIT.ID.eq(id)).execute();
        return id;
    }
}
