package vn.hatang.platform.http;

/** A group of HTTP operations of one domain. Paths are relative to {@code /api/v1}. */
public interface Endpoint {
    void addRoutes(Routes routes);
}
