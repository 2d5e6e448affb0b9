package vn.hatang.platform.config;

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
 * A 32-byte secret key kept outside the database: given in the environment (base64), or in a file created with mode
 * 0600 on first use. A file that group or others can read is refused, so a careless copy does not go unnoticed.
 */
public final class KeyFile {
    public static final int LENGTH = 32;

    private KeyFile() {
    }

    /**
     * @param base64 the key from the environment, or null to use the file
     * @param file   where the key lives (created when absent)
     * @param what   the variable's name, for messages ({@code HATANG_AUDIT_KEY})
     */
    public static byte[] load(String base64, Path file, String what) {
        if (base64 != null && !base64.isBlank()) {
            return decode(base64, what);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                byte[] k = new byte[LENGTH];
                new SecureRandom().nextBytes(k);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(k) + "\n");
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: read theirs
                }
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IllegalStateException("Tệp khoá " + file + " không được để người khác đọc (chmod 600) / key file "
                        + file + " must not be readable by group or others");
            }
            return decode(Files.readString(file), what + " (" + file + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("Không đọc được tệp khoá / cannot read key file " + file, e);
        }
    }

    private static byte[] decode(String base64, String what) {
        try {
            byte[] k = Base64.getDecoder().decode(base64.strip());
            if (k.length == LENGTH) {
                return k;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new IllegalArgumentException(what + " phải là base64 của 32 byte / must be base64 of 32 bytes");
    }
}
