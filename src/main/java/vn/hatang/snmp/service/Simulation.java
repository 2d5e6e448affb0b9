package vn.hatang.snmp.service;

import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.SNMP_DEVICE;
import static vn.hatang.db.Tables.SNMP_PROFILE;
import static vn.hatang.db.Tables.SNMP_UNIT_PROFILE;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.db.tables.records.SnmpDeviceRecord;
import vn.hatang.db.tables.records.SnmpProfileRecord;
import vn.hatang.platform.db.Db;
import vn.hatang.security.Scope;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.links.CarriedLink;
import vn.hatang.snmp.sim.Province;

/**
 * The living sample province of the embedded default: the sample's network devices answer as simulated agents on
 * loopback addresses (10.20.1.2 becomes 127.20.1.2), polled with a profile whose community is generated once and
 * stored like any other (sealed, in {@code snmp_profile}, marked {@code simulated}). Devices someone assigned a real
 * profile to are left alone. When the simulation is off, its profile and assignments are removed, so nothing
 * simulated lingers in a real installation.
 */
final class Simulation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);
    static final String PROFILE_NAME = "Tỉnh mẫu mô phỏng / simulated sample province";
    /** Fixed, so every start of the sample shows the same devices down and the same links flapping. */
    private static final long SEED = 20_260_101L;
    /** The simulation's writes (its profile, its assignments) are audited as this job. */
    private static final Scope SCOPE = Scope.system("snmp-simulation");

    private final Province province;

    private Simulation(Province province) {
        this.province = province;
    }

    /** Starts the agents and assigns the simulated profile; null when the inventory has no network device to use. */
    static Simulation start(Db db, ProfileService profiles) {
        Plan plan = db.inTransaction(SCOPE, dsl -> plan(dsl, profiles));
        if (plan == null) {
            LOG.info("Không có thiết bị mạng có địa chỉ quản trị để mô phỏng / no network device with a management"
                    + " address to simulate");
            return null;
        }
        Province province = Province.start(plan.devices(), plan.community(), SEED);
        try {
            db.inTransaction(SCOPE, dsl -> {
                dsl.update(SNMP_PROFILE).set(SNMP_PROFILE.PORT, province.port())
                        .where(SNMP_PROFILE.ID.eq(plan.profileId())).execute();
                for (int i = 0; i < plan.ids().size(); i++) {
                    long id = plan.ids().get(i);
                    SnmpDeviceRecord a = SnmpRepository.assignment(dsl, id);
                    if (a == null || plan.profileId() == (a.getProfileId() == null ? -1 : a.getProfileId())) {
                        SnmpRepository.assign(dsl, id, plan.profileId(), plan.devices().get(i).host(), true, null);
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            province.close();
            throw e;
        }
        return new Simulation(province);
    }

    /** Removes what an earlier simulated start left (the simulation is off now). Returns null. */
    static Simulation forget(Db db) {
        int removed = db.inTransaction(SCOPE, dsl -> {
            List<Long> ids = dsl.select(SNMP_PROFILE.ID).from(SNMP_PROFILE).where(SNMP_PROFILE.SIMULATED.isTrue())
                    .fetch(SNMP_PROFILE.ID);
            if (ids.isEmpty()) {
                return 0;
            }
            dsl.deleteFrom(SNMP_DEVICE).where(SNMP_DEVICE.PROFILE_ID.in(ids)).execute();
            dsl.deleteFrom(SNMP_UNIT_PROFILE).where(SNMP_UNIT_PROFILE.PROFILE_ID.in(ids)).execute();
            return dsl.deleteFrom(SNMP_PROFILE).where(SNMP_PROFILE.ID.in(ids)).execute();
        });
        if (removed > 0) {
            LOG.info("Đã gỡ hồ sơ SNMP mô phỏng của tỉnh mẫu / removed the simulated sample's SNMP profile");
        }
        return null;
    }

    private record Plan(long profileId, String community, List<Long> ids, List<Province.Device> devices) {
    }

    private static Plan plan(DSLContext dsl, ProfileService profiles) {
        var rows = dsl.select(DEVICE.ID, DEVICE.SERIAL, DEVICE.CATEGORY, DEVICE.MANUFACTURER, DEVICE.MODEL,
                        DEVICE.MGMT_ADDRESS).from(DEVICE)
                .where(DEVICE.CATEGORY.in(SnmpRepository.NETWORK_CATEGORIES)).and(DEVICE.MGMT_ADDRESS.isNotNull())
                .and(DEVICE.STATUS.notIn("retired", "disposed")).orderBy(DEVICE.SERIAL).fetch();
        Long root = SnmpRepository.rootUnit(dsl);
        if (rows.isEmpty() || root == null) {
            return null;
        }
        SnmpProfileRecord p = SnmpRepository.simulatedProfile(dsl, SCOPE);
        String community;
        if (p == null) {
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret);
            community = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            p = profiles.createSystem(dsl, PROFILE_NAME, root, List.of("127.0.0.0/8"), community, 161, true);
        } else {
            community = ((SnmpCredentials.Community) profiles.credentials(p)).community();
        }
        Map<Long, List<CarriedLink>> links = SnmpRepository.carriedLinks(dsl, SCOPE);
        Random random = new Random(SEED);
        Set<String> hosts = new HashSet<>();
        List<Long> ids = new ArrayList<>();
        List<Province.Device> devices = new ArrayList<>();
        int routersWithLinks = 0;
        for (int i = 0; i < rows.size(); i++) {
            var r = rows.get(i);
            List<CarriedLink> carried = links.getOrDefault(r.get(DEVICE.ID), List.of());
            boolean router = !carried.isEmpty();
            int n = router ? routersWithLinks++ : -1;
            List<Province.Port> wan = new ArrayList<>();
            for (CarriedLink l : carried) {
                wan.add(new Province.Port(l.interfaceName(), l.bandwidthBps(), 0.15 + random.nextDouble() * 0.7,
                        state(n, l.interfaceName())));
            }
            // A few devices never answer: two that carry links (their links are down: device unreachable), and one
            // in thirty of the others.
            boolean silent = router ? n == 5 || n == 23 : i % 30 == 11;
            String host = host(r.get(DEVICE.MGMT_ADDRESS), i, hosts);
            ids.add(r.get(DEVICE.ID));
            devices.add(new Province.Device(r.get(DEVICE.SERIAL), r.get(DEVICE.CATEGORY), r.get(DEVICE.MANUFACTURER),
                    r.get(DEVICE.MODEL), host, wan, silent));
        }
        return new Plan(p.getId(), community, ids, devices);
    }

    /** Of the devices carrying links: three have their Internet port down, four flap their WAN port now and then. */
    private static Province.State state(int router, String interfaceName) {
        boolean second = interfaceName != null && interfaceName.endsWith("/1");
        if (second && (router == 2 || router == 11 || router == 31)) {
            return Province.State.DOWN;
        }
        if (!second && (router == 1 || router == 8 || router == 17 || router == 40)) {
            return Province.State.FLAPPING;
        }
        return Province.State.UP;
    }

    /** The loopback twin of a management address: 10.a.b.c → 127.a.b.c, else 127.99.x.y. */
    private static String host(String mgmt, int i, Set<String> taken) {
        String candidate = mgmt != null && mgmt.trim().matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
                ? "127." + mgmt.trim().substring(mgmt.trim().indexOf('.') + 1) : null;
        if (candidate == null || candidate.equals("127.0.0.1") || !taken.add(candidate)) {
            candidate = "127.99." + (i / 250) + "." + (i % 250 + 1);
            taken.add(candidate);
        }
        return candidate;
    }

    void trapsTo(String host, int port) {
        province.trapsTo(host, port);
    }

    int size() {
        return province.size();
    }

    @Override
    public void close() {
        province.close();
    }
}
