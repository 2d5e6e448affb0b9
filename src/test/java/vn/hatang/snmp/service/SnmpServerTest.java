package vn.hatang.snmp.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import vn.hatang.snmp.testing.Snmpd;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * Base of the SNMP API tests: a real snmpd (with an ENTITY-MIB chassis row: serial FOC2231X0AB, model C9300-48T), the
 * whole service, and a unit tree TU → VP (office), XA (commune) made fresh before each test.
 */
abstract class SnmpServerTest {
    static Snmpd snmpd;
    static TestServer server;

    @BeforeAll
    static void startAgentAndServer() throws Exception {
        snmpd = Snmpd.start("override 1.3.6.1.2.1.47.1.1.1.1.5.1 integer 3",
                "override 1.3.6.1.2.1.47.1.1.1.1.11.1 octet_str \"FOC2231X0AB\"",
                "override 1.3.6.1.2.1.47.1.1.1.1.13.1 octet_str \"C9300-48T\"");
        server = TestServer.start();
    }

    @AfterAll
    static void stopAgentAndServer() {
        if (server != null) {
            server.close();
        }
        if (snmpd != null) {
            snmpd.close();
        }
    }

    @BeforeEach
    void unitTree() {
        TestDatabase.reset();
        ok(server.post("/api/v1/units", new JsonObject().put("code", "TU").put("name", "Tỉnh ủy")
                .put("kind", "provincial_committee")), 201);
        ok(server.post("/api/v1/units", new JsonObject().put("code", "VP").put("name", "Văn phòng").put("kind", "office")
                .put("parent_code", "TU")), 201);
        ok(server.post("/api/v1/units", new JsonObject().put("code", "XA").put("name", "Xã A").put("kind", "commune")
                .put("parent_code", "TU")), 201);
    }

    static HttpResponse<Buffer> ok(HttpResponse<Buffer> r, int status) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        return r;
    }

    static HttpResponse<Buffer> put(String uri, JsonObject body) {
        return server.send(HttpMethod.PUT, uri, body, Map.of());
    }

    /** A request whose answer is wanted in English. */
    static HttpResponse<Buffer> en(HttpMethod method, String uri, JsonObject body) {
        return server.send(method, uri, body, Map.of("Accept-Language", "en"));
    }
}
