package vn.hatang.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.AUDIT_LOG;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.pki.certs.Pem;
import vn.hatang.pki.sample.OpensslOcspResponder;
import vn.hatang.pki.sample.PkiFactory;
import vn.hatang.pki.sample.PkiFactory.Alg;
import vn.hatang.pki.sample.PkiFactory.Issued;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * Login with one's own signature certificate, as an official does it with the USB token in the browser: the HTTPS
 * listener asks for a client certificate, the certificate register's validator judges it (revocation answered by a
 * real {@code openssl ocsp}), and the register says whose it is. Valid and held by an official with an account: a
 * session (Secure cookie). Revoked, expired, nobody's, someone's without an account, non-repudiation only, none at
 * all: refused with the reason, and every attempt is on the audit.
 */
class CertificateLoginTest {
    static final PkiFactory PKI = new PkiFactory();
    static final Instant NOW = Instant.now();
    static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path tmp;
    static TestServer server;
    static OpensslOcspResponder ocsp;
    static Issued root;
    static Issued tlsCa;
    static Issued hoa;
    static Issued revoked;
    static Issued expired;
    static Issued stranger;
    static Issued noAccount;
    static Issued nonRepudiationOnly;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase.reset();
        root = PKI.root("CN=CA Chinh phu thu nghiem,C=VN", Alg.RSA, NOW.minus(Duration.ofDays(90)),
                NOW.plus(Duration.ofDays(3650)));
        int ocspPort = OpensslOcspResponder.freePort();
        String ocspUrl = "http://127.0.0.1:" + ocspPort + "/";
        hoa = official("CN=Nguyễn Thị Hoa,C=VN", ocspUrl);
        revoked = official("CN=Lê Văn Cũ,C=VN", ocspUrl);
        stranger = official("CN=Người Lạ,C=VN", ocspUrl);
        noAccount = official("CN=Trần Chưa Có,C=VN", ocspUrl);
        nonRepudiationOnly = PKI.cert("CN=Phạm Chỉ Ký,C=VN", PKI.keyPair(Alg.RSA), root).ocspUrl(ocspUrl)
                .keyUsage(KeyUsage.nonRepudiation).issue();
        expired = PKI.cert("CN=Đỗ Hết Hạn,C=VN", PKI.keyPair(Alg.RSA), root).ocspUrl(ocspUrl)
                .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(2))).issue();
        ocsp = OpensslOcspResponder.start(tmp.resolve("ocsp"), root, List.of(
                OpensslOcspResponder.Entry.good(hoa.cert()), OpensslOcspResponder.Entry.good(stranger.cert()),
                OpensslOcspResponder.Entry.good(noAccount.cert()),
                OpensslOcspResponder.Entry.good(nonRepudiationOnly.cert()),
                OpensslOcspResponder.Entry.good(expired.cert()),
                new OpensslOcspResponder.Entry(revoked.cert(), NOW.minus(Duration.ofDays(1)),
                        CRLReason.KEY_COMPROMISE)), ocspPort);

        Path pki = Files.createDirectories(tmp.resolve("pki/trust")).getParent();
        Files.writeString(pki.resolve("trust/root.pem"), Pem.of(root.cert()));
        tlsCa = PKI.root("CN=hatang test TLS CA", Alg.RSA, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        Issued tlsServer = PKI.cert("CN=127.0.0.1", PKI.keyPair(Alg.RSA), tlsCa).customize(b -> b.addExtension(
                Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress,
                        "127.0.0.1")))).issue();
        Path keyStore = tmp.resolve("tls.p12");
        write(keyStore, tlsServer, tlsCa);
        server = TestServer.start(Path.of("target/no-inventory"), Map.of("HATANG_PKI_DIR", pki.toString(),
                "HATANG_TLS_PORT", "0", "HATANG_TLS_KEYSTORE", keyStore.toString(),
                "HATANG_TLS_KEYSTORE_PASSWORD", new String(PASSWORD)));

        created("/api/v1/units", new JsonObject().put("code", "TU").put("name", "Tỉnh ủy")
                .put("kind", "provincial_committee"));
        for (String[] p : new String[][] {{"CB-HOA", "Nguyễn Thị Hoa"}, {"CB-CU", "Lê Văn Cũ"},
                {"CB-CHUA", "Trần Chưa Có"}, {"CB-KY", "Phạm Chỉ Ký"}, {"CB-HET", "Đỗ Hết Hạn"}}) {
            created("/api/v1/people", new JsonObject().put("code", p[0]).put("unit_code", "TU").put("full_name", p[1])
                    .put("signs_documents", true));
        }
        register(hoa, "CB-HOA");
        register(revoked, "CB-CU");
        register(noAccount, "CB-CHUA");
        register(nonRepudiationOnly, "CB-KY");
        register(expired, "CB-HET");
        for (String[] u : new String[][] {{"hoa", "CB-HOA"}, {"cu", "CB-CU"}, {"ky", "CB-KY"}, {"het", "CB-HET"}}) {
            created("/api/v1/users", new JsonObject().put("login", u[0]).put("full_name", "Cán bộ " + u[0])
                    .put("unit_code", "TU").put("person_code", u[1]).put("grants", new JsonArray()
                            .add(new JsonObject().put("role", "viewer").put("unit_code", "TU"))));
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (ocsp != null) {
            ocsp.close();
        }
    }

    static Issued official(String dn, String ocspUrl) {
        return PKI.cert(dn, PKI.keyPair(Alg.RSA), root).ocspUrl(ocspUrl).issue();
    }

    static void created(String uri, JsonObject body) {
        var r = server.post(uri, body);
        assertEquals(201, r.statusCode(), uri + " " + r.bodyAsString());
    }

    /** The certificate in the register, confirmed as the person's (as a PKI officer records it). */
    static void register(Issued cert, String personCode) throws Exception {
        var r = server.client().post("/api/v1/certificates?person_code=" + personCode)
                .putHeader("Content-Type", "application/octet-stream")
                .sendBuffer(io.vertx.core.buffer.Buffer.buffer(cert.cert().getEncoded())).await(60,
                        java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        assertEquals("confirmed", r.bodyAsJsonObject().getJsonArray("imported").getJsonObject(0)
                .getString("person_match"));
    }

    static void write(Path file, Issued leaf, Issued issuer) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", leaf.keys().getPrivate(), PASSWORD, new Certificate[] {leaf.cert(), issuer.cert()});
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
    }

    /** A browser with the official's token plugged in (null: no token), trusting the test TLS CA. */
    static HttpClient browser(Issued certificate) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (certificate != null) {
            keys.setKeyEntry("token", certificate.keys().getPrivate(), PASSWORD,
                    new Certificate[] {certificate.cert(), root.cert()});
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(keys, PASSWORD);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("tls-ca", tlsCa.cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new java.net.CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
    }

    static HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.app().tlsPort() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(HttpResponse<String> r) {
        return new JsonObject(r.body());
    }

    /** The newest audit row. */
    static Record lastAudit() {
        return TestDatabase.dsl().selectFrom(AUDIT_LOG).orderBy(AUDIT_LOG.SEQ.desc()).limit(1).fetchOne();
    }

    @Test
    void aValidCertificateOfAnOfficialWithAnAccountOpensASecureSession() throws Exception {
        HttpClient hoaBrowser = browser(hoa);
        HttpResponse<String> r = get(hoaBrowser, "/api/v1/auth/certificate");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("hoa", json(r).getString("login"));
        assertNotNull(json(r).getString("csrf_token"));
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("hatang_session="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("; Secure") && cookie.toLowerCase(java.util.Locale.ROOT).contains("; httponly")
                && cookie.contains("SameSite=Strict"),
                cookie);
        Record audit = lastAudit();
        assertEquals("login", audit.get(AUDIT_LOG.ACTION));
        assertEquals("hoa", audit.get(AUDIT_LOG.ACTOR));
        assertEquals("certificate", audit.get(AUDIT_LOG.AUTH_METHOD));

        // The session works for the rest of the API on the same listener, as the account's role allows.
        HttpResponse<String> me = get(hoaBrowser, "/api/v1/auth/me");
        assertEquals(200, me.statusCode(), me.body());
        assertEquals("hoa", json(me).getString("login"));
        assertEquals(200, get(hoaBrowser, "/api/v1/units").statusCode());
    }

    /**
     * The console on the HTTPS listener offers the certificate button; following it logs the official in and lands on
     * the page asked for. A revoked certificate gets the login page again with the reason.
     */
    @Test
    void theConsolesCertificateButtonLogsTheOfficialIn() throws Exception {
        HttpClient hoaBrowser = browser(hoa);
        HttpResponse<String> login = get(hoaBrowser, "/login?next=%2Funits");
        assertEquals(200, login.statusCode());
        java.util.regex.Matcher button = java.util.regex.Pattern.compile("href=\"([^\"]+)\" id=\"certificate-login\"")
                .matcher(login.body());
        assertTrue(button.find(), login.body());
        assertEquals("/login/certificate?next=%2Funits", button.group(1));
        HttpResponse<String> in = get(hoaBrowser, button.group(1));
        assertEquals(303, in.statusCode(), in.body());
        assertEquals("/units", in.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> units = get(hoaBrowser, "/units");
        assertEquals(200, units.statusCode());
        assertTrue(units.body().contains("Cán bộ hoa"), "the page is the official's own session");
        assertEquals("certificate", lastLogin().get(AUDIT_LOG.AUTH_METHOD));

        HttpResponse<String> refused = get(browser(revoked), "/login/certificate");
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("id=\"login-error\"") && refused.body().contains("thu hồi"), refused.body());
        assertTrue(refused.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("hatang_session=")));
        // On the plain HTTP listener there is no certificate to present: no button.
        assertTrue(!server.anonymousClient().get("/login").send().await(30, java.util.concurrent.TimeUnit.SECONDS)
                .bodyAsString().contains("certificate-login"));
    }

    static Record lastLogin() {
        return TestDatabase.dsl().selectFrom(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq("login"))
                .orderBy(AUDIT_LOG.SEQ.desc()).limit(1).fetchOne();
    }

    @Test
    void aRevokedCertificateCannotLogIn() throws Exception {
        refused(revoked, 401, "revoked", "thu hồi");
    }

    @Test
    void anExpiredCertificateCannotLogIn() throws Exception {
        refused(expired, 401, "expired", "hết hạn");
    }

    @Test
    void aCertificateOfNobodyInTheRegisterCannotLogIn() throws Exception {
        refused(stranger, 403, "valid", "chưa được xác nhận");
    }

    @Test
    void aCertificateOfAnOfficialWithoutAnAccountCannotLogIn() throws Exception {
        refused(noAccount, 403, "valid", "chưa có tài khoản");
    }

    @Test
    void aCertificateWhoseKeyOnlyCommitsToContentDoesNotAuthenticate() throws Exception {
        refused(nonRepudiationOnly, 401, "valid", "mục đích sử dụng khoá");
    }

    /** Refused with the reason in words, no session, and the attempt audited with the validator's verdict. */
    static void refused(Issued certificate, int status, String verdict, String words) throws Exception {
        long before = TestDatabase.dsl().fetchCount(AUDIT_LOG);
        HttpResponse<String> r = get(browser(certificate), "/api/v1/auth/certificate");
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(json(r).getString("detail").contains(words), r.body());
        assertTrue(r.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("hatang_session=")));
        assertEquals(before + 1, TestDatabase.dsl().fetchCount(AUDIT_LOG));
        Record audit = lastAudit();
        assertEquals("login.refused", audit.get(AUDIT_LOG.ACTION));
        assertEquals("certificate", audit.get(AUDIT_LOG.AUTH_METHOD));
        JsonObject after = new JsonObject(audit.get(AUDIT_LOG.AFTER));
        assertEquals(verdict, after.getString("verdict"), after.encode());
        assertEquals(vn.hatang.pki.certs.CertificateInfo.fingerprint(certificate.cert()), after.getString("fingerprint"));
    }

    @Test
    void withoutACertificateTheListenerServesTheApiButCertificateLoginIsRefused() throws Exception {
        HttpClient plain = browser(null);
        HttpResponse<String> none = get(plain, "/api/v1/auth/certificate");
        assertEquals(401, none.statusCode(), none.body());
        assertTrue(json(none).getString("detail").contains("không gửi chứng thư"), none.body());
        assertEquals("login.refused", lastAudit().get(AUDIT_LOG.ACTION));
        // Same routes on the HTTPS listener: a token works there as it does on the plain one.
        HttpResponse<String> units = plain.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                + server.app().tlsPort() + "/api/v1/units")).header("Authorization", "Bearer "
                + TestDatabase.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, units.statusCode(), units.body());
        // And on the plain listener, certificate login says where to go.
        var overHttp = server.send(io.vertx.core.http.HttpMethod.GET, "/api/v1/auth/certificate", null,
                Map.of("Authorization", TestServer.ANONYMOUS, "Accept-Language", "en"));
        assertEquals(400, overHttp.statusCode());
        assertTrue(overHttp.bodyAsJsonObject().getString("detail").contains("HTTPS"), overHttp.bodyAsString());
    }

    @Test
    void singleSignOnWithoutAConfiguredProviderSaysSo() {
        var r = server.send(io.vertx.core.http.HttpMethod.GET, "/api/v1/auth/oidc/start", null,
                Map.of("Authorization", TestServer.ANONYMOUS, "Accept-Language", "en"));
        assertEquals(409, r.statusCode(), r.bodyAsString());
        assertTrue(r.bodyAsJsonObject().getString("detail").contains("HATANG_OIDC_ISSUER"), r.bodyAsString());
    }
}
