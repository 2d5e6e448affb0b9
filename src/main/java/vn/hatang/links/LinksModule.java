package vn.hatang.links;

import java.util.List;
import vn.hatang.platform.Module;
import vn.hatang.platform.Platform;
import vn.hatang.platform.http.CrudEndpoint;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Param;
import vn.hatang.security.Permission;

/** Network links (special-use data network, controlled Internet): written by network operators. */
public final class LinksModule implements Module {
    private final Platform platform;

    public LinksModule(Platform platform) {
        this.platform = platform;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new CrudEndpoint("/links", "Link", "Links", new LinkService(platform.db()),
                Permission.NETWORK_WRITE, Param.under(), Param.oneOf("kind", LinkService.KINDS, null),
                Param.oneOf("status", LinkService.STATUSES, null), Param.q()));
    }
}
