package vn.hatang.units;

import java.util.List;
import vn.hatang.people.PersonService;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.CrudEndpoint;
import vn.hatang.platform.http.Endpoint;

/** Units and the people in them. */
public final class UnitsModule {
    private UnitsModule() {
    }

    public static List<Endpoint> endpoints(Db db) {
        return List.of(new UnitEndpoint(new UnitService(db)), 
                new CrudEndpoint("/people", new PersonService(db), "under", "status", "duty", "q"));
    }
}
