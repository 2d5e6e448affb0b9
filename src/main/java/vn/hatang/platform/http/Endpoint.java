package vn.hatang.platform.http;

import io.vertx.ext.web.Router;

/** A group of HTTP resources. Routes are relative to {@code /api/v1}. */
public interface Endpoint {
    void addRoutes(Router api);
}
