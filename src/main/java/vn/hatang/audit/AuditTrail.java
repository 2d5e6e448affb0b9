package vn.hatang.audit;

import static vn.hatang.db.Tables.AUDIT_CHANGE;
import static vn.hatang.db.Tables.AUDIT_HEAD;
import static vn.hatang.db.Tables.AUDIT_LOG;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import vn.hatang.db.tables.records.AuditChangeRecord;
import vn.hatang.platform.db.Db;
import vn.hatang.security.Actor;
import vn.hatang.security.Scope;

/**
 * Writes the audit inside the transaction it records. {@link #opened} tells the database who acts (triggers refuse a
 * change of an audited table without an actor, and capture each change); {@link #closing} turns the captured
 * changes into one chained row just before commit. A transaction that fails leaves nothing.
 */
public final class AuditTrail implements Db.TransactionHook {
    /** Columns whose values never enter the audit (hashes, sealed secrets). */
    private static final Set<String> MASKED = Set.of("password_hash", "token_hash", "secret", "community",
            "auth_passphrase", "priv_passphrase", "csrf_token");
    /** Rows described one by one in a single audit row; a larger change keeps the count of the rest. */
    static final int MAX_DETAILED = 500;
    private static final Field<Long> CURRENT_TX = DSL.field("txid_current()", Long.class);

    private final AuditChain chain;
    private final Clock clock;
    private final String node;

    public AuditTrail(AuditChain chain, Clock clock, String node) {
        this.chain = chain;
        this.clock = clock;
        this.node = node;
    }

    @Override
    public void opened(DSLContext tx, Actor actor) {
        tx.select(DSL.field("set_config('hatang.actor', {0}, true)", String.class, DSL.val(actor.display())),
                DSL.field("set_config('hatang.audit_detail', 'rows', true)", String.class)).fetch();
    }

    @Override
    public void closing(DSLContext tx, Scope scope) {
        List<AuditChangeRecord> changes = tx.deleteFrom(AUDIT_CHANGE).where(AUDIT_CHANGE.TX.eq(CURRENT_TX))
                .returning().fetch().sortAsc(AUDIT_CHANGE.N);
        if (changes.isEmpty()) {
            return;
        }
        JsonObject before = new JsonObject();
        JsonObject after = new JsonObject();
        Long unit = null;
        for (int i = 0; i < changes.size(); i++) {
            AuditChangeRecord c = changes.get(i);
            if (unit == null) {
                unit = c.getUnitId();
            }
            if (i >= MAX_DETAILED) {
                after.put("_more_rows", changes.size() - MAX_DETAILED);
                break;
            }
            String key = c.getTableName() + ":" + c.getRowId();
            if (c.getOldRow() != null) {
                before.put(key, masked(c.getOldRow()));
            }
            if (c.getNewRow() != null) {
                after.put(key, masked(c.getNewRow()));
            }
        }
        AuditChangeRecord first = changes.get(0);
        append(tx, scope, scope.actor().operation(), first.getTableName(), first.getRowId(), unit, before, after);
    }

    /**
     * An event that changes no audited row but must be on record (a login, a failed login, an export of personal
     * data, a request that changed nothing), in the caller's transaction.
     */
    public void record(DSLContext tx, Scope scope, String action, String objectType, String objectId, Long unitId,
            JsonObject before, JsonObject after) {
        append(tx, scope, action, objectType, objectId, unitId, before, after);
    }

    /**
     * For bulk work (inventory imports): triggers still insist on an actor but capture nothing per row; the caller
     * records one summary row with {@link #record}.
     */
    public static void summaryOnly(DSLContext tx) {
        tx.select(DSL.field("set_config('hatang.audit_detail', 'summary', true)", String.class)).fetch();
    }

    private void append(DSLContext tx, Scope scope, String action, String objectType, String objectId, Long unitId,
            JsonObject before, JsonObject after) {
        // Locking the head row serialises writers from here to commit: the chain follows commit order.
        var head = tx.update(AUDIT_HEAD).set(AUDIT_HEAD.SEQ, AUDIT_HEAD.SEQ.plus(1)).where(AUDIT_HEAD.ID.eq(1))
                .returning(AUDIT_HEAD.SEQ, AUDIT_HEAD.HMAC).fetchOne();
        Actor a = scope.actor();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditEntry e = new AuditEntry(head.getSeq(), at, node, a.name(), a.userId(), a.tokenName(), a.method(),
                a.client(), a.requestId(), action == null ? "unknown" : action, objectType, objectId, unitId,
                before == null || before.isEmpty() ? null : before.encode(),
                after == null || after.isEmpty() ? null : after.encode(), null);
        String hmac = chain.link(head.getHmac(), e);
        // The row and the head's new link in one statement (one round trip fewer on every write).
        var row = tx.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.SEQ, e.seq()).set(AUDIT_LOG.AT, e.at()).set(AUDIT_LOG.NODE, e.node())
                .set(AUDIT_LOG.ACTOR, e.actor()).set(AUDIT_LOG.ACTOR_USER_ID, e.actorUserId())
                .set(AUDIT_LOG.TOKEN_NAME, e.tokenName()).set(AUDIT_LOG.AUTH_METHOD, e.authMethod())
                .set(AUDIT_LOG.CLIENT, e.client()).set(AUDIT_LOG.REQUEST_ID, e.requestId())
                .set(AUDIT_LOG.ACTION, e.action()).set(AUDIT_LOG.OBJECT_TYPE, e.objectType())
                .set(AUDIT_LOG.OBJECT_ID, e.objectId()).set(AUDIT_LOG.UNIT_ID, e.unitId())
                .set(AUDIT_LOG.BEFORE, e.before()).set(AUDIT_LOG.AFTER, e.after()).set(AUDIT_LOG.HMAC, hmac)
                .returning(AUDIT_LOG.SEQ);
        tx.with("appended").as(row).update(AUDIT_HEAD).set(AUDIT_HEAD.HMAC, hmac).where(AUDIT_HEAD.ID.eq(1)).execute();
        scope.countAuditRow();
    }

    private static JsonObject masked(JSONB row) {
        JsonObject o = new JsonObject(row.data());
        for (String k : MASKED) {
            if (o.getValue(k) != null) {
                o.put(k, "***");
            }
        }
        return o;
    }
}
