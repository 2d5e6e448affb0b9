package vn.hatang.units;

import java.time.Instant;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Param;
import io.vertx.core.json.JsonObject;
import vn.hatang.platform.http.Routes;
import vn.hatang.platform.http.Schema;
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
                .body(Schema.extending(spec.schema(true)).optional("parent_code", Schema.code())
                        .optional("parent_id", Schema.id()).json())
                .answers(spec).created(c -> service.create(c.scope(), c.input()));
        routes.post("/units/merge", "mergeUnits", Permission.UNITS_REORGANISE)
                .doc("Sáp nhập đơn vị", "Merge units (source_codes, target_code, effective_at, decision_no); people, "
                        + "devices, links, investment lines, racks, information systems, child units and account grants move")
                .body(Schema.object().required("source_codes", Schema.array(Schema.code(), 200))
                        .required("target_code", Schema.code()).optional("effective_at", Schema.instant())
                        .optional("decision_no", Schema.text(100)).json())
                .answers(Schema.object().required("target", spec.rowSchema()).required("moved", Schema.anyObject())
                        .json())
                .json(c -> service.merge(c.scope(), c.input()));
        routes.get("/units/:id", "getUnit", Permission.READ).doc("Một đơn vị (theo id hoặc mã)",
                "One unit, by id or by code").answers(spec).json(c -> service.get(c.scope(), c.path("id")));
        routes.patch("/units/:id", "updateUnit", Permission.INVENTORY_WRITE)
                .doc("Sửa đơn vị", "Change a unit (a new parent_code moves it with its subtree)")
                .body(Schema.extending(spec.schema(false)).optional("parent_code", Schema.code())
                        .optional("parent_id", Schema.id()).json())
                .answers(spec).json(c -> service.update(c.scope(), c.id("id"), c.ifMatch(), c.input()));
        routes.post("/units/:id/rename", "renameUnit", Permission.UNITS_REORGANISE)
                .doc("Đổi tên theo quyết định", "Rename (name, name_en, effective_at, decision_no)")
                .body(Schema.object().required("name", Schema.text(300)).optional("name_en", Schema.text(300))
                        .optional("effective_at", Schema.instant()).optional("decision_no", Schema.text(100)).json())
                .answers(spec).json(c -> service.rename(c.scope(), c.id("id"), c.input()));
        routes.post("/units/:id/move", "moveUnit", Permission.UNITS_REORGANISE)
                .doc("Chuyển đơn vị sang đơn vị cấp trên khác", "Move under another parent (parent_code)")
                .body(Schema.object().required("parent_code", Schema.code()).optional("effective_at", Schema.instant())
                        .optional("decision_no", Schema.text(100)).json())
                .answers(spec).json(c -> service.move(c.scope(), c.id("id"), c.input()));
        JsonObject part = Schema.extending(spec.schema(true)).optional("kind", Schema.oneOf(UnitKind.ALL))
                .optional("people", Schema.array(Schema.code(), 10_000))
                .optional("devices", Schema.array(Schema.text(100), 10_000))
                .optional("links", Schema.array(Schema.code(), 10_000)).notRequired("kind").json();
        routes.post("/units/:id/split", "splitUnit", Permission.UNITS_REORGANISE)
                .doc("Chia tách đơn vị", "Split into parts, each with the people, devices and links listed for it")
                .body(Schema.object().required("parts", Schema.array(part, 100))
                        .optional("effective_at", Schema.instant()).optional("decision_no", Schema.text(100))
                        .optional("dissolve_source", Schema.bool()).json())
                .answers(Schema.object().required("source", spec.rowSchema())
                        .required("parts", Schema.array(spec.rowSchema(), 100)).json())
                .json(c -> service.split(c.scope(), c.id("id"), c.input()));
        routes.get("/units/:id/history", "getUnitHistory", Permission.READ)
                .doc("Lịch sử sáp nhập, chia tách, đổi tên", "Reorganisation history")
                .answers(Schema.arrayOf(Schema.object().required("kind", Schema.text(32))
                        .required("effective_at", Schema.instant()).optional("decision_no", Schema.text(100))
                        .optional("details", Schema.anyObject()).open().json()))
                .json(c -> service.history(c.scope(), c.id("id")));
        routes.get("/units/:id/holdings", "getUnitHoldings", Permission.READ)
                .doc("Người, thiết bị, đường truyền của đơn vị tại một thời điểm", "What the unit held at an instant")
                .query(Param.instant("at", "thời điểm (mặc định: bây giờ) / instant (default now)"))
                .answers(Schema.object().required("unit", spec.rowSchema()).required("at", Schema.instant())
                        .required("person_ids", Schema.arrayOf(Schema.id())).required("device_ids", Schema.arrayOf(Schema.id()))
                        .required("link_ids", Schema.arrayOf(Schema.id())).json())
                .json(c -> service.holdingsAt(c.scope(), c.id("id"),
                        c.query("at") == null ? Instant.now() : Instant.parse(c.query("at"))));
    }
}
