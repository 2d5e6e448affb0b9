package vn.hatang.platform.db;

import java.nio.file.Path;

/** Another hatang process (usually the running server) holds the embedded database in this data directory. */
public final class EmbeddedDatabaseBusyException extends RuntimeException {
    public EmbeddedDatabaseBusyException(Path dataDir) {
        super("Máy chủ hatang đang chạy và giữ cơ sở dữ liệu nhúng trong " + dataDir
                + ". Hãy dừng máy chủ, hoặc nhập qua HTTP: POST /api/v1/imports."
                + " / A running hatang server holds the embedded database in " + dataDir
                + ". Stop it, or import over HTTP: POST /api/v1/imports.");
    }
}
