package vn.hatang.ops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The passphrase that seals a backup's keys: from {@code --passphrase-file} (first line), else
 * {@code HATANG_BACKUP_PASSPHRASE}, else typed at the terminal (twice when it seals). Never a command-line argument,
 * which any local user could read in the process list.
 */
final class Passphrase {
    static final int MIN_LENGTH = 12;

    private Passphrase() {
    }

    static char[] read(Path file, Map<String, String> env, boolean confirm) throws IOException {
        char[] p;
        if (file != null) {
            p = Files.readAllLines(file).stream().findFirst().orElse("").toCharArray();
        } else if (env.get("HATANG_BACKUP_PASSPHRASE") != null) {
            p = env.get("HATANG_BACKUP_PASSPHRASE").toCharArray();
        } else if (System.console() != null) {
            p = System.console().readPassword("Cụm mật khẩu / passphrase: ");
            if (confirm && !Arrays.equals(p, System.console().readPassword("Nhập lại / again: "))) {
                throw new IllegalArgumentException("Hai lần nhập không khớp / the two entries differ");
            }
        } else {
            throw new IllegalArgumentException("Cần cụm mật khẩu: --passphrase-file FILE hoặc HATANG_BACKUP_PASSPHRASE / "
                    + "a passphrase is needed: --passphrase-file FILE or HATANG_BACKUP_PASSPHRASE");
        }
        if (confirm && p.length < MIN_LENGTH) {
            throw new IllegalArgumentException("Cụm mật khẩu phải dài ít nhất " + MIN_LENGTH + " ký tự / the passphrase "
                    + "must have at least " + MIN_LENGTH + " characters");
        }
        return p;
    }
}
