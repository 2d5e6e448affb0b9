package vn.hatang.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Files that hold a secret (the SNMP key, the audit key, the database password): created with mode 0600, refused
 * when the group or others may read them. One rule for every key file, so {@code doctor} checks the same thing.
 */
public final class SecretFiles {
    private SecretFiles() {
    }

    /** The trimmed content of {@code file}; when absent it is created (0600) holding base64 of {@code bytes} random bytes. */
    public static String readOrCreate(Path file, int bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                byte[] k = new byte[bytes];
                new SecureRandom().nextBytes(k);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(k) + "\n");
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: read theirs
                }
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Không đọc được tệp bí mật / cannot read secret file " + file, e);
        }
    }

    /** The trimmed content of an existing secret file; refused when the group or others may read it. */
    public static String read(Path file) throws IOException {
        if (!isPrivate(file)) {
            throw new IllegalStateException("Tệp bí mật " + file + " không được để người khác đọc (chmod 600) / "
                    + "secret file must not be readable by group or others");
        }
        return Files.readString(file).trim();
    }

    /** True when neither the group nor others may read or write the file. */
    public static boolean isPrivate(Path file) throws IOException {
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
        return !(p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)
                || p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE));
    }

    /** Writes {@code content} to a new or existing file with mode 0600 (restore of keys). */
    public static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.write(file, content);
    }
}
