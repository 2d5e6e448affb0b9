package vn.hatang.snmp.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.LINK;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.snmp.links.LiveLinkStatus;
import vn.hatang.snmp.testing.Snmpd;
import vn.hatang.testing.TestDatabase;

/**
 * Verifies the guided set-up of a real network, as an office does it over the API against a real snmpd: a profile
 * with its community or v3 user, assigned to every network device of a subtree in one call; "test this device now"
 * answering in words; link status saying why and since when, by the one rule of which interface carries a link,
 * shared with WAN_CONNECTED; metrics after a poll asked for by hand; and a profile's secrets going only to the
 * addresses it allows.
 */
class SnmpSetupTest extends SnmpServerTest {
    private long switchId;
    private long routerId;

    @BeforeEach
    void fixture() {
        switchId = device("SW-VP-01", "switch", "VP", "127.0.0.1");
        routerId = device("RT-VP-01", "router", "VP", "127.0.0.1");
        device("PC-VP-01", "pc", "VP", null);
        device("SW-XA-01", "switch", "XA", "127.0.0.1");
        server.app().module(SnmpModule.class).reload();
    }

    private static long device(String serial, String category, String unit, String address) {
        JsonObject d = new JsonObject().put("serial", serial).put("category", category).put("unit_code", unit)
                .put("status", "received");
        if (address != null) {
            d.put("mgmt_address", address);
        }
        return ok(server.post("/api/v1/devices", d), 201).bodyAsJsonObject().getLong("id");
    }

    private static long v2c(String name, String unit, String network, String community, int port) {
        return ok(server.post("/api/v1/snmp/profiles", new JsonObject().put("name", name).put("unit_code", unit)
                .put("networks", new JsonArray().add(network)).put("snmp_version", "v2c").put("community", community)
                .put("port", port).put("timeout_ms", 300).put("retries", 0)), 201).bodyAsJsonObject().getLong("id");
    }

    private static long v3(String name, String authPass, String privPass) {
        return ok(server.post("/api/v1/snmp/profiles", new JsonObject().put("name", name).put("unit_code", "TU")
                .put("networks", new JsonArray().add("127.0.0.0/8")).put("snmp_version", "v3")
                .put("user_name", "shaaes").put("security_level", "authPriv").put("auth_protocol", "SHA")
                .put("auth_passphrase", authPass).put("priv_protocol", "AES-128").put("priv_passphrase", privPass)
                .put("port", snmpd.port()).put("timeout_ms", 500).put("retries", 0)), 201)
                .bodyAsJsonObject().getLong("id");
    }

    private static JsonObject test(long deviceId, JsonObject body) {
        return ok(en(HttpMethod.POST, "/api/v1/snmp/devices/" + deviceId + "/test", body), 200).bodyAsJsonObject();
    }

    @Test
    void testOneCallAssignsAProfileToEveryNetworkDeviceOfASubtree() {
        long p = v2c("vp-v2c", "TU", "127.0.0.1/32", Snmpd.COMMUNITY, snmpd.port());
        JsonObject dry = ok(server.post("/api/v1/snmp/profiles/" + p + "/assign", new JsonObject()
                .put("unit_code", "VP").put("dry_run", true)), 200).bodyAsJsonObject();
        assertEquals(2, dry.getInteger("count"), "switch and router of VP, not its PC nor XA's switch: " + dry);
        assertEquals(false, ok(server.get("/api/v1/snmp/devices/" + switchId), 200).bodyAsJsonObject()
                .getBoolean("polled"), "a dry run changes nothing");
        ok(server.post("/api/v1/snmp/profiles/" + p + "/assign", new JsonObject().put("unit_code", "VP")), 200);
        JsonObject polled = ok(server.post("/api/v1/snmp/devices/" + routerId + "/poll", null), 200).bodyAsJsonObject();
        assertEquals(true, polled.getBoolean("reachable"), polled.encode());
        assertEquals(false, polled.getBoolean("simulated"));
        assertEquals("sysUpTime", polled.getString("uptime_source"));
    }

    @Test
    void testTestNowSaysInWordsWhatIsWrong() {
        long good = v2c("good", "TU", "127.0.0.0/8", Snmpd.COMMUNITY, snmpd.port());
        ok(put("/api/v1/snmp/devices/" + switchId + "/assignment", new JsonObject().put("profile_id", good)), 200);
        JsonObject ok = test(switchId, null);
        assertEquals("ok", ok.getString("outcome"), ok.encode());
        assertEquals(Snmpd.SYS_NAME, ok.getString("sys_name"));

        long wrong = v2c("wrong-community", "TU", "127.0.0.0/8", "not-the-community", snmpd.port());
        JsonObject community = test(switchId, new JsonObject().put("profile_id", wrong));
        assertEquals("wrong_community", community.getString("outcome"), community.encode());
        assertTrue(community.getString("message").contains("community"), community.getString("message"));

        HttpResponse<Buffer> unconfirmed = en(HttpMethod.POST, "/api/v1/snmp/devices/" + switchId + "/test",
                new JsonObject().put("address", "127.0.0.3"));
        assertEquals(409, unconfirmed.statusCode(), "another address than the inventory's needs confirmation");
        assertEquals("127.0.0.1", unconfirmed.bodyAsJsonObject().getString("inventory_address"));
        JsonObject timeout = test(switchId, new JsonObject().put("address", "127.0.0.3").put("confirm", true));
        assertEquals("timeout", timeout.getString("outcome"), timeout.encode());

        JsonObject auth = test(switchId, new JsonObject().put("profile_id", v3("bad-auth", "wrongpass99", "privpass123")));
        assertEquals("wrong_auth_password", auth.getString("outcome"), auth.encode());
        JsonObject priv = test(switchId, new JsonObject().put("profile_id", v3("bad-priv", "authpass123", "wrongpriv99")));
        assertTrue(priv.getString("outcome").equals("wrong_priv_password")
                || priv.getString("outcome").equals("no_answer_after_discovery"), priv.encode());

        long v3 = v3("v3-good", "authpass123", "privpass123");
        ok(put("/api/v1/snmp/devices/" + switchId + "/assignment", new JsonObject().put("profile_id", v3)
                .put("engine_id", "80001f8880aabbccddeeff0011")), 200);
        JsonObject engine = test(switchId, null);
        assertEquals("wrong_engine_id", engine.getString("outcome"), engine.encode());
        assertTrue(engine.getString("message").contains("80001f8880aabbccddeeff0011"), engine.getString("message"));
    }

    @Test
    void testLinkStatusSaysWhyAndSinceWhenAndTheKpiPortAgrees() {
        long p = v2c("links", "TU", "127.0.0.0/8", Snmpd.COMMUNITY, snmpd.port());
        ok(put("/api/v1/snmp/devices/" + routerId + "/assignment", new JsonObject().put("profile_id", p)), 200);
        long upLink = link("TSLCD-VP", "LO"); // the interface is "lo": names compare without case
        long badLink = link("INET-VP", "eth9");
        server.app().module(SnmpModule.class).reload();
        ok(server.post("/api/v1/snmp/devices/" + routerId + "/poll", null), 200);

        JsonObject up = ok(en(HttpMethod.GET, "/api/v1/snmp/links/" + upLink, null), 200).bodyAsJsonObject();
        assertEquals("up", up.getString("status"), up.encode());
        assertEquals("lo", up.getString("if_name"));
        assertTrue(up.getString("first_seen_at") != null || up.getString("since") != null, up.encode());
        JsonObject bad = ok(en(HttpMethod.GET, "/api/v1/snmp/links/" + badLink, null), 200).bodyAsJsonObject();
        assertEquals("unknown", bad.getString("status"));
        assertEquals("interface_not_found", bad.getString("reason"));
        assertTrue(bad.getString("reason_text").contains("eth9"), bad.getString("reason_text"));

        String metrics = server.get("/metrics").bodyAsString();
        assertTrue(metrics.contains("hatang_link_up{link=\"TSLCD-VP\"} 1.0"), "after a poll asked for by hand");
        assertTrue(metrics.contains("hatang_device_reachable{device=\"RT-VP-01\"} 1.0"));
        assertFalse(metrics.contains("hatang_link_up{link=\"INET-VP\"}"), "unknown is no series, not down");
        server.app().module(SnmpModule.class).flush();
        assertTrue(liveUp(upLink), "WAN_CONNECTED's port counts it up");

        // The device stops answering: the link is down because of the device, and the KPI port follows.
        ok(put("/api/v1/snmp/devices/" + routerId + "/assignment", new JsonObject().put("profile_id", p)
                .put("address", "127.0.0.2")), 200);
        assertEquals(504, server.post("/api/v1/snmp/devices/" + routerId + "/poll", null).statusCode());
        JsonObject down = ok(en(HttpMethod.GET, "/api/v1/snmp/links/" + upLink, null), 200).bodyAsJsonObject();
        assertEquals("down", down.getString("status"), down.encode());
        assertEquals("device_unreachable", down.getString("reason"));
        assertTrue(down.getString("reason_text").contains("RT-VP-01") && down.getString("since") != null);
        JsonObject list = ok(server.get("/api/v1/snmp/links?status=down"), 200).bodyAsJsonObject();
        assertEquals(2, list.getJsonArray("items").size(), "both links of the silent router: " + list.encode());
        server.app().module(SnmpModule.class).flush();
        assertFalse(liveUp(upLink), "and WAN_CONNECTED no longer counts it");
    }

    private long link(String code, String iface) {
        return ok(server.post("/api/v1/links", new JsonObject().put("code", code).put("kind", "special_use")
                .put("unit_code", "VP").put("bandwidth_mbps", 100).put("device_serial", "RT-VP-01")
                .put("interface_name", iface)), 201).bodyAsJsonObject().getLong("id");
    }

    private static boolean liveUp(long linkId) {
        return TestDatabase.dsl().fetchExists(LINK, LINK.ID.eq(linkId).and(LiveLinkStatus.INSTANCE.up(LINK)));
    }

    @Test
    void testAProfilesSecretsGoOnlyWhereItsNetworksAllow() throws Exception {
        try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            listener.setSoTimeout(1500);
            // The profile allows 10.99.0.0/16 only; the device's address (127.0.0.1) is outside it.
            long p = v2c("narrow", "TU", "10.99.0.0/16", "province-secret", listener.getLocalPort());
            HttpResponse<Buffer> outside = put("/api/v1/snmp/devices/" + switchId + "/assignment", new JsonObject()
                    .put("profile_id", p).put("address", "127.0.0.1"));
            assertEquals(400, outside.statusCode(), "an explicit address outside the networks is refused");
            assertEquals("address", outside.bodyAsJsonObject().getString("field"));
            ok(put("/api/v1/snmp/devices/" + switchId + "/assignment", new JsonObject().put("profile_id", p)), 200);
            JsonObject status = ok(en(HttpMethod.GET, "/api/v1/snmp/devices/" + switchId, null), 200).bodyAsJsonObject();
            assertEquals(false, status.getBoolean("polled"));
            assertEquals("address_not_allowed", status.getJsonObject("blocked").getString("reason"));
            assertEquals(409, server.post("/api/v1/snmp/devices/" + switchId + "/poll", null).statusCode());
            assertEquals(409, server.post("/api/v1/snmp/devices/" + switchId + "/test",
                    new JsonObject().put("address", "127.0.0.1").put("confirm", true)).statusCode());
            DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
            try {
                listener.receive(packet);
                throw new AssertionError("the community was sent to an address the profile does not allow");
            } catch (SocketTimeoutException expected) {
                // nothing arrived
            }
        }
        // Without networks a profile keeps its secrets to private addresses: a public one is refused.
        long plain = ok(server.post("/api/v1/snmp/profiles", new JsonObject().put("name", "plain")
                .put("snmp_version", "v2c").put("community", "c0mmunity")), 201).bodyAsJsonObject().getLong("id");
        JsonObject view = ok(server.get("/api/v1/snmp/profiles/" + plain), 200).bodyAsJsonObject();
        assertEquals("TU", view.getString("unit_code"), "the root unit when none is said");
        assertTrue(view.getJsonArray("networks").contains("192.168.0.0/16"), view.encode());
        HttpResponse<Buffer> wide = put("/api/v1/snmp/devices/" + switchId + "/assignment", new JsonObject()
                .put("profile_id", plain).put("address", "203.0.113.5"));
        assertEquals(400, wide.statusCode());
        assertEquals("address", wide.bodyAsJsonObject().getString("field"));
        // A profile of another unit's subtree cannot be given to this device.
        long xa = v2c("xa-only", "XA", "127.0.0.0/8", Snmpd.COMMUNITY, snmpd.port());
        HttpResponse<Buffer> foreign = put("/api/v1/snmp/devices/" + switchId + "/assignment",
                new JsonObject().put("profile_id", xa));
        assertEquals(400, foreign.statusCode());
        assertEquals("profile_id", foreign.bodyAsJsonObject().getString("field"));
        assertTrue(server.get("/api/v1/snmp/profiles").bodyAsString().indexOf("province-secret") < 0, "never returned");
    }

    /**
     * A commune's network operator works with the commune's own profiles only: a province profile is not theirs to
     * use or to point elsewhere, an address override comes with the profile it is for, and a province-wide
     * assignment does not carry another profile's override along.
     */
    @Test
    void testACommuneOperatorCannotSendAnotherUnitsSecretsAnywhere() {
        long province = v2c("province", "TU", "127.0.0.0/8", Snmpd.COMMUNITY, snmpd.port());
        JsonObject user = ok(server.post("/api/v1/users", new JsonObject().put("login", "xa-net").put("full_name", "Xã A")
                .put("unit_code", "XA").put("grants", new JsonArray().add(new JsonObject().put("role", "network_operator")
                        .put("unit_code", "XA")))), 201).bodyAsJsonObject();
        String token = ok(server.post("/api/v1/users/" + user.getLong("id") + "/api-tokens",
                new JsonObject().put("name", "t")), 201).bodyAsJsonObject().getString("token");
        Map<String, String> asXa = Map.of("Authorization", "Bearer " + token);
        long xaSwitch = TestDatabase.dsl().select(vn.hatang.db.Tables.DEVICE.ID).from(vn.hatang.db.Tables.DEVICE)
                .where(vn.hatang.db.Tables.DEVICE.SERIAL.eq("SW-XA-01")).fetchOne(vn.hatang.db.Tables.DEVICE.ID);

        long own = ok(server.send(HttpMethod.POST, "/api/v1/snmp/profiles", new JsonObject().put("name", "xa")
                .put("networks", new JsonArray().add("127.0.0.0/8")).put("snmp_version", "v2c")
                .put("community", "xa-secret"), asXa), 201).bodyAsJsonObject().getLong("id");
        JsonArray seen = ok(server.send(HttpMethod.GET, "/api/v1/snmp/profiles", null, asXa), 200).bodyAsJsonArray();
        assertEquals(1, seen.size(), "the commune's profile only: " + seen);
        assertEquals("XA", seen.getJsonObject(0).getString("unit_code"), "owned by the caller's unit by default");
        assertEquals(404, server.send(HttpMethod.GET, "/api/v1/snmp/profiles/" + province, null, asXa).statusCode());
        assertEquals(404, server.send(HttpMethod.PUT, "/api/v1/snmp/profiles/" + province, new JsonObject()
                .put("networks", new JsonArray().add("0.0.0.0/0")), asXa).statusCode(), "nor widen its networks");

        HttpResponse<Buffer> foreign = server.send(HttpMethod.PUT, "/api/v1/snmp/devices/" + xaSwitch + "/assignment",
                new JsonObject().put("profile_id", province).put("address", "127.0.0.9"), asXa);
        assertEquals(400, foreign.statusCode(), foreign.bodyAsString());
        assertEquals("profile_id", foreign.bodyAsJsonObject().getString("field"));
        HttpResponse<Buffer> bare = server.send(HttpMethod.PUT, "/api/v1/snmp/devices/" + xaSwitch + "/assignment",
                new JsonObject().put("address", "127.0.0.9"), asXa);
        assertEquals(400, bare.statusCode(), "an address alone would redirect whatever profile applies");
        assertEquals("address", bare.bodyAsJsonObject().getString("field"));
        assertEquals(404, server.send(HttpMethod.PUT, "/api/v1/snmp/devices/" + switchId + "/assignment",
                new JsonObject().put("profile_id", own), asXa).statusCode(), "VP's switch is not the commune's");

        ok(server.send(HttpMethod.PUT, "/api/v1/snmp/devices/" + xaSwitch + "/assignment", new JsonObject()
                .put("profile_id", own).put("address", "127.0.0.9"), asXa), 200);
        JsonObject all = ok(server.post("/api/v1/snmp/profiles/" + province + "/assign",
                new JsonObject().put("unit_code", "XA")), 200).bodyAsJsonObject();
        JsonObject item = all.getJsonArray("devices").getJsonObject(0);
        assertEquals("127.0.0.9", item.getString("override_dropped"), all.encode());
        assertEquals("127.0.0.1", item.getString("address"), "the province profile goes to the inventory's address");

        // The commune may test its device with the profile it was given, at the device's own address; not elsewhere.
        JsonObject tested = ok(server.send(HttpMethod.POST, "/api/v1/snmp/devices/" + xaSwitch + "/test", null, asXa),
                200).bodyAsJsonObject();
        assertEquals("ok", tested.getString("outcome"), tested.encode());
        HttpResponse<Buffer> elsewhere = server.send(HttpMethod.POST, "/api/v1/snmp/devices/" + xaSwitch + "/test",
                new JsonObject().put("address", "127.0.0.9").put("confirm", true), asXa);
        assertEquals(400, elsewhere.statusCode(), elsewhere.bodyAsString());
        assertEquals("address", elsewhere.bodyAsJsonObject().getString("field"));
    }
}
