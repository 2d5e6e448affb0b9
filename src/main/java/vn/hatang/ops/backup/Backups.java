package vn.hatang.ops.backup;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.db.EmbeddedServer;

/**
 * Backups of the embedded database: one directory per backup, {@code hatang-backup-<UTC time>/}, holding
 * {@code data.zip} (the physical backup, {@link BaseBackup}), {@code manifest.json} ({@link Manifest}) and, only with
 * {@code --with-keys}, {@code keys.enc} ({@link KeyVault}). A backup is written under a {@code .partial} name and
 * renamed when complete and verified, so a directory with a manifest is always a whole backup.
 */
public final class Backups {
    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);
    public static final String PREFIX = "hatang-backup-";
    static final String DATA = "data.zip";
    static final String KEYS = "keys.enc";
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** How to reach the embedded cluster being backed up. */
    public record Source(String jdbcUrl, String password, Path pgDir) {
        public static Source of(EmbeddedServer server) {
            return new Source(server.jdbcUrl(), server.password(), server.pgDir());
        }

        /** The embedded database another process (the running service) holds in {@code dataDir}, if any. */
        public static Optional<Source> running(Path dataDir) throws IOException {
            Optional<String> url = EmbeddedServer.runningUrl(dataDir);
            return url.isEmpty() ? Optional.empty()
                    : Optional.of(new Source(url.get(), EmbeddedServer.password(dataDir), dataDir.resolve("pg")));
        }
    }

    /** Key files to include, sealed with {@code passphrase}: logical name (e.g. {@code snmp-secret.key}) → file. */
    public record Keys(Map<String, Path> files, char[] passphrase) {
    }

    private Backups() {
    }

    /** Takes a backup into a new directory under {@code root} while the database may be in use; returns its manifest. */
    public static Manifest take(Source source, Path root, Keys keys, Clock clock) throws IOException, SQLException {
        Files.createDirectories(root);
        Instant now = clock.instant();
        String id = uniqueId(root, now);
        Path partial = root.resolve(id + ".partial");
        Files.createDirectory(partial);
        try {
            BaseBackup.Result base;
            try (Connection c = connect(source)) {
                base = BaseBackup.take(c, source.pgDir(), partial.resolve(DATA), id);
            }
            Map<String, JsonObject> files = new LinkedHashMap<>();
            files.put(DATA, new JsonObject().put("sha256", base.sha256()).put("bytes", base.bytes()));
            if (keys != null) {
                Map<String, byte[]> content = new LinkedHashMap<>();
                for (var e : keys.files().entrySet()) {
                    if (Files.exists(e.getValue())) {
                        content.put(e.getKey(), Files.readAllBytes(e.getValue()));
                    }
                }
                Files.writeString(partial.resolve(KEYS), KeyVault.seal(content, keys.passphrase(), id).encodePrettily());
                files.put(KEYS, new JsonObject().put("sha256", BaseBackup.sha256(partial.resolve(KEYS)))
                        .put("bytes", Files.size(partial.resolve(KEYS))));
            }
            Manifest manifest;
            // The counts come from the backup itself, recovered: exactly the state it restores to.
            try (RecoveredCopy copy = RecoveredCopy.recover(partial.resolve(DATA), root)) {
                manifest = new Manifest(id, now, hatangVersion(), base.serverVersion(),
                        "pg_backup_start/pg_backup_stop + WAL", base.startLsn(), base.stopLsn(), copy.schemaVersion(),
                        copy.rowCounts(), copy.auditHead(), files, keys != null);
            }
            manifest.write(partial);
            Path done = root.resolve(id);
            Files.move(partial, done, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Đã sao lưu / backup written: {} ({} byte, {} dòng, lược đồ {}) / ({} bytes, {} rows, schema {})",
                    done, manifest.bytes(), manifest.rows(), manifest.schemaVersion(), manifest.bytes(),
                    manifest.rows(), manifest.schemaVersion());
            return manifest;
        } catch (IOException | SQLException | RuntimeException e) {
            vn.hatang.platform.FileTrees.delete(partial);
            throw e;
        }
    }

    private static String uniqueId(Path root, Instant now) {
        String base = PREFIX + ID.format(now);
        String id = base;
        for (int i = 2; Files.exists(root.resolve(id)) || Files.exists(root.resolve(id + ".partial")); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    /** Every complete backup under {@code root}, newest first. */
    public static List<Manifest> list(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Manifest> all = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(d -> d.getFileName().toString().startsWith(PREFIX)
                    && !d.getFileName().toString().endsWith(".partial")).toList()) {
                try {
                    all.add(Manifest.read(d));
                } catch (IOException | RuntimeException e) {
                    LOG.debug("not a backup: {}", d, e);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        all.sort(Comparator.comparing(Manifest::createdAt).reversed());
        return all;
    }

    public static Optional<Manifest> newest(Path root) {
        return list(root).stream().findFirst();
    }

    /**
     * Deletes backups older than {@code keepDays} (the newest is always kept) and partial ones a failed run left;
     * returns what was deleted.
     */
    public static List<Path> prune(Path root, int keepDays, Clock clock) throws IOException {
        List<Path> deleted = new ArrayList<>();
        Instant limit = clock.instant().minus(Duration.ofDays(keepDays));
        List<Manifest> all = list(root);
        for (Manifest m : all.subList(Math.min(1, all.size()), all.size())) {
            if (m.createdAt().isBefore(limit)) {
                vn.hatang.platform.FileTrees.delete(root.resolve(m.id()));
                deleted.add(root.resolve(m.id()));
            }
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.toList()) {
                String n = d.getFileName().toString();
                if (n.endsWith(".partial") || n.startsWith(".recover-")) {
                    if (Files.getLastModifiedTime(d).toInstant().isBefore(clock.instant().minus(Duration.ofDays(1)))) {
                        vn.hatang.platform.FileTrees.delete(d);
                        deleted.add(d);
                    }
                }
            }
        }
        deleted.forEach(d -> LOG.info("Đã xoá bản sao lưu cũ / old backup deleted: {}", d));
        return deleted;
    }

    static Connection connect(Source source) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", source.password());
        p.setProperty("ApplicationName", "hatang-backup");
        return DriverManager.getConnection(source.jdbcUrl(), p);
    }

    static String hatangVersion() {
        Properties p = new Properties();
        try (var in = Backups.class.getResourceAsStream("/vn/hatang/build.properties")) {
            if (in != null) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return "dev";
        }
        return p.getProperty("version", "dev");
    }
}
