package vn.hatang.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.App;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.testing.Eventually;
import vn.hatang.testing.TestAdmin;

/**
 * Verifies a full data disk as users and operators see it (issue 15, class 10): writes answer 503 with the reason
 * instead of 500, an upload 507, {@code /health/ready} names the disk, {@code /metrics} shows the free space; once
 * space is freed, writes work again without a restart. The data directory sits on a small tmpfs (needs root, as CI).
 */
class DiskFullTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskAnswers503And507AndReadinessNamesTheDisk() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root (CI runs as root)");
        Path disk = Files.createDirectories(dir.resolve("disk"));
        assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=80m", "tmpfs", disk.toString())
                .inheritIO().start().waitFor());
        try {
            fillAndFree(disk);
        } finally {
            new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor();
        }
    }

    private void fillAndFree(Path disk) throws Exception {
        try (App app = App.start(HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", disk.resolve("data").toString(),
                "HATANG_HTTP_PORT", "0", "HATANG_INVENTORY", dir.resolve("none").toString(),
                "HATANG_COVERAGE_SCHEDULE", "off", "HATANG_SNMP_TRAP_PORT", "-1", "HATANG_DISK_MIN_FREE_MB", "4")))) {
            TestAdmin.grantToken(app);
            var http = io.vertx.ext.web.client.WebClient.create(app.vertx());
            assertEquals(201, post(http, app, new JsonObject().put("code", "R").put("name", "Tỉnh ủy")
                    .put("kind", "provincial_committee")).statusCode());

            Path filler = disk.resolve("filler");
            fill(filler);
            JsonObject ready = http.get(app.port(), "127.0.0.1", "/health/ready").send().await().bodyAsJsonObject();
            assertEquals("down", ready.getJsonObject("components").getJsonObject("disk").getString("status"), ready.encode());
            assertEquals("unavailable", ready.getString("status"));
            String metrics = http.get(app.port(), "127.0.0.1", "/metrics").send().await().bodyAsString();
            assertTrue(metrics.contains("hatang_disk_free_bytes{volume=\"data\"}"), metrics);

            Set<String> problems = new HashSet<>();
            for (int i = 0; i < 400 && problems.isEmpty(); i++) {
                HttpResponse<Buffer> r = post(http, app, new JsonObject().put("code", "U" + i)
                        .put("name", "Đơn vị có tên khá dài để lấp đầy trang dữ liệu " + i).put("kind", "office")
                        .put("parent_code", "R").put("address", "x".repeat(400)));
                assertTrue(r.statusCode() == 201 || r.statusCode() == 503, r.statusCode() + " " + r.bodyAsString());
                if (r.statusCode() == 503) {
                    assertEquals("5", r.getHeader("Retry-After"));
                    problems.add(r.bodyAsJsonObject().getString("type"));
                }
            }
            assertEquals(Set.of("/problems/database-disk-full"), problems, "a write on a full disk says why");

            MultipartForm form = MultipartForm.create().textFileUpload("devices", "devices.csv",
                    Buffer.buffer("serial,category,unit_code\n" + "S,pc,R\n".repeat(200_000)), "text/csv");
            HttpResponse<Buffer> upload = http.post(app.port(), "127.0.0.1", "/api/v1/imports")
                    .putHeader("Authorization", TestAdmin.AUTHORIZATION).sendMultipartForm(form).await(60, TimeUnit.SECONDS);
            assertEquals(507, upload.statusCode(), upload.bodyAsString());
            assertEquals("/problems/insufficient-storage", upload.bodyAsJsonObject().getString("type"));

            Files.delete(filler);
            Eventually.until(() -> post(http, app, new JsonObject().put("code", "AFTER").put("name", "Sau khi dọn")
                    .put("kind", "office").put("parent_code", "R")).statusCode() == 201, "writes after space is freed");
            Eventually.until(() -> http.get(app.port(), "127.0.0.1", "/health/ready").send().await().statusCode() == 200,
                    "ready after space is freed");
        }
    }

    private static HttpResponse<Buffer> post(io.vertx.ext.web.client.WebClient http, App app, JsonObject body) {
        return http.post(app.port(), "127.0.0.1", "/api/v1/units").putHeader("Accept-Language", "en")
                .putHeader("Authorization", TestAdmin.AUTHORIZATION)
                .sendJsonObject(body).await();
    }

    /** Writes until the disk refuses: what a runaway log or a copied ISO does to a server. */
    private static void fill(Path filler) throws IOException {
        byte[] mb = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(mb);
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
        }
    }
}
