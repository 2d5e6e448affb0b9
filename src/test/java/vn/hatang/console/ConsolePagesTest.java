package vn.hatang.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * The console's pages over HTTP, without a browser: what every page sends (security headers, versioned assets),
 * the login redirect and the CSRF check, and the rendering of the hard cases — a unit with nothing, names far longer
 * than the layout was drawn for, markup in data, and lists of 10,000 rows, which are shown a page at a time.
 */
class ConsolePagesTest {
    static final String LONG_NAME = "Đảng ủy xã Nghĩa Hưng Đông Bắc Thượng thuộc Khu kinh tế quốc phòng "
            + "miền núi biên giới phía Tây Nam của tỉnh Hòa Sơn (được hợp nhất từ bốn xã cũ theo Nghị quyết "
            + "số 1234/NQ-UBTVQH15)";
    static final int MANY = 10_000;

    @TempDir
    static Path tmp;
    static TestServer server;
    static HttpClient browser;
    static long router;
    static long link;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase.reset();
        Path inventory = Files.createDirectories(tmp.resolve("inventory"));
        Files.copy(Path.of("inventory/targets.yaml"), inventory.resolve("targets.yaml"));
        Files.writeString(inventory.resolve("units.yaml"), """
                units:
                  - {code: ROOT, name: "Tỉnh ủy Thử", kind: provincial_committee}
                  - {code: EMPTY, name: "%s", kind: commune, parent_code: ROOT}
                  - {code: BIG, name: "Đảng ủy phường Đông", kind: commune, parent_code: ROOT}
                """.formatted(LONG_NAME));
        server = TestServer.start(inventory);
        var dsl = TestDatabase.dsl();
        long big = dsl.fetchSingle("select id from unit where code = 'BIG'").get(0, Long.class);
        dsl.execute("insert into person (code, unit_id, full_name, title) select 'P' || lpad(g::text, 5, '0'), ?,"
                + " 'Nguyễn Thị Phương Thảo ' || g, 'Chuyên viên' from generate_series(1, ?) g", big, MANY);
        dsl.execute("insert into person (code, unit_id, full_name, title) values ('XSS', ?,"
                + " '<script>alert(1)</script> Trần Văn Ký Tự', 'Cán bộ')", big);
        dsl.execute("insert into device (category, serial, unit_id, status, model) select 'printer',"
                + " 'SN' || lpad(g::text, 6, '0'), ?, 'in_service', 'LaserJet' from generate_series(1, ?) g", big, MANY);
        router = dsl.fetchSingle("insert into device (category, serial, unit_id, status, model) values ('router',"
                + " 'RT-BIG-1', ?, 'in_service', 'ISR 1111-8P') returning id", big).get(0, Long.class);
        link = dsl.fetchSingle("insert into link (code, kind, unit_id, bandwidth_mbps, device_id, interface_name)"
                + " values ('L-BIG', 'special_use', ?, 100, ?, 'Gi0/0/0') returning id", big, router).get(0, Long.class);
        assertEquals(201, server.post("/api/v1/users", new JsonObject().put("login", "nguoixem").put("full_name", "Người xem")
                .put("password", "Mat-khau-xem-thu-2026").put("grants", new JsonArray().add(new JsonObject()
                        .put("role", "admin")))).statusCode());
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        var login = post("/login", Map.of("login", "nguoixem", "password", "Mat-khau-xem-thu-2026", "next", "/"), null);
        assertEquals(303, login.statusCode(), login.body());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, Map<String, String> form, String csrf) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        if (csrf != null) {
            body.append("&_csrf=").append(URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        }
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    static int count(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void everyPageForbidsFramingInlineCodeAndCaching() throws Exception {
        var page = get("/devices");
        assertEquals(200, page.statusCode());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && csp.contains("style-src 'self'")
                && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline"));
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElseThrow());
        assertEquals("same-origin", page.headers().firstValue("Referrer-Policy").orElseThrow());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
        assertFalse(page.body().contains("<script>") || page.body().contains(" style="), "no inline script or style");
        Matcher asset = Pattern.compile("src=\"(/assets/[0-9a-f]{12}/htmx\\.min\\.js)\"").matcher(page.body());
        assertTrue(asset.find(), "assets have versioned names");
        var js = get(asset.group(1));
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Cache-Control").orElseThrow().contains("immutable"));
        assertEquals(404, get("/assets/000000000000/htmx.min.js").statusCode());
    }

    /** HEAD answers every console page and asset as GET does (status, headers, length), without the body. */
    @Test
    void headAnswersEveryPageLikeGetWithoutItsBody() throws Exception {
        String asset = null;
        for (String path : new String[] {"/", "/devices", "/units", "/pki", "/pki/requests", "/admin", "/login"}) {
            var got = get(path);
            var head = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(got.statusCode(), head.statusCode(), path);
            assertEquals("", head.body(), path);
            assertEquals(got.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), path);
            assertEquals(got.headers().firstValue("Content-Security-Policy"),
                    head.headers().firstValue("Content-Security-Policy"), path);
            Matcher m = Pattern.compile("href=\"(/assets/[0-9a-f]{12}/console\\.css)\"").matcher(got.body());
            if (m.find()) {
                asset = m.group(1);
            }
        }
        var css = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + asset))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, css.statusCode());
        assertEquals(String.valueOf(get(asset).body().getBytes(StandardCharsets.UTF_8).length),
                css.headers().firstValue("Content-Length").orElseThrow());
        var anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/devices")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, anonymous.statusCode(), "without a session HEAD is sent to the login page too");
        // The API's GET routes too, also when the client upgrades to HTTP/2 (where Vert.x would send the body).
        var api = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/units"))
                .header("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN);
        var h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        var apiGet = h2.send(api.GET().build(), HttpResponse.BodyHandlers.ofString());
        var apiHead = h2.send(api.method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, apiHead.statusCode());
        assertEquals("", apiHead.body());
        assertEquals(String.valueOf(apiGet.body().getBytes(StandardCharsets.UTF_8).length),
                apiHead.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void aVisitorWithoutSessionIsSentToTheLoginPageInVietnamese() throws Exception {
        var anonymous = HttpClient.newHttpClient();
        var r = anonymous.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/devices?q=x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, r.statusCode());
        assertEquals("/login?next=%2Fdevices%3Fq%3Dx", r.headers().firstValue("Location").orElseThrow());
        var login = anonymous.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/login"))
                .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(login.body().contains("<html lang=\"vi\"") && login.body().contains("Đăng nhập"));
        assertFalse(login.body().contains("/auth/oidc/"), "no single sign-on button where none is configured");
        var english = anonymous.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/login?lang=en")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(english.body().contains("Log in to hatang"));
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenChangesNothing() throws Exception {
        var r = post("/language", Map.of("language", "en", "back", "/"), "not-the-token");
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("<h1>"), "the console's own page, not JSON");
        assertTrue(get("/").body().contains("<html lang=\"vi\""), "the language did not change");
    }

    @Test
    void aUnitWithNothingSaysSoInEverySection() throws Exception {
        var page = get("/units/EMPTY");
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains(LONG_NAME), "the long name is shown whole");
        for (String empty : new String[] {"Không có đơn vị trực thuộc.", "Chưa có cán bộ.", "Chưa có đường truyền."}) {
            assertTrue(html.contains(empty), empty);
        }
        assertTrue(get("/devices?under=EMPTY").body().contains("Không có thiết bị nào phù hợp."));
        assertTrue(get("/people?under=EMPTY").body().contains("Không có cán bộ nào phù hợp."));
        assertTrue(get("/coverage/STAFF_MODERN?unit=EMPTY").body().contains("Không còn thiếu gì."));
    }

    @Test
    void markupInDataIsShownAsText() throws Exception {
        String html = get("/people?q=XSS").body();
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Trần Văn Ký Tự"), html);
        assertFalse(html.contains("<script>alert(1)"));
    }

    @Test
    void tenThousandDevicesAreShownFiftyAtATime() throws Exception {
        String first = get("/devices?under=BIG").body();
        assertEquals(vn.hatang.console.pages.DevicesPage.PAGE, count(first, "<tr><td><a href=\"/devices/\\d+\">SN\\d{6}</a>"));
        Matcher next = Pattern.compile("href=\"(/devices\\?under=BIG&amp;cursor=[^\"]+)\" rel=\"next\"").matcher(first);
        assertTrue(next.find(), "a link to the next page");
        String second = get(next.group(1).replace("&amp;", "&")).body();
        assertEquals(vn.hatang.console.pages.DevicesPage.PAGE, count(second, "<tr><td><a href=\"/devices/\\d+\">SN\\d{6}</a>"));
        assertTrue(first.contains(">SN000001<") && second.contains(">SN000051<") && !second.contains(">SN000001<"));
        assertTrue(first.length() < 200_000, "one page is small: " + first.length());
    }

    @Test
    void aGapListOfTenThousandIsPagedWithVietnameseNumbers() throws Exception {
        String html = get("/coverage/STAFF_MODERN?unit=BIG").body();
        assertTrue(html.contains("Dòng 1–50 trên 10.001"), "Vietnamese thousands separator");
        assertEquals(50, count(html, "<tr><td class=\"long\">(Nguyễn Thị Phương Thảo|&lt;script)"));
        String page3 = get("/coverage/STAFF_MODERN?unit=BIG&page=3").body();
        assertTrue(page3.contains("Dòng 101–150 trên 10.001"));
        assertNotEquals(html, page3);
        assertEquals(200, get("/coverage/STAFF_MODERN?unit=BIG&page=999999").statusCode(), "past the end: empty page");
    }

    /** The API operation the tree, the roll-up table and "furthest from target" are made of. */
    @Test
    void theKpiUnitTableRollsUpTheTreeAndFindsTheUnitsFurthestFromTarget() {
        JsonObject table = server.get("/api/v1/kpis/units?unit=ROOT&kpi=STAFF_MODERN&depth=1").bodyAsJsonObject();
        var items = table.getJsonArray("items");
        assertEquals("ROOT", items.getJsonObject(0).getString("code"), "parents first");
        assertEquals(java.util.Set.of("ROOT", "BIG", "EMPTY"), items.stream().map(o -> ((JsonObject) o)
                .getString("code")).collect(java.util.stream.Collectors.toSet()));
        JsonObject big = items.stream().map(JsonObject.class::cast).filter(u -> u.getString("code").equals("BIG"))
                .findFirst().orElseThrow().getJsonObject("figures").getJsonObject("STAFF_MODERN");
        assertEquals(MANY + 1, big.getInteger("den"));
        assertEquals(0, big.getInteger("num"));
        assertEquals(MANY + 1, big.getInteger("missing"), "100 % target: everyone is missing");
        JsonObject root = items.getJsonObject(0).getJsonObject("figures").getJsonObject("STAFF_MODERN");
        assertEquals(big.getInteger("den"), root.getInteger("den"), "the root rolls up its communes");
        var worst = server.get("/api/v1/kpis/units?unit=ROOT&depth=5&worst=1").bodyAsJsonObject().getJsonArray("items");
        assertEquals(1, worst.size());
        assertEquals("BIG", worst.getJsonObject(0).getString("code"));
        assertEquals(400, server.get("/api/v1/kpis/units?depth=99").statusCode());
    }

    /** A router and its link that nobody polls yet: every SNMP block says so, none fails. */
    @Test
    void aNetworkDeviceNobodyPollsSaysSoAndARefusedProfileIsShownAtItsField() throws Exception {
        String device = get("/devices/" + router).body();
        for (String said : new String[] {"Giám sát SNMP", "Không (chưa có hồ sơ SNMP", "Chưa biết (chưa thăm dò)",
                "Chưa khám phá thiết bị", "Chưa có dữ liệu cổng."}) {
            assertTrue(device.contains(said), said);
        }
        assertFalse(get("/devices/" + dsl().fetchSingle("select id from device where serial = 'SN000001'")
                .get(0, Long.class)).body().contains("Giám sát SNMP"), "a printer has no SNMP block");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(device);
        assertTrue(csrf.find());
        var unknown = post("/devices/" + router + "/snmp", Map.of("profile_id", "999999"), csrf.group(1));
        assertEquals(400, unknown.statusCode());
        assertTrue(Pattern.compile("id=\"profile_id\" name=\"profile_id\" aria-invalid=\"true\"")
                .matcher(unknown.body()).find(), "the refusal is shown at the profile field");
        var alone = post("/devices/" + router + "/snmp", Map.of("address", "10.0.0.1"), csrf.group(1));
        assertEquals(400, alone.statusCode());
        assertTrue(Pattern.compile("id=\"snmp-address\" name=\"address\" value=\"10.0.0.1\"[^>]*aria-invalid=\"true\"")
                .matcher(alone.body()).find(), "an address needs its profile, said at the address (kept as typed)");
        assertEquals(0, dsl().fetchCount(vn.hatang.db.Tables.SNMP_DEVICE), "nothing was assigned");

        String page = get("/network/links/" + link).body();
        assertTrue(page.contains("Chưa biết") && page.contains("chưa được thăm dò SNMP"), "unknown, and why");
        assertTrue(page.contains("Chưa có mẫu đo nào trong khoảng thời gian này."));
        assertTrue(get("/network/links/" + link + "?range=week").body()
                .contains("<strong aria-current=\"page\">7 ngày qua</strong>"));
        assertTrue(get("/network").body().contains("Chưa có sự kiện SNMP nào."));
        assertEquals(404, get("/network/links/99999999").statusCode());
    }

    static org.jooq.DSLContext dsl() {
        return TestDatabase.dsl();
    }

    @Test
    void anIdThatIsNotANumberOrOutOfReachIsTheConsolesNotFoundPage() throws Exception {
        for (String path : new String[] {"/devices/abc", "/devices/99999999", "/people/0", "/units/NOPE",
                "/coverage/NO_SUCH_KPI", "/pki/tokens/123456"}) {
            var r = get(path);
            assertEquals(404, r.statusCode(), path);
            assertTrue(r.body().contains("Không tìm thấy"), path);
        }
    }

    /**
     * A unit's default SNMP profile is chosen on the WAN page (setUnitSnmpProfile) and listed there by name, never
     * with its secret; an unknown unit is refused at its field; "none" removes it.
     */
    @Test
    void aUnitsDefaultSnmpProfileIsChosenOnTheWanPage() throws Exception {
        var created = server.post("/api/v1/snmp/profiles", new JsonObject().put("name", "Cộng đồng phường Đông")
                .put("snmp_version", "v2c").put("unit_code", "BIG").put("community", "bi-mat-cua-phuong"));
        assertEquals(201, created.statusCode(), created.bodyAsString());
        String profile = String.valueOf(created.bodyAsJsonObject().getLong("id"));
        String page = get("/network").body();
        assertTrue(page.contains("<option value=\"" + profile + "\""), "the profile is offered");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(csrf.find());
        var unknown = post("/network/unit-profile", Map.of("unit_code", "KHONG-CO", "profile_id", profile), csrf.group(1));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("id=\"up-unit-error\"") && unknown.body().contains("KHONG-CO"));
        assertTrue(Pattern.compile("id=\"up-unit\"[^>]*value=\"KHONG-CO\"[^>]*aria-invalid=\"true\"").matcher(
                unknown.body()).find(), "the field keeps its value and is marked");

        var set = post("/network/unit-profile", Map.of("unit_code", "BIG", "profile_id", profile), csrf.group(1));
        assertEquals(303, set.statusCode(), set.body());
        var listed = server.get("/api/v1/snmp/unit-profiles").bodyAsJsonArray();
        assertEquals(1, listed.size());
        assertEquals("BIG", listed.getJsonObject(0).getString("unit_code"));
        String after = get("/network?done=unit_profile").body();
        Matcher table = Pattern.compile("<table id=\"unit-profiles\">.*?</table>", Pattern.DOTALL).matcher(after);
        assertTrue(table.find(), after);
        assertTrue(table.group().contains("Đảng ủy phường Đông") && table.group().contains("Cộng đồng phường Đông"));
        assertFalse(after.contains("bi-mat-cua-phuong"), "the secret is never shown back");

        assertEquals(303, post("/network/unit-profile", Map.of("unit_code", "BIG"), csrf.group(1)).statusCode());
        assertEquals(0, server.get("/api/v1/snmp/unit-profiles").bodyAsJsonArray().size());
        assertEquals(403, post("/network/unit-profile", Map.of("unit_code", "BIG"), null).statusCode(), "CSRF");
    }
}
