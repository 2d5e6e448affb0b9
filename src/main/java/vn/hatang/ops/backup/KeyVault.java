package vn.hatang.ops.backup;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key files of a backup taken with {@code --with-keys}, sealed with a passphrase: PBKDF2-HMAC-SHA256
 * (600,000 iterations, OWASP's 2023 figure; 16-byte random salt) derives an AES-256 key; AES-GCM (12-byte random
 * nonce, 128-bit tag) encrypts a JSON object {file name: base64 content}. The backup's id is authenticated data, so
 * a keys file cannot be moved to another backup unnoticed. All from the JDK.
 */
public final class KeyVault {
    static final int ITERATIONS = 600_000;
    private static final String KDF = "PBKDF2WithHmacSHA256";

    private KeyVault() {
    }

    public static JsonObject seal(Map<String, byte[]> files, char[] passphrase, String backupId) {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        byte[] nonce = new byte[12];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        JsonObject plain = new JsonObject();
        new TreeMap<>(files).forEach((name, bytes) -> plain.put(name, Base64.getEncoder().encodeToString(bytes)));
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(passphrase, salt, ITERATIONS), new GCMParameterSpec(128, nonce));
            c.updateAAD(backupId.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plain.encode().getBytes(StandardCharsets.UTF_8));
            return new JsonObject().put("kdf", KDF).put("iterations", ITERATIONS)
                    .put("salt", b64(salt)).put("cipher", "AES-256-GCM").put("nonce", b64(nonce))
                    .put("ciphertext", b64(ct));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM / PBKDF2 unavailable", e);
        }
    }

    /** The key files; a wrong passphrase (or a keys file of another backup) is refused. */
    public static Map<String, byte[]> open(JsonObject sealed, char[] passphrase, String backupId) {
        if (!KDF.equals(sealed.getString("kdf")) || !"AES-256-GCM".equals(sealed.getString("cipher"))) {
            throw new IllegalArgumentException("Tệp khoá sao lưu không đúng định dạng / unknown keys file format");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(passphrase, unb64(sealed.getString("salt")), sealed.getInteger("iterations")),
                    new GCMParameterSpec(128, unb64(sealed.getString("nonce"))));
            c.updateAAD(backupId.getBytes(StandardCharsets.UTF_8));
            JsonObject plain = new JsonObject(new String(c.doFinal(unb64(sealed.getString("ciphertext"))),
                    StandardCharsets.UTF_8));
            Map<String, byte[]> files = new TreeMap<>();
            plain.forEach(e -> files.put(e.getKey(), unb64((String) e.getValue())));
            return files;
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("Sai cụm mật khẩu của khoá sao lưu / wrong passphrase for the backup keys");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM / PBKDF2 unavailable", e);
        }
    }

    private static SecretKeySpec key(char[] passphrase, byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        try {
            return new SecretKeySpec(SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded(), "AES");
        } finally {
            spec.clearPassword();
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static byte[] unb64(String s) {
        return Base64.getDecoder().decode(s);
    }
}
