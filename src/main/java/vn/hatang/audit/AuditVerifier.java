package vn.hatang.audit;

import static vn.hatang.db.Tables.AUDIT_HEAD;
import static vn.hatang.db.Tables.AUDIT_LOG;

import org.jooq.DSLContext;
import vn.hatang.db.tables.records.AuditLogRecord;

/**
 * Walks the chain and recomputes every link. A row edited, deleted or inserted (by anyone, even with the database
 * password) shows as the first sequence number whose link does not hold.
 */
public final class AuditVerifier {
    /** The outcome: {@code firstBad} is null when the chain is intact. */
    public record Result(long checked, long headSeq, Long firstBad, String reason) {
        public boolean ok() {
            return firstBad == null;
        }
    }

    private final AuditChain chain;

    public AuditVerifier(AuditChain chain) {
        this.chain = chain;
    }

    /** The whole chain. */
    public Result verify(DSLContext dsl) {
        return verifyFrom(dsl, 1);
    }

    /** The last {@code rows} rows and the head (the check the service runs when it starts). */
    public Result verifyTail(DSLContext dsl, long rows) {
        long head = dsl.select(AUDIT_HEAD.SEQ).from(AUDIT_HEAD).where(AUDIT_HEAD.ID.eq(1)).fetchOne(AUDIT_HEAD.SEQ);
        return verifyFrom(dsl, Math.max(1, head - rows + 1));
    }

    private Result verifyFrom(DSLContext dsl, long fromSeq) {
        var head = dsl.selectFrom(AUDIT_HEAD).where(AUDIT_HEAD.ID.eq(1)).fetchOne();
        String previous = "";
        if (fromSeq > 1) {
            AuditLogRecord before = dsl.selectFrom(AUDIT_LOG).where(AUDIT_LOG.SEQ.eq(fromSeq - 1)).fetchOne();
            if (before == null) {
                return new Result(0, head.getSeq(), fromSeq - 1, "missing");
            }
            previous = before.getHmac();
        }
        long expected = fromSeq;
        long checked = 0;
        try (var cursor = dsl.selectFrom(AUDIT_LOG).where(AUDIT_LOG.SEQ.ge(fromSeq)).orderBy(AUDIT_LOG.SEQ)
                .fetchSize(1000).fetchLazy()) {
            for (AuditLogRecord r : cursor) {
                if (r.getSeq() != expected) {
                    return new Result(checked, head.getSeq(), expected, "missing");
                }
                if (!chain.link(previous, entry(r)).equals(r.getHmac())) {
                    return new Result(checked, head.getSeq(), r.getSeq(), "altered");
                }
                previous = r.getHmac();
                expected++;
                checked++;
            }
        }
        if (expected - 1 != head.getSeq() || !previous.equals(head.getHmac())) {
            // Rows past the last link, or the tip moved back: the head no longer matches the chain.
            return new Result(checked, head.getSeq(), expected - 1 < head.getSeq() ? expected : head.getSeq() + 1,
                    "head");
        }
        return new Result(checked, head.getSeq(), null, null);
    }

    static AuditEntry entry(AuditLogRecord r) {
        return new AuditEntry(r.getSeq(), r.getAt(), r.getNode(), r.getActor(), r.getActorUserId(), r.getTokenName(),
                r.getAuthMethod(), r.getClient(), r.getRequestId(), r.getAction(), r.getObjectType(),
                r.getObjectId(), r.getUnitId(), r.getBefore(), r.getAfter(), r.getHmac());
    }
}
