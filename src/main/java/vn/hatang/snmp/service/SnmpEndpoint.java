package vn.hatang.snmp.service;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jooq.DSLContext;
import org.jooq.Record;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Call;
import vn.hatang.platform.http.Param;
import vn.hatang.platform.http.Routes;
import vn.hatang.platform.http.Schema;
import vn.hatang.security.Permission;
import vn.hatang.security.Scope;
import org.jooq.impl.DSL;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.LINK;
import static vn.hatang.db.Tables.UNIT;
import vn.hatang.platform.json.Input;
import vn.hatang.snmp.api.SnmpAuthException;
import vn.hatang.snmp.api.SnmpTimeoutException;
import vn.hatang.snmp.discovery.DiscoveryResult;
import vn.hatang.snmp.discovery.Finding;
import vn.hatang.snmp.discovery.InventoryCheck;
import vn.hatang.snmp.discovery.PhysicalEntity;
import vn.hatang.snmp.poll.DeviceStatus;
import vn.hatang.snmp.poll.IfRate;
import vn.hatang.snmp.poll.IfSample;
import vn.hatang.snmp.poll.SnmpEvent;

/**
 * {@code /snmp/...}: credential profiles and their assignment, device status, interfaces, findings, poll-now,
 * discover-now, link status and utilisation, reachability per unit subtree, events.
 */
public final class SnmpEndpoint implements Endpoint {
    private final SnmpService service;
    private final Db db;

    public SnmpEndpoint(SnmpService service, Db db) {
        this.service = service;
        this.db = db;
    }

    @Override
    public void addRoutes(Routes routes) {
        routes.tag("snmp");
        SnmpProfiles profiles = service.profiles();
        // Profiles are shared by the whole province for now: changing them needs a whole-tree grant.
        routes.get("/snmp/profiles", "listSnmpProfiles", Permission.READ).doc("Hồ sơ SNMP (không có bí mật)",
                "SNMP credential profiles (secrets never shown)").answers(Schema.arrayOf(PROFILE)).json(c -> profiles.list(c.scope()));
        routes.post("/snmp/profiles", "createSnmpProfile", Permission.NETWORK_WRITE).wholeTree()
                .doc("Tạo hồ sơ SNMP", "Create an SNMP profile").body(SnmpProfiles.schema()).answers(PROFILE)
                .created(c -> reloading(c, profiles.create(c.scope(), c.input())));
        routes.get("/snmp/profiles/:id", "getSnmpProfile", Permission.READ).doc("Một hồ sơ SNMP", "One profile")
                .answers(PROFILE)
                .json(c -> profiles.get(c.scope(), c.id("id")));
        routes.put("/snmp/profiles/:id", "replaceSnmpProfile", Permission.NETWORK_WRITE).wholeTree()
                .doc("Sửa hồ sơ SNMP (bí mật bỏ trống thì giữ nguyên)", "Update a profile (omitted secrets are kept)")
                .body(SnmpProfiles.schema()).answers(PROFILE)
                .json(c -> reloading(c, profiles.update(c.scope(), c.id("id"), c.ifMatch(), c.input())));
        routes.delete("/snmp/profiles/:id", "deleteSnmpProfile", Permission.NETWORK_WRITE).wholeTree()
                .doc("Xoá hồ sơ SNMP", "Delete a profile").answersNothing()
                .json(c -> reloading(c, profiles.delete(c.scope(), c.id("id"))));
        routes.put("/snmp/devices/:id/assignment", "assignSnmpProfile", Permission.NETWORK_WRITE)
                .doc("Gán hồ sơ cho thiết bị", "Assign a profile to a device (profile_id, address, enabled)")
                .body(Schema.object().optional("profile_id", Schema.id()).optional("address", Schema.text(255))
                        .optional("enabled", Schema.bool()).json())
                .answers(Schema.object().required("device_id", Schema.id()).optional("profile_id", Schema.id())
                        .optional("address", Schema.text(255)).required("enabled", Schema.bool()).json())
                .json(c -> assign(c, c.id("id"), c.input()));
        routes.put("/snmp/units/:id/profile", "setUnitSnmpProfile", Permission.NETWORK_WRITE)
                .doc("Hồ sơ mặc định của cây đơn vị", "Default profile for the unit's subtree (profile_id, null removes)")
                .body(Schema.object().optional("profile_id", Schema.id()).json())
                .answers(Schema.object().required("unit_id", Schema.id()).optional("profile_id", Schema.id()).json())
                .json(c -> unitProfile(c, c.id("id"), c.input()));
        routes.get("/snmp/devices/:id", "getSnmpDevice", Permission.READ)
                .doc("Trạng thái giám sát của thiết bị", "Reachability, last poll, system and identity").answers(STATUS)
                .json(c -> status(c.scope(), c.id("id")));
        routes.get("/snmp/devices/:id/interfaces", "listSnmpInterfaces", Permission.READ)
                .doc("Các cổng và lưu lượng", "Interfaces with status and rates")
                .answers(Schema.arrayOf(Schema.object().required("if_index", Schema.integer(0, Integer.MAX_VALUE))
                        .optional("name", Schema.text(1000)).optional("admin_status", Schema.text(32))
                        .optional("oper_status", Schema.text(32)).optional("in_bps", Schema.number())
                        .optional("out_bps", Schema.number()).open().json()))
                .json(c -> interfaces(c.scope(), c.id("id")));
        routes.get("/snmp/devices/:id/findings", "listSnmpFindings", Permission.READ)
                .doc("Sai khác với kiểm kê", "Open inventory findings")
                .answers(Schema.arrayOf(Schema.object().required("id", Schema.id()).required("kind", Schema.text(64))
                        .optional("expected", Schema.text(1000)).optional("actual", Schema.text(1000))
                        .optional("message", Schema.text(2000)).required("found_at", Schema.instant()).json())).json(c -> findings(c.scope(), c.id("id")));
        routes.post("/snmp/devices/:id/poll", "pollSnmpDevice", Permission.NETWORK_WRITE)
                .doc("Thăm dò ngay", "Poll now").answers(STATUS).json(c -> pollNow(c, c.id("id")));
        routes.post("/snmp/devices/:id/discover", "discoverSnmpDevice", Permission.NETWORK_WRITE)
                .doc("Khám phá ngay", "Discover now; records findings")
                .answers(Schema.object().required("device_id", Schema.id()).required("discovered_at", Schema.instant())
                        .required("system", Schema.anyObject()).required("entities", Schema.arrayOf(Schema.anyObject()))
                        .required("interfaces", Schema.integer(0, Integer.MAX_VALUE))
                        .required("storage", Schema.arrayOf(Schema.anyObject()))
                        .required("processor_loads", Schema.arrayOf(Schema.number()))
                        .required("findings", Schema.arrayOf(Schema.anyObject())).json()).json(c -> discoverNow(c, c.id("id")));
        routes.get("/snmp/links/:id", "getSnmpLink", Permission.READ)
                .doc("Trạng thái đường truyền", "Link status and utilisation now")
                .answers(Schema.object().required("link_id", Schema.id()).required("code", Schema.code())
                        .optional("bandwidth_mbps", Schema.integer(0, Integer.MAX_VALUE)).optional("device_id", Schema.id())
                        .optional("interface_name", Schema.text(200))
                        .required("status", Schema.oneOf(java.util.List.of("up", "down", "unknown")))
                        .optional("reason", Schema.text(64)).open().json()).json(c -> link(c.scope(), c.id("id")));
        routes.get("/snmp/links/:id/utilisation", "getSnmpLinkUtilisation", Permission.READ)
                .doc("Mức sử dụng theo thời gian", "Utilisation over time (raw up to 2 days, hourly beyond)")
                .answers(Schema.object().required("link_id", Schema.id()).required("from", Schema.instant())
                        .required("to", Schema.instant()).optional("resolution", Schema.oneOf(java.util.List.of("raw", "hour")))
                        .optional("points", Schema.arrayOf(Schema.object().required("ts", Schema.instant())
                                .optional("utilisation_in", Schema.number()).optional("utilisation_out", Schema.number())
                                .optional("up_ratio", Schema.number()).json())).open().json())
                .query(Param.instant("from", null), Param.instant("to", null))
                .json(c -> utilisation(c, c.id("id")));
        routes.get("/snmp/units/:id/reachability", "getSnmpUnitReachability", Permission.READ)
                .doc("Thiết bị liên lạc được trong cây đơn vị", "Reachable / unreachable devices in the unit subtree")
                .answers(Schema.object().required("unit_id", Schema.id()).required("devices", Schema.integer(0, Integer.MAX_VALUE))
                        .required("polled", Schema.integer(0, Integer.MAX_VALUE))
                        .required("reachable", Schema.integer(0, Integer.MAX_VALUE))
                        .required("unreachable", Schema.integer(0, Integer.MAX_VALUE))
                        .required("unknown", Schema.integer(Integer.MIN_VALUE, Integer.MAX_VALUE))
                        .required("unreachable_devices", Schema.arrayOf(Schema.anyObject())).json())
                .json(c -> reachability(c.scope(), c.id("id")));
        routes.get("/snmp/events", "listSnmpEvents", Permission.READ).doc("Sự kiện SNMP", "SNMP events, newest first")
                .answers(Schema.arrayOf(Schema.anyObject()))
                .query(Param.id("device_id"), Param.id("unit_id"), Param.oneOf("kind", kinds(), null),
                        Param.instant("from", null), Param.instant("to", null),
                        Param.integer("limit", 1, 1000, "tối đa / at most (100)"))
                .json(this::events);
    }

    /** A profile as answered: never a secret, only whether it has one. */
    private static final JsonObject PROFILE = Schema.object().required("id", Schema.id()).required("name", Schema.text(100))
            .required("snmp_version", Schema.oneOf(List.of("v2c", "v3"))).optional("user_name", Schema.text(100))
            .optional("security_level", Schema.text(20)).optional("auth_protocol", Schema.text(20))
            .optional("priv_protocol", Schema.text(20)).optional("context_name", Schema.text(100))
            .required("port", Schema.integer(1, 65535)).required("timeout_ms", Schema.integer(1, 600_000))
            .required("retries", Schema.integer(0, 100)).required("has_secret", Schema.bool())
            .required("version", Schema.integer(0, Integer.MAX_VALUE)).json();

    /** What monitoring knows of a device now. */
    private static final JsonObject STATUS = Schema.object().required("device_id", Schema.id())
            .required("polled", Schema.bool()).optional("address", Schema.text(300)).optional("reachable", Schema.bool())
            .optional("last_poll", Schema.instant()).optional("last_success", Schema.instant())
            .optional("last_error", Schema.text(2000)).open().json();

    private <T> Future<T> reloading(Call c, Future<T> change) {
        return change.compose(v -> db.blocking().run(() -> {
            service.reload();
            return v;
        }));
    }

    private Future<JsonObject> assign(Call c, long deviceId, Input in) {
        SnmpProfiles.onlyKnown(in, List.of("profile_id", "address", "enabled"));
        Long profile = in.id("profile_id", false);
        String address = in.text("address", 255, false);
        Boolean enabled = in.bool("enabled", false);
        return reloading(c, db.tx(c.scope(), dsl -> {
            requireDevice(dsl, c.scope(), deviceId);
            if (profile != null) {
                requireProfile(dsl, profile);
            }
            dsl.execute("INSERT INTO snmp_device (device_id, profile_id, address, enabled) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (device_id) DO UPDATE SET profile_id = excluded.profile_id,"
                    + " address = excluded.address, enabled = excluded.enabled", deviceId, profile, address,
                    enabled == null || enabled);
            return new JsonObject().put("device_id", deviceId).put("profile_id", profile).put("address", address)
                    .put("enabled", enabled == null || enabled);
        }));
    }

    private Future<JsonObject> unitProfile(Call c, long unitId, Input in) {
        SnmpProfiles.onlyKnown(in, List.of("profile_id"));
        Long profile = in.id("profile_id", false);
        return reloading(c, db.tx(c.scope(), dsl -> {
            if (!dsl.fetchExists(UNIT, UNIT.ID.eq(unitId).and(c.scope().covers(UNIT.ID)))) {
                throw ApiException.notFound("unit", unitId);
            }
            if (profile == null) {
                dsl.execute("DELETE FROM snmp_unit_profile WHERE unit_id = ?", unitId);
            } else {
                requireProfile(dsl, profile);
                dsl.execute("INSERT INTO snmp_unit_profile (unit_id, profile_id) VALUES (?, ?) ON CONFLICT (unit_id)"
                        + " DO UPDATE SET profile_id = excluded.profile_id", unitId, profile);
            }
            return new JsonObject().put("unit_id", unitId).put("profile_id", profile);
        }));
    }

    private static void requireDevice(DSLContext dsl, Scope scope, long id) {
        if (!dsl.fetchExists(DEVICE, DEVICE.ID.eq(id).and(scope.covers(DEVICE.UNIT_ID)))) {
            throw ApiException.notFound("device", id);
        }
    }

    private static void requireProfile(DSLContext dsl, long id) {
        if (dsl.fetchOne("SELECT 1 FROM snmp_profile WHERE id = ?", id) == null) {
            throw ApiException.invalid("profile_id", "error.unknown_ref", String.valueOf(id));
        }
    }

    private Future<JsonObject> status(Scope scope, long deviceId) {
        return db.read(scope, dsl -> {
            requireDevice(dsl, scope, deviceId);
            Record r = dsl.fetchOne("SELECT * FROM snmp_device_state WHERE device_id = ?", deviceId);
            SnmpService.Polled p = service.polled(deviceId);
            DeviceStatus s = service.scheduler().status(deviceId);
            JsonObject o = new JsonObject().put("device_id", deviceId).put("polled", p != null);
            if (p != null) {
                o.put("address", p.device.target().host() + ":" + p.device.target().port())
                        .put("interval_s", p.device.interval().toSeconds());
            }
            if (s != null && s.lastPoll != null) {
                o.put("reachable", s.reachable).put("reachable_since", str(s.reachableSince))
                        .put("last_poll", str(s.lastPoll)).put("last_success", str(s.lastSuccess))
                        .put("last_error", s.lastError).put("uptime_s", s.uptimeTicks < 0 ? null : s.uptimeTicks / 100)
                        .put("interfaces_up", s.interfaces.stream().filter(IfSample::up).count())
                        .put("interfaces_down", s.interfaces.stream().filter(i -> !i.up()).count());
            } else if (r != null) {
                o.put("reachable", r.get("reachable", Boolean.class))
                        .put("reachable_since", str(r.get("reachable_since", OffsetDateTime.class)))
                        .put("last_poll", str(r.get("last_poll", OffsetDateTime.class)))
                        .put("last_success", str(r.get("last_success", OffsetDateTime.class)))
                        .put("last_error", r.get("last_error", String.class));
            }
            if (r != null) {
                o.put("sys_name", r.get("sys_name", String.class)).put("sys_descr", r.get("sys_descr", String.class))
                        .put("sys_object_id", r.get("sys_object_id", String.class))
                        .put("sys_location", r.get("sys_location", String.class))
                        .put("serial", r.get("serial", String.class)).put("model", r.get("model", String.class))
                        .put("firmware", r.get("firmware", String.class))
                        .put("discovered_at", str(r.get("discovered_at", OffsetDateTime.class)));
            }
            return o;
        });
    }

    private Future<JsonArray> interfaces(Scope scope, long deviceId) {
        DeviceStatus s = service.scheduler().status(deviceId);
        if (s != null && !s.interfaces.isEmpty()) {
            return db.read(scope, dsl -> {
                requireDevice(dsl, scope, deviceId);
                return live(s);
            });
        }
        return db.read(scope, dsl -> {
            requireDevice(dsl, scope, deviceId);
            JsonArray a = new JsonArray();
            for (Record r : dsl.fetch("SELECT * FROM snmp_interface WHERE device_id = ? ORDER BY if_index", deviceId)) {
                a.add(new JsonObject().put("if_index", r.get("if_index", Integer.class))
                        .put("name", r.get("name", String.class)).put("descr", r.get("descr", String.class))
                        .put("alias", r.get("alias", String.class)).put("type", r.get("if_type", Integer.class))
                        .put("speed_bps", r.get("speed_bps", Long.class))
                        .put("admin_status", ifStatus(r.get("admin_status", Integer.class)))
                        .put("oper_status", ifStatus(r.get("oper_status", Integer.class)))
                        .put("in_bps", r.get("in_bps", Double.class)).put("out_bps", r.get("out_bps", Double.class))
                        .put("updated_at", str(r.get("updated_at", OffsetDateTime.class))));
            }
            return a;
        });
    }

    private static JsonArray live(DeviceStatus s) {
        JsonArray a = new JsonArray();
        for (int i = 0; i < s.interfaces.size(); i++) {
            IfSample f = s.interfaces.get(i);
            IfRate r = s.rates != null && i < s.rates.size() ? s.rates.get(i) : null;
            a.add(new JsonObject().put("if_index", f.ifIndex).put("name", f.name).put("descr", f.descr)
                    .put("alias", f.alias).put("type", f.type).put("speed_bps", f.speedBps)
                    .put("admin_status", ifStatus(f.adminStatus)).put("oper_status", ifStatus(f.operStatus))
                    .put("in_bps", r == null ? null : num(r.inBps)).put("out_bps", r == null ? null : num(r.outBps))
                    .put("hc_counters", f.hc).put("updated_at", str(s.lastSuccess)));
        }
        return a;
    }

    private Future<JsonArray> findings(Scope scope, long deviceId) {
        return db.read(scope, dsl -> {
            requireDevice(dsl, scope, deviceId);
            JsonArray a = new JsonArray();
            for (Record r : dsl.fetch("SELECT * FROM snmp_finding WHERE device_id = ? AND resolved_at IS NULL"
                    + " ORDER BY id", deviceId)) {
                a.add(new JsonObject().put("id", r.get("id", Long.class)).put("kind", r.get("kind", String.class))
                        .put("expected", r.get("expected", String.class)).put("actual", r.get("actual", String.class))
                        .put("message", r.get("message", String.class))
                        .put("found_at", str(r.get("found_at", OffsetDateTime.class))));
            }
            return a;
        });
    }

    private Future<JsonObject> pollNow(Call c, long deviceId) {
        RoutingContext ctx = c.ctx();
        return db.read(c.scope(), dsl -> {
            requireDevice(dsl, c.scope(), deviceId);
            return null;
        }).compose(v -> pollNowInScope(c, ctx, deviceId));
    }

    private Future<JsonObject> pollNowInScope(Call c, RoutingContext ctx, long deviceId) {
        if (service.polled(deviceId) == null) {
            return Future.failedFuture(ApiException.stateConflict("error.snmp_not_polled", String.valueOf(deviceId)));
        }
        return snmp(ctx, service.pollNow(deviceId), deviceId)
                .compose(r -> db.blocking().run(() -> {
                    service.flush();
                    return r;
                })).compose(r -> status(c.scope(), deviceId));
    }

    private Future<JsonObject> discoverNow(Call c, long deviceId) {
        RoutingContext ctx = c.ctx();
        return db.read(c.scope(), dsl -> {
            requireDevice(dsl, c.scope(), deviceId);
            return null;
        }).compose(v -> discoverInScope(c, ctx, deviceId));
    }

    private Future<JsonObject> discoverInScope(Call c, RoutingContext ctx, long deviceId) {
        SnmpService.Polled p = service.polled(deviceId);
        if (p == null) {
            return Future.failedFuture(ApiException.stateConflict("error.snmp_not_polled", String.valueOf(deviceId)));
        }
        return snmp(ctx, service.discover(deviceId), deviceId).compose(d -> db.tx(c.scope(), dsl -> {
            List<Finding> found = InventoryCheck.findings(p.serial, p.model, d);
            PhysicalEntity chassis = d.chassis().orElse(null);
            dsl.execute("INSERT INTO snmp_device_state (device_id, sys_name, sys_descr, sys_object_id, sys_location,"
                    + " sys_contact, serial, model, firmware, discovered_at, uptime_ticks) VALUES (?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET sys_name = excluded.sys_name, sys_descr ="
                    + " excluded.sys_descr, sys_object_id = excluded.sys_object_id, sys_location ="
                    + " excluded.sys_location, sys_contact = excluded.sys_contact, serial = excluded.serial, model ="
                    + " excluded.model, firmware = excluded.firmware, discovered_at = excluded.discovered_at",
                    deviceId, cut(d.system.name, 255), cut(d.system.descr, 1000), cut(d.system.objectId, 255),
                    cut(d.system.location, 255), cut(d.system.contact, 255),
                    chassis == null ? null : cut(chassis.serial, 100), chassis == null ? null : cut(chassis.model, 200),
                    chassis == null ? null : cut(firmware(chassis), 200), Timestamp.from(d.time),
                    d.system.uptimeTicks);
            // Findings are replaced by the latest discovery: resolved ones get a date, new ones are added.
            dsl.execute("UPDATE snmp_finding SET resolved_at = now() WHERE device_id = ? AND resolved_at IS NULL",
                    deviceId);
            for (Finding f : found) {
                dsl.execute("INSERT INTO snmp_finding (device_id, kind, expected, actual, message) VALUES (?, ?, ?, ?, ?)",
                        deviceId, f.kind.name(), cut(f.expected, 255), cut(f.actual, 255), cut(f.message, 1000));
            }
            return discoveryJson(deviceId, d, found);
        }));
    }

    private static String firmware(PhysicalEntity e) {
        return e.softwareRev != null && !e.softwareRev.isBlank() ? e.softwareRev : e.firmwareRev;
    }

    private static JsonObject discoveryJson(long deviceId, DiscoveryResult d, List<Finding> found) {
        JsonArray entities = new JsonArray();
        for (PhysicalEntity e : d.entities) {
            entities.add(new JsonObject().put("index", e.index).put("class", e.physicalClass).put("name", e.name)
                    .put("descr", e.descr).put("serial", e.serial).put("model", e.model).put("manufacturer",
                            e.manufacturer).put("firmware", e.firmwareRev).put("software", e.softwareRev)
                    .put("hardware", e.hardwareRev));
        }
        JsonArray storage = new JsonArray();
        d.storage.forEach(s -> storage.add(new JsonObject().put("descr", s.descr).put("size_bytes", s.sizeBytes)
                .put("used_bytes", s.usedBytes)));
        JsonArray findings = new JsonArray();
        found.forEach(f -> findings.add(new JsonObject().put("kind", f.kind.name()).put("expected", f.expected)
                .put("actual", f.actual).put("message", f.message)));
        return new JsonObject().put("device_id", deviceId).put("discovered_at", d.time.toString())
                .put("system", new JsonObject().put("name", d.system.name).put("descr", d.system.descr)
                        .put("object_id", d.system.objectId).put("location", d.system.location)
                        .put("contact", d.system.contact).put("uptime_s", d.system.uptimeTicks / 100))
                .put("entities", entities).put("interfaces", d.interfaces.size()).put("storage", storage)
                .put("processor_loads", new JsonArray(new ArrayList<>(d.processorLoads))).put("findings", findings);
    }

    /** Hops back to the caller's context and turns SNMP failures into problem documents. */
    private static <T> Future<T> snmp(RoutingContext ctx, CompletableFuture<T> f, long deviceId) {
        return Future.fromCompletionStage(f, ctx.vertx().getOrCreateContext()).recover(err -> {
            Throwable c = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (c instanceof SnmpTimeoutException) {
                return Future.failedFuture(ApiException.of(504, "snmp-timeout", "error.snmp_timeout", String.valueOf(deviceId)));
            }
            if (c instanceof SnmpAuthException) {
                return Future.failedFuture(ApiException.of(502, "snmp-auth", "error.snmp_auth", String.valueOf(deviceId),
                        ((SnmpAuthException) c).reason()));
            }
            return Future.failedFuture(ApiException.of(502, "snmp-error", "error.snmp_error", String.valueOf(deviceId),
                    String.valueOf(c.getMessage())));
        });
    }

    private Future<JsonObject> link(Scope scope, long linkId) {
        return db.read(scope, dsl -> {
            Record l = dsl.select(LINK.ID, LINK.CODE, LINK.DEVICE_ID, LINK.INTERFACE_NAME, LINK.BANDWIDTH_MBPS, LINK.STATUS)
                    .from(LINK).where(LINK.ID.eq(linkId)).and(scope.covers(LINK.UNIT_ID)).fetchOne();
            if (l == null) {
                throw ApiException.notFound("link", linkId);
            }
            JsonObject o = new JsonObject().put("link_id", linkId).put("code", l.get("code", String.class))
                    .put("bandwidth_mbps", l.get("bandwidth_mbps", Integer.class))
                    .put("device_id", l.get("device_id", Long.class))
                    .put("interface_name", l.get("interface_name", String.class));
            Long deviceId = l.get("device_id", Long.class);
            DeviceStatus s = deviceId == null ? null : service.scheduler().status(deviceId);
            CarriedLink carried = deviceId == null ? null : new CarriedLink(linkId, l.get("code", String.class),
                    deviceId, l.get("interface_name", String.class), l.get("bandwidth_mbps", Integer.class) * 1_000_000L);
            if (s == null || s.lastPoll == null || carried == null) {
                return o.put("status", "unknown");
            }
            if (Boolean.FALSE.equals(s.reachable)) {
                return o.put("status", "down").put("reason", "device_unreachable").put("since", str(s.reachableSince));
            }
            int i = carried.find(s.interfaces);
            if (i < 0) {
                return o.put("status", "unknown").put("reason", "interface_not_found");
            }
            IfSample f = s.interfaces.get(i);
            IfRate r = s.rates != null && i < s.rates.size() ? s.rates.get(i) : null;
            return o.put("status", f.up() ? "up" : "down").put("if_index", f.ifIndex)
                    .put("in_bps", r == null ? null : num(r.inBps)).put("out_bps", r == null ? null : num(r.outBps))
                    .put("utilisation_in", num(CarriedLink.ratio(r, true, carried.bandwidthBps)))
                    .put("utilisation_out", num(CarriedLink.ratio(r, false, carried.bandwidthBps)))
                    .put("as_of", str(s.lastSuccess));
        });
    }

    private Future<JsonObject> utilisation(Call c, long linkId) {
        Input q = Input.ofStrings(c.filters());
        Instant to = q.has("to") ? q.instant("to", true) : Instant.now();
        Instant from = q.has("from") ? q.instant("from", true) : to.minus(Duration.ofDays(1));
        if (!from.isBefore(to)) {
            return Future.failedFuture(ApiException.invalid("from", "error.snmp_range"));
        }
        return db.read(c.scope(), dsl -> {
            Record l = dsl.select(LINK.DEVICE_ID, LINK.INTERFACE_NAME, LINK.BANDWIDTH_MBPS).from(LINK)
                    .where(LINK.ID.eq(linkId)).and(c.scope().covers(LINK.UNIT_ID)).fetchOne();
            if (l == null) {
                throw ApiException.notFound("link", linkId);
            }
            Long deviceId = l.get("device_id", Long.class);
            double bw = l.get("bandwidth_mbps", Integer.class) * 1e6;
            JsonObject o = new JsonObject().put("link_id", linkId).put("from", from.toString()).put("to", to.toString());
            JsonArray points = new JsonArray();
            Integer ifIndex = deviceId == null ? null : dsl.fetchOptional("SELECT if_index FROM snmp_interface WHERE"
                    + " device_id = ? AND (lower(name) = lower(?) OR lower(descr) = lower(?) OR lower(alias) = lower(?))"
                    + " ORDER BY if_index LIMIT 1", deviceId, l.get("interface_name", String.class),
                    l.get("interface_name", String.class), l.get("interface_name", String.class))
                    .map(r -> r.get(0, Integer.class)).orElse(null);
            boolean hourly = Duration.between(from, to).compareTo(Duration.ofDays(2)) > 0;
            o.put("resolution", hourly ? "hour" : "raw").put("points", points);
            if (ifIndex == null) {
                return o;
            }
            String sql = hourly
                    ? "SELECT hour AS ts, in_bps_avg AS in_bps, out_bps_avg AS out_bps, up_ratio FROM snmp_if_hourly"
                        + " WHERE device_id = ? AND if_index = ? AND hour >= ? AND hour < ? ORDER BY hour"
                    : "SELECT ts, in_bps, out_bps, CASE WHEN oper_status = 1 THEN 1.0 ELSE 0.0 END AS up_ratio"
                        + " FROM snmp_if_sample WHERE device_id = ? AND if_index = ? AND ts >= ? AND ts < ?"
                        + " ORDER BY ts LIMIT 20000";
            for (Record r : dsl.fetch(sql, deviceId, ifIndex, Timestamp.from(from), Timestamp.from(to))) {
                Double in = r.get("in_bps", Double.class);
                Double out = r.get("out_bps", Double.class);
                points.add(new JsonObject().put("ts", str(r.get("ts", OffsetDateTime.class)))
                        .put("utilisation_in", in == null ? null : num(in / bw))
                        .put("utilisation_out", out == null ? null : num(out / bw))
                        .put("up_ratio", r.get("up_ratio", Double.class)));
            }
            return o;
        });
    }

    private Future<JsonObject> reachability(Scope scope, long unitId) {
        return db.read(scope, dsl -> {
            Record u = dsl.select(UNIT.PATH).from(UNIT).where(UNIT.ID.eq(unitId)).and(scope.covers(UNIT.ID)).fetchOne();
            if (u == null) {
                throw ApiException.notFound("unit", unitId);
            }
            List<Long> ids = new ArrayList<>();
            for (Record r : dsl.fetch("SELECT d.id FROM device d JOIN unit x ON x.id = d.unit_id WHERE x.path LIKE ?",
                    u.get(0, String.class) + "%")) {
                ids.add(r.get(0, Long.class));
            }
            int polled = 0;
            int up = 0;
            int down = 0;
            JsonArray unreachable = new JsonArray();
            for (Long id : ids) {
                SnmpService.Polled p = service.polled(id);
                if (p == null) {
                    continue;
                }
                polled++;
                DeviceStatus s = service.scheduler().status(id);
                if (s == null || s.reachable == null) {
                    continue;
                }
                if (s.reachable) {
                    up++;
                } else {
                    down++;
                    unreachable.add(new JsonObject().put("device_id", id).put("since", str(s.reachableSince)));
                }
            }
            return new JsonObject().put("unit_id", unitId).put("devices", ids.size()).put("polled", polled)
                    .put("reachable", up).put("unreachable", down).put("unknown", polled - up - down)
                    .put("unreachable_devices", unreachable);
        });
    }

    private Future<JsonArray> events(Call c) {
        Scope scope = c.scope();
        Input q = Input.ofStrings(c.filters());
        Long deviceId = q.id("device_id", false);
        Long unitId = q.id("unit_id", false);
        String kind = q.has("kind") ? q.oneOf("kind", kinds(), false) : null;
        Instant from = q.has("from") ? q.instant("from", true) : null;
        Instant to = q.has("to") ? q.instant("to", true) : null;
        Integer limit = q.integer("limit", 1, 1000, false);
        return db.read(scope, dsl -> {
            StringBuilder sql = new StringBuilder("SELECT e.* FROM snmp_event e");
            List<Object> args = new ArrayList<>();
            if (unitId != null) {
                sql.append(" JOIN device d ON d.id = e.device_id JOIN unit x ON x.id = d.unit_id");
            }
            // The caller's scope, rendered with its ids inlined (numbers only).
            sql.append(" WHERE e.device_id IN (").append(dsl.renderInlined(DSL.select(DEVICE.ID).from(DEVICE)
                    .where(scope.covers(DEVICE.UNIT_ID)))).append(")");
            if (unitId != null) {
                Record u = dsl.select(UNIT.PATH).from(UNIT).where(UNIT.ID.eq(unitId)).and(scope.covers(UNIT.ID)).fetchOne();
                if (u == null) {
                    throw ApiException.invalid("unit_id", "error.unknown_ref", String.valueOf(unitId));
                }
                sql.append(" AND x.path LIKE ?");
                args.add(u.get(0, String.class) + "%");
            }
            if (deviceId != null) {
                sql.append(" AND e.device_id = ?");
                args.add(deviceId);
            }
            if (kind != null) {
                sql.append(" AND e.kind = ?");
                args.add(kind.toUpperCase());
            }
            if (from != null) {
                sql.append(" AND e.at >= ?");
                args.add(Timestamp.from(from));
            }
            if (to != null) {
                sql.append(" AND e.at < ?");
                args.add(Timestamp.from(to));
            }
            sql.append(" ORDER BY e.at DESC, e.id DESC LIMIT ").append(limit == null ? 100 : limit);
            JsonArray a = new JsonArray();
            for (Record r : dsl.fetch(sql.toString(), args.toArray())) {
                a.add(new JsonObject().put("id", r.get("id", Long.class)).put("device_id", r.get("device_id", Long.class))
                        .put("at", str(r.get("at", OffsetDateTime.class))).put("kind", r.get("kind", String.class))
                        .put("if_index", r.get("if_index", Integer.class)).put("source", r.get("source", String.class))
                        .put("detail", r.get("detail", String.class)));
            }
            return a;
        });
    }

    private static List<String> kinds() {
        List<String> k = new ArrayList<>();
        for (SnmpEvent.Type t : SnmpEvent.Type.values()) {
            k.add(t.name().toLowerCase());
        }
        return k;
    }

    private static String ifStatus(Integer s) {
        if (s == null) {
            return null;
        }
        switch (s) {
            case 1:
                return "up";
            case 2:
                return "down";
            case 3:
                return "testing";
            case 5:
                return "dormant";
            case 6:
                return "not_present";
            case 7:
                return "lower_layer_down";
            default:
                return "unknown";
        }
    }

    private static Double num(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10000) / 10000.0;
    }

    private static String str(Object t) {
        if (t == null) {
            return null;
        }
        if (t instanceof OffsetDateTime) {
            return ((OffsetDateTime) t).toInstant().toString();
        }
        return t.toString();
    }

    private static String cut(String s, int n) {
        return s == null || s.length() <= n ? s : s.substring(0, n);
    }
}
