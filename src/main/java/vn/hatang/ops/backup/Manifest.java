package vn.hatang.ops.backup;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code manifest.json} of a backup: what it holds, taken from a trial recovery of the backup itself (so the counts
 * are those of the backed-up state, not of a moment before or after it), and the SHA-256 of every file.
 *
 * @param id            directory name, e.g. {@code hatang-backup-20261203T023000Z}
 * @param schemaVersion the Flyway version of the backed-up database
 * @param tables        rows per table (partitioned tables counted through their parent)
 * @param auditHead     {@code {"seq": n, "hmac": "…"}} of the last audit row, or null without an audit log
 * @param files         file name → {@code {"sha256": hex, "bytes": n}}
 */
public record Manifest(String id, Instant createdAt, String hatangVersion, String postgresVersion, String method,
        String startLsn, String stopLsn, String schemaVersion, Map<String, Long> tables, JsonObject auditHead,
        Map<String, JsonObject> files, boolean keysIncluded) {
    public static final String FILE = "manifest.json";
    static final String FORMAT = "hatang-backup/1";

    public long rows() {
        return tables.values().stream().mapToLong(Long::longValue).sum();
    }

    public long bytes() {
        return files.values().stream().mapToLong(f -> f.getLong("bytes")).sum();
    }

    public JsonObject toJson() {
        JsonObject t = new JsonObject();
        tables.forEach(t::put);
        JsonObject f = new JsonObject();
        files.forEach(f::put);
        return new JsonObject().put("format", FORMAT).put("id", id).put("created_at", createdAt.toString())
                .put("hatang_version", hatangVersion).put("postgres_version", postgresVersion).put("method", method)
                .put("start_lsn", startLsn).put("stop_lsn", stopLsn).put("schema_version", schemaVersion)
                .put("rows_total", rows()).put("tables", t).put("audit_head", auditHead).put("files", f)
                .put("keys_included", keysIncluded);
    }

    public void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), toJson().encodePrettily() + "\n");
    }

    public static Manifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("Không có " + FILE + " trong " + dir + " (không phải bản sao lưu hatang?) / no " + FILE
                    + " in " + dir + " (not a hatang backup?)");
        }
        JsonObject j = new JsonObject(Files.readString(file));
        if (!FORMAT.equals(j.getString("format"))) {
            throw new IOException("Định dạng sao lưu không biết / unknown backup format: " + j.getString("format"));
        }
        Map<String, Long> tables = new LinkedHashMap<>();
        j.getJsonObject("tables").forEach(e -> tables.put(e.getKey(), ((Number) e.getValue()).longValue()));
        Map<String, JsonObject> files = new LinkedHashMap<>();
        j.getJsonObject("files").forEach(e -> files.put(e.getKey(), (JsonObject) e.getValue()));
        return new Manifest(j.getString("id"), Instant.parse(j.getString("created_at")), j.getString("hatang_version"),
                j.getString("postgres_version"), j.getString("method"), j.getString("start_lsn"),
                j.getString("stop_lsn"), j.getString("schema_version"), tables, j.getJsonObject("audit_head"), files,
                j.getBoolean("keys_included", false));
    }
}
