package vn.hatang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import vn.hatang.testing.TestServer;

/** Verifies that the published OpenAPI description and the routes the server really has are the same set. */
class OpenApiTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyRouteIsDocumentedAndEveryDocumentedOperationExists() throws Exception {
        Map<String, Object> spec;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi.yaml")) {
            spec = new Yaml().load(in);
        }
        Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, ops) -> ops.keySet().stream()
                .filter(m -> Set.of("get", "post", "patch", "put", "delete").contains(m))
                .forEach(m -> documented.add(m.toUpperCase() + " " + path)));

        Vertx vertx = Vertx.vertx();
        try (TestServer server = TestServer.start()) {
            Router router = Router.router(vertx);
            server.app().endpoints().forEach(e -> e.addRoutes(router));
            Set<String> served = new TreeSet<>();
            for (Route r : router.getRoutes()) {
                String path = r.getPath().replaceAll(":([a-z_]+)", "{$1}");
                for (HttpMethod m : r.methods()) {
                    served.add(m.name() + " " + path);
                }
            }
            assertEquals(served, documented);
        } finally {
            vertx.close();
        }
    }
}
