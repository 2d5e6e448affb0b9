package vn.hatang.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.ServerTest;

/**
 * Verifies the multipart import endpoint and the export route as a client meets them: same validation and dry run as
 * the CLI, a refused import is a 422 problem+json carrying the report and its per-row errors, a malformed upload is a
 * 4xx problem naming the part, and what is exported imports back.
 */
class InventoryHttpImportTest extends ServerTest {
    private static HttpResponse<Buffer> upload(String query, MultipartForm form) throws Exception {
        return server.client().post("/api/v1/imports" + query).putHeader("Accept-Language", "en")
                .sendMultipartForm(form).await(60, TimeUnit.SECONDS);
    }

    private static MultipartForm sample(String... files) {
        MultipartForm form = MultipartForm.create();
        for (String f : files) {
            form.binaryFileUpload("file", f, Path.of("inventory", f).toString(), "text/plain");
        }
        return form;
    }

    private static void assertProblem(HttpResponse<Buffer> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertTrue(r.getHeader("Content-Type").startsWith("application/problem+json"), r.getHeader("Content-Type"));
        if (field != null) {
            assertEquals(field, r.bodyAsJsonObject().getString("field"), r.bodyAsString());
        }
    }

    @Test
    void aDryRunUploadReportsWhatWouldBeAddedAndStoresNothing() throws Exception {
        var r = upload("?dry_run=true", sample("units.yaml", "people.csv"));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
        JsonObject body = r.bodyAsJsonObject();
        assertTrue(body.getJsonObject("files").getJsonObject("people.csv").getInteger("added") >= 600);
        assertEquals(",", body.getJsonObject("files").getJsonObject("people.csv").getString("separator"));
        assertEquals(false, body.getBoolean("applied"));
        assertEquals(0, server.get("/api/v1/units").bodyAsJsonObject().getJsonArray("items").size());

        var applied = upload("", sample("units.yaml", "people.csv"));
        assertEquals(200, applied.statusCode());
        assertEquals(true, applied.bodyAsJsonObject().getBoolean("applied"));
        assertEquals(5, server.get("/api/v1/people?limit=5&under=VPTU").bodyAsJsonObject().getJsonArray("items").size());
    }

    @Test
    void aRefusedImportIsAProblemCarryingTheReportAndItsRowErrors() throws Exception {
        MultipartForm form = sample("units.yaml");
        form.textFileUpload("file", "devices.csv", Buffer.buffer("serial;category;unit_code\nS1;toaster;VPTU\n"), "text/csv");
        var r = upload("", form);
        assertProblem(r, 422, null);
        JsonObject body = r.bodyAsJsonObject();
        assertEquals("/problems/import-rejected", body.getString("type"));
        assertEquals("1 errors: nothing imported.", body.getString("detail"));
        assertEquals(false, body.getBoolean("applied"));
        assertEquals(";", body.getJsonObject("files").getJsonObject("devices.csv").getString("separator"));
        JsonObject error = body.getJsonArray("errors").getJsonObject(0);
        assertEquals("devices.csv", error.getString("file"));
        assertEquals(2, error.getInteger("line"));
        assertEquals("category", error.getString("field"));
        assertTrue(error.getString("message").startsWith("devices.csv:2 [category]: Field “category” must be one of"),
                error.encode());
        assertEquals(0, server.get("/api/v1/units").bodyAsJsonObject().getJsonArray("items").size());
    }

    @Test
    void malformedUploadsAreProblemsNamingThePart() throws Exception {
        assertProblem(upload("", MultipartForm.create().textFileUpload("file", "thietbi.xlsx", Buffer.buffer("x"),
                "text/plain")), 400, "files");
        assertProblem(upload("", MultipartForm.create().attribute("note", "no file")), 400, "files");
        assertProblem(upload("", MultipartForm.create()
                .textFileUpload("a", "people.csv", Buffer.buffer("code,unit_code,full_name\n"), "text/csv")
                .textFileUpload("b", "people.csv", Buffer.buffer("code,unit_code,full_name\n"), "text/csv")), 400, "files");
        assertProblem(upload("?dry_run=maybe", sample("units.yaml")), 400, "dry_run");
        // A client may send a path (even one climbing out); only the file name counts, and nothing is written by name.
        String units = java.nio.file.Files.readString(Path.of("inventory", "units.yaml"));
        String pathName = raw("/api/v1/imports?dry_run=true", "XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"../../etc/units.yaml\"\r\nContent-Type: text/plain\r\n\r\n" + units + "\r\n--XYZ--\r\n");
        assertTrue(pathName.startsWith("HTTP/1.1 200"), pathName);
        var json = server.client().post("/api/v1/imports").putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{}")).await(30, TimeUnit.SECONDS);
        assertProblem(json, 400, "files");
        var binary = upload("", MultipartForm.create().binaryFileUpload("file", "people.csv",
                Path.of("inventory/pki/certificates").resolve(firstCertificate()).toString(), "application/octet-stream"));
        assertProblem(binary, 422, null);
    }

    @Test
    void aMultipartBodyWithAMangledBoundaryIsAnsweredWithAProblem() throws Exception {
        String body = "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"units.yaml\"\r\n"
                + "Content-Type: text/plain\r\n\r\nunits: []\r\n--XYZ--\r\n";
        // The boundary announced is not the one used: no part is found.
        String answer = raw("/api/v1/imports", "ABC", body);
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
    }

    /** A multipart POST written by hand, for what a well-behaved client library refuses to send. */
    private static String raw(String path, String boundary, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + vn.hatang.testing.TestDatabase.ADMIN_TOKEN + "\r\nContent-Type: multipart/form-data; "
                    + "boundary=" + boundary + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().write(bytes);
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anExportDownloadsInTheImportsColumnsAndImportsBackUnchanged() throws Exception {
        assertEquals(200, upload("", sample("units.yaml", "people.csv")).statusCode());
        var csv = server.get("/api/v1/exports/inventory/people.csv?under=VPTU");
        assertEquals(200, csv.statusCode(), csv.bodyAsString());
        assertTrue(csv.getHeader("Content-Type").startsWith("text/csv"));
        assertEquals("attachment; filename=\"people.csv\"", csv.getHeader("Content-Disposition"));
        List<String> lines = csv.bodyAsString(StandardCharsets.UTF_8.name()).lines().toList();
        assertEquals("\uFEFF" + String.join(",", InventoryKind.PEOPLE.columns()), lines.get(0));
        var vptu = vn.hatang.testing.TestDatabase.dsl().selectFrom(vn.hatang.db.Tables.UNIT)
                .where(vn.hatang.db.Tables.UNIT.CODE.eq("VPTU")).fetchOne();
        int inSubtree = vn.hatang.testing.TestDatabase.dsl().fetchCount(vn.hatang.db.Tables.PERSON,
                vn.hatang.db.Tables.PERSON.UNIT_ID.in(org.jooq.impl.DSL.select(vn.hatang.db.Tables.UNIT.ID)
                        .from(vn.hatang.db.Tables.UNIT).where(vn.hatang.db.Tables.UNIT.PATH.startsWith(vptu.getPath()))));
        assertEquals(inSubtree, lines.size() - 1, "only the subtree");
        assertTrue(inSubtree < vn.hatang.testing.TestDatabase.dsl().fetchCount(vn.hatang.db.Tables.PERSON));

        var xlsx = server.get("/api/v1/exports/inventory/people.xlsx");
        assertEquals(200, xlsx.statusCode());
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body().getBytes()))) {
            assertEquals("code", wb.getFirstSheet().read().get(0).getCell(0).getText());
        }
        var back = upload("?dry_run=true", MultipartForm.create().textFileUpload("file", "people.xlsx", xlsx.body(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        assertEquals(200, back.statusCode(), back.bodyAsString());
        JsonObject counts = back.bodyAsJsonObject().getJsonObject("files").getJsonObject("people.xlsx");
        assertEquals(0, counts.getInteger("added") + counts.getInteger("changed"), back.bodyAsString());
        assertEquals("Cán bộ", counts.getString("sheet"));

        assertProblem(server.get("/api/v1/exports/inventory/people.pdf"), 400, "file");
        assertProblem(server.get("/api/v1/exports/inventory/passwords.csv"), 400, "file");
        assertProblem(server.get("/api/v1/exports/inventory/people.csv?under=NOWHERE"), 400, "under");
    }

    @Test
    void anOldFileUndoingAnAuditedChangeNamesWhoMadeItAndWhen() throws Exception {
        assertEquals(200, upload("", sample("units.yaml", "people.csv")).statusCode());
        var old = server.get("/api/v1/exports/inventory/people.csv").body();
        var person = server.get("/api/v1/people/CB0002").bodyAsJsonObject();
        var left = server.patch("/api/v1/people/" + person.getLong("id"), new JsonObject().put("status", "left")
                .put("left_on", "2026-11-01").put("title", "Nghỉ hưu"), java.util.Map.of());
        assertEquals(200, left.statusCode(), left.bodyAsString());

        var dry = upload("?dry_run=true", MultipartForm.create().textFileUpload("file", "people.csv", old, "text/csv"));
        assertEquals(200, dry.statusCode(), dry.bodyAsString());
        var reversals = dry.bodyAsJsonObject().getJsonArray("reversals");
        JsonObject status = reversals.stream().map(o -> (JsonObject) o).filter(r -> "status".equals(r.getString("column")))
                .findFirst().orElseThrow(() -> new AssertionError(reversals.encode()));
        assertEquals("CB0002", status.getString("key"));
        assertEquals("left", status.getString("current"));
        assertEquals("active", status.getString("restored"));
        assertTrue(status.getString("changed_by").contains("test-admin"), status.encode());
        assertTrue(java.time.Instant.parse(status.getString("changed_at")).isAfter(java.time.Instant.now().minusSeconds(600)));
        assertTrue(status.getString("message").startsWith("people.csv:3 CB0002: status “left” would go back to “active”"),
                status.encode());
        assertEquals(3, reversals.size(), "status, left_on and title, each from the same audited change: " + reversals.encode());
    }

    private static String firstCertificate() throws Exception {
        try (var files = java.nio.file.Files.list(Path.of("inventory/pki/certificates"))) {
            return files.filter(p -> p.toString().endsWith(".der") || p.toString().endsWith(".cer")
                    || p.toString().endsWith(".pem")).findFirst().orElseThrow().getFileName().toString();
        }
    }
}
