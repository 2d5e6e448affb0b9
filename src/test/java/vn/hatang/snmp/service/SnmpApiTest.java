package vn.hatang.snmp.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.TestDatabase;
import vn.hatang.snmp.testing.Snmpd;
import vn.hatang.testing.Eventually;

/**
 * Verifies the SNMP API end to end: a device of the inventory with a v3 profile pointed at a real snmpd shows
 * live status, interfaces, link status, findings and events; secrets never come back.
 */
class SnmpApiTest extends SnmpServerTest {
    private long deviceId;

    @BeforeEach
    void fixture() {
        deviceId = ok(server.post("/api/v1/devices", new JsonObject().put("serial", "SN-INV-0001")
                .put("category", "switch").put("unit_code", "VP").put("status", "received").put("model", "C9300-48T")
                .put("mgmt_address", "127.0.0.1")), 201).bodyAsJsonObject().getLong("id");
        ok(server.post("/api/v1/links", new JsonObject().put("code", "WAN-VP").put("kind", "special_use")
                .put("unit_code", "VP").put("bandwidth_mbps", 100).put("device_serial", "SN-INV-0001")
                .put("interface_name", "lo")), 201);
    }

    private long profile(String name, String authPass) {
        return ok(server.post("/api/v1/snmp/profiles", new JsonObject().put("name", name).put("snmp_version", "v3")
                .put("unit_code", "TU").put("networks", new JsonArray().add("127.0.0.0/8"))
                .put("user_name", "shaaes").put("security_level", "authPriv").put("auth_protocol", "SHA")
                .put("auth_passphrase", authPass).put("priv_protocol", "AES-128").put("priv_passphrase", "privpass123")
                .put("port", snmpd.port()).put("timeout_ms", 500).put("retries", 0)), 201)
                .bodyAsJsonObject().getLong("id");
    }

    @Test
    void testDeviceWithAProfileShowsLiveStatusInterfacesAndLink() {
        long p = profile("v3-core", "authpass123");
        ok(put("/api/v1/snmp/units/" + idOfUnit("VP") + "/profile", new JsonObject().put("profile_id", p)), 200);
        JsonObject status = ok(server.post("/api/v1/snmp/devices/" + deviceId + "/poll", null), 200)
                .bodyAsJsonObject();
        assertEquals(true, status.getBoolean("reachable"), status.encode());
        assertEquals(60, status.getInteger("interval_s"), "a device carrying a link is polled every 60 s");
        assertTrue(status.getLong("uptime_s") >= 0);
        JsonArray ifs = ok(server.get("/api/v1/snmp/devices/" + deviceId + "/interfaces"), 200).bodyAsJsonArray();
        assertTrue(ifs.stream().map(JsonObject.class::cast).anyMatch(i -> "lo".equals(i.getString("descr"))
                && "up".equals(i.getString("oper_status"))), ifs.encode());
        long linkId = server.get("/api/v1/links?q=WAN-VP").bodyAsJsonObject().getJsonArray("items").getJsonObject(0)
                .getLong("id");
        JsonObject link = ok(server.get("/api/v1/snmp/links/" + linkId), 200).bodyAsJsonObject();
        assertEquals("up", link.getString("status"), link.encode());
        JsonObject summary = ok(server.get("/api/v1/snmp/units/" + idOfUnit("TU") + "/reachability"), 200)
                .bodyAsJsonObject();
        assertEquals(1, summary.getInteger("reachable"), summary.encode());
    }

    @Test
    void testDiscoveryReportsSerialMismatchAsAFindingWithoutChangingTheInventory() {
        long p = profile("v3-disc", "authpass123");
        ok(put("/api/v1/snmp/devices/" + deviceId + "/assignment", new JsonObject().put("profile_id", p)), 200);
        JsonObject d = ok(server.post("/api/v1/snmp/devices/" + deviceId + "/discover", null), 200).bodyAsJsonObject();
        assertEquals(Snmpd.SYS_NAME, d.getJsonObject("system").getString("name"));
        JsonArray findings = ok(server.get("/api/v1/snmp/devices/" + deviceId + "/findings"), 200).bodyAsJsonArray();
        assertEquals(1, findings.size(), findings.encode());
        assertEquals("SERIAL_MISMATCH", findings.getJsonObject(0).getString("kind"));
        assertEquals("FOC2231X0AB", findings.getJsonObject(0).getString("actual"));
        assertEquals("SN-INV-0001", server.get("/api/v1/devices/" + deviceId).bodyAsJsonObject().getString("serial"));
    }

    @Test
    void testProfilesNeverReturnSecretsAndRejectShortPassphrases() {
        profile("v3-secret", "authpass123");
        String body = ok(server.get("/api/v1/snmp/profiles"), 200).bodyAsString();
        assertFalse(body.contains("authpass123") || body.contains("privpass123"), body);
        assertTrue(body.contains("\"has_secret\":true"));
        HttpResponse<Buffer> bad = server.post("/api/v1/snmp/profiles", new JsonObject().put("name", "short")
                .put("unit_code", "TU").put("networks", new JsonArray().add("127.0.0.0/8"))
                .put("snmp_version", "v3").put("user_name", "u").put("security_level", "authNoPriv")
                .put("auth_protocol", "SHA-256").put("auth_passphrase", "short"));
        assertEquals(400, bad.statusCode());
        assertEquals("auth_passphrase", bad.bodyAsJsonObject().getString("field"));
        assertEquals(1, ok(server.get("/api/v1/snmp/profiles"), 200).bodyAsJsonArray().size(), "nothing created");
        String stored = TestDatabase.dsl().fetchOne("SELECT encode(secret, 'escape') FROM snmp_profile").get(0,
                String.class);
        assertFalse(stored.contains("authpass123"), "encrypted at rest");
    }

    @Test
    void testWrongCredentialsAreAnAuthErrorAndSilenceIsAnUnreachableEvent() throws Exception {
        long wrong = profile("v3-wrong", "not-the-password");
        ok(put("/api/v1/snmp/devices/" + deviceId + "/assignment", new JsonObject().put("profile_id", wrong)), 200);
        HttpResponse<Buffer> auth = server.post("/api/v1/snmp/devices/" + deviceId + "/poll", null);
        assertEquals(502, auth.statusCode(), auth.bodyAsString());
        assertEquals("/problems/snmp-auth", auth.bodyAsJsonObject().getString("type"));

        long good = profile("v3-good", "authpass123");
        ok(put("/api/v1/snmp/devices/" + deviceId + "/assignment", new JsonObject().put("profile_id", good)
                .put("address", "127.0.0.2")), 200);
        HttpResponse<Buffer> timeout = server.post("/api/v1/snmp/devices/" + deviceId + "/poll", null);
        assertEquals(504, timeout.statusCode(), timeout.bodyAsString());
        JsonArray events = Eventually.value(() -> ok(server.get("/api/v1/snmp/events?device_id=" + deviceId
                + "&kind=device_unreachable"), 200).bodyAsJsonArray(), a -> !a.isEmpty(), "device_unreachable event");
        assertEquals(1, events.size(), events.encode());
    }

    private static long idOfUnit(String code) {
        return TestDatabase.dsl().fetchOne("SELECT id FROM unit WHERE code = ?", code).get(0, Long.class);
    }
}
