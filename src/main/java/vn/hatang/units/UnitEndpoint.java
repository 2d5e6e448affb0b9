package vn.hatang.units;

import java.time.Instant;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Param;
import vn.hatang.platform.http.Routes;
import vn.hatang.security.Permission;

/** {@code /units}: the tree, its reorganisations and the history of who was where. */
public final class UnitEndpoint implements Endpoint {
    private final UnitService service;

    public UnitEndpoint(UnitService service) {
        this.service = service;
    }

    @Override
    public void addRoutes(Routes routes) {
        routes.tag("units");
        var spec = UnitRepository.SPEC;
        routes.get("/units", "listUnits", Permission.READ).doc("Đơn vị", "Units")
                .query(Param.under(), Param.oneOf("kind", UnitKind.ALL, null),
                        Param.oneOf("status", java.util.List.of("active", "merged", "dissolved"), null), Param.q())
                .paged().answers(spec).json(c -> service.list(c.scope(), c.filters(), c.page()));
        routes.post("/units", "createUnit", Permission.UNITS_REORGANISE)
                .doc("Tạo đơn vị", "Create a unit (under parent_code; only the provincial committee has none)")
                .body(spec.schema(true).copy().put("properties", spec.schema(true).getJsonObject("properties").copy()
                        .put("parent_code", new io.vertx.core.json.JsonObject().put("type", "string"))))
                .answers(spec).created(c -> service.create(c.scope(), c.input()));
        routes.post("/units/merge", "mergeUnits", Permission.UNITS_REORGANISE)
                .doc("Sáp nhập đơn vị", "Merge units (source_codes, target_code, effective_at, decision_no); people, "
                        + "devices, links, investment lines, racks, information systems, child units and account grants move")
                .json(c -> service.merge(c.scope(), c.input()));
        routes.get("/units/:id", "getUnit", Permission.READ).doc("Một đơn vị (theo id hoặc mã)",
                "One unit, by id or by code").answers(spec).json(c -> service.get(c.scope(), c.path("id")));
        routes.patch("/units/:id", "updateUnit", Permission.INVENTORY_WRITE)
                .doc("Sửa đơn vị", "Change a unit (a new parent_code moves it with its subtree)").body(spec, false)
                .answers(spec).json(c -> service.update(c.scope(), c.id("id"), c.ifMatch(), c.input()));
        routes.post("/units/:id/rename", "renameUnit", Permission.UNITS_REORGANISE)
                .doc("Đổi tên theo quyết định", "Rename (name, name_en, effective_at, decision_no)")
                .json(c -> service.rename(c.scope(), c.id("id"), c.input()));
        routes.post("/units/:id/move", "moveUnit", Permission.UNITS_REORGANISE)
                .doc("Chuyển đơn vị sang đơn vị cấp trên khác", "Move under another parent (parent_code)")
                .json(c -> service.move(c.scope(), c.id("id"), c.input()));
        routes.post("/units/:id/split", "splitUnit", Permission.UNITS_REORGANISE)
                .doc("Chia tách đơn vị", "Split into parts, each with the people, devices and links listed for it")
                .json(c -> service.split(c.scope(), c.id("id"), c.input()));
        routes.get("/units/:id/history", "getUnitHistory", Permission.READ)
                .doc("Lịch sử sáp nhập, chia tách, đổi tên", "Reorganisation history")
                .json(c -> service.history(c.scope(), c.id("id")));
        routes.get("/units/:id/holdings", "getUnitHoldings", Permission.READ)
                .doc("Người, thiết bị, đường truyền của đơn vị tại một thời điểm", "What the unit held at an instant")
                .query(Param.instant("at", "thời điểm (mặc định: bây giờ) / instant (default now)"))
                .json(c -> service.holdingsAt(c.scope(), c.id("id"),
                        c.query("at") == null ? Instant.now() : Instant.parse(c.query("at"))));
    }
}
