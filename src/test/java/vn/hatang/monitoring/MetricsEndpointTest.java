package vn.hatang.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/** {@code /metrics} of a service holding the sample province, read as Prometheus and as a user of its figures. */
class MetricsEndpointTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        TestDatabase.reset();
        server = TestServer.start(Path.of("inventory"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String scrape(Map<String, String> headers) {
        var r = server.send(HttpMethod.GET, "/metrics", null, headers);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsString();
    }

    /**
     * Verifies that the default answer is the Prometheus text format, that promtool's parser and linter accept it,
     * and that every family has HELP and TYPE with no series twice.
     */
    @Test
    void testScrapeIsValidPrometheusTextFormat() {
        assertEquals(200, server.get("/health/live").statusCode()); // so that the HTTP families have a sample
        var r = server.send(HttpMethod.GET, "/metrics", null, Map.of());
        assertEquals(200, r.statusCode());
        assertTrue(r.getHeader("Content-Type").startsWith("text/plain; version=0.0.4"), r.getHeader("Content-Type"));
        String text = r.bodyAsString();

        Exposition e = Exposition.parse(text);
        assertEquals(List.of(), e.problems);
        var promtool = Promtool.run(Path.of("."), text, "check", "metrics");
        assertEquals(0, promtool.exit(), promtool.output());

        for (String family : List.of("hatang_build_info", "hatang_unit_info", "hatang_devices", "hatang_link_info", "hatang_device_info",
                "hatang_db_pool_active_connections", "hatang_db_pool_idle_connections",
                "hatang_db_pool_pending_threads", "hatang_db_pool_max_connections", "hatang_http_requests_total",
                "hatang_http_request_duration_seconds", "jvm_memory_used_bytes", "jvm_threads_current",
                "hatang_last_import_success_timestamp_seconds")) {
            assertTrue(e.families().contains(family), "missing " + family);
        }
        assertEquals(5.0, e.sum("hatang_db_pool_max_connections", Map.of()));
    }

    /** Verifies that a scraper asking for OpenMetrics gets it, terminated by {@code # EOF}. */
    @Test
    void testOpenMetricsWhenTheScraperAsksForIt() {
        var r = server.send(HttpMethod.GET, "/metrics", null,
                Map.of("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8"));
        assertEquals(200, r.statusCode());
        assertTrue(r.getHeader("Content-Type").startsWith("application/openmetrics-text"), r.getHeader("Content-Type"));
        String text = r.bodyAsString();
        assertTrue(text.endsWith("# EOF\n"));
        assertTrue(text.contains("# TYPE hatang_build info"), "build info is an OpenMetrics info family");
        assertTrue(text.contains("# TYPE hatang_devices gauge"));
    }

    /**
     * Verifies that device counts are reported per provincial or directly subordinate unit only, that communes roll
     * up into their parent, and that the figures match what the API lists for the same unit.
     */
    @Test
    void testDeviceCountsRollUpAndMatchTheApi() {
        Exposition e = Exposition.parse(scrape(Map.of()));
        Set<String> reportingUnits = TestDatabase.dsl().select(UNIT.CODE).from(UNIT).where(UNIT.DEPTH.le(1))
                .fetchSet(UNIT.CODE);
        Set<String> labelled = e.samples("hatang_devices").stream().map(s -> s.labels().get("unit"))
                .collect(Collectors.toSet());
        assertTrue(reportingUnits.containsAll(labelled), "only depth ≤ 1 units: " + labelled);
        assertEquals(TestDatabase.dsl().fetchCount(DEVICE), (int) e.sum("hatang_devices", Map.of()));

        // a party committee with communes under it: its figure includes theirs
        String parent = TestDatabase.dsl().select(UNIT.CODE).from(UNIT).where(UNIT.DEPTH.eq(1))
                .and(UNIT.ID.in(TestDatabase.dsl().select(UNIT.PARENT_ID).from(UNIT).where(UNIT.DEPTH.eq(2))))
                .limit(1).fetchOne(UNIT.CODE);
        assertNotNull(parent, "the sample has communes under a directly subordinate committee");
        int viaApi = countViaApi(server, "/api/v1/devices?under=" + parent + "&category=pc&status=in_service");
        assertTrue(viaApi > 0);
        assertEquals(viaApi, (int) e.sum("hatang_devices", Map.of("unit", parent, "category", "pc",
                "state", "in_service")));
    }

    /** How many items a list endpoint returns over all its pages. */
    static int countViaApi(TestServer server, String uri) {
        int n = 0;
        String cursor = null;
        do {
            var r = server.get(uri + "&limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, r.statusCode(), r.bodyAsString());
            JsonObject page = r.bodyAsJsonObject();
            n += page.getJsonArray("items").size();
            cursor = page.getString("next");
        } while (cursor != null);
        return n;
    }

    /** Verifies that requests are counted under their route template, never under the raw path with its ids. */
    @Test
    void testHttpRequestsAreCountedByRouteTemplate() {
        long id = TestDatabase.dsl().select(DEVICE.ID).from(DEVICE).limit(1).fetchOne(DEVICE.ID);
        assertEquals(200, server.get("/api/v1/devices/" + id).statusCode());
        assertEquals(404, server.get("/api/v1/devices/999999999").statusCode());
        assertEquals(404, server.get("/api/v1/no-such-thing/42").statusCode());
        assertEquals(404, server.get("/wp-login.php").statusCode());
        assertEquals(200, server.get("/health/live").statusCode());

        Exposition e = Exposition.parse(scrape(Map.of()));
        List<String> routes = new ArrayList<>(e.samples("hatang_http_requests_total").stream()
                .map(s -> s.labels().get("route")).distinct().toList());
        assertTrue(e.sum("hatang_http_requests_total", Map.of("method", "GET", "route", "/api/v1/devices/:id",
                "status", "200")) >= 1, routes.toString());
        assertTrue(e.sum("hatang_http_requests_total", Map.of("route", "/api/v1/devices/:id", "status", "404")) >= 1,
                routes.toString());
        assertTrue(e.sum("hatang_http_requests_total", Map.of("route", "/api/v1/*", "status", "404")) >= 1,
                routes.toString());
        assertTrue(e.sum("hatang_http_requests_total", Map.of("route", "unmatched", "status", "404")) >= 1,
                routes.toString());
        assertTrue(e.sum("hatang_http_requests_total", Map.of("route", "/health/live")) >= 1);
        assertFalse(routes.stream().anyMatch(r -> r.matches(".*/\\d+.*") || r.contains("wp-login")), routes.toString());
        assertTrue(e.sum("hatang_http_request_duration_seconds_count", Map.of("route", "/api/v1/devices/:id")) >= 2);
    }

    /** Verifies that the sample import at start-up is visible as the last successful import, a few moments ago. */
    @Test
    void testLastImportIsExposed() {
        Exposition e = Exposition.parse(scrape(Map.of()));
        double last = e.sum("hatang_last_import_success_timestamp_seconds", Map.of());
        double now = System.currentTimeMillis() / 1000.0;
        assertTrue(last > now - 600 && last <= now + 1, "last import " + last + " vs now " + now);
    }

    /** Verifies that every link and every SNMP-managed device in service has one info series naming its unit. */
    @Test
    void testLinkAndDeviceInfoNameTheirUnits() {
        Exposition e = Exposition.parse(scrape(Map.of()));
        var dsl = TestDatabase.dsl();
        assertEquals(dsl.fetchCount(vn.hatang.db.Tables.LINK), e.samples("hatang_link_info").size());
        var link = dsl.selectFrom(vn.hatang.db.Tables.LINK).orderBy(vn.hatang.db.Tables.LINK.ID).limit(1).fetchOne();
        String unit = dsl.select(UNIT.CODE).from(UNIT).where(UNIT.ID.eq(link.getUnitId())).fetchOne(UNIT.CODE);
        assertEquals(1.0, e.sum("hatang_link_info", Map.of("link", link.getCode(), "unit", unit, "kind", link.getKind(),
                "status", link.getStatus())));
        int managed = dsl.fetchCount(DEVICE, DEVICE.MGMT_ADDRESS.isNotNull().and(DEVICE.STATUS.notIn("retired", "disposed")));
        assertTrue(managed > 0);
        assertEquals(managed, e.samples("hatang_device_info").size());
    }

    /** Verifies that every active unit has one info series carrying its Vietnamese name, for alert texts. */
    @Test
    void testUnitInfoCarriesNames() {
        Exposition e = Exposition.parse(scrape(Map.of()));
        var info = e.samples("hatang_unit_info");
        assertEquals(TestDatabase.dsl().fetchCount(UNIT, UNIT.STATUS.eq("active")), info.size());
        assertTrue(info.stream().anyMatch(s -> s.labels().get("name").equals("Văn phòng Tỉnh ủy")
                && s.labels().get("unit").equals("VPTU") && s.labels().get("reporting_unit").equals("VPTU")));
    }
}
