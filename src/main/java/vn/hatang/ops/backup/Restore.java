package vn.hatang.ops.backup;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.ops.OpsOptions;
import vn.hatang.platform.SecretFiles;
import vn.hatang.platform.config.HatangConfig.DatabaseOptions;
import vn.hatang.platform.db.Database;
import vn.hatang.platform.db.EmbeddedServer;

/**
 * {@code restore DIR}: a backup back into an empty embedded data directory (its files, recovered by PostgreSQL),
 * or into an empty external PostgreSQL (the backup is recovered in a scratch server, the target is migrated by Flyway
 * to the backup's schema version, and every table is streamed across with {@code COPY}, in one transaction). Both
 * check the manifest first, refuse a backup of a newer schema than this release knows, and end by comparing the row
 * counts with the manifest.
 */
public final class Restore {
    private static final Logger LOG = LoggerFactory.getLogger(Restore.class);
    static final String SCHEMA_HISTORY = "flyway_schema_history";

    /** A restore that must not go ahead; nothing was changed. */
    public static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }

    public record Result(Manifest manifest, Map<String, Long> counts, List<String> keysRestored) {
    }

    private Restore() {
    }

    /** Checks the files against the manifest and the schema against this release. */
    public static Manifest check(Path backup) throws IOException {
        Manifest m = Manifest.read(backup);
        for (var f : m.files().entrySet()) {
            Path file = backup.resolve(f.getKey());
            if (!Files.isRegularFile(file) || !BaseBackup.sha256(file).equals(f.getValue().getString("sha256"))) {
                throw new RefusedException("Tệp " + f.getKey() + " của bản sao lưu bị thiếu hoặc hỏng (SHA-256 không "
                        + "khớp) / backup file " + f.getKey() + " is missing or corrupt (SHA-256 mismatch)");
            }
        }
        String latest = Database.latestMigration();
        if (m.schemaVersion() != null && latest != null
                && MigrationVersion.fromVersion(m.schemaVersion()).isNewerThan(latest)) {
            throw new RefusedException("Bản sao lưu có lược đồ " + m.schemaVersion() + ", mới hơn phiên bản này ("
                    + latest + "): hãy khôi phục bằng hatang mới hơn / the backup's schema " + m.schemaVersion()
                    + " is newer than this release's (" + latest + "): restore it with a newer hatang");
        }
        return m;
    }

    /** Into the embedded data directory of {@code target}, whose {@code pg/} must be absent or empty. */
    public static Result intoEmbedded(Path backup, DatabaseOptions target, OpsOptions ops, char[] passphrase)
            throws IOException, SQLException {
        Manifest m = check(backup);
        Path pgDir = target.dataDir().resolve("pg");
        if (Files.isDirectory(pgDir)) {
            try (var entries = Files.list(pgDir)) {
                if (entries.findAny().isPresent()) {
                    throw new RefusedException("Thư mục dữ liệu " + pgDir + " không trống: khôi phục chỉ vào thư mục "
                            + "trống (hãy chuyển thư mục cũ đi) / data directory " + pgDir + " is not empty: restore "
                            + "only into an empty one (move the old one away)");
                }
            }
        }
        List<String> keys = restoreKeys(backup, m, ops, passphrase);
        BaseBackup.extract(backup.resolve(Backups.DATA), pgDir);
        EmbeddedServer.resetAuthentication(pgDir);
        try (Database db = Database.openUnmigrated(target);
             Connection c = db.dataSource().getConnection()) {
            return new Result(m, verified(m, c), keys);
        }
    }

    /** Into an external PostgreSQL that holds no table yet. */
    public static Result intoExternal(Path backup, DatabaseOptions target, OpsOptions ops, char[] passphrase)
            throws IOException, SQLException {
        Manifest m = check(backup);
        Properties p = new Properties();
        p.setProperty("user", target.user());
        p.setProperty("password", target.password() == null ? "" : target.password());
        try (Connection c = DriverManager.getConnection(target.url(), p)) {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM pg_class c JOIN"
                    + " pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new RefusedException("Cơ sở dữ liệu đích đã có bảng: khôi phục chỉ vào cơ sở dữ liệu trống / "
                            + "the target database already has tables: restore only into an empty one");
                }
            }
            List<String> keys = restoreKeys(backup, m, ops, passphrase);
            Database.migrateTo(target, m.schemaVersion());
            Path scratch = ops.dataDir().resolve("restore-scratch");
            try (RecoveredCopy copy = RecoveredCopy.recover(backup.resolve(Backups.DATA), scratch)) {
                c.setAutoCommit(false);
                copyAll(copy.connection(), c, copy.tables());
                c.commit();
                c.setAutoCommit(true);
            } finally {
                vn.hatang.platform.FileTrees.delete(scratch);
            }
            return new Result(m, verified(m, c), keys);
        }
    }

    private static Map<String, Long> verified(Manifest m, Connection c) throws SQLException {
        String version = RecoveredCopy.schemaVersion(c);
        Map<String, Long> counts = RecoveredCopy.rowCounts(c, new ArrayList<>(m.tables().keySet()));
        Map<String, String> differ = new LinkedHashMap<>();
        m.tables().forEach((t, n) -> {
            if (!SCHEMA_HISTORY.equals(t) && !n.equals(counts.get(t))) {
                differ.put(t, n + " ≠ " + counts.get(t));
            }
        });
        if (!differ.isEmpty() || !java.util.Objects.equals(version, m.schemaVersion())) {
            throw new IllegalStateException("Khôi phục không khớp bản kê / restore does not match the manifest: schema "
                    + version + " vs " + m.schemaVersion() + ", " + differ);
        }
        LOG.info("Đã khôi phục {} và kiểm tra {} bảng, {} dòng khớp bản kê / restored {}: {} tables, {} rows match the "
                + "manifest", m.id(), counts.size(), m.rows(), m.id(), counts.size(), m.rows());
        return counts;
    }

    /** Writes the key files of a backup taken with {@code --with-keys}; an existing, different key is never replaced. */
    private static List<String> restoreKeys(Path backup, Manifest m, OpsOptions ops, char[] passphrase)
            throws IOException {
        if (!m.keysIncluded() || passphrase == null) {
            return List.of();
        }
        Map<String, byte[]> files = KeyVault.open(new JsonObject(Files.readString(backup.resolve(Backups.KEYS))),
                passphrase, m.id());
        Map<String, Path> where = Map.of("snmp-secret.key", ops.snmpKeyFile(), "audit.key", ops.auditKeyFile());
        List<String> written = new ArrayList<>();
        for (var e : files.entrySet()) {
            Path to = where.get(e.getKey());
            if (to == null) {
                continue;
            }
            if (Files.exists(to)) {
                if (!java.util.Arrays.equals(Files.readAllBytes(to), e.getValue())) {
                    throw new RefusedException("Đã có tệp khoá khác tại " + to + ": không ghi đè / a different key file "
                            + "exists at " + to + ": not overwritten");
                }
                continue;
            }
            SecretFiles.write(to, e.getValue());
            written.add(e.getKey());
        }
        return written;
    }

    /** Every table, parents before the tables that reference them; partitions first created as in the source. */
    private static void copyAll(Connection from, Connection to, List<String> tables) throws SQLException {
        try (var st = from.createStatement(); var rs = st.executeQuery("SELECT c.relname, p.relname,"
                + " pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " JOIN pg_class p ON p.oid = i.inhparent WHERE c.relispartition AND c.relkind IN ('r', 'p')"
                + " AND c.relnamespace = 'public'::regnamespace ORDER BY 1");
             var ddl = to.createStatement()) {
            while (rs.next()) {
                ddl.execute("CREATE TABLE IF NOT EXISTS public." + RecoveredCopy.quote(rs.getString(1)) + " PARTITION OF"
                        + " public." + RecoveredCopy.quote(rs.getString(2)) + " " + rs.getString(3));
            }
        }
        // The migrations seed some rows (roles, the audit head); the backup has them as they were.
        List<String> copied = tables.stream().filter(t -> !SCHEMA_HISTORY.equals(t)).toList();
        try (var st = to.createStatement()) {
            st.execute("TRUNCATE " + String.join(", ", copied.stream().map(t -> "public." + RecoveredCopy.quote(t))
                    .toList()));
        }
        CopyOutFrom source = new CopyOutFrom(from.unwrap(PGConnection.class));
        var into = to.unwrap(PGConnection.class).getCopyAPI();
        for (String t : dependencyOrder(from, tables)) {
            if (SCHEMA_HISTORY.equals(t)) {
                continue;
            }
            String columns = String.join(", ", columns(from, t));
            String name = "public." + RecoveredCopy.quote(t);
            // The rows are history already: triggers that record history (holdings) must not add to it. The table's
            // owner may do this (no superuser needed); foreign keys still hold, parents being copied first.
            try (var st = to.createStatement()) {
                st.execute("ALTER TABLE " + name + " DISABLE TRIGGER USER");
            }
            CopyIn in = into.copyIn("COPY " + name + " (" + columns + ") FROM STDIN (FORMAT binary)");
            source.stream("COPY (SELECT " + columns + " FROM " + name + ") TO STDOUT (FORMAT binary)", in);
            try (var st = to.createStatement()) {
                st.execute("ALTER TABLE " + name + " ENABLE TRIGGER USER");
            }
        }
        try (var st = from.createStatement(); var rs = st.executeQuery("SELECT sequencename, last_value"
                + " FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL");
             var set = to.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
            while (rs.next()) {
                set.setString(1, "public." + RecoveredCopy.quote(rs.getString(1)));
                set.setLong(2, rs.getLong(2));
                set.execute();
            }
        }
    }

    /** Streams one {@code COPY … TO STDOUT} into a {@code COPY … FROM STDIN}, a buffer at a time. */
    private record CopyOutFrom(PGConnection connection) {
        void stream(String sql, CopyIn in) throws SQLException {
            CopyOut out = connection.getCopyAPI().copyOut(sql);
            for (byte[] chunk; (chunk = out.readFromCopy()) != null; ) {
                in.writeToCopy(chunk, 0, chunk.length);
            }
            in.endCopy();
        }
    }

    /** Stored columns only: generated ones are computed again by the target. */
    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (var ps = c.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0"
                + " AND NOT attisdropped AND attgenerated = '' ORDER BY attnum")) {
            ps.setString(1, "public." + RecoveredCopy.quote(table));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(RecoveredCopy.quote(rs.getString(1)));
                }
            }
        }
        return cols;
    }

    private static List<String> dependencyOrder(Connection c, List<String> tables) throws SQLException {
        Map<String, Set<String>> parents = new HashMap<>();
        tables.forEach(t -> parents.put(t, new HashSet<>()));
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT c.relname, p.relname FROM pg_constraint k"
                + " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid WHERE k.contype = 'f'")) {
            while (rs.next()) {
                String child = rs.getString(1);
                String parent = rs.getString(2);
                if (parents.containsKey(child) && parents.containsKey(parent) && !child.equals(parent)) {
                    parents.get(child).add(parent);
                }
            }
        }
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (order.size() < tables.size()) {
            boolean progressed = false;
            for (String t : tables) {
                if (!done.contains(t) && done.containsAll(parents.get(t))) {
                    order.add(t);
                    done.add(t);
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new IllegalStateException("foreign keys form a cycle among " + tables);
            }
        }
        return order;
    }
}
