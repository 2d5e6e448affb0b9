package vn.hatang.platform.http;

import vn.hatang.platform.db.CrudService;
import vn.hatang.security.Permission;

/**
 * {@code GET/POST /<path>} and {@code GET/PATCH /<path>/:id} for a {@link CrudService}: read with {@code read}, written
 * with {@code write}. Operation ids follow the resource's names ({@code listDevices}, {@code createDevice}, …).
 */
public final class CrudEndpoint implements Endpoint {
    private final String path;
    private final String one;
    private final String many;
    private final CrudService<?> service;
    private final Permission write;
    private final Param[] filters;

    /**
     * @param one  the resource's name in operation ids, singular ({@code Device})
     * @param many plural ({@code Devices})
     */
    public CrudEndpoint(String path, String one, String many, CrudService<?> service, Permission write,
            Param... filters) {
        this.path = path;
        this.one = one;
        this.many = many;
        this.service = service;
        this.write = write;
        this.filters = filters;
    }

    private Param[] sort() {
        return service.sortable().isEmpty() ? new Param[0] : new Param[] {Param.sort(service.sortable())};
    }

    @Override
    public void addRoutes(Routes routes) {
        var spec = service.repository().spec();
        routes.get(path, "list" + many, Permission.READ).doc("Danh sách " + path, "List " + path)
                .query(filters).query(sort()).paged().answers(spec)
                .json(c -> service.list(c.scope(), c.filters(), c.page()));
        routes.post(path, "create" + one, write).doc("Tạo mới", "Create").body(service.createSchema()).answers(spec)
                .created(c -> service.create(c.scope(), c.input()));
        routes.get(path + "/:id", "get" + one, Permission.READ).doc("Một bản ghi", "One row").answers(spec)
                .json(c -> service.get(c.scope(), c.path("id")));
        routes.patch(path + "/:id", "update" + one, write).doc("Sửa các trường đã gửi", "Change the given fields")
                .body(spec, false).answers(spec)
                .json(c -> service.update(c.scope(), c.id("id"), c.ifMatch(), c.input()));
    }
}
