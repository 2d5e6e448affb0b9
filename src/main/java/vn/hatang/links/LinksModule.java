package vn.hatang.links;

import java.util.List;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.CrudEndpoint;
import vn.hatang.platform.http.Endpoint;

public final class LinksModule {
    private LinksModule() {
    }

    public static List<Endpoint> endpoints(Db db) {
        return List.of(new CrudEndpoint("/links", new LinkService(db), "under", "kind", "status", "q"));
    }
}
