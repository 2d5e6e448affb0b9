package vn.hatang.documents;

import java.util.List;
import vn.hatang.platform.Module;
import vn.hatang.platform.Platform;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.report.DocumentOptions;

/** Documents the office hands over: handover minutes of devices and tokens, asset labels. */
public final class DocumentsModule implements Module {
    private final HandoverService handovers;
    private final LabelService labels;

    public DocumentsModule(Platform platform) {
        DocumentOptions options = DocumentOptions.from(platform.config());
        this.handovers = new HandoverService(platform.db(), options, platform.clock());
        this.labels = new LabelService(platform.db(), options);
    }

    public HandoverService handovers() {
        return handovers;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new DocumentsEndpoint(handovers, labels));
    }
}
