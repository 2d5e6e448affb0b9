package vn.hatang.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static vn.hatang.db.Tables.PKI_CERTIFICATE;
import static vn.hatang.db.Tables.ROLE_PERMISSION;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.hatang.platform.http.Operation;
import vn.hatang.testing.TestDatabase;
import vn.hatang.testing.TestServer;

/**
 * The authorization matrix, generated from the operations the service declares (the same list the OpenAPI
 * description is made from): every operation × every role × (inside the caller's subtree, outside it, anonymous).
 * <ul>
 * <li>anonymous: 401, unless the operation is public;</li>
 * <li>a role without the operation's permission (role_permission, as stored): 403; a whole-tree operation for a
 * caller whose grant is one commune: 403;</li>
 * <li>inside the subtree: admitted — never 401/403/404, never 5xx;</li>
 * <li>outside it: exactly the answer for an object that does not exist (404 for a path id), never a 2xx.</li>
 * </ul>
 * Write requests carry a body with an unknown field, so an admitted write is refused by validation and the data stay
 * as they are; operations that delete get a fresh object each time. An operation whose path this test cannot fill
 * in fails the test: a new route must come with its fixture.
 */
class AuthorizationMatrixTest {
    static final List<String> ROLES = List.of("admin", "unit_admin", "operator", "pki_officer", "network_operator",
            "viewer", "auditor");
    static final String MISSING_ID = "987654321";
    static final String MISSING_CODE = "KHONG-CO";

    static TestServer server;
    static final Map<String, String> tokens = new LinkedHashMap<>();
    static final Map<String, Set<Permission>> permissions = new HashMap<>();
    /** Per side (X = in scope, Y = out of scope): object kind → id. */
    static final Map<String, Map<String, String>> objects = Map.of("X", new HashMap<>(), "Y", new HashMap<>());
    static String unitX;
    static String unitY;
    static final AtomicInteger fresh = new AtomicInteger();

    enum Case { IN, OUT, ANONYMOUS }

    @BeforeAll
    static void start() {
        TestDatabase.reset();
        server = TestServer.start(Path.of("inventory"));
        var dsl = TestDatabase.dsl();
        ROLES.forEach(r -> permissions.put(r, EnumSet.noneOf(Permission.class)));
        dsl.selectFrom(ROLE_PERMISSION).forEach(rp -> permissions.get(rp.getRole()).add(Permission.ofCode(rp.getPermission())));
        // Two communes of the sample province, each given one of everything.
        List<String> communes = dsl.fetch("select code from unit where kind = 'commune' and status = 'active' "
                + "order by code limit 2").getValues(0, String.class);
        unitX = communes.get(0);
        unitY = communes.get(1);
        for (String side : List.of("X", "Y")) {
            fixtures(side, side.equals("X") ? unitX : unitY);
        }
        for (String role : ROLES) {
            JsonArray grants = new JsonArray().add(new JsonObject().put("role", role)
                    .put("unit_code", role.equals("admin") ? null : unitX));
            JsonObject user = created("/api/v1/users", new JsonObject().put("login", "m-" + role.replace('_', '-'))
                    .put("full_name", "Ma trận " + role).put("unit_code", unitX).put("grants", grants));
            tokens.put(role, created("/api/v1/users/" + user.getLong("id") + "/api-tokens",
                    new JsonObject().put("name", "matrix")).getString("token"));
        }
    }

    /** One object of every kind in the unit, through the API as the administrator. */
    static void fixtures(String side, String unit) {
        Map<String, String> o = objects.get(side);
        var dsl = TestDatabase.dsl();
        o.put("unit", String.valueOf(dsl.fetchValue("select id from unit where code = ?", unit)));
        String person = "MX-" + side;
        o.put("person", id(created("/api/v1/people", new JsonObject().put("code", person).put("unit_code", unit)
                .put("full_name", "Nguyễn Văn " + side).put("signs_documents", true))));
        o.put("device", id(created("/api/v1/devices", new JsonObject().put("serial", "MX-SW-" + side)
                .put("category", "switch").put("unit_code", unit))));
        o.put("line", id(created("/api/v1/investment-lines", new JsonObject().put("code", "MX-L-" + side)
                .put("unit_code", unit).put("category", "pc").put("quantity", 2).put("year", 2026)
                .put("decision_no", "1/QĐ"))));
        o.put("rack", id(created("/api/v1/racks", new JsonObject().put("code", "MX-R-" + side).put("name", "Tủ")
                .put("unit_code", unit))));
        o.put("infosys", id(created("/api/v1/information-systems", new JsonObject().put("code", "MX-IS-" + side)
                .put("name", "Hệ thống").put("owner_unit_code", unit).put("security_level", 2))));
        o.put("link", id(created("/api/v1/links", new JsonObject().put("code", "MX-W-" + side).put("kind", "special_use")
                .put("unit_code", unit).put("bandwidth_mbps", 10))));
        o.put("token", id(created("/api/v1/tokens", new JsonObject().put("serial", "MX-T-" + side)
                .put("kind", "usb_token").put("unit_code", unit))));
        o.put("request", id(created("/api/v1/certificate-requests", new JsonObject().put("kind", "new")
                .put("person_code", person))));
        long cert = dsl.select(PKI_CERTIFICATE.ID).from(PKI_CERTIFICATE).orderBy(PKI_CERTIFICATE.ID)
                .offset(side.equals("X") ? 0 : 1).limit(1).fetchOne(PKI_CERTIFICATE.ID);
        var moved = server.patch("/api/v1/certificates/" + cert, new JsonObject().put("person_code", person), Map.of());
        assertEquals(200, moved.statusCode(), moved.bodyAsString());
        o.put("certificate", String.valueOf(cert));
        // documents: a device handed to the person (checked for security first), and the token handed over too
        String handed = id(created("/api/v1/devices", new JsonObject().put("serial", "MX-PC-" + side).put("category", "pc")
                .put("unit_code", unit).put("status", "received")));
        created("/api/v1/devices/" + handed + "/security-checks", new JsonObject().put("checked_on", "2026-01-05")
                .put("checked_by", "Phòng CĐS").put("passed", true));
        o.put("handover", id(created("/api/v1/device-handovers", new JsonObject().put("kind", "handover")
                .put("person_code", person).put("document_no", "MX-" + side).put("document_date", "2026-01-06")
                .put("office_official", "Lê Văn Đức").put("items", new io.vertx.core.json.JsonArray()
                        .add(new JsonObject().put("device_serial", "MX-PC-" + side).put("condition", "Mới"))))));
        created("/api/v1/tokens/" + o.get("token") + "/assign", new JsonObject().put("person_code", person)
                .put("document_no", "MX-T-" + side).put("document_date", "2026-01-06").put("handed_by", "Lê Văn Đức"));
        var history = server.get("/api/v1/tokens/" + o.get("token") + "/history").bodyAsJsonArray();
        o.put("token_event", String.valueOf(history.getJsonObject(history.size() - 1).getLong("id")));
        o.put("user", id(created("/api/v1/users", new JsonObject().put("login", "mx-target-" + side.toLowerCase())
                .put("full_name", "Đích " + side).put("unit_code", unit))));
        o.put("user_token", id(created("/api/v1/users/" + o.get("user") + "/api-tokens",
                new JsonObject().put("name", "t"))));
    }

    static JsonObject created(String uri, JsonObject body) {
        var r = server.post(uri, body);
        assertTrue(r.statusCode() == 201 || r.statusCode() == 200, uri + " " + r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    static String id(JsonObject o) {
        return String.valueOf(o.getLong("id"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyOperationAnswersEveryRoleAsItsPermissionAndScopeSay() {
        List<String> wrong = new ArrayList<>();
        int requests = 0;
        for (Operation op : server.app().operations()) {
            boolean scoped = scopedTarget(op);
            for (Case c : Case.values()) {
                if (c == Case.ANONYMOUS) {
                    int status = call(op, null, "X").statusCode();
                    requests++;
                    boolean ok = op.permission() == Permission.PUBLIC ? status != 401 && status != 403 && status < 500
                            : status == 401;
                    check(ok, wrong, op, "anonymous", c, status);
                    continue;
                }
                if (c == Case.OUT && !scoped) {
                    continue;
                }
                for (String role : ROLES) {
                    HttpResponse<Buffer> r = call(op, role, c == Case.IN ? "X" : "Y");
                    requests++;
                    int status = r.statusCode();
                    String expected = expected(op, role, c);
                    boolean ok = switch (expected) {
                        case "403" -> status == 403;
                        case "allow" -> status != 401 && status != 403 && status != 404 && status < 500;
                        default -> { // out of scope: as if it did not exist
                            int missing = call(op, role, "MISSING").statusCode();
                            requests++;
                            yield status == missing && (status < 200 || status > 299) && status < 500;
                        }
                    };
                    if (!ok) {
                        wrong.add(op + " " + role + " " + c + ": expected " + expected + ", got " + status + " "
                                + truncate(r.bodyAsString()));
                    }
                }
            }
        }
        System.out.printf("authorization matrix: %d operations x %d roles x 3 cases, %d requests%n",
                server.app().operations().size(), ROLES.size(), requests);
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " cells of the matrix are wrong:\n" + String.join("\n", wrong));
        }
    }

    private static void check(boolean ok, List<String> wrong, Operation op, String who, Case c, int status) {
        if (!ok) {
            wrong.add(op + " " + who + " " + c + ": got " + status);
        }
    }

    private static String truncate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) : s;
    }

    /** 403, allow, or "missing" (out of scope: the same as a reference to nothing). */
    static String expected(Operation op, String role, Case c) {
        Permission p = op.permission();
        if (p == Permission.PUBLIC || p == Permission.SELF) {
            return "allow";
        }
        if (!permissions.get(role).contains(p)) {
            return "403";
        }
        boolean wholeTree = role.equals("admin");
        if (op.wholeTree() && !wholeTree) {
            return "403";
        }
        return c == Case.IN || wholeTree ? "allow" : "missing";
    }

    /** Whether the operation names something of a unit (a path object, or a unit filter), so scope applies. */
    static boolean scopedTarget(Operation op) {
        String path = op.path();
        if (path.matches("/(kpis|reports|exports)/.*") || path.startsWith("/snmp/profiles/")
                || path.startsWith("/auth/")) {
            return false;
        }
        return !op.pathParams().isEmpty() || op.param("under") != null || op.param("unit") != null
                || op.param("unit_id") != null;
    }

    /** The request for the operation, as {@code role} (null: anonymous), about side X, Y or MISSING. */
    static HttpResponse<Buffer> call(Operation op, String role, String side) {
        String uri = "/api/v1" + fill(op, side, role);
        String query = query(op, side);
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", role == null ? TestServer.ANONYMOUS : "Bearer " + tokens.get(role));
        JsonObject body = op.writes() && op.method() != HttpMethod.DELETE ? new JsonObject().put("_matrix", true) : null;
        return server.send(op.method(), uri + query, body, headers);
    }

    static String query(Operation op, String side) {
        if (op.pathParams().isEmpty() && (op.param("under") != null || op.param("unit") != null)) {
            String unit = side.equals("X") ? unitX : side.equals("Y") ? unitY : MISSING_CODE;
            return "?" + (op.param("under") != null ? "under" : "unit") + "=" + unit;
        }
        if (op.pathParams().isEmpty() && op.param("unit_id") != null) {
            return "?unit_id=" + (side.equals("MISSING") ? MISSING_ID : objects.get(side).get("unit"));
        }
        return "";
    }

    /** The path with its parameters filled in for the side. */
    static String fill(Operation op, String side, String role) {
        String path = op.path();
        Map<String, String> o = side.equals("MISSING") ? null : objects.get(side);
        String kind = kindOf(path);
        String out = path;
        if (path.contains(":id")) {
            String value;
            if (kind == null) {
                throw new IllegalStateException("no fixture for " + op + ": add its object kind to the matrix test");
            }
            value = switch (kind) {
                case "profile" -> freshProfile();
                case "own_token" -> role == null ? MISSING_ID : ownToken(role);
                default -> o == null ? MISSING_ID : o.get(kind);
            };
            if (value == null) {
                throw new IllegalStateException("no " + kind + " fixture for " + op);
            }
            out = out.replace(":id", value);
        }
        if (out.contains(":token_id")) {
            out = out.replace(":token_id", o == null ? MISSING_ID : o.get("user_token"));
        }
        if (out.contains(":action")) {
            out = out.replace(":action", path.startsWith("/tokens/") ? "return" : "submit");
        }
        if (out.contains(":code")) {
            out = out.replace(":code", op.method() == HttpMethod.DELETE ? freshKpi() : "STAFF_MODERN");
        }
        out = out.replace(":name", "coverage").replace(":file", "handovers.csv");
        if (out.contains(":")) {
            throw new IllegalStateException("no fixture for a parameter of " + op);
        }
        return out;
    }

    static String kindOf(String path) {
        Map<String, String> prefixes = new LinkedHashMap<>();
        prefixes.put("/snmp/devices/", "device");
        prefixes.put("/snmp/links/", "link");
        prefixes.put("/snmp/units/", "unit");
        prefixes.put("/snmp/profiles/", "profile");
        prefixes.put("/auth/api-tokens/", "own_token");
        prefixes.put("/units/", "unit");
        prefixes.put("/people/", "person");
        prefixes.put("/devices/", "device");
        prefixes.put("/investment-lines/", "line");
        prefixes.put("/racks/", "rack");
        prefixes.put("/information-systems/", "infosys");
        prefixes.put("/links/", "link");
        prefixes.put("/tokens/", "token");
        prefixes.put("/certificates/", "certificate");
        prefixes.put("/certificate-requests/", "request");
        prefixes.put("/users/", "user");
        prefixes.put("/device-handovers/", "handover");
        prefixes.put("/token-events/", "token_event");
        return prefixes.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** A KPI made for one request (operations on it may delete it). */
    static String freshKpi() {
        JsonObject k = server.get("/api/v1/kpis/STAFF_MODERN").bodyAsJsonObject();
        String code = "MX_KPI_" + fresh.incrementAndGet();
        k.put("code", code).remove("version");
        created("/api/v1/kpis", k);
        return code;
    }

    static String freshProfile() {
        return id(created("/api/v1/snmp/profiles", new JsonObject().put("name", "mx-" + fresh.incrementAndGet())
                .put("snmp_version", "v2c").put("community", "c-" + fresh.get())));
    }

    /** A token of the caller themselves, made for the request. */
    static String ownToken(String role) {
        var r = server.send(HttpMethod.POST, "/api/v1/auth/api-tokens", new JsonObject().put("name",
                "own-" + fresh.incrementAndGet()), Map.of("Authorization", "Bearer " + tokens.get(role)));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return id(r.bodyAsJsonObject());
    }
}
