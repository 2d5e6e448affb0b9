package vn.hatang.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import vn.hatang.pki.certs.Pem;
import vn.hatang.pki.sample.PkiFactory;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * The console as the office uses it: the running service with the sample province, in Debian's headless Chromium.
 * Each section's main task is done by clicking and typing; every page is screenshotted (target/console-screenshots/)
 * and checked with axe-core. Runs in order: later steps build on earlier ones (a device handed over, a certificate
 * uploaded then revoked).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final String OFFICER = "truongphong";
    static final String OFFICER_PASSWORD = "Mat-khau-that-dai-2026";
    static final String OPERATOR = "vanthu.x01";
    static final String OPERATOR_PASSWORD = "Van-thu-xa-An-Binh-01";

    @TempDir
    static Path tmp;
    TestServer server;
    Browser browser;
    PkiFactory pki = new PkiFactory();
    PkiFactory.Issued root;
    long operatorId;
    String signerCode;

    @BeforeAll
    void start() throws Exception {
        TestDatabase.reset();
        // A PKI of the test's own, so that a certificate can be issued and then revoked by a CRL the test signs.
        Path pkiDir = tmp.resolve("pki");
        Files.createDirectories(pkiDir.resolve("trust"));
        Files.createDirectories(pkiDir.resolve("crls"));
        root = pki.root("CN=CA thử nghiệm console,O=hatang test,C=VN", PkiFactory.Alg.EC,
                Instant.now().minus(30, ChronoUnit.DAYS), Instant.now().plus(3650, ChronoUnit.DAYS));
        Files.writeString(pkiDir.resolve("trust/root.pem"), Pem.of(root.cert()));
        Files.write(pkiDir.resolve("crls/root.crl"), pki.crl(root, Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(30, ChronoUnit.DAYS), List.of(), 1).getEncoded());
        server = TestServer.start(Path.of("inventory"), Map.of("HATANG_PKI_DIR", pkiDir.toString(),
                "HATANG_PKI_FETCH", "false"));
        assertEquals(201, server.post("/api/v1/users", new JsonObject().put("login", OFFICER)
                .put("full_name", "Trưởng phòng Chuyển đổi số").put("password", OFFICER_PASSWORD)
                .put("grants", new JsonArray().add(new JsonObject().put("role", "admin")))).statusCode());
        var op = server.post("/api/v1/users", new JsonObject().put("login", OPERATOR).put("full_name", "Văn thư xã An Bình")
                .put("password", OPERATOR_PASSWORD).put("grants", new JsonArray().add(new JsonObject()
                        .put("role", "operator").put("unit_code", "X01"))));
        assertEquals(201, op.statusCode(), op.bodyAsString());
        operatorId = op.bodyAsJsonObject().getLong("id");
        assertEquals(201, server.post("/api/v1/kpis/snapshots", null).statusCode());
        browser = new Browser(server.port());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void shot(String name) {
        browser.screenshot(name);
        browser.axe(name);
    }

    @Test
    @Order(1)
    void loginLandsOnTheDashboardOfTheProvince() {
        browser.open("/");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/login"), browser.driver.getCurrentUrl());
        shot("00-login");
        browser.type("#login", OFFICER);
        browser.type("#password", "sai mật khẩu rồi");
        browser.click("form[action='/login'] button[type=submit]");
        assertTrue(browser.text("#login-error").length() > 0);
        browser.login(OFFICER, OFFICER_PASSWORD);
        assertTrue(browser.text("h1").contains("Tỉnh ủy Hòa Sơn"), browser.text("h1"));
        assertEquals(8, browser.all("article.kpi").size());
        assertTrue(browser.text(".kpis").contains("Cán bộ có máy tính hiện đại"));
        assertTrue(browser.text("main").contains("Đơn vị xa chỉ tiêu nhất"));
        shot("01-dashboard");
    }

    @Test
    @Order(2)
    void theDashboardWorksWithTheKeyboardAlone() {
        browser.open("/");
        Actions keys = new Actions(browser.driver);
        keys.sendKeys(Keys.TAB).perform();
        assertEquals("skip", browser.js("return document.activeElement.className"),
                String.valueOf(browser.js("return document.activeElement.outerHTML")));
        keys.sendKeys(Keys.ENTER).perform();
        browser.waitFor(() -> "main".equals(browser.js("return document.activeElement.id")));
        // From the top again: Tab through the navigation to "Thiết bị" and open it with Enter.
        browser.open("/");
        for (int i = 0; i < 20 && !"Thiết bị".equals(browser.js("return document.activeElement.textContent")); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertEquals("Thiết bị", browser.js("return document.activeElement.textContent"));
        browser.markStale();
        keys.sendKeys(Keys.ENTER).perform();
        browser.awaitNewPage();
        assertTrue(browser.driver.getCurrentUrl().endsWith("/devices"), browser.driver.getCurrentUrl());
        // The focused element is visible: the browser's focus ring is not removed.
        assertFalse("none".equals(browser.js("var a = document.querySelector('header a[href=\"/units\"]'); a.focus();"
                + " return getComputedStyle(a).outlineStyle")));
    }

    @Test
    @Order(3)
    void theUnitTreeIsColouredByTheChosenKpi() {
        browser.open("/units");
        new Select(browser.find("#kpi")).selectByValue("WAN_CONNECTED");
        browser.clickAndSwap("form[action='/units'] button[type=submit]", "#tree");
        assertTrue(browser.all("#tree .badge").size() > 40);
        assertTrue(browser.text("#tree").contains("Đảng ủy xã An Bình"));
        shot("02-units");
        browser.click(browser.driver.findElement(org.openqa.selenium.By.linkText("Đảng ủy xã An Bình")));
        assertTrue(browser.text("h1").contains("An Bình"));
        assertTrue(browser.text("#kpi-WAN_CONNECTED").length() > 0);
        shot("03-unit");
    }

    /** Numerator of a KPI on a unit's page: "52,0 % (167/321)" → 167. */
    private int numerator(String unit, String kpi) {
        browser.open("/units/" + unit);
        Matcher m = Pattern.compile("\\(([\\d.]+)/").matcher(browser.text("#kpi-" + kpi + " .value"));
        assertTrue(m.find(), browser.text("#kpi-" + kpi + " .value"));
        return Integer.parseInt(m.group(1).replace(".", ""));
    }

    @Test
    @Order(4)
    void aLaptopGoesThroughItsChecksAndIsHandedToAnOfficial() {
        var laptop = server.post("/api/v1/devices", new JsonObject().put("serial", "LT-CONSOLE-001").put("category", "laptop")
                .put("unit_code", "X01").put("status", "received").put("manufacturer", "Dell").put("model", "Latitude 5440")
                .put("acquired_on", java.time.LocalDate.now().minusDays(10).toString()).put("os", "Windows 11 Pro")
                .put("ram_gb", 16).put("cpu", "Core i5-1345U"));
        assertEquals(201, laptop.statusCode(), laptop.bodyAsString());
        JsonObject gaps = server.get("/api/v1/kpis/STAFF_MODERN/gaps?unit=X01&rollup=false").bodyAsJsonObject();
        String official = gaps.getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(g -> "person".equals(g.getString("subject"))).findFirst().orElseThrow()
                .getString("code");
        int before = numerator("X01", "STAFF_MODERN");

        browser.open("/devices");
        browser.type("#q", "LT-CONSOLE");
        browser.clickAndSwap("form[role=search] button[type=submit]", "#results");
        browser.click(browser.driver.findElement(org.openqa.selenium.By.linkText("LT-CONSOLE-001")));
        assertEquals("Đã nhận", browser.text("#device-status"));
        // Only the legal next steps are offered; the gate explains why one is refused.
        List<String> offered = browser.all("form[action$='/transition'] button").stream().map(b -> b.getText()).toList();
        assertEquals(List.of("Chuyển sang “Đã kiểm tra an ninh”", "Chuyển sang “Ngừng sử dụng”"), offered);
        browser.click("form[action$='/transition'] button");
        assertTrue(browser.text("p.error[role=alert]").contains("kiểm tra an ninh"), browser.text("main"));
        assertEquals("Đã nhận", browser.text("#device-status"));

        browser.js("document.getElementById('checked_on').value = arguments[0]", java.time.LocalDate.now().toString());
        browser.type("#checked_by", "Nguyễn Văn Kiểm");
        browser.type("#document_no", "KT-15/2026");
        browser.click("form[action$='/security-check'] button[type=submit]");
        assertEquals("Đã kiểm tra an ninh", browser.text("#device-status"));
        browser.click(browser.all("form[action$='/transition'] button").stream()
                .filter(b -> b.getText().contains("Đang sử dụng")).findFirst().orElseThrow());
        assertEquals("Đang sử dụng", browser.text("#device-status"));

        new Select(browser.find("#person_code")).selectByValue(official);
        browser.type("#office_official", "Trần Thị Văn Phòng");
        browser.type("#handover-doc", "BBBG-01/2026");
        browser.type("#condition", "Mới, đủ sạc và túi");
        // A handover dated tomorrow is refused, the message next to the date, the rest of the form kept.
        browser.js("document.getElementById('handover-date').value = arguments[0]",
                java.time.LocalDate.now(vn.hatang.console.Text.ZONE).plusDays(1).toString());
        browser.click("form[action$='/handover'] button[type=submit]");
        assertTrue(browser.all("#handover-date[aria-invalid=true]").size() == 1, browser.text("main"));
        assertEquals("BBBG-01/2026", browser.find("#handover-doc").getAttribute("value"));
        browser.js("document.getElementById('handover-date').value = arguments[0]",
                java.time.LocalDate.now(vn.hatang.console.Text.ZONE).toString());
        browser.click("form[action$='/handover'] button[type=submit]");
        assertTrue(browser.text(".banner.notice").contains("bàn giao"));
        assertFalse(browser.text("#device-holder").contains("chưa giao"));
        assertTrue(browser.text("#hand-h + form + ul").contains("BBBG-01/2026"), "the handover record, with its minutes");
        String minutes = browser.find("#hand-h + form + ul a").getAttribute("href");
        assertEquals(200, server.get(minutes.replace(browser.base, "")).statusCode());
        shot("04-device");
        assertEquals(before + 1, numerator("X01", "STAFF_MODERN"), "STAFF_MODERN counts the official now");

        browser.open("/devices");
        shot("04-devices");
    }

    @Test
    @Order(5)
    void aPersonPageSaysWhatTheyHoldAndLack() {
        browser.open("/people");
        browser.type("#q", "CB0323");
        browser.clickAndSwap("form[role=search] button[type=submit]", "#results");
        browser.click("#results tbody a");
        assertTrue(browser.text("main").contains("Còn thiếu theo chỉ tiêu"));
        shot("05-person");
        browser.open("/people");
        shot("05-people");
    }

    @Test
    @Order(6)
    void theWanPageListsLinksAndWhyUnitsAreNotConnected() {
        browser.open("/network");
        assertTrue(browser.text("main").contains("tạm ngừng") || browser.text("main").contains("Chưa có đường truyền"));
        new Select(browser.find("#kind")).selectByValue("special_use");
        browser.clickAndSwap("form[action='/network'] button[type=submit]", "#links");
        assertFalse(browser.text("#links").contains("Internet có kiểm soát"));
        shot("06-network");
        browser.click("#links tbody a");
        assertTrue(browser.text("h1").startsWith("Đường truyền"));
        shot("06-link");
    }

    @Test
    @Order(7)
    void aCertificateUploadedThenRevokedMovesSignerCert() throws Exception {
        JsonObject lacking = server.get("/api/v1/signers-without-valid-certificate?unit=X01").bodyAsJsonObject();
        signerCode = lacking.getJsonArray("items").getJsonObject(0).getString("person_code");
        String name = lacking.getJsonArray("items").getJsonObject(0).getString("full_name");
        int before = numerator("X01", "SIGNER_CERT");
        var keys = pki.keyPair(PkiFactory.Alg.EC);
        BigInteger serial = pki.nextSerial();
        var cert = pki.cert("CN=" + name + ",O=Tỉnh ủy Hòa Sơn,C=VN", keys, root).serial(serial)
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation).issue();
        Path file = tmp.resolve("chung-thu.pem");
        Files.writeString(file, Pem.of(cert.cert()));

        browser.open("/pki");
        browser.find("#cert-file").sendKeys(file.toAbsolutePath().toString());
        browser.type("#cert-person", signerCode);
        browser.click("form[action='/pki/certificates'] button[type=submit]");
        assertTrue(browser.text(".banner.notice").contains("Đã nạp chứng thư"), browser.text("main"));
        shot("07-pki");
        assertEquals(before + 1, numerator("X01", "SIGNER_CERT"), "the new valid certificate counts");

        Path crl = tmp.resolve("thu-hoi.crl");
        Files.write(crl, pki.crl(root, Instant.now().minusSeconds(60), Instant.now().plus(30, ChronoUnit.DAYS),
                List.of(new PkiFactory.Revocation(serial, Instant.now().minusSeconds(120), java.security.cert.CRLReason.KEY_COMPROMISE)), 2).getEncoded());
        browser.open("/pki");
        browser.find("#crl-file").sendKeys(crl.toAbsolutePath().toString());
        browser.click("form[action='/pki/crls'] button[type=submit]");
        assertTrue(browser.text(".banner.notice").contains("CRL"), browser.text("main"));
        browser.click("form[action='/pki/revalidate'] button");
        assertTrue(browser.text(".banner.notice").contains("kiểm tra lại"), browser.text("main"));
        assertEquals(before, numerator("X01", "SIGNER_CERT"), "the revoked certificate no longer counts");
    }

    @Test
    @Order(8)
    void aTokenIsHandedOverWithItsDocument() {
        browser.open("/pki?state=in_stock");
        browser.click("main table tbody a");
        browser.type("#assign-person", "CB0321");
        browser.type("#assign-by", "Trần Thị Bàn Giao");
        browser.type("#assign-doc", "BG-07/2026");
        browser.js("document.getElementById('assign-date').value = arguments[0]", java.time.LocalDate.now().toString());
        browser.click("form[action$='/assign'] button[type=submit]");
        assertEquals("Đã bàn giao", browser.text("#token-state"));
        assertTrue(browser.text("main").contains("BG-07/2026"));
        shot("08-token");
    }

    @Test
    @Order(9)
    void coverageShowsTheRollupTheGapListAndTheHistoryChart() {
        browser.open("/coverage");
        shot("09-coverage");
        browser.click(browser.driver.findElement(org.openqa.selenium.By.linkText("Cán bộ có máy tính hiện đại")));
        try {
            browser.waitFor(() -> !browser.all(".uplot").isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            String html = browser.driver.getPageSource();
            int at = Math.max(0, html.indexOf("hist-h"));
            throw new AssertionError("no chart drawn; the page logged:\n" + browser.consoleLog() + "\n"
                    + html.substring(at, Math.min(html.length(), at + 1500)), e);
        }
        assertTrue(browser.text("main").contains("Danh sách còn thiếu"));
        String first = browser.text("main table caption:not(.x)");
        browser.click("a[rel=next]");
        assertTrue(browser.text("main").contains("Dòng 51"), browser.text("main"));
        shot("09-kpi");
        assertFalse(first.isEmpty());
    }

    @Test
    @Order(10)
    void anImportWithABadRowShowsItsLineThenAGoodOneApplies() throws Exception {
        Path bad = Files.createDirectories(tmp.resolve("bad")).resolve("people.csv");
        Files.writeString(bad, "code,unit_code,full_name,title\nCBT001,X01,Lê Thị Thử,Cán bộ\nCBT002,KHONGCO,Trần Văn Sai,Cán bộ\n",
                StandardCharsets.UTF_8);
        browser.open("/imports");
        browser.find("#files").sendKeys(bad.toAbsolutePath().toString());
        browser.click("form[action='/imports'] button[type=submit]");
        assertTrue(browser.text("ul.errors").contains("people.csv:3"), browser.text("main"));
        assertTrue(browser.all("form[action='/imports/apply']").isEmpty());
        shot("10-import-errors");
        Path good = Files.createDirectories(tmp.resolve("good")).resolve("people.csv");
        Files.writeString(good, "code,unit_code,full_name,title\nCBT001,X01,Lê Thị Thử,Cán bộ\n", StandardCharsets.UTF_8);
        browser.open("/imports");
        browser.find("#files").sendKeys(good.toAbsolutePath().toString());
        browser.click("form[action='/imports'] button[type=submit]");
        assertTrue(browser.text("#import-result").contains("people.csv"));
        assertEquals(404, server.get("/api/v1/people/CBT001").statusCode(), "a dry run writes nothing");
        browser.click("form[action='/imports/apply'] button");
        assertTrue(browser.text("#import-result").contains("Đã nhập xong"));
        assertEquals(200, server.get("/api/v1/people/CBT001").statusCode());
        shot("10-import");
    }

    @Test
    @Order(11)
    void anAdministratorRevokesAnApiToken() {
        var token = server.post("/api/v1/users/" + operatorId + "/api-tokens", new JsonObject().put("name", "bao-cao"));
        assertEquals(201, token.statusCode(), token.bodyAsString());
        String secret = token.bodyAsJsonObject().getString("token");
        assertEquals(200, server.send(io.vertx.core.http.HttpMethod.GET, "/api/v1/auth/me", null,
                Map.of("Authorization", "Bearer " + secret)).statusCode());
        browser.open("/admin");
        shot("11-admin");
        browser.click(browser.driver.findElement(org.openqa.selenium.By.linkText(OPERATOR)));
        browser.click("form[action$='/revoke'] button");
        assertTrue(browser.text("main").contains("Đã thu hồi"));
        assertEquals(401, server.send(io.vertx.core.http.HttpMethod.GET, "/api/v1/auth/me", null,
                Map.of("Authorization", "Bearer " + secret)).statusCode());
        shot("11-account");
    }

    @Test
    @Order(12)
    void theAuditLogFiltersByAction() {
        browser.open("/audit");
        browser.type("#action", "moveToken");
        browser.clickAndSwap("form[action='/audit'] button[type=submit]", "#results");
        assertTrue(browser.text("#results").contains("Bàn giao thiết bị ký số"), browser.text("#results"));
        assertFalse(browser.text("#results").contains("Đăng nhập"));
        assertTrue(browser.text("main").contains("nguyên vẹn"));
        shot("12-audit");
    }

    @Test
    @Order(13)
    void theLanguageSwitchIsRememberedForTheUser() {
        browser.open("/");
        browser.click("form[action='/language'] button");
        assertTrue(browser.text("h1").startsWith("Overview"), browser.text("h1"));
        browser.open("/devices");
        assertEquals("Devices", browser.text("h1"));
        shot("13-dashboard-en");
        browser.click("form[action='/language'] button");
        assertEquals("Thiết bị", browser.text("h1"));
    }

    static final List<String> SECTIONS = List.of("/", "/units", "/units/X01", "/devices", "/people", "/network",
            "/pki", "/coverage", "/coverage/STAFF_MODERN?unit=X01", "/imports", "/admin", "/audit");

    /** Wide tables scroll inside their box; the page itself never scrolls sideways, on the office laptop or a phone. */
    @Test
    @Order(14)
    void everySectionFitsTheOfficeLaptopAndAPhone() {
        try {
            for (int width : new int[] {1366, 390}) {
                browser.size(width, width == 1366 ? 768 : 844);
                for (String page : SECTIONS) {
                    browser.open(page);
                    long scroll = (Long) browser.js("return document.documentElement.scrollWidth");
                    long visible = (Long) browser.js("return document.documentElement.clientWidth");
                    assertTrue(scroll <= visible, page + " at " + width + " px scrolls sideways: " + scroll + " > " + visible);
                }
            }
            browser.open("/");
            browser.screenshot("14-dashboard-phone");
        } finally {
            browser.size(1366, 768);
        }
    }

    @Test
    @Order(15)
    void aCommuneOperatorCannotOpenAnotherCommunesDeviceByUrl() {
        long other = server.get("/api/v1/devices?under=X02&limit=1").bodyAsJsonObject().getJsonArray("items")
                .getJsonObject(0).getLong("id");
        long own = server.get("/api/v1/devices?under=X01&limit=1").bodyAsJsonObject().getJsonArray("items")
                .getJsonObject(0).getLong("id");
        browser.logout();
        browser.login(OPERATOR, OPERATOR_PASSWORD);
        assertTrue(browser.text("h1").contains("An Bình"), browser.text("h1"));
        browser.open("/devices/" + own);
        assertTrue(browser.find("#device-status").isDisplayed());
        browser.open("/devices/" + other);
        assertEquals("Không tìm thấy", browser.text("h1"));
        shot("15-not-found");
        browser.open("/admin");
        assertEquals("Không có quyền", browser.text("h1"));
        assertTrue(browser.all("header a[href='/admin']").isEmpty(), "no link to a section the user may not open");
    }
}
