package vn.hatang.audit;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One row of the audit chain, as stored. {@code before} and {@code after} are JSON text, exactly as chained. */
public record AuditEntry(long seq, Instant at, String node, String actor, Long actorUserId, String tokenName,
        String authMethod, String client, String requestId, String action, String objectType, String objectId,
        Long unitId, String before, String after, String hmac) {

    public JsonObject toJson() {
        return new JsonObject().put("seq", seq).put("at", at.toString()).put("node", node).put("actor", actor)
                .put("actor_user_id", actorUserId).put("token_name", tokenName).put("auth_method", authMethod)
                .put("client", client).put("request_id", requestId).put("action", action)
                .put("object_type", objectType).put("object_id", objectId).put("unit_id", unitId)
                .put("before", before == null ? null : new JsonObject(before))
                .put("after", after == null ? null : new JsonObject(after))
                .put("hmac", hmac);
    }
}
