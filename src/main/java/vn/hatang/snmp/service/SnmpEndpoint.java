package vn.hatang.snmp.service;

import java.util.List;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Param;
import vn.hatang.platform.http.Routes;
import vn.hatang.platform.http.Schema;
import vn.hatang.security.Permission;

/**
 * {@code /snmp/...}: profiles and their assignment, device status, interfaces, findings, poll / discover / test now,
 * links, reachability, events. Each route hands its checked input to {@link SnmpService} with the caller's scope.
 * Profiles belong to a unit, so changing one needs NETWORK_WRITE over that unit (not the whole tree); anything that
 * sends SNMP (poll, discover, test) needs NETWORK_WRITE over the device.
 */
final class SnmpEndpoint implements Endpoint {
    private final SnmpService service;

    SnmpEndpoint(SnmpService service) {
        this.service = service;
    }

    /** A profile as written; the service checks the rest (v3 levels and protocols, networks, secrets kept). */
    private static final io.vertx.core.json.JsonObject PROFILE = Schema.object().optional("name", Schema.text(100))
            .optional("unit_id", Schema.id()).optional("unit_code", Schema.code())
            .optional("networks", Schema.array(Schema.text(64), 100))
            .optional("snmp_version", Schema.oneOf(List.of("v2c", "v3"))).optional("community", Schema.text(255))
            .optional("user_name", Schema.text(100))
            .optional("security_level", Schema.oneOf(List.of("noauthnopriv", "authnopriv", "authpriv")))
            .optional("auth_protocol", Schema.text(20)).optional("auth_passphrase", Schema.text(255))
            .optional("priv_protocol", Schema.text(20)).optional("priv_passphrase", Schema.text(255))
            .optional("context_name", Schema.text(100)).optional("port", Schema.integer(1, 65535))
            .optional("timeout_ms", Schema.integer(100, 60000)).optional("retries", Schema.integer(0, 10))
            .optional("version", Schema.integer(0, Integer.MAX_VALUE)).json();

    /** A profile as answered: never its secrets, only whether it has them. */
    private static final io.vertx.core.json.JsonObject PROFILE_VIEW = Schema.object().required("id", Schema.id())
            .required("name", Schema.text(100)).optional("unit_id", Schema.id()).optional("unit_code", Schema.code())
            .required("networks", Schema.arrayOf(Schema.text(64)))
            .required("snmp_version", Schema.oneOf(List.of("v2c", "v3"))).optional("user_name", Schema.text(100))
            .optional("security_level", Schema.text(20)).optional("auth_protocol", Schema.text(20))
            .optional("priv_protocol", Schema.text(20)).optional("context_name", Schema.text(100))
            .required("port", Schema.integer(1, 65535)).required("timeout_ms", Schema.integer(1, 600_000))
            .required("retries", Schema.integer(0, 100)).required("has_secret", Schema.bool())
            .optional("simulated", Schema.bool()).required("version", Schema.integer(0, Integer.MAX_VALUE)).json();
    private static final io.vertx.core.json.JsonObject DEVICE_STATUS = Schema.object()
            .required("device_id", Schema.id()).open().json();
    private static final io.vertx.core.json.JsonObject LINK_STATUS = Schema.object().required("link_id", Schema.id())
            .required("code", Schema.code()).required("status", Schema.text(32)).open().json();

    @Override
    public void addRoutes(Routes routes) {
        routes.tag("snmp");
        routes.get("/snmp/status", "getSnmpStatus", Permission.READ)
                .doc("Tình trạng giám sát SNMP (có mô phỏng không)", "What SNMP does: polled and blocked devices in"
                        + " your scope, simulation, trap receiver")
                .answers(Schema.object().required("simulated", Schema.bool()).open().json()).json(c -> service.summary(c.scope(), c.locale()));
        routes.get("/snmp/profiles", "listSnmpProfiles", Permission.READ)
                .doc("Hồ sơ SNMP (không có bí mật)", "SNMP credential profiles of your units (secrets never shown)")
                .answers(Schema.arrayOf(PROFILE_VIEW)).json(c -> service.listProfiles(c.scope()));
        routes.post("/snmp/profiles", "createSnmpProfile", Permission.NETWORK_WRITE)
                .doc("Tạo hồ sơ SNMP", "Create an SNMP profile (unit_code, networks its secrets may go to)").body(PROFILE)
                .answers(PROFILE_VIEW).created(c -> service.createProfile(c.scope(), c.input()));
        routes.get("/snmp/profiles/:id", "getSnmpProfile", Permission.READ).doc("Một hồ sơ SNMP", "One profile")
                .answers(PROFILE_VIEW).json(c -> service.getProfile(c.scope(), c.id("id")));
        routes.put("/snmp/profiles/:id", "replaceSnmpProfile", Permission.NETWORK_WRITE)
                .doc("Sửa hồ sơ SNMP (bí mật bỏ trống thì giữ nguyên)", "Update a profile (omitted secrets are kept)")
                .body(PROFILE)
                .answers(PROFILE_VIEW).json(c -> service.updateProfile(c.scope(), c.id("id"), c.ifMatch(), c.input()));
        routes.delete("/snmp/profiles/:id", "deleteSnmpProfile", Permission.NETWORK_WRITE)
                .doc("Xoá hồ sơ SNMP", "Delete a profile no device or unit uses")
                .answersNothing().json(c -> service.deleteProfile(c.scope(), c.id("id")));
        routes.post("/snmp/profiles/:id/assign", "assignSnmpProfileToSubtree", Permission.NETWORK_WRITE)
                .doc("Gán hồ sơ cho mọi thiết bị mạng của một cây đơn vị", "Assign the profile to every network device"
                        + " (or the categories given) of a unit's subtree in one call; dry_run lists them")
                .body(Schema.object().optional("unit_id", Schema.id()).optional("unit_code", Schema.code())
                        .optional("categories", Schema.array(Schema.text(32), 20)).optional("dry_run", Schema.bool())
                        .json())
                .answers(Schema.object().required("profile_id", Schema.id()).required("count", Schema.integer(0, Integer.MAX_VALUE)).required("devices", Schema.arrayOf(Schema.anyObject())).open().json()).json(c -> service.assignAll(c.scope(), c.id("id"), c.input()));
        routes.put("/snmp/devices/:id/assignment", "assignSnmpProfile", Permission.NETWORK_WRITE)
                .doc("Gán hồ sơ cho thiết bị", "Assign a profile to a device (profile_id, address, enabled, engine_id)")
                .body(Schema.object().optional("profile_id", Schema.id()).optional("address", Schema.text(255))
                        .optional("enabled", Schema.bool()).optional("engine_id", Schema.text(64)).json())
                .answers(Schema.object().required("device_id", Schema.id()).optional("profile_id", Schema.id()).open().json()).json(c -> service.assign(c.scope(), c.id("id"), c.input()));
        routes.put("/snmp/units/:id/profile", "setUnitSnmpProfile", Permission.NETWORK_WRITE)
                .doc("Hồ sơ mặc định của cây đơn vị", "Default profile for the unit's subtree (profile_id, null removes)")
                .body(Schema.object().optional("profile_id", Schema.id()).json())
                .answers(Schema.object().required("unit_id", Schema.id()).optional("profile_id", Schema.id()).json()).json(c -> service.unitProfile(c.scope(), c.id("id"), c.input()));
        routes.get("/snmp/unit-profiles", "listUnitSnmpProfiles", Permission.READ)
                .doc("Hồ sơ mặc định đã đặt cho các đơn vị", "The default profiles set on units (no secrets)")
                .answers(Schema.arrayOf(Schema.object().required("unit_id", Schema.id())
                        .required("unit_code", Schema.code()).required("unit_name", Schema.text(300))
                        .required("profile_id", Schema.id()).required("profile_name", Schema.text(100)).json()))
                .json(c -> service.unitProfiles(c.scope()));
        routes.get("/snmp/devices/:id", "getSnmpDevice", Permission.READ)
                .doc("Trạng thái giám sát của thiết bị", "Reachability, last poll, system and identity")
                .answers(DEVICE_STATUS).json(c -> service.status(c.scope(), c.id("id"), c.locale()));
        routes.get("/snmp/devices/:id/interfaces", "listSnmpInterfaces", Permission.READ)
                .doc("Các cổng và lưu lượng", "Interfaces with status and rates")
                .answers(Schema.arrayOf(Schema.object().required("if_index", Schema.integer(0, Integer.MAX_VALUE)).open().json())).json(c -> service.interfaces(c.scope(), c.id("id")));
        routes.get("/snmp/devices/:id/findings", "listSnmpFindings", Permission.READ)
                .doc("Sai khác với kiểm kê", "Open inventory findings, in words")
                .answers(Schema.arrayOf(Schema.object().required("id", Schema.id()).required("kind", Schema.text(64)).open().json())).json(c -> service.findings(c.scope(), c.id("id"), c.locale()));
        routes.post("/snmp/devices/:id/poll", "pollSnmpDevice", Permission.NETWORK_WRITE)
                .doc("Thăm dò ngay", "Poll now").answers(DEVICE_STATUS).json(c -> service.pollNow(c.ctx().vertx(), c.scope(), c.id("id"),
                        c.locale()));
        routes.post("/snmp/devices/:id/discover", "discoverSnmpDevice", Permission.NETWORK_WRITE)
                .doc("Khám phá ngay", "Discover now: identity, findings")
                .answers(DEVICE_STATUS).json(c -> service.discoverNow(c.ctx().vertx(), c.scope(), c.id("id"), c.locale()));
        routes.post("/snmp/devices/:id/test", "testSnmpDevice", Permission.NETWORK_WRITE)
                .doc("Thử thiết bị ngay, trả lời bằng lời", "Test the device now and say what is wrong in words"
                        + " (timeout, wrong community, wrong v3 password, wrong engine ID); optional address,"
                        + " profile_id, confirm")
                .optionalBody(Schema.object().optional("address", Schema.text(255)).optional("profile_id", Schema.id())
                        .optional("confirm", Schema.bool()).json())
                .answers(Schema.anyObject()).json(c -> service.test(c.ctx().vertx(), c.scope(), c.id("id"), c.optionalInput(), c.locale()));
        routes.get("/snmp/links", "listSnmpLinks", Permission.READ)
                .doc("Đường truyền: lên/xuống, vì sao, từ khi nào", "Links: up, down or unknown, why, since when,"
                        + " last utilisation")
                .query(Param.under(), Param.oneOf("status", List.of("up", "down", "unknown", "not_polled"),
                        "trạng thái / status"))
                .answers(LINK_STATUS).paged().json(c -> service.links(c.scope(), c.filters(), c.page(), c.locale()));
        routes.get("/snmp/links/:id", "getSnmpLink", Permission.READ)
                .doc("Trạng thái đường truyền", "Link status and utilisation now")
                .answers(LINK_STATUS).json(c -> service.link(c.scope(), c.id("id"), c.locale()));
        routes.get("/snmp/links/:id/utilisation", "getSnmpLinkUtilisation", Permission.READ)
                .doc("Mức sử dụng theo thời gian", "Utilisation over time (raw up to 2 days, hourly beyond)")
                .query(Param.instant("from", "từ / from (24 h before to)"), Param.instant("to", "đến / to (now)"))
                .answers(Schema.object().required("link_id", Schema.id()).required("from", Schema.instant()).required("to", Schema.instant()).required("points", Schema.arrayOf(Schema.anyObject())).open().json()).json(c -> service.utilisation(c.scope(), c.id("id"), c.filters()));
        routes.get("/snmp/units/:id/reachability", "getSnmpUnitReachability", Permission.READ)
                .doc("Thiết bị liên lạc được trong cây đơn vị", "Reachable / unreachable devices in the unit subtree")
                .answers(Schema.object().required("unit_id", Schema.id()).required("devices", Schema.integer(0, Integer.MAX_VALUE)).open().json()).json(c -> service.reachability(c.scope(), c.id("id")));
        routes.get("/snmp/events", "listSnmpEvents", Permission.READ)
                .doc("Sự kiện SNMP", "SNMP events (traps, link changes, restarts), newest first")
                .query(Param.id("device_id"), Param.id("unit_id"), Param.oneOf("kind", SnmpService.kinds(), "loại / kind"),
                        Param.instant("from", "từ / from"), Param.instant("to", "đến / to"),
                        Param.integer("limit", 1, 1000, "tối đa / at most (100)"))
                .answers(Schema.arrayOf(Schema.object().required("id", Schema.id()).required("device_id", Schema.id()).open().json())).json(c -> service.events(c.scope(), c.filters()));
    }
}
