package vn.hatang.ops.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A physical backup of a running PostgreSQL through its low-level API, as PostgreSQL's manual describes it
 * ("Making a Base Backup Using the Low Level API"): {@code pg_backup_start}, a copy of the data directory,
 * {@code pg_backup_stop}, whose {@code backup_label} goes into the copy, and the WAL from the start to the stop
 * location in {@code pg_wal/} — what {@code pg_basebackup -X fetch} produces. A temporary replication slot keeps that
 * WAL from being recycled while the files are copied. The result starts like any crashed server: it replays the WAL
 * up to the end of the backup and no further, so writes made after the backup are not in it.
 */
final class BaseBackup {
    /** Contents the manual says to leave out: recreated by the server, or meaningless in a copy. */
    private static final Set<String> EMPTIED_DIRS = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "tablespace_map", "epg-lock");

    record Result(String startLsn, String stopLsn, String serverVersion, String sha256, long bytes) {
    }

    private BaseBackup() {
    }

    static Result take(Connection c, Path pgDir, Path zipFile, String label) throws SQLException, IOException {
        try (var st = c.createStatement()) {
            // Temporary: dropped with this session, so an interrupted backup never pins WAL for ever.
            st.execute("SELECT pg_create_physical_replication_slot('hatang_backup_' || pg_backend_pid(), true, true)");
        }
        String start;
        String serverVersion;
        try (var ps = c.prepareStatement("SELECT pg_backup_start(?, true)::text, current_setting('server_version')")) {
            ps.setString(1, label);
            try (var rs = ps.executeQuery()) {
                rs.next();
                start = rs.getString(1);
                serverVersion = rs.getString(2);
            }
        }
        MessageDigest sha = sha256();
        String stop;
        try (OutputStream file = Files.newOutputStream(zipFile);
             DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha);
             ZipOutputStream zip = new ZipOutputStream(digest)) {
            zip.setLevel(Deflater.BEST_SPEED);
            String labelFile;
            String spcmap;
            try {
                copyTree(pgDir, zip);
            } finally {
                try (var st = c.createStatement();
                     var rs = st.executeQuery("SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                    rs.next();
                    stop = rs.getString(1);
                    labelFile = rs.getString(2);
                    spcmap = rs.getString(3);
                }
            }
            put(zip, "backup_label", labelFile.getBytes(StandardCharsets.UTF_8));
            if (spcmap != null && !spcmap.isEmpty()) {
                put(zip, "tablespace_map", spcmap.getBytes(StandardCharsets.UTF_8));
            }
            copyWal(c, pgDir.resolve("pg_wal"), start, stop, zip);
        }
        return new Result(start, stop, serverVersion, HexFormat.of().formatHex(sha.digest()), Files.size(zipFile));
    }

    private static void copyTree(Path pgDir, ZipOutputStream zip) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(pgDir)) {
            all = walk.sorted().toList();
        }
        for (Path p : all) {
            Path rel = pgDir.relativize(p);
            if (rel.toString().isEmpty() || skipped(rel)) {
                continue;
            }
            String name = rel.toString().replace('\\', '/');
            if (Files.isDirectory(p)) {
                zip.putNextEntry(new ZipEntry(name + "/"));
                zip.closeEntry();
                continue;
            }
            try (InputStream in = Files.newInputStream(p)) {
                zip.putNextEntry(new ZipEntry(name));
                in.transferTo(zip);
                zip.closeEntry();
            } catch (NoSuchFileException dropped) {
                // a relation dropped during the copy: the WAL replay knows it is gone
                zip.closeEntry();
            }
        }
    }

    private static boolean skipped(Path rel) {
        String first = rel.getName(0).toString();
        if (rel.getNameCount() == 1 && SKIPPED_FILES.contains(first)) {
            return true;
        }
        if (rel.getNameCount() > 1 && EMPTIED_DIRS.contains(first)) {
            return true;
        }
        for (Path part : rel) {
            if (part.toString().startsWith("pgsql_tmp")) {
                return true;
            }
        }
        return false;
    }

    /** The segments from the start to the stop location (names compare in WAL order) and every timeline history. */
    private static void copyWal(Connection c, Path walDir, String start, String stop, ZipOutputStream zip)
            throws SQLException, IOException {
        String first;
        String last;
        try (var ps = c.prepareStatement("SELECT pg_walfile_name(?::pg_lsn), pg_walfile_name(?::pg_lsn)")) {
            ps.setString(1, start);
            ps.setString(2, stop);
            try (var rs = ps.executeQuery()) {
                rs.next();
                first = rs.getString(1);
                last = rs.getString(2);
            }
        }
        List<Path> wal;
        try (Stream<Path> files = Files.list(walDir)) {
            wal = files.sorted().toList();
        }
        int copied = 0;
        for (Path f : wal) {
            String n = f.getFileName().toString();
            boolean segment = n.matches("[0-9A-F]{24}") && n.compareTo(first) >= 0 && n.compareTo(last) <= 0;
            if (segment || n.matches("[0-9A-F]{8}\\.history")) {
                try (InputStream in = Files.newInputStream(f)) {
                    zip.putNextEntry(new ZipEntry("pg_wal/" + n));
                    in.transferTo(zip);
                    zip.closeEntry();
                }
                copied += segment ? 1 : 0;
            }
        }
        if (copied == 0) {
            throw new IOException("WAL " + first + "…" + last + " không còn trong pg_wal / no longer in pg_wal");
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /** Extracts a backup's {@code data.zip} into {@code pgDir} (created 0700, as PostgreSQL requires). */
    static void extract(Path zipFile, Path pgDir) throws IOException {
        Files.createDirectories(pgDir);
        Files.setPosixFilePermissions(pgDir, PosixFilePermissions.fromString("rwx------"));
        Path root = pgDir.toAbsolutePath().normalize();
        try (ZipInputStream zip = new ZipInputStream(new java.io.BufferedInputStream(Files.newInputStream(zipFile), 1 << 16))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("Mục lạ trong bản sao lưu / unexpected entry in backup: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
