package vn.hatang.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the route names Vert.x Web reports become one bounded {@code route} label. */
class RouteTemplateTest {
    private static String template(String... names) {
        var s = new HttpServerMetricsFactory.RequestState("GET");
        for (String n : names) {
            s.routed(n);
        }
        return s.template();
    }

    /** Verifies that a sub-router's route is joined to its mount point, unnamed handlers skipped. */
    @Test
    void testSubRouterRouteJoinsTheMountPoint() {
        assertEquals("/api/v1/devices/:id", template("/api/v1/*", null, "/devices/:id"));
        assertEquals("/health/live", template("/health/live"));
    }

    /** Verifies that failure routing, which reports the mount point again, neither doubles it nor loses the route. */
    @Test
    void testFailureRoutingKeepsTheRouteReached() {
        assertEquals("/api/v1/devices/:id", template("/api/v1/*", null, "/devices/:id", "/api/v1/*", null));
        assertEquals("/api/v1/*", template("/api/v1/*", null, null, "/api/v1/*", null));
    }

    /** Verifies that nested mounts accumulate and a request matching no named route is "unmatched". */
    @Test
    void testNestedMountsAndUnmatched() {
        assertEquals("/api/v1/admin/users", template("/api/v1/*", "/admin/*", "/users"));
        assertEquals("unmatched", template(null, null));
    }
}
