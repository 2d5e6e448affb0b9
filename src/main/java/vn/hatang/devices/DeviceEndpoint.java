package vn.hatang.devices;

import java.time.Instant;
import java.util.List;
import vn.hatang.platform.http.CrudEndpoint;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Param;
import vn.hatang.platform.http.Routes;
import vn.hatang.platform.http.Schema;
import vn.hatang.security.Permission;

/** {@code /devices}: inventory, lifecycle transitions, security checks, data destruction, history. */
public final class DeviceEndpoint implements Endpoint {
    private final DeviceService service;

    public DeviceEndpoint(DeviceService service) {
        this.service = service;
    }

    @Override
    public void addRoutes(Routes routes) {
        routes.tag("devices");
        new CrudEndpoint("/devices", "Device", "Devices", service, Permission.INVENTORY_WRITE, Param.under(),
                Param.oneOf("category", DeviceCategory.ALL, null),
                Param.oneOf("class", List.copyOf(DeviceCategory.CLASSES.keySet()), "nhóm / class of categories"),
                Param.oneOf("status", Lifecycle.STATES, null), Param.text("person_code", "người giữ / holder"),
                Param.q(), Param.flag("modern", "hiện đại theo quy tắc của KPI (đang sử dụng và đạt quy tắc hiện đại của "
                        + "loại; loại không có quy tắc: đang sử dụng là đủ) / modern as the KPIs count it (in service "
                        + "and meeting its category's modern rule today; for a category without a rule, in service is "
                        + "enough); false: every other device")).addRoutes(routes);
        var device = DeviceService.SPEC.rowSchema();
        routes.post("/devices/:id/transitions", "transitionDevice", Permission.INVENTORY_WRITE)
                .doc("Chuyển trạng thái vòng đời", "Move to another lifecycle state (to, note); 409 names the "
                        + "missing step")
                .body(Schema.object().required("to", Schema.oneOf(Lifecycle.STATES)).optional("note", Schema.text(2000))
                        .json())
                .answers(device).json(c -> service.transition(c.scope(), c.id("id"), c.ifMatch(), c.input()));
        routes.post("/devices/:id/security-checks", "recordSecurityCheck", Permission.INVENTORY_WRITE)
                .doc("Ghi nhận kiểm tra an ninh", "Record a security check")
                .body(Schema.object().required("checked_on", Schema.date()).required("checked_by", Schema.text(200))
                        .required("passed", Schema.bool()).optional("document_no", Schema.text(100))
                        .optional("note", Schema.text(2000)).json())
                .answers(Schema.object().required("id", Schema.id()).required("device", device).open().json())
                .created(c -> service.recordSecurityCheck(c.scope(), c.id("id"), c.input()));
        routes.post("/devices/:id/data-destructions", "recordDataDestruction", Permission.INVENTORY_WRITE)
                .doc("Ghi nhận huỷ dữ liệu", "Record a data destruction")
                .body(Schema.object().required("destroyed_on", Schema.date()).required("method", Schema.text(200))
                        .optional("witness", Schema.text(200)).optional("document_no", Schema.text(100)).json())
                .answers(Schema.object().required("id", Schema.id()).required("device_id", Schema.id()).open().json())
                .created(c -> service.recordDataDestruction(c.scope(), c.id("id"), c.input()));
        routes.get("/devices/:id/history", "getDeviceHistory", Permission.READ)
                .doc("Lịch sử thiết bị", "Lifecycle, checks and holders over time")
                .answers(Schema.object().required("device", device)
                        .required("events", Schema.arrayOf(Schema.anyObject()))
                        .required("security_checks", Schema.arrayOf(Schema.anyObject()))
                        .required("data_destructions", Schema.arrayOf(Schema.anyObject()))
                        .required("holdings", Schema.arrayOf(Schema.anyObject())).json())
                .json(c -> service.history(c.scope(), c.id("id")));
        routes.get("/devices/:id/location", "getDeviceLocation", Permission.READ)
                .doc("Thiết bị ở đâu, ai giữ, tại một thời điểm", "Where the device was, and who held it, at an instant")
                .query(Param.instant("at", "thời điểm (mặc định: bây giờ) / instant (default now)"))
                .answers(Schema.object().required("at", Schema.instant()).required("unit_id", Schema.id())
                        .required("unit_code", Schema.code()).required("unit_name", Schema.text(300))
                        .optional("person_id", Schema.id()).required("valid_from", Schema.instant())
                        .optional("valid_to", Schema.instant()).json())
                .json(c -> service.locationAt(c.scope(), c.id("id"),
                        c.query("at") == null ? Instant.now() : Instant.parse(c.query("at"))));
    }
}
