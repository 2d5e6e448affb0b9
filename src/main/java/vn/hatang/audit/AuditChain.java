package vn.hatang.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The chain rule: {@code hmac(n) = HMAC-SHA-256(key, hmac(n-1) ‖ fields of row n)}, each field length-prefixed so no
 * two different rows encode alike. Changing, removing or inserting a row breaks every later link.
 */
public final class AuditChain {
    private final SecretKeySpec key;

    public AuditChain(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String link(String previous, AuditEntry e) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (Object field : new Object[] {previous, e.seq(), e.at().toString(), e.node(), e.actor(), e.actorUserId(),
                    e.tokenName(), e.authMethod(), e.client(), e.requestId(), e.action(), e.objectType(), e.objectId(),
                    e.unitId(), e.before(), e.after()}) {
                if (field == null) {
                    mac.update((byte) 'N');
                } else {
                    byte[] b = field.toString().getBytes(StandardCharsets.UTF_8);
                    mac.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                    mac.update(b);
                }
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 unavailable", ex);
        }
    }
}
