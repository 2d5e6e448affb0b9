package vn.hatang.pki.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * Verifies that the embedded default's sample PKI (inventory/pki: a sample CA with its CRL files, tokens, SIMs and
 * certificates) loads and that its certificates get the verdict the manifest promises — one of every kind.
 */
class PkiSampleTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        TestDatabase.reset();
        server = TestServer.start(Path.of("inventory"));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void testSampleCertificatesHaveTheirExpectedVerdicts() throws Exception {
        Map<String, String> expected = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("inventory/pki/certificates.csv")).subList(1,
                Files.readAllLines(Path.of("inventory/pki/certificates.csv")).size())) {
            String[] f = line.split(",", -1);
            expected.put(f[1], f[3]);
        }
        List<Object> items = server.get("/api/v1/certificates?limit=500").bodyAsJsonObject().getJsonArray("items").getList();
        assertEquals(expected.size(), items.size());
        Set<String> verdicts = new TreeSet<>();
        for (Object o : items) {
            JsonObject c = JsonObject.mapFrom(o);
            String code = server.get("/api/v1/people/" + c.getLong("person_id")).bodyAsJsonObject().getString("code");
            assertEquals(expected.get(code), c.getString("verdict"), code + ": " + c.getString("verdict_reason_en"));
            verdicts.add(c.getString("verdict"));
        }
        assertEquals(Set.of("valid", "expired", "not_yet_valid", "revoked", "untrusted_chain", "wrong_key_usage",
            "unknown_revocation"), verdicts);
    }

    @Test
    void testSampleTokensAndSimsAreLoadedWithTheirHandovers() {
        List<Object> tokens = server.get("/api/v1/tokens?limit=500").bodyAsJsonObject().getJsonArray("items").getList();
        assertTrue(tokens.stream().anyMatch(o -> "sim".equals(JsonObject.mapFrom(o).getString("kind"))));
        assertTrue(tokens.stream().anyMatch(o -> "in_stock".equals(JsonObject.mapFrom(o).getString("state"))));
        String handovers = server.get("/api/v1/exports/pki/handovers.csv").bodyAsString("UTF-8");
        assertTrue(handovers.contains("01/BB-VPTU"), handovers);
    }

    @Test
    void testCertificateVerdictsAndExpiriesAreExposedAsMetrics() {
        String metrics = server.get("/metrics").bodyAsString();
        assertTrue(metrics.contains("hatang_certificates{") && metrics.contains("verdict=\"revoked\""), metrics);
        assertTrue(metrics.contains("hatang_certificate_soonest_expiry_timestamp_seconds{"), metrics);
    }

    @Test
    void testSignerCertificateKpiCountsTheRegisteredValidCertificates() {
        JsonObject values = server.get("/api/v1/kpis/values?unit=TUHS").bodyAsJsonObject();
        JsonObject signer = values.getJsonArray("kpis").stream().map(o -> (JsonObject) o)
            .filter(k -> "SIGNER_CERT".equals(k.getString("code"))).findFirst().orElseThrow();
        assertEquals("pki", signer.getString("source"), signer.encodePrettily());
        // 18 sample certificates are valid and confirmed for their holder.
        assertEquals(18, signer.getJsonObject("value").getInteger("num"), signer.encodePrettily());
    }

    @Test
    void testSignersLackingAValidCertificateInTheProvince() {
        JsonObject r = server.get("/api/v1/signers-without-valid-certificate?unit=TUHS").bodyAsJsonObject();
        assertTrue(r.getInteger("signers") > r.getInteger("lacking"));
        assertTrue(r.getInteger("lacking") > 0);
    }
}
