package vn.hatang.pki.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.PKI_CERTIFICATE;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.pki.certs.Pem;
import vn.hatang.pki.sample.PkiFactory;
import vn.hatang.pki.sample.PkiFactory.Alg;
import vn.hatang.pki.sample.PkiFactory.Issued;
import vn.hatang.pki.sample.PkiFactory.Revocation;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * An operator's session over the real service and database: certificates uploaded and judged against the CA and
 * CRL files configured under {@code <inventory>/pki}, bad uploads refused with nothing stored, tokens handed over
 * and returned, requests to the CA, proposals when people leave, and the three exports.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PkiApiTest {
    static final PkiFactory PKI = new PkiFactory();
    static final Instant NOW = Instant.now();
    @TempDir static Path inventory;
    static TestServer server;
    static Issued root, sub, alice, bob, revoked, expiring;
    static long aliceCertId;
    static long tokenId;

    @BeforeAll
    static void start() throws Exception {
        root = PKI.root("CN=Root CA Chinh phu,C=VN", Alg.RSA, NOW.minus(Duration.ofDays(90)), NOW.plus(Duration.ofDays(3650)));
        sub = PKI.cert("CN=CA Ban Co yeu,C=VN", PKI.keyPair(Alg.EC), root).ca(0)
            .crlUrl("http://ca.invalid/root.crl").issue();
        KeyPair k = PKI.keyPair(Alg.EC);
        String cdp = "http://ca.invalid/sub.crl";
        alice = PKI.cert("CN=Nguyễn Thị Hoa,UID=CCCD:001185000001,C=VN", k, sub).crlUrl(cdp).issue();
        bob = PKI.cert("CN=Trần Văn Nam,C=VN", k, sub).crlUrl(cdp).issue();
        revoked = PKI.cert("CN=Lê Văn Cũ,C=VN", k, sub).crlUrl(cdp).issue();
        expiring = PKI.cert("CN=Phạm Sắp Hết,C=VN", k, sub).crlUrl(cdp)
            .validity(NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(10))).issue();
        Path pki = Files.createDirectories(inventory.resolve("pki"));
        Files.createDirectories(pki.resolve("trust"));
        Files.createDirectories(pki.resolve("intermediates"));
        Files.createDirectories(pki.resolve("crls"));
        Files.writeString(pki.resolve("trust/root.pem"), Pem.of(root.cert()));
        Files.writeString(pki.resolve("intermediates/sub.pem"), Pem.of(sub.cert()));
        Files.write(pki.resolve("crls/root.crl"), PKI.crl(root, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(7)),
            List.of(), 1).getEncoded());
        Files.writeString(pki.resolve("crls/sub.crl"), Pem.of(PKI.crl(sub, NOW.minusSeconds(60),
            NOW.plus(Duration.ofDays(7)), List.of(new Revocation(revoked.cert().getSerialNumber(),
                NOW.minus(Duration.ofDays(1)), CRLReason.AFFILIATION_CHANGED)), 3)));

        TestDatabase.reset();
        DSLContext dsl = TestDatabase.dsl();
        long province = unit(dsl, "TU", "Tỉnh ủy", "provincial_committee", null);
        long commune = unit(dsl, "XA-01", "Đảng ủy xã Một", "commune", province);
        person(dsl, "CB-1", "Nguyễn Thị Hoa", commune, true, "hoa@example.vn");
        person(dsl, "CB-2", "Trần Văn Nam", commune, true, null);
        person(dsl, "CB-3", "Lê Văn Cũ", province, true, null);
        person(dsl, "CB-4", "Phạm Sắp Hết", province, false, null);
        server = TestServer.start(inventory);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static long unit(DSLContext dsl, String code, String name, String kind, Long parent) {
        var u = dsl.newRecord(UNIT);
        u.setCode(code);
        u.setName(name);
        u.setKind(kind);
        u.setParentId(parent);
        u.setPath("/");
        u.setDepth(parent == null ? 0 : 1);
        u.store();
        String parentPath = parent == null ? "/" : dsl.select(UNIT.PATH).from(UNIT).where(UNIT.ID.eq(parent)).fetchOne(UNIT.PATH);
        u.setPath(parentPath + u.getId() + "/");
        u.update();
        return u.getId();
    }

    static void person(DSLContext dsl, String code, String name, long unit, boolean signs, String email) {
        var p = dsl.newRecord(PERSON);
        p.setCode(code);
        p.setFullName(name);
        p.setUnitId(unit);
        p.setSignsDocuments(signs);
        p.setEmail(email);
        p.store();
    }

    static HttpResponse<Buffer> upload(String query, byte[] body) {
        try {
            return server.client().post("/api/v1/certificates" + query)
                .putHeader("Content-Type", "application/octet-stream")
                .sendBuffer(Buffer.buffer(body)).await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int certificateCount() { return TestDatabase.dsl().fetchCount(PKI_CERTIFICATE); }

    @Test
    @Order(1)
    void testUploadJudgesAgainstConfiguredCaAndImportedCrls() {
        HttpResponse<Buffer> r = upload("?person_code=CB-1", Pem.of(alice.cert()).getBytes(StandardCharsets.US_ASCII));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        JsonObject c = r.bodyAsJsonObject().getJsonArray("imported").getJsonObject(0);
        assertEquals("valid", c.getString("verdict"), c.encodePrettily());
        assertEquals("confirmed", c.getString("person_match"));
        assertEquals("Nguyễn Thị Hoa", c.getString("common_name"));
        assertEquals("CCCD:001185000001", c.getString("personal_id"));
        assertTrue(c.getJsonArray("key_usage").contains("digitalSignature"));
        assertFalse(c.containsKey("der"));
        aliceCertId = c.getLong("id");

        HttpResponse<Buffer> again = upload("", Pem.of(alice.cert()).getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, again.bodyAsJsonObject().getJsonArray("imported").size());
        assertEquals(1, again.bodyAsJsonObject().getJsonArray("duplicates").size());
        assertEquals(1, certificateCount());
    }

    @Test
    @Order(2)
    void testBundleWithChainSuggestsPersonByNameAndRevokedIsJudgedRevoked() throws Exception {
        HttpResponse<Buffer> r = server.post("/api/v1/certificates", new JsonObject()
            .put("pem", Pem.of(bob.cert(), sub.cert(), root.cert())));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        JsonArray imported = r.bodyAsJsonObject().getJsonArray("imported");
        assertEquals(1, imported.size(), "CA certificates of the bundle are not stored");
        assertEquals("suggested", imported.getJsonObject(0).getString("person_match"));

        JsonObject rv = upload("", revoked.cert().getEncoded()).bodyAsJsonObject().getJsonArray("imported").getJsonObject(0);
        assertEquals("revoked", rv.getString("verdict"));
        assertTrue(rv.getString("verdict_reason_vi").contains("thay đổi đơn vị công tác"), rv.getString("verdict_reason_vi"));
        JsonObject ex = upload("?person_code=CB-4", expiring.cert().getEncoded()).bodyAsJsonObject()
            .getJsonArray("imported").getJsonObject(0);
        assertEquals("valid", ex.getString("verdict"));
        assertEquals(4, certificateCount());
    }

    @Test
    @Order(3)
    void testBadUploadsAreRefusedAndNothingIsStored() throws Exception {
        HttpResponse<Buffer> garbage = upload("", "this is not a certificate".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, garbage.statusCode());
        assertTrue(garbage.getHeader("Content-Type").startsWith("application/problem+json"));
        assertTrue(garbage.bodyAsJsonObject().getString("detail").contains("không phải chứng thư"));

        String pem = Pem.of(alice.cert());
        assertEquals(400, upload("", pem.substring(0, pem.length() / 2).getBytes(StandardCharsets.US_ASCII)).statusCode());

        String key = Pem.of(PKI.keyPair(Alg.RSA).getPrivate());
        HttpResponse<Buffer> withKey = upload("", (Pem.of(bob.cert()) + key).getBytes(StandardCharsets.US_ASCII));
        assertEquals(400, withKey.statusCode());
        assertTrue(withKey.bodyAsJsonObject().getString("detail").contains("khóa bí mật"));
        assertFalse(withKey.bodyAsString().contains(key.split("\n")[1].substring(0, 24)), "the key is not echoed");

        HttpResponse<Buffer> big = upload("", new byte[50 * 1024 * 1024]);
        assertEquals(413, big.statusCode(), big.bodyAsString());
        assertEquals(4, certificateCount());
    }

    @Test
    @Order(4)
    void testListsFilterByUnitVerdictAndExpiry() {
        // Valid and linked to a person in the province's subtree: Hoa (commune), Sắp Hết (province); Nam is suggested.
        assertEquals(3, server.get("/api/v1/certificates?verdict=valid&unit=TU").bodyAsJsonObject()
            .getJsonArray("items").size());
        assertEquals(2, server.get("/api/v1/certificates?verdict=valid&unit=XA-01").bodyAsJsonObject()
            .getJsonArray("items").size());
        JsonArray expiringSoon = server.get("/api/v1/certificates?expiring_within_days=30").bodyAsJsonObject()
            .getJsonArray("items");
        assertEquals(1, expiringSoon.size());
        assertEquals("Phạm Sắp Hết", expiringSoon.getJsonObject(0).getString("common_name"));
        JsonArray revokedOnes = server.get("/api/v1/certificates?verdict=revoked").bodyAsJsonObject().getJsonArray("items");
        assertEquals(1, revokedOnes.size());
        assertEquals(400, server.get("/api/v1/certificates?verdict=fine").statusCode());
    }

    @Test
    @Order(5)
    void testValidateNowKeepsHistoryAndRevalidationWarnsOnceAboutExpiry() {
        HttpResponse<Buffer> v = server.post("/api/v1/certificates/" + aliceCertId + "/validate", null);
        assertEquals(200, v.statusCode(), v.bodyAsString());
        assertEquals(2, server.get("/api/v1/certificates/" + aliceCertId + "/verdicts").bodyAsJsonArray().size());
        assertEquals(200, server.post("/api/v1/certificates/revalidate", null).statusCode());
        assertEquals(200, server.post("/api/v1/certificates/revalidate", null).statusCode());
        JsonArray warnings = server.get("/api/v1/certificate-events?kind=expiry_warning").bodyAsJsonArray();
        assertEquals(1, warnings.size(), warnings.encodePrettily());
        assertTrue(warnings.getJsonObject(0).getString("message_vi").contains("hết hạn sau"));
    }

    @Test
    @Order(6)
    void testSignersLackingValidCertificateInUnitSubtree() {
        JsonObject all = server.get("/api/v1/signers-without-valid-certificate?unit=TU").bodyAsJsonObject();
        assertEquals(3, all.getInteger("signers"));
        List<String> lacking = all.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("person_code"))
            .sorted().toList();
        assertEquals(List.of("CB-2", "CB-3"), lacking, "Nam's certificate is only suggested, Cũ has none");
        JsonObject commune = server.get("/api/v1/signers-without-valid-certificate?unit=XA-01").bodyAsJsonObject();
        assertEquals(2, commune.getInteger("signers"));
        assertEquals(1, commune.getInteger("lacking"));
    }

    @Test
    @Order(7)
    void testTokenHandoverAndReturnWithHistory() {
        HttpResponse<Buffer> noPhone = server.post("/api/v1/tokens", new JsonObject().put("serial", "SIM-001")
            .put("kind", "sim").put("unit_code", "TU"));
        assertEquals(400, noPhone.statusCode());
        assertEquals("phone", noPhone.bodyAsJsonObject().getString("field"));
        HttpResponse<Buffer> created = server.post("/api/v1/tokens", new JsonObject().put("serial", "SIM-001")
            .put("kind", "sim").put("phone", "0912345678").put("carrier", "Viettel").put("unit_code", "TU"));
        assertEquals(201, created.statusCode(), created.bodyAsString());
        tokenId = created.bodyAsJsonObject().getLong("id");
        assertEquals("in_stock", created.bodyAsJsonObject().getString("state"));

        assertEquals(400, server.post("/api/v1/tokens/" + tokenId + "/assign", new JsonObject().put("person_code", "CB-1"))
            .statusCode(), "a handover needs its document");
        HttpResponse<Buffer> assigned = server.post("/api/v1/tokens/" + tokenId + "/assign", new JsonObject()
            .put("person_code", "CB-1").put("document_no", "15/BB-VPTU").put("document_date", "2026-03-02")
            .put("handed_by", "Đỗ Văn Giao"));
        assertEquals(200, assigned.statusCode(), assigned.bodyAsString());
        assertEquals("assigned", assigned.bodyAsJsonObject().getString("state"));
        HttpResponse<Buffer> destroy = server.post("/api/v1/tokens/" + tokenId + "/destroy", null);
        assertEquals(409, destroy.statusCode());
        assertTrue(destroy.bodyAsJsonObject().getString("detail").contains("assigned"));
        assertEquals("returned", server.post("/api/v1/tokens/" + tokenId + "/return", new JsonObject()
            .put("document_no", "16/BB-VPTU").put("document_date", "2026-09-01")).bodyAsJsonObject().getString("state"));
        JsonArray history = server.get("/api/v1/tokens/" + tokenId + "/history").bodyAsJsonArray();
        assertEquals(2, history.size());
        assertEquals("15/BB-VPTU", history.getJsonObject(0).getString("document_no"));
    }

    @Test
    @Order(8)
    void testRequestWorkflowAndProposalsWhenAPersonLeaves() {
        HttpResponse<Buffer> noReason = server.post("/api/v1/certificate-requests", new JsonObject().put("kind", "revoke")
            .put("person_code", "CB-1").put("certificate_id", aliceCertId));
        assertEquals(400, noReason.statusCode());
        JsonObject req = server.post("/api/v1/certificate-requests", new JsonObject().put("kind", "revoke")
            .put("reason", "loss").put("person_code", "CB-1").put("certificate_id", aliceCertId)).bodyAsJsonObject();
        long id = req.getLong("id");
        assertEquals("new", req.getString("state"));
        assertEquals("submitted", server.post("/api/v1/certificate-requests/" + id + "/submit", null).bodyAsJsonObject()
            .getString("state"));
        assertEquals("completed", server.post("/api/v1/certificate-requests/" + id + "/complete", null).bodyAsJsonObject()
            .getString("state"));
        assertEquals(409, server.post("/api/v1/certificate-requests/" + id + "/reject",
            new JsonObject().put("note", "x")).statusCode());

        TestDatabase.dsl().update(PERSON).set(PERSON.STATUS, "left").set(PERSON.LEFT_ON, java.time.LocalDate.now())
            .where(PERSON.CODE.eq("CB-4")).execute();
        JsonArray proposals = server.post("/api/v1/certificate-requests/proposals", null).bodyAsJsonArray();
        Map<String, String> kinds = new java.util.TreeMap<>();
        for (Object o : proposals) {
            JsonObject p = (JsonObject) o;
            kinds.put(String.valueOf(p.getLong("person_id")), p.getString("kind") + ":" + p.getString("reason"));
        }
        assertTrue(kinds.containsValue("revoke:retirement"), kinds.toString());
        assertTrue(kinds.containsValue("new:null"), kinds.toString());
        assertEquals(0, server.post("/api/v1/certificate-requests/proposals", null).bodyAsJsonArray().size(),
            "proposals are made once");
    }

    @Test
    @Order(9)
    void testExportsHaveVietnameseHeaders() throws Exception {
        HttpResponse<Buffer> csv = server.get("/api/v1/exports/pki/certificate-requests.csv");
        assertEquals(200, csv.statusCode());
        String text = csv.bodyAsString("UTF-8");
        assertTrue(text.startsWith("\ufeffSTT,Họ và tên"), text);
        assertTrue(text.contains("Cấp mới"), text);
        HttpResponse<Buffer> handovers = server.get("/api/v1/exports/pki/handovers.xlsx");
        assertEquals(200, handovers.statusCode());
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(handovers.body().getBytes()))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals("Số biên bản", rows.get(0).getCellText(2));
            assertEquals("15/BB-VPTU", rows.get(1).getCellText(2));
            assertEquals(3, rows.size());
            assertEquals(List.of(1, 2), List.of(rows.get(1).getCellAsNumber(0).orElseThrow().intValue(),
                rows.get(2).getCellAsNumber(0).orElseThrow().intValue()), "STT are numbers");
            assertTrue(rows.get(1).getCellAsDate(3).isPresent(), "the document date is a date cell");
        }
        String revocations = server.get("/api/v1/exports/pki/revocations.csv").bodyAsString("UTF-8");
        assertTrue(revocations.contains("Nghỉ hưu / thôi việc"), revocations);
        assertTrue(revocations.contains("Mất thiết bị"), revocations);
        assertEquals(400, server.get("/api/v1/exports/pki/nothing.csv").statusCode());
    }

    @Test
    @Order(10)
    void testUploadedCrlRevokesOnTheNextValidation() throws Exception {
        X509CRL newer = PKI.crl(sub, NOW.minusSeconds(30), NOW.plus(Duration.ofDays(7)), List.of(
            new Revocation(alice.cert().getSerialNumber(), NOW.minusSeconds(60), CRLReason.KEY_COMPROMISE)), 4);
        HttpResponse<Buffer> r = server.client().post("/api/v1/crls").putHeader("Content-Type", "application/pkix-crl")
            .sendBuffer(Buffer.buffer(newer.getEncoded())).await(30, TimeUnit.SECONDS);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        assertEquals(1, r.bodyAsJsonArray().getJsonObject(0).getInteger("entries"));
        java.nio.file.Path kept = TestDatabase.options().dataDir() == null ? null
            : TestDatabase.options().dataDir().resolve("pki-crls");
        if (kept != null) {
            assertTrue(Files.list(kept).anyMatch(f -> f.getFileName().toString().startsWith("uploaded-")),
                "kept for the next start");
        }
        JsonObject v = server.post("/api/v1/certificates/" + aliceCertId + "/validate", null).bodyAsJsonObject();
        assertEquals("revoked", v.getString("verdict"), v.encodePrettily());

        Issued stranger = PKI.root("CN=Stranger CA,C=VN", Alg.EC, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)));
        HttpResponse<Buffer> refused = server.client().post("/api/v1/crls")
            .sendBuffer(Buffer.buffer(PKI.crl(stranger, NOW, NOW.plus(Duration.ofDays(1)), List.of(), 1).getEncoded()))
            .await(30, TimeUnit.SECONDS);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.bodyAsJsonObject().getString("detail").contains("Stranger CA"), refused.bodyAsString());
    }

    /** Verifies that the monthly report lists the certificate events of the month: issued and revoked, with the holder. */
    @Test
    @Order(11)
    void testMonthlyReportShowsTheMonthsCertificateEvents() {
        HttpResponse<Buffer> r = server.get("/api/v1/reports/monthly?format=xlsx");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        byte[] xlsx = r.body().getBytes();
        assertEquals("Chứng thư số", vn.hatang.testing.Sheets.names(xlsx).get(3));
        List<Row> events = vn.hatang.testing.Sheets.table(xlsx, 3, "STT");
        List<String> lines = events.stream().skip(1).map(x -> String.join("|", vn.hatang.testing.Sheets.texts(x))).toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("Cấp mới / có hiệu lực") && l.contains("Nguyễn Thị Hoa")
            && l.contains("CN=Nguyễn Thị Hoa")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("Bị thu hồi") && l.contains("Nguyễn Thị Hoa")), String.join("\n", lines));
        assertTrue(events.get(1).getCellAsDate(1).isPresent(), "event days are date cells");
    }
}
