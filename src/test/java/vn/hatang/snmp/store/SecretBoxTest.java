package vn.hatang.snmp.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hatang.platform.config.KeyFile;

/** Verifies SNMP secrets at rest: AES-GCM with a key file the service creates readable by its owner only. */
class SecretBoxTest {
    @TempDir
    Path dir;

    /** As the service opens it: the platform's key file (created 0600 when absent). */
    private static SecretBox box(Path keyFile) {
        return new SecretBox(KeyFile.load(null, keyFile, "HATANG_SNMP_KEY"));
    }

    @Test
    void testKeyFileIsCreatedOwnerOnlyAndReusedAcrossRestarts() throws Exception {
        Path key = dir.resolve("data/snmp-secret.key");
        byte[] sealed = box(key).seal("community-xyz".getBytes(StandardCharsets.UTF_8));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("community-xyz"));
        assertArrayEquals("community-xyz".getBytes(StandardCharsets.UTF_8), box(key).open(sealed));
    }

    @Test
    void testAKeyFileOthersCanReadIsRefused() throws Exception {
        Path key = dir.resolve("snmp-secret.key");
        box(key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThrows(IllegalStateException.class, () -> box(key));
    }

    @Test
    void testAnotherKeyOrATamperedCiphertextCannotOpen() {
        SecretBox a = box(dir.resolve("a.key"));
        SecretBox b = box(dir.resolve("b.key"));
        byte[] sealed = a.seal("secret-passphrase".getBytes(StandardCharsets.UTF_8));
        assertThrows(IllegalStateException.class, () -> b.open(sealed));
        sealed[sealed.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> a.open(sealed));
    }
}
