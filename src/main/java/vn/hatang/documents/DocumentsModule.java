package vn.hatang.documents;

import java.time.Clock;
import java.util.List;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.report.DocumentOptions;

/** Documents the office hands over: handover minutes of devices and tokens, asset labels. */
public final class DocumentsModule {
    private DocumentsModule() {
    }

    public static List<Endpoint> endpoints(Db db, DocumentOptions options, Clock clock) {
        return List.of(new DocumentsEndpoint(new HandoverService(db, options, clock), new LabelService(db, options)));
    }
}
