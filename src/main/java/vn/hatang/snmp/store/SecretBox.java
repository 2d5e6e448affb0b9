package vn.hatang.snmp.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for SNMP secrets at rest. Ciphertext layout: version (1) | nonce (12) | ciphertext + tag (16).
 * The key comes from configuration (base64, 32 bytes) or from a key file that is created with mode 0600.
 */
public final class SecretBox {
    private static final byte VERSION = 1;
    private static final byte[] AAD = "hatang.snmp_profile".getBytes(StandardCharsets.US_ASCII);
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("Khoá mã hoá SNMP phải dài 32 byte / SNMP secret key must be 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** From a base64 key (HATANG_SNMP_KEY). */
    public static SecretBox fromBase64(String base64) {
        try {
            return new SecretBox(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HATANG_SNMP_KEY phải là base64 của 32 byte / must be base64 of 32 bytes",
                    e);
        }
    }

    /** Reads the key file, creating it (mode 0600, random key) when absent. Refuses a file others can read. */
    public static SecretBox fromKeyFile(Path file) {
        return fromBase64(vn.hatang.platform.SecretFiles.readOrCreate(file, 32));
    }

    public byte[] seal(byte[] plain) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(AAD);
            byte[] ct = c.doFinal(plain);
            return ByteBuffer.allocate(1 + nonce.length + ct.length).put(VERSION).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public byte[] open(byte[] sealed) {
        if (sealed.length < 1 + 12 + 16 || sealed[0] != VERSION) {
            throw new IllegalArgumentException("Bí mật SNMP hỏng / corrupt SNMP secret");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 1, 12));
            c.updateAAD(AAD);
            return c.doFinal(sealed, 13, sealed.length - 13);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Không giải mã được bí mật SNMP (sai khoá?) / cannot decrypt SNMP secret"
                    + " (wrong key?)", e);
        }
    }
}
