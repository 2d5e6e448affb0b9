package vn.hatang.ops.backup;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import vn.hatang.platform.FileTrees;
import vn.hatang.platform.db.EmbeddedServer;

/**
 * A backup recovered into a throwaway embedded PostgreSQL in a scratch directory: the proof that the backup starts,
 * the source of its manifest (row counts, schema version, audit head), and the source of a restore into an external
 * database. Deleted on close.
 */
final class RecoveredCopy implements AutoCloseable {
    private final Path scratch;
    private final EmbeddedServer server;
    private final Connection connection;

    private RecoveredCopy(Path scratch, EmbeddedServer server, Connection connection) {
        this.scratch = scratch;
        this.server = server;
        this.connection = connection;
    }

    /** Recovers {@code data.zip} under {@code scratchParent}, with a password of its own. */
    static RecoveredCopy recover(Path dataZip, Path scratchParent) throws IOException, SQLException {
        Files.createDirectories(scratchParent);
        Path scratch = Files.createTempDirectory(scratchParent, ".recover-");
        EmbeddedServer server = null;
        try {
            BaseBackup.extract(dataZip, scratch.resolve("pg"));
            EmbeddedServer.resetAuthentication(scratch.resolve("pg"));
            server = EmbeddedServer.start(scratch);
            Properties p = new Properties();
            p.setProperty("user", server.user());
            p.setProperty("password", server.password());
            return new RecoveredCopy(scratch, server, DriverManager.getConnection(server.jdbcUrl(), p));
        } catch (IOException | SQLException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            FileTrees.delete(scratch);
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    /**
     * Tables that only serve a cache and are rebuilt from the rest: the KPI change log (each instance's KPI cache
     * starts from a full computation). They are neither counted nor copied.
     */
    static final java.util.Set<String> DERIVED = java.util.Set.of("kpi_change");

    /** Ordinary and partitioned tables of the public schema (partitions are counted and copied through their parent). */
    List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (var st = connection.createStatement(); var rs = st.executeQuery("SELECT c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
                + " AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1")) {
            while (rs.next()) {
                if (!DERIVED.contains(rs.getString(1))) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    Map<String, Long> rowCounts() throws SQLException {
        return rowCounts(connection, tables());
    }

    static Map<String, Long> rowCounts(Connection c, List<String> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (var st = c.createStatement()) {
            for (String t : tables) {
                try (var rs = st.executeQuery("SELECT count(*) FROM public." + quote(t))) {
                    rs.next();
                    counts.put(t, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    String schemaVersion() throws SQLException {
        return schemaVersion(connection);
    }

    static String schemaVersion(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT version FROM flyway_schema_history"
                + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return null; // no schema history: an empty database
            }
            throw e;
        }
    }

    /** The last row of the audit chain ({@code audit_log}: {@code seq}, {@code hmac}), or null without one. */
    JsonObject auditHead() throws SQLException {
        try (var st = connection.createStatement();
             var exists = st.executeQuery("SELECT to_regclass('public.audit_log') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return null;
            }
        }
        try (var st = connection.createStatement();
             var rs = st.executeQuery("SELECT seq, hmac FROM audit_log ORDER BY seq DESC LIMIT 1")) {
            if (!rs.next()) {
                return new JsonObject().put("seq", 0).putNull("hmac");
            }
            Object hmac = rs.getObject(2);
            return new JsonObject().put("seq", rs.getLong(1))
                    .put("hmac", hmac instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(hmac));
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the server stops next
        }
        server.close();
        FileTrees.delete(scratch);
    }
}
