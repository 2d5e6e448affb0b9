package vn.hatang.units;

import java.util.List;
import vn.hatang.people.PersonService;
import vn.hatang.platform.Module;
import vn.hatang.platform.Platform;
import vn.hatang.platform.http.CrudEndpoint;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Param;
import vn.hatang.security.Permission;

/** Units and the people in them. */
public final class UnitsModule implements Module {
    private final Platform platform;

    public UnitsModule(Platform platform) {
        this.platform = platform;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new UnitEndpoint(new UnitService(platform.db())),
                new CrudEndpoint("/people", "Person", "People", new PersonService(platform.db()),
                        Permission.INVENTORY_WRITE, Param.under(),
                        Param.oneOf("status", PersonService.STATUSES, null),
                        Param.oneOf("duty", PersonService.DUTIES, "nhiệm vụ / duty"), Param.q()));
    }
}
