package vn.hatang.snmp.service;

import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.LINK;
import static vn.hatang.db.Tables.SNMP_LINK_STATE;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.db.tables.records.DeviceRecord;
import vn.hatang.db.tables.records.SnmpDeviceRecord;
import vn.hatang.db.tables.records.SnmpDeviceStateRecord;
import vn.hatang.db.tables.records.SnmpProfileRecord;
import vn.hatang.db.tables.records.UnitRecord;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Scope;
import vn.hatang.snmp.api.SnmpAuthException;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.api.SnmpException;
import vn.hatang.snmp.api.SnmpTarget;
import vn.hatang.snmp.api.SnmpTimeoutException;
import vn.hatang.snmp.discovery.DiscoveryResult;
import vn.hatang.snmp.discovery.Discoverer;
import vn.hatang.snmp.discovery.Finding;
import vn.hatang.snmp.discovery.Identity;
import vn.hatang.snmp.discovery.InventoryCheck;
import vn.hatang.snmp.links.CarriedLink;
import vn.hatang.snmp.links.LinkState;
import vn.hatang.snmp.poll.DeviceStatus;
import vn.hatang.snmp.poll.IfRate;
import vn.hatang.snmp.poll.IfSample;
import vn.hatang.snmp.poll.PolledDevice;
import vn.hatang.snmp.store.PollShare;
import vn.hatang.snmp.poll.SnmpEvent;
import vn.hatang.snmp.traps.TrapReceiver;

/**
 * The rules of the SNMP module: which devices are polled and where their profile's secrets may go, assignment,
 * device status, identity and findings, the "test this device now" diagnosis, link status, reachability and events.
 * Every read and write takes the caller's {@link Scope}; the poller itself works for the whole tree.
 */
public final class SnmpService {
    private static final Logger LOG = LoggerFactory.getLogger(SnmpService.class);
    /** The poller's own reads and its bookkeeping: work nobody asked for, over the whole tree. */
    static final Scope SYSTEM = Scope.system("snmp");
    /** The categories a bulk assignment reaches by default, and that a console shows SNMP state for. */
    public static final List<String> NETWORK_CATEGORIES = SnmpRepository.NETWORK_CATEGORIES;

    private final Db db;
    private final SnmpOptions options;
    private final ProfileService profiles;
    private final Poller poller;
    private final Discoverer discoverer;
    private final DeviceTest tests;
    private final TrapReceiver traps;
    private final Clock clock;
    private final PollShare share;
    /** Every instance's devices, as last read; this instance polls those of its leases. */
    private volatile Poller.Plan all = Poller.Plan.EMPTY;
    /** Poll-now of a device another instance polls (several instances on one database), or null. */
    private volatile PollHandOver handOver;

    SnmpService(Db db, SnmpOptions options, ProfileService profiles, Poller poller, Discoverer discoverer,
                DeviceTest tests, TrapReceiver traps, PollShare share, Clock clock) {
        this.share = share;
        this.db = db;
        this.options = options;
        this.profiles = profiles;
        this.poller = poller;
        this.discoverer = discoverer;
        this.tests = tests;
        this.traps = traps;
        this.clock = clock;
    }

    /** Poll-now requests for devices of other instances go through {@code h} (several instances). */
    void handOver(PollHandOver h) {
        this.handOver = h;
    }

    /**
     * A poll-now request handed over by another instance: polled and written if this instance polls the device (true).
     * Blocking.
     */
    boolean pollOnRequest(long deviceId) {
        if (poller.target(deviceId) == null) {
            return false;
        }
        poller.pollNow(deviceId).handle((r, e) -> null).join();
        poller.flush();
        return true;
    }

    Poller poller() {
        return poller;
    }

    ProfileService profiles() {
        return profiles;
    }

    // ---- what is polled

    /**
     * Re-reads devices, profiles and links and updates the poller. A device is polled only when its profile's unit
     * covers the device's unit and the address (resolved once, here) lies in the profile's networks; otherwise it
     * is listed as blocked, with the reason, and no packet carrying the profile's secrets is sent. Blocking.
     */
    synchronized int reload() {
        Poller.Plan plan = db.readNow(SYSTEM, this::plan);
        all = plan;
        int polled = applyShare();
        if (traps != null) {
            traps.users(plan.targets().values().stream().map(Poller.Target::credentials)
                    .filter(c -> c instanceof SnmpCredentials.Usm).map(c -> (SnmpCredentials.Usm) c).toList());
        }
        db.inTransaction(SYSTEM, dsl -> {
            SnmpRepository.forgetLinkStates(dsl, plan.carriedLinkIds());
            return null;
        });
        return polled;
    }

    /**
     * Polls the devices of the last plan that fall under this instance's leases (after a reload, and whenever the
     * leases changed); a device taken over from another instance keeps its rhythm from its last poll. Blocking.
     */
    synchronized int applyShare() {
        Poller.Plan held = all.held(share);
        List<Long> added = held.targets().keySet().stream()
                .filter(id -> !poller.plan().targets().containsKey(id)).toList();
        Map<Long, Instant> lastPolls = new HashMap<>();
        if (!added.isEmpty()) {
            db.readNow(SYSTEM, SnmpRepository::polled).forEach((id, p) -> {
                if (p.lastPoll() != null) {
                    lastPolls.put(id, p.lastPoll());
                }
            });
        }
        poller.apply(all, held, lastPolls);
        share.polling(held.targets().size());
        return held.targets().size();
    }

    /**
     * Devices of the plan (every instance's) that no instance polled within twice their interval, once this
     * instance has run that long; unreachable devices (polled less often, backed off) do not count. Blocking.
     */
    int missed(Instant since) {
        Instant now = clock.instant();
        Map<Long, Poller.Target> targets = all.targets();
        if (targets.isEmpty()) {
            return 0;
        }
        Map<Long, SnmpRepository.Polled> polled = db.readNow(SYSTEM, SnmpRepository::polled);
        int n = 0;
        for (Poller.Target t : targets.values()) {
            Duration late = t.device().interval().multipliedBy(2);
            SnmpRepository.Polled p = polled.get(t.deviceId());
            if (since.plus(late).isAfter(now) || p != null && Boolean.FALSE.equals(p.reachable())) {
                continue;
            }
            if (p == null || p.lastPoll() == null || p.lastPoll().plus(late).isBefore(now)) {
                n++;
            }
        }
        return n;
    }

    private Poller.Plan plan(DSLContext dsl) {
        Map<Long, SnmpRepository.ProfileRow> rows = SnmpRepository.profileRows(dsl, SYSTEM);
        Map<Long, Poller.Target> targets = new HashMap<>();
        Map<Long, Poller.Blocked> blocked = new HashMap<>();
        Map<Long, SnmpCredentials> credentials = new HashMap<>();
        for (SnmpRepository.Assigned a : SnmpRepository.assigned(dsl, SYSTEM)) {
            SnmpRepository.ProfileRow row = rows.get(a.profileId());
            if (row == null) {
                continue;
            }
            SnmpProfileRecord p = row.profile();
            if (!a.unitPath().startsWith(row.unitPath())) {
                blocked.put(a.deviceId(), new Poller.Blocked(a.deviceId(), a.serial(), a.unitPath(), "profile_out_of_scope",
                        "snmp.blocked.profile_out_of_scope", p.getName()));
                continue;
            }
            InetAddress ip;
            try {
                ip = InetAddress.getByName(a.address());
            } catch (UnknownHostException | SecurityException e) {
                blocked.put(a.deviceId(), new Poller.Blocked(a.deviceId(), a.serial(), a.unitPath(), "address_unresolved",
                        "snmp.blocked.address_unresolved", a.address()));
                continue;
            }
            if (!ProfileService.networks(p).contains(ip)) {
                blocked.put(a.deviceId(), new Poller.Blocked(a.deviceId(), a.serial(), a.unitPath(), "address_not_allowed",
                        "snmp.blocked.address_not_allowed", ip.getHostAddress()));
                continue;
            }
            SnmpCredentials c;
            try {
                c = credentials.computeIfAbsent(p.getId(), k -> profiles.credentials(p));
            } catch (RuntimeException e) {
                LOG.warn("Hồ sơ SNMP {} không dùng được / SNMP profile {} unusable: {}", p.getName(), p.getName(),
                        e.getMessage());
                continue;
            }
            SnmpTarget target = SnmpTarget.of(ip.getHostAddress(), p.getPort(), c)
                    .withTimeout(p.getTimeoutMs(), p.getRetries());
            Duration interval = a.carriesLink() ? options.linkInterval() : options.interval();
            targets.put(a.deviceId(), new Poller.Target(a.deviceId(), a.serial(), a.model(), a.unitPath(),
                    new PolledDevice(a.deviceId(), a.serial(), target, interval), ip, p.getId(),
                    Boolean.TRUE.equals(p.getSimulated()), a.engineId()));
        }
        warnUnrestricted(rows);
        return new Poller.Plan(targets, blocked, SnmpRepository.carriedLinks(dsl, SYSTEM));
    }

    /** Said once per profile and start (and again after a change), not at every reload. */
    private final java.util.Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private void warnUnrestricted(Map<Long, SnmpRepository.ProfileRow> rows) {
        for (SnmpRepository.ProfileRow r : rows.values()) {
            Networks n = ProfileService.networks(r.profile());
            String key = r.profile().getId() + "/" + r.profile().getVersion();
            if (Boolean.TRUE.equals(r.profile().getSimulated()) || !warned.add(key)) {
                continue;
            }
            if (n.unrestricted()) {
                LOG.warn("Hồ sơ SNMP \"{}\" cho phép gửi bí mật tới mọi địa chỉ; hãy giới hạn \"networks\" / SNMP"
                        + " profile \"{}\" lets its secrets go to any address; narrow its \"networks\"",
                        r.profile().getName(), r.profile().getName());
            } else if (n.texts().equals(ProfileService.DEFAULT_NETWORKS)) {
                LOG.warn("Hồ sơ SNMP \"{}\" gửi bí mật tới mọi địa chỉ riêng (mặc định); hãy đặt \"networks\" là các"
                        + " mạng quản trị / SNMP profile \"{}\" sends its secrets to any private address (the default);"
                        + " set \"networks\" to the management networks", r.profile().getName(), r.profile().getName());
            }
        }
    }

    boolean simulated() {
        return poller.plan().simulated();
    }

    // ---- profiles

    public Future<JsonArray> listProfiles(Scope scope) {
        return db.read(scope, dsl -> profiles.list(dsl, scope));
    }

    Future<JsonObject> getProfile(Scope scope, long id) {
        return db.read(scope, dsl -> profiles.get(dsl, scope, id));
    }

    Future<JsonObject> createProfile(Scope scope, Input in) {
        return reloading(db.tx(scope, dsl -> {
            SnmpProfileRecord r = profiles.create(dsl, scope, in);
            return ProfileService.view(r, SnmpRepository.unitCode(dsl, r.getUnitId()));
        }));
    }

    Future<JsonObject> updateProfile(Scope scope, long id, Integer ifMatch, Input in) {
        return reloading(db.tx(scope, dsl -> {
            SnmpProfileRecord r = profiles.update(dsl, scope, id, ifMatch, in);
            return ProfileService.view(r, SnmpRepository.unitCode(dsl, r.getUnitId()));
        }));
    }

    Future<Void> deleteProfile(Scope scope, long id) {
        return reloading(db.tx(scope, dsl -> {
            profiles.delete(dsl, scope, id);
            return null;
        }));
    }

    private <T> Future<T> reloading(Future<T> change) {
        return change.compose(v -> db.blocking().run(() -> {
            reload();
            return v;
        }));
    }

    // ---- assignment

    /**
     * Gives one device a profile, an address to poll instead of its management address, an expected v3 engine id,
     * or turns its polling off. The profile must cover the device's unit; an address must lie in its networks. An
     * address override decides where a profile's secrets go, so it comes with the profile it is for, named by a
     * caller who may use that profile (one in their scope): nobody redirects a profile owned above them.
     */
    public Future<JsonObject> assign(Scope scope, long deviceId, Input in) {
        ProfileService.onlyKnown(in, List.of("profile_id", "address", "enabled", "engine_id"));
        Long profileId = in.id("profile_id", false);
        String address = in.text("address", 255, false);
        Boolean enabled = in.bool("enabled", false);
        String engineId = engineId(in);
        if (address != null && profileId == null) {
            throw ApiException.invalid("address", "error.snmp_address_needs_profile");
        }
        return reloading(db.tx(scope, dsl -> {
            DeviceRecord d = SnmpRepository.device(dsl, scope, deviceId);
            if (profileId != null) {
                SnmpProfileRecord p = SnmpRepository.profileRef(dsl, scope, profileId, "profile_id");
                covers(dsl, p, d.getUnitId(), "profile_id");
                if (address != null) {
                    allowed(p, address, "address");
                }
            }
            boolean on = enabled == null || enabled;
            SnmpRepository.assign(dsl, deviceId, profileId, address, on, engineId);
            return new JsonObject().put("device_id", deviceId).put("profile_id", profileId).put("address", address)
                    .put("enabled", on).put("engine_id", engineId);
        }));
    }

    /** The default profiles set on the units of the caller's subtree. */
    public Future<JsonArray> unitProfiles(Scope scope) {
        return db.read(scope, dsl -> new JsonArray(new ArrayList<>(SnmpRepository.unitProfiles(dsl, scope))));
    }

    /** The default profile of a unit's subtree; null removes it. */
    public Future<JsonObject> unitProfile(Scope scope, long unitId, Input in) {
        ProfileService.onlyKnown(in, List.of("profile_id"));
        Long profileId = in.id("profile_id", false);
        return reloading(db.tx(scope, dsl -> {
            UnitRecord u = SnmpRepository.unit(dsl, scope, unitId);
            if (profileId != null) {
                covers(dsl, SnmpRepository.profileRef(dsl, scope, profileId, "profile_id"), u.getId(), "profile_id");
            }
            SnmpRepository.unitProfile(dsl, unitId, profileId);
            return new JsonObject().put("unit_id", unitId).put("profile_id", profileId);
        }));
    }

    /**
     * Assigns a profile to every network device (firewall, switch, router, or the categories given) of a unit's
     * subtree in one call; {@code dry_run} lists them without changing anything. Devices already assigned keep
     * their engine id, and their address override only when it was set for this same profile.
     */
    Future<JsonObject> assignAll(Scope scope, long profileId, Input in) {
        ProfileService.onlyKnown(in, List.of("unit_id", "unit_code", "categories", "dry_run"));
        Long unitId = in.id("unit_id", false);
        String unitCode = in.text("unit_code", 64, false);
        if (unitId == null && unitCode == null) {
            throw ApiException.invalid("unit_code", "error.required");
        }
        List<String> categories = categories(in);
        boolean dryRun = Boolean.TRUE.equals(in.bool("dry_run", false));
        return (dryRun ? db.tx(scope, dsl -> assignAll(dsl, scope, profileId, unitId, unitCode, categories, true))
                : reloading(db.tx(scope, dsl -> assignAll(dsl, scope, profileId, unitId, unitCode, categories, false))));
    }

    static JsonObject assignAll(DSLContext dsl, Scope scope, long profileId, Long unitId, String unitCode,
                                List<String> categories, boolean dryRun) {
        SnmpProfileRecord p = SnmpRepository.profile(dsl, scope, profileId);
        UnitRecord root = SnmpRepository.unitRef(dsl, scope, unitId != null ? String.valueOf(unitId) : unitCode,
                unitId != null ? "unit_id" : "unit_code");
        covers(dsl, p, root.getId(), unitId != null ? "unit_id" : "unit_code");
        Networks nets = ProfileService.networks(p);
        JsonArray assigned = new JsonArray();
        JsonArray outside = new JsonArray();
        for (var r : SnmpRepository.devicesUnder(dsl, scope, root, categories)) {
            SnmpDeviceRecord before = SnmpRepository.assignment(dsl, r.value1());
            // An override was set for its own profile; another profile's secrets do not follow it there.
            boolean keepOverride = before != null && before.getAddress() != null
                    && Long.valueOf(profileId).equals(before.getProfileId());
            String override = keepOverride ? before.getAddress() : null;
            String address = override != null ? override : r.value4();
            JsonObject item = new JsonObject().put("device_id", r.value1()).put("serial", r.value2())
                    .put("category", r.value3()).put("address", address);
            if (before != null && before.getAddress() != null && !keepOverride) {
                item.put("override_dropped", before.getAddress());
            }
            if (address != null && !literalAllowed(nets, address)) {
                outside.add(item);
            }
            assigned.add(item);
            if (!dryRun) {
                SnmpRepository.assign(dsl, r.value1(), profileId, override, before == null || before.getEnabled(),
                        before == null ? null : before.getEngineId());
            }
        }
        return new JsonObject().put("profile_id", profileId).put("unit_code", root.getCode())
                .put("categories", new JsonArray(new ArrayList<>(categories))).put("dry_run", dryRun)
                .put("count", assigned.size()).put("devices", assigned).put("outside_networks", outside);
    }

    static List<String> categories(Input in) {
        JsonArray a = in.array("categories", false);
        if (a == null) {
            return SnmpRepository.NETWORK_CATEGORIES;
        }
        List<String> out = new ArrayList<>();
        for (Object o : a) {
            if (!(o instanceof String s) || !vn.hatang.devices.DeviceCategory.ALL.contains(s)) {
                throw ApiException.invalid("categories", "error.one_of",
                        String.join(", ", vn.hatang.devices.DeviceCategory.ALL));
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            throw ApiException.invalid("categories", "error.required");
        }
        return out;
    }

    /** A profile may be used only inside its unit's subtree. */
    private static void covers(DSLContext dsl, SnmpProfileRecord p, long unitId, String field) {
        String profilePath = SnmpRepository.unitPath(dsl, p.getUnitId());
        String path = SnmpRepository.unitPath(dsl, unitId);
        if (path == null || profilePath == null || !path.startsWith(profilePath)) {
            throw ApiException.invalid(field, "error.snmp_profile_scope", p.getName());
        }
    }

    /** An address given with an assignment must be a literal inside the profile's networks (no DNS at write time). */
    private static void allowed(SnmpProfileRecord p, String address, String field) {
        if (!literalAllowed(ProfileService.networks(p), address)) {
            throw ApiException.invalid(field, "error.snmp_address_not_allowed", address, p.getName());
        }
    }

    /** A literal address inside the networks; a host name is checked after resolution, when the poller loads it. */
    private static boolean literalAllowed(Networks nets, String address) {
        InetAddress a = Networks.literal(address);
        return a == null || nets.contains(a);
    }

    private static String engineId(Input in) {
        String e = in.text("engine_id", 64, false);
        if (e == null) {
            return null;
        }
        String hex = e.replaceFirst("^0[xX]", "").replace(":", "");
        if (!hex.matches("(?i)[0-9a-f]{10,64}") || hex.length() % 2 != 0) {
            throw ApiException.invalid("engine_id", "error.snmp_engine_id");
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    // ---- device status, interfaces, findings

    public Future<JsonObject> status(Scope scope, long deviceId, Locale locale) {
        return db.read(scope, dsl -> status(dsl, scope, deviceId, locale));
    }

    private JsonObject status(DSLContext dsl, Scope scope, long deviceId, Locale locale) {
        DeviceRecord d = SnmpRepository.device(dsl, scope, deviceId);
        SnmpDeviceStateRecord r = SnmpRepository.state(dsl, scope, deviceId);
        Poller.Target t = all.targets().get(deviceId); // polled here or, with several instances, by another
        Poller.Blocked b = all.blocked().get(deviceId);
        DeviceStatus s = poller.status(deviceId); // this instance's live view, if it polls the device
        JsonObject o = new JsonObject().put("device_id", deviceId).put("inventory_serial", d.getSerial())
                .put("inventory_model", d.getModel())
                .put("polled", t != null).put("simulated", t != null && t.simulated());
        if (t != null) {
            o.put("address", t.device().target().host() + ":" + t.device().target().port())
                    .put("profile_id", t.profileId()).put("interval_s", t.device().interval().toSeconds());
        }
        if (b != null) {
            o.put("blocked", new JsonObject().put("reason", b.reason())
                    .put("message", Messages.get(locale, b.messageKey(), b.detail())));
        }
        if (s != null && s.lastPoll() != null) {
            o.put("reachable", s.reachable()).put("reachable_since", str(s.reachableSince()))
                    .put("last_poll", str(s.lastPoll())).put("last_success", str(s.lastSuccess()))
                    .put("last_error", s.lastError())
                    .put("uptime_s", s.uptimeTicks() == null ? null : s.uptimeTicks() / 100)
                    .put("uptime_source", s.uptimeSource() == null ? null : s.uptimeSource().label())
                    .put("interfaces_up", s.interfaces().stream().filter(IfSample::up).count())
                    .put("interfaces_down", s.interfaces().stream().filter(i -> !i.up()).count());
        } else if (r != null) {
            o.put("reachable", r.getReachable()).put("reachable_since", str(r.getReachableSince()))
                    .put("last_poll", str(r.getLastPoll())).put("last_success", str(r.getLastSuccess()))
                    .put("last_error", r.getLastError())
                    .put("uptime_s", r.getUptimeTicks() == null ? null : r.getUptimeTicks() / 100)
                    .put("uptime_source", r.getUptimeSource());
        }
        if (r != null && r.getDiscoveredAt() != null) {
            JsonObject identity = r.getIdentity() == null ? new JsonObject() : new JsonObject(r.getIdentity().data());
            o.put("sys_name", r.getSysName()).put("sys_descr", r.getSysDescr())
                    .put("sys_object_id", r.getSysObjectId()).put("sys_location", r.getSysLocation())
                    .put("serial", r.getSerial()).put("model", r.getModel())
                    .put("software_version", r.getSoftwareVersion()).put("firmware", r.getSoftwareVersion())
                    .put("vendor", r.getVendor()).put("identity", identity)
                    .put("discovered_at", str(r.getDiscoveredAt()));
        }
        return o;
    }

    public Future<JsonArray> interfaces(Scope scope, long deviceId) {
        return db.read(scope, dsl -> {
            SnmpRepository.device(dsl, scope, deviceId);
            DeviceStatus s = poller.status(deviceId);
            JsonArray a = new JsonArray();
            if (s != null && s.lastSuccess() != null) {
                for (int i = 0; i < s.interfaces().size(); i++) {
                    IfSample f = s.interfaces().get(i);
                    IfRate r = s.rate(i);
                    a.add(new JsonObject().put("if_index", f.ifIndex).put("name", f.name).put("descr", f.descr)
                            .put("alias", f.alias).put("type", f.type).put("speed_bps", f.speedBps)
                            .put("admin_status", ifStatus(f.adminStatus)).put("oper_status", ifStatus(f.operStatus))
                            .put("in_bps", r == null ? null : num(r.inBps))
                            .put("out_bps", r == null ? null : num(r.outBps))
                            .put("hc_counters", f.hc).put("updated_at", str(s.lastSuccess())));
                }
                return a;
            }
            for (var r : SnmpRepository.interfaces(dsl, scope, deviceId)) {
                a.add(new JsonObject().put("if_index", r.getIfIndex()).put("name", r.getName())
                        .put("descr", r.getDescr()).put("alias", r.getAlias()).put("type", r.getIfType())
                        .put("speed_bps", r.getSpeedBps())
                        .put("admin_status", ifStatus(r.getAdminStatus() == null ? null : (int) r.getAdminStatus()))
                        .put("oper_status", ifStatus(r.getOperStatus() == null ? null : (int) r.getOperStatus()))
                        .put("in_bps", r.getInBps()).put("out_bps", r.getOutBps())
                        .put("updated_at", str(r.getUpdatedAt())));
            }
            return a;
        });
    }

    public Future<JsonArray> findings(Scope scope, long deviceId, Locale locale) {
        return db.read(scope, dsl -> {
            SnmpRepository.device(dsl, scope, deviceId);
            JsonArray a = new JsonArray();
            for (var r : SnmpRepository.openFindings(dsl, scope, deviceId)) {
                Finding f = new Finding(Finding.Kind.valueOf(r.getKind()), r.getExpected(), r.getActual());
                a.add(new JsonObject().put("id", r.getId()).put("kind", r.getKind()).put("expected", r.getExpected())
                        .put("actual", r.getActual()).put("message", f.message(locale))
                        .put("found_at", str(r.getFoundAt())));
            }
            return a;
        });
    }

    // ---- poll, discover, test now

    /**
     * The polled target of a device in scope (polled by this instance or, with several, another), or a 409 saying
     * why it is not polled.
     */
    private Poller.Target polledTarget(DSLContext dsl, Scope scope, long deviceId) {
        SnmpRepository.device(dsl, scope, deviceId);
        Poller.Target t = all.targets().get(deviceId);
        if (t == null) {
            Poller.Blocked b = all.blocked().get(deviceId);
            if (b != null) {
                throw ApiException.stateConflict(b.messageKey(), b.detail());
            }
            throw ApiException.stateConflict("error.snmp_not_polled", String.valueOf(deviceId));
        }
        return t;
    }

    Future<JsonObject> pollNow(Vertx vertx, Scope scope, long deviceId, Locale locale) {
        // What the poll changed is written before answering, whether it succeeded or not, so lists agree at once.
        return db.read(scope, dsl -> polledTarget(dsl, scope, deviceId))
                .compose(t -> pollsHere(deviceId) ? snmp(vertx, poller.pollNow(deviceId), deviceId)
                        .eventually(() -> db.blocking().run(() -> {
                            poller.flush();
                            return null;
                        })).mapEmpty() : handOver.poll(vertx, deviceId, HAND_OVER_TIMEOUT))
                .compose(r -> status(scope, deviceId, locale));
    }

    /** How long poll-now waits for another instance's poll: an unreachable device's timeouts and retries fit. */
    private static final Duration HAND_OVER_TIMEOUT = Duration.ofSeconds(30);

    /** Whether this instance polls the device itself (else, with several instances, its holder is asked). */
    private boolean pollsHere(long deviceId) {
        return poller.target(deviceId) != null || handOver == null;
    }

    /**
     * Reads the device's identity with its vendor profile, compares it with the inventory (findings replace the
     * previous ones) and polls its interfaces, so status and metrics move at once too.
     */
    public Future<JsonObject> discoverNow(Vertx vertx, Scope scope, long deviceId, Locale locale) {
        return db.read(scope, dsl -> polledTarget(dsl, scope, deviceId)).compose(t -> {
            CompletableFuture<DiscoveryResult> d = discoverer.discover(deviceId, t.device().target());
            CompletableFuture<?> poll = pollsHere(deviceId) ? poller.pollNow(deviceId).exceptionally(e -> null)
                    : handOver.poll(vertx, deviceId, HAND_OVER_TIMEOUT).otherwiseEmpty().toCompletionStage()
                            .toCompletableFuture();
            return snmp(vertx, d.thenCombine(poll, (result, ignored) -> result), deviceId).compose(r -> db.tx(scope, dsl -> {
                DeviceRecord inv = SnmpRepository.device(dsl, scope, deviceId);
                List<Finding> found = InventoryCheck.findings(inv.getSerial(), inv.getModel(), r.identity(),
                        r.profile());
                JsonObject identity = identityJson(r.identity());
                SnmpRepository.identity(dsl, deviceId, r, identity.encode());
                SnmpRepository.findings(dsl, deviceId, found, clock.instant());
                return discoveryJson(deviceId, r, identity, found, t.simulated(), locale);
            }));
        }).compose(o -> db.blocking().run(() -> {
            poller.flush();
            return o;
        }));
    }

    /** "Test this device now": see {@link DeviceTest}. */
    Future<JsonObject> test(Vertx vertx, Scope scope, long deviceId, Input in, Locale locale) {
        ProfileService.onlyKnown(in, List.of("address", "profile_id", "confirm"));
        String address = in.text("address", 255, false);
        Long profileId = in.id("profile_id", false);
        boolean confirm = Boolean.TRUE.equals(in.bool("confirm", false));
        return db.read(scope, dsl -> tests.prepare(dsl, scope, deviceId, address, profileId, confirm))
                .compose(p -> db.blocking().run(() -> tests.run(p, locale)));
    }

    static JsonObject identityJson(Identity i) {
        JsonArray members = new JsonArray();
        i.members().forEach(m -> members.add(new JsonObject().put("entity_index", m.entityIndex()).put("name", m.name())
                .put("serial", m.serial()).put("model", m.model())));
        return new JsonObject().put("profile", i.profile()).put("vendor", i.vendor()).put("os", i.os())
                .put("serial", i.serial()).put("other_serials", new JsonArray(new ArrayList<>(i.otherSerials())))
                .put("model", i.model()).put("software_version", i.version())
                .put("sources", new JsonObject(new HashMap<>(i.sources()))).put("members", members);
    }

    private static JsonObject discoveryJson(long deviceId, DiscoveryResult d, JsonObject identity,
                                            List<Finding> found, boolean simulated, Locale locale) {
        JsonArray entities = new JsonArray();
        d.entities().forEach(e -> entities.add(new JsonObject().put("index", e.index()).put("class", e.physicalClass())
                .put("contained_in", e.containedIn()).put("name", e.name()).put("descr", e.descr())
                .put("serial", e.serial()).put("model", e.model()).put("manufacturer", e.manufacturer())
                .put("firmware", e.firmwareRev()).put("software", e.softwareRev()).put("hardware", e.hardwareRev())));
        JsonArray storage = new JsonArray();
        d.storage().forEach(s -> storage.add(new JsonObject().put("descr", s.descr()).put("size_bytes", s.sizeBytes())
                .put("used_bytes", s.usedBytes())));
        JsonArray findings = new JsonArray();
        found.forEach(f -> findings.add(new JsonObject().put("kind", f.kind().name()).put("expected", f.expected())
                .put("actual", f.actual()).put("message", f.message(locale))));
        var s = d.system();
        return new JsonObject().put("device_id", deviceId).put("simulated", simulated)
                .put("discovered_at", d.time().toString())
                .put("system", new JsonObject().put("name", s.name()).put("descr", s.descr())
                        .put("object_id", s.objectId()).put("location", s.location()).put("contact", s.contact())
                        .put("uptime_s", s.uptimeTicks() == null ? null : s.uptimeTicks() / 100))
                .put("identity", identity).put("entities", entities).put("interfaces", d.poll().interfaces().size())
                .put("storage", storage).put("processor_loads", new JsonArray(new ArrayList<>(d.processorLoads())))
                .put("findings", findings);
    }

    /** Hops back to the caller's context and turns SNMP failures into problem documents. */
    private static <T> Future<T> snmp(Vertx vertx, CompletableFuture<T> f, long deviceId) {
        return Future.fromCompletionStage(f, vertx.getOrCreateContext()).recover(err -> Future.failedFuture(
                problem(err, deviceId)));
    }

    static ApiException problem(Throwable err, long deviceId) {
        Throwable c = SnmpException.cause(err);
        if (c instanceof SnmpTimeoutException) {
            return ApiException.of(504, "snmp-timeout", "error.snmp_timeout", String.valueOf(deviceId));
        }
        if (c instanceof SnmpAuthException a) {
            return ApiException.of(502, "snmp-auth", "error.snmp_auth", String.valueOf(deviceId), a.reason());
        }
        return ApiException.of(502, "snmp-error", "error.snmp_error", String.valueOf(deviceId),
                String.valueOf(c.getMessage()));
    }

    // ---- links

    Future<JsonObject> links(Scope scope, Map<String, String> query, Page.Request page, Locale locale) {
        Input q = Input.ofStrings(query);
        String under = q.text("under", 64, false);
        String status = q.has("status") ? q.oneOf("status", List.of("up", "down", "unknown", "not_polled"), false)
                : null;
        return db.read(scope, dsl -> {
            UnitRecord root = under == null ? null : SnmpRepository.unitRef(dsl, scope, under, "under");
            List<JsonObject> rows = new ArrayList<>();
            for (Record r : SnmpRepository.links(dsl, scope, root, status, page.after(), page.limit() + 1)) {
                rows.add(linkJson(r, locale));
            }
            Page p = page.page(rows);
            return p.toJson().put("simulated", simulated());
        });
    }

    public Future<JsonObject> link(Scope scope, long linkId, Locale locale) {
        return db.read(scope, dsl -> linkJson(SnmpRepository.link(dsl, scope, linkId), locale));
    }

    /**
     * The live state of the links given (a page of another list), by link id, within the same scope as
     * {@link #links}: a link outside it is simply absent.
     */
    public Future<Map<Long, JsonObject>> linkStates(Scope scope, java.util.Collection<Long> linkIds, Locale locale) {
        if (linkIds.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return db.read(scope, dsl -> {
            Map<Long, JsonObject> out = new HashMap<>();
            for (Record r : SnmpRepository.links(dsl, scope, linkIds)) {
                out.put(r.get(LINK.ID), linkJson(r, locale));
            }
            return out;
        });
    }

    /**
     * A link as the poller last saw it: up, down or unknown, why (in words: the device unreachable, or the carrying
     * interface down, with its name), since when, first seen at, and the last utilisation. The live state in memory
     * is preferred; the stored one serves right after a restart or on another instance.
     */
    private JsonObject linkJson(Record r, Locale locale) {
        long id = r.get(LINK.ID);
        Long deviceId = r.get(LINK.DEVICE_ID);
        Poller.Target t = deviceId == null ? null : poller.target(deviceId);
        LinkState live = poller.linkState(id);
        JsonObject o = new JsonObject().put("id", id).put("link_id", id).put("code", r.get(LINK.CODE))
                .put("kind", r.get(LINK.KIND)).put("unit_code", r.get(UNIT.CODE))
                .put("inventory_status", r.get(LINK.STATUS)).put("bandwidth_mbps", r.get(LINK.BANDWIDTH_MBPS))
                .put("device_id", deviceId).put("device_serial", r.get(DEVICE.SERIAL))
                .put("interface_name", r.get(LINK.INTERFACE_NAME)).put("simulated", t != null && t.simulated())
                .put("first_seen_at", str(live != null ? live.firstSeenAt() : r.get(SNMP_LINK_STATE.FIRST_SEEN_AT)));
        String status;
        String reason;
        Instant since;
        if (live != null) {
            status = live.status().label();
            reason = live.reason() == null ? null : live.reason().label();
            since = live.since();
            o.put("if_index", live.ifIndex()).put("if_name", live.ifName()).put("as_of", str(live.updatedAt()))
                    .put("utilisation_in", num(live.inRatio())).put("utilisation_out", num(live.outRatio()))
                    .put("in_bps", num(live.inBps())).put("out_bps", num(live.outBps()))
                    .put("utilisation_at", str(live.utilisationAt()));
        } else if (r.get(SNMP_LINK_STATE.STATUS) != null) {
            status = r.get(SNMP_LINK_STATE.STATUS);
            reason = r.get(SNMP_LINK_STATE.REASON);
            since = r.get(SNMP_LINK_STATE.SINCE);
            o.put("if_index", r.get(SNMP_LINK_STATE.IF_INDEX)).put("if_name", r.get(SNMP_LINK_STATE.IF_NAME))
                    .put("as_of", str(r.get(SNMP_LINK_STATE.UPDATED_AT)))
                    .put("utilisation_in", num(r.get(SNMP_LINK_STATE.IN_RATIO)))
                    .put("utilisation_out", num(r.get(SNMP_LINK_STATE.OUT_RATIO)))
                    .put("in_bps", num(r.get(SNMP_LINK_STATE.IN_BPS))).put("out_bps", num(r.get(SNMP_LINK_STATE.OUT_BPS)))
                    .put("utilisation_at", str(r.get(SNMP_LINK_STATE.UTILISATION_AT)));
        } else {
            status = "unknown";
            reason = "not_polled";
            since = null;
        }
        String device = r.get(DEVICE.SERIAL) == null ? "" : r.get(DEVICE.SERIAL);
        String iface = o.getString("if_name") != null ? o.getString("if_name") : r.get(LINK.INTERFACE_NAME);
        return o.put("status", status).put("reason", reason).put("since", str(since))
                .put("reason_text", reason == null ? null : Messages.get(locale, "snmp.link.reason." + reason, device,
                        iface == null ? "" : iface, since == null ? "" : since.toString()));
    }

    public Future<JsonObject> utilisation(Scope scope, long linkId, Map<String, String> query) {
        Input q = Input.ofStrings(query);
        Instant to = q.has("to") ? q.instant("to", true) : clock.instant();
        Instant from = q.has("from") ? q.instant("from", true) : to.minus(Duration.ofDays(1));
        if (!from.isBefore(to)) {
            throw ApiException.invalid("from", "error.snmp_range");
        }
        return db.read(scope, dsl -> {
            Record l = SnmpRepository.link(dsl, scope, linkId);
            Long deviceId = l.get(LINK.DEVICE_ID);
            double bw = l.get(LINK.BANDWIDTH_MBPS) * 1e6;
            boolean hourly = Duration.between(from, to).compareTo(Duration.ofDays(2)) > 0;
            JsonArray points = new JsonArray();
            JsonObject o = new JsonObject().put("link_id", linkId).put("from", from.toString()).put("to", to.toString())
                    .put("resolution", hourly ? "hour" : "raw").put("points", points);
            Integer ifIndex = deviceId == null ? null : SnmpRepository.carryingIfIndex(dsl, scope, l);
            if (ifIndex == null) {
                return o;
            }
            List<Instant> times = new ArrayList<>();
            List<double[]> values = SnmpRepository.utilisation(dsl, scope, deviceId, ifIndex, from, to, hourly, times);
            for (int i = 0; i < values.size(); i++) {
                double[] v = values.get(i);
                points.add(new JsonObject().put("ts", str(times.get(i))).put("utilisation_in", num(v[0] / bw))
                        .put("utilisation_out", num(v[1] / bw)).put("up_ratio", num(v[2])));
            }
            return o.put("if_index", ifIndex);
        });
    }

    // ---- reachability, events

    public Future<JsonObject> reachability(Scope scope, long unitId) {
        return db.read(scope, dsl -> {
            UnitRecord u = SnmpRepository.unit(dsl, scope, unitId);
            List<Long> ids = SnmpRepository.devicesOf(dsl, scope, u);
            int polled = 0;
            int up = 0;
            int down = 0;
            JsonArray unreachable = new JsonArray();
            for (Long id : ids) {
                if (poller.target(id) == null) {
                    continue;
                }
                polled++;
                DeviceStatus s = poller.status(id);
                if (s == null || s.reachable() == null) {
                    continue;
                }
                if (s.reachable()) {
                    up++;
                } else {
                    down++;
                    unreachable.add(new JsonObject().put("device_id", id).put("serial", poller.target(id).serial())
                            .put("since", str(s.reachableSince())));
                }
            }
            return new JsonObject().put("unit_id", unitId).put("simulated", simulated()).put("devices", ids.size())
                    .put("polled", polled).put("reachable", up).put("unreachable", down)
                    .put("unknown", polled - up - down).put("unreachable_devices", unreachable);
        });
    }

    public Future<JsonArray> events(Scope scope, Map<String, String> query) {
        Input q = Input.ofStrings(query);
        Long deviceId = q.id("device_id", false);
        Long unitId = q.id("unit_id", false);
        String kind = q.has("kind") ? q.oneOf("kind", kinds(), false) : null;
        Instant from = q.has("from") ? q.instant("from", true) : null;
        Instant to = q.has("to") ? q.instant("to", true) : null;
        Integer limit = q.integer("limit", 1, 1000, false);
        return db.read(scope, dsl -> {
            UnitRecord under = null;
            if (unitId != null) {
                under = dsl.selectFrom(UNIT).where(UNIT.ID.eq(unitId)).and(scope.covers(UNIT.ID)).fetchOne();
                if (under == null) {
                    throw ApiException.invalid("unit_id", "error.unknown_ref", String.valueOf(unitId));
                }
            }
            JsonArray a = new JsonArray();
            for (var r : SnmpRepository.events(dsl, scope, deviceId, under,
                    kind == null ? null : kind.toUpperCase(Locale.ROOT), from, to, limit == null ? 100 : limit)) {
                a.add(new JsonObject().put("id", r.getId()).put("device_id", r.getDeviceId()).put("at", str(r.getAt()))
                        .put("kind", r.getKind()).put("if_index", r.getIfIndex()).put("source", r.getSource())
                        .put("detail", r.getDetail()));
            }
            return a;
        });
    }

    /** What the module is doing: polled and blocked devices of the caller's scope, simulation, trap receiver. */
    Future<JsonObject> summary(Scope scope, Locale locale) {
        Poller.Plan p = poller.plan();
        return db.read(scope, dsl -> {
            JsonObject o = new JsonObject().put("simulated", p.simulated())
                    .put("devices_polled", SnmpRepository.countInScope(dsl, scope, p.targets().keySet()))
                    .put("devices_blocked", SnmpRepository.countInScope(dsl, scope, p.blocked().keySet()))
                    .put("trap_receiver", traps == null ? null : options.trapHost() + ":" + traps.port());
            if (p.simulated()) {
                o.put("notice", Messages.get(locale, "snmp.simulated_notice"));
            }
            return o;
        });
    }

    static List<String> kinds() {
        List<String> k = new ArrayList<>();
        for (SnmpEvent.Type t : SnmpEvent.Type.values()) {
            k.add(t.name().toLowerCase(Locale.ROOT));
        }
        return k;
    }

    /** IF-MIB ifAdminStatus / ifOperStatus in words; null when the agent did not say. */
    static String ifStatus(Integer s) {
        if (s == null) {
            return null;
        }
        return switch (s) {
            case 1 -> "up";
            case 2 -> "down";
            case 3 -> "testing";
            case 4 -> "unknown";
            case 5 -> "dormant";
            case 6 -> "not_present";
            case 7 -> "lower_layer_down";
            default -> null;
        };
    }

    private static Double num(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? null : Math.round(v * 10000) / 10000.0;
    }

    private static Double num(double v) {
        return num(Double.valueOf(v));
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }
}
