package vn.hatang.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.ServerTest;

/** Verifies the multipart import endpoint: same validation and dry run as the CLI. */
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

    @Test
    void aDryRunUploadReportsWhatWouldBeAddedAndStoresNothing() throws Exception {
        var r = upload("?dry_run=true", sample("units.yaml", "people.csv"));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject body = r.bodyAsJsonObject();
        assertTrue(body.getJsonObject("files").getJsonObject("people.csv").getInteger("added") >= 600);
        assertEquals(false, body.getBoolean("applied"));
        assertEquals(0, server.get("/api/v1/units").bodyAsJsonObject().getJsonArray("items").size());

        var applied = upload("", sample("units.yaml", "people.csv"));
        assertEquals(200, applied.statusCode());
        assertEquals(true, applied.bodyAsJsonObject().getBoolean("applied"));
        assertTrue(server.get("/api/v1/people?limit=5&under=VPTU").bodyAsJsonObject().getJsonArray("items").size() == 5);
    }

    @Test
    void aBadUploadAnswers422WithRowErrorsInTheCallersLanguage() throws Exception {
        MultipartForm form = sample("units.yaml");
        form.textFileUpload("file", "devices.csv", Buffer.buffer("serial,category,unit_code\nS1,toaster,VPTU\n"), "text/csv");
        var r = upload("", form);
        assertEquals(422, r.statusCode(), r.bodyAsString());
        JsonObject error = r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
        assertEquals("devices.csv", error.getString("file"));
        assertEquals(2, error.getInteger("line"));
        assertEquals("category", error.getString("field"));
        assertTrue(error.getString("message").contains("must be one of"), error.encode());
        assertEquals(0, server.get("/api/v1/units").bodyAsJsonObject().getJsonArray("items").size());
    }

    @Test
    void anUnknownFileNameIsRefused() throws Exception {
        MultipartForm form = MultipartForm.create().textFileUpload("file", "thietbi.xlsx", Buffer.buffer("x"), "text/plain");
        var r = upload("", form);
        assertEquals(400, r.statusCode());
        assertEquals("files", r.bodyAsJsonObject().getString("field"));
    }
}
