package vn.hatang.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.AUDIT_LOG;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.ServerTest;
import vn.hatang.testing.TestDatabase;

/**
 * The audit as an auditor relies on it: each change recorded once with who, what before and after (secrets masked),
 * nothing recorded for a refused change, and a chain that `audit verify` proves intact — or broken at the exact row
 * someone with the database password edited, deleted or inserted.
 */
class AuditChainTest extends ServerTest {
    private final AuditVerifier verifier = new AuditVerifier(new AuditChain(java.util.Base64.getDecoder()
            .decode(TestDatabase.AUDIT_KEY)));

    @BeforeEach
    void someHistory() {
        assertEquals(201, server.post("/api/v1/units", new JsonObject().put("code", "P").put("name", "Tỉnh ủy")
                .put("kind", "provincial_committee")).statusCode());
        assertEquals(201, server.post("/api/v1/units", new JsonObject().put("code", "C1").put("name", "Xã 1")
                .put("kind", "commune").put("parent_code", "P")).statusCode());
        var p = server.post("/api/v1/people", new JsonObject().put("code", "A1").put("unit_code", "C1")
                .put("full_name", "Trần Thị Thảo"));
        assertEquals(201, p.statusCode());
        assertEquals(200, server.patch("/api/v1/people/" + p.bodyAsJsonObject().getLong("id"),
                new JsonObject().put("title", "Phó Bí thư"), Map.of()).statusCode());
    }

    private static DSLContext dsl() {
        return TestDatabase.dsl();
    }

    @Test
    void eachChangeIsOneRowWithTheActorAndBeforeAndAfter() {
        var rows = dsl().selectFrom(AUDIT_LOG).orderBy(AUDIT_LOG.SEQ).fetch();
        assertEquals(4, rows.size());
        var patch = rows.get(3);
        assertEquals("test-admin", patch.getActor());
        assertEquals("token", patch.getAuthMethod());
        assertEquals("test", patch.getTokenName());
        assertEquals("updatePerson", patch.getAction());
        assertEquals("person", patch.getObjectType());
        JsonObject before = new JsonObject(patch.getBefore()).getJsonObject("person:" + patch.getObjectId());
        JsonObject after = new JsonObject(patch.getAfter()).getJsonObject("person:" + patch.getObjectId());
        assertNull(before.getValue("title"));
        assertEquals("Phó Bí thư", after.getString("title"));
        assertEquals(after.getLong("unit_id"), patch.getUnitId());
        assertTrue(verifier.verify(dsl()).ok());
    }

    @Test
    void aRefusedChangeLeavesNoRow() {
        long before = dsl().fetchCount(AUDIT_LOG);
        assertEquals(409, server.post("/api/v1/people", new JsonObject().put("code", "A1").put("unit_code", "C1")
                .put("full_name", "Trùng mã")).statusCode(), "duplicate code: the database refuses in the transaction");
        assertEquals(400, server.post("/api/v1/people", new JsonObject().put("code", "A2").put("unit_code", "C1"))
                .statusCode());
        assertEquals(before, dsl().fetchCount(AUDIT_LOG));
    }

    @Test
    void secretsNeverEnterTheAudit() {
        var r = server.post("/api/v1/users", new JsonObject().put("login", "bi-mat").put("full_name", "B")
                .put("unit_code", "C1").put("password", "mot-mat-khau-dai"));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        var t = server.post("/api/v1/users/" + r.bodyAsJsonObject().getLong("id") + "/api-tokens",
                new JsonObject().put("name", "x")).bodyAsJsonObject().getString("token");
        var p = server.post("/api/v1/snmp/profiles", new JsonObject().put("name", "p").put("snmp_version", "v2c")
                .put("community", "cong-dong-bi-mat"));
        assertEquals(201, p.statusCode(), p.bodyAsString());
        String all = String.join("\n", dsl().select(AUDIT_LOG.AFTER).from(AUDIT_LOG).fetch(AUDIT_LOG.AFTER));
        assertFalse(all.contains("argon2"));
        assertFalse(all.contains(vn.hatang.security.Secrets.sha256(t)));
        assertFalse(all.contains("cong-dong-bi-mat"));
        assertTrue(all.contains("\"password_hash\":\"***\""));
    }

    @Test
    void anEditedRowIsFoundAtItsSequenceNumber() {
        tamper("update audit_log set after = replace(after, 'Phó Bí thư', 'Bí thư') where seq = 4");
        var r = verifier.verify(dsl());
        assertFalse(r.ok());
        assertEquals(4L, r.firstBad());
        assertEquals("altered", r.reason());
    }

    @Test
    void aDeletedRowIsFoundAtItsSequenceNumber() {
        tamper("delete from audit_log where seq = 2");
        var r = verifier.verify(dsl());
        assertEquals(2L, r.firstBad());
        assertEquals("missing", r.reason());
    }

    @Test
    void anInsertedRowBreaksTheChain() {
        // Forged in the middle (the rows after it renumbered), or at the end with the head moved along.
        tamper("update audit_log set seq = -seq where seq >= 3", "update audit_log set seq = 1 - seq where seq < 0",
                "insert into audit_log (seq, at, node, actor, auth_method, action, hmac) "
                        + "select 3, now(), 'x', 'mallory', 'token', 'forged', hmac from audit_log where seq = 2",
                "update audit_head set seq = seq + 1");
        assertEquals(3L, verifier.verify(dsl()).firstBad());
    }

    @Test
    void truncatingTheTailWithoutTheHeadIsFound() {
        tamper("delete from audit_log where seq = 4");
        var r = verifier.verify(dsl());
        assertEquals(4L, r.firstBad());
        assertEquals("head", r.reason());
    }

    @Test
    void theCommandLineSaysIntactOrNamesTheFirstBadRow() throws Exception {
        Run ok = cli("audit", "verify");
        assertEquals(0, ok.exit, ok.out);
        assertTrue(ok.out.contains("OK: 4"), ok.out);
        tamper("update audit_log set actor = 'someone-else' where seq = 3");
        Run broken = cli("audit", "verify");
        assertEquals(1, broken.exit, broken.out);
        assertTrue(broken.out.contains("seq 3"), broken.out);
    }

    @Test
    void exportsAsJsonLinesAndSyslogForASiem() {
        var jsonl = server.get("/api/v1/audit/export?format=jsonl");
        assertEquals(200, jsonl.statusCode());
        String[] lines = jsonl.bodyAsString().split("\n");
        assertEquals(4, lines.length);
        assertEquals("createUnit", new JsonObject(lines[0]).getString("action"));
        var syslog = server.get("/api/v1/audit/export?format=syslog").bodyAsString().split("\n");
        // RFC 5424: <PRI>VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD-ELEMENT] MSG
        assertTrue(syslog[0].matches("<85>1 \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z \\S+ hatang - audit \\[hatang@32473 seq=\"1\" "
                + "actor=\"test-admin\".*\\] \\{.*"), syslog[0]);
        var page = server.get("/api/v1/audit?limit=2&actor=test-admin").bodyAsJsonObject();
        assertEquals(2, page.getJsonArray("items").size());
        assertEquals(6L, page.getJsonArray("items").getJsonObject(0).getLong("seq"), "newest first; the export itself "
                + "and the first page are audited reads");
    }

    private static void tamper(String... sql) {
        dsl().transaction(c -> {
            // What someone with the database password can do: switch the append-only trigger off.
            c.dsl().execute("set local session_replication_role = replica");
            for (String s : sql) {
                c.dsl().execute(s);
            }
        });
    }

    record Run(int exit, String out) {
    }

    /** The jar's own command line in a child JVM, against the test database. */
    private static Run cli(String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "vn.hatang.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        var options = TestDatabase.options();
        pb.environment().put("HATANG_DB_URL", options.url());
        pb.environment().put("HATANG_DB_USER", options.user());
        pb.environment().put("HATANG_AUDIT_KEY", TestDatabase.AUDIT_KEY);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }
}
