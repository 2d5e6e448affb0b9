package vn.hatang.audit;

import static vn.hatang.db.Tables.AUDIT_LOG;

import io.vertx.core.json.JsonObject;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.hatang.platform.http.Page;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Scope;
import vn.hatang.units.UnitRepository;

/**
 * Reading the audit: filtered, newest first, within the auditor's scope (rows about units outside it do not exist for
 * them; rows about no unit — logins, accounts — only for auditors of the whole tree). Exports as JSON Lines or
 * RFC 5424 syslog lines for a SIEM.
 */
public final class AuditLog {
    /** RFC 5612's documentation enterprise number, for the structured-data id. */
    private static final String SD_ID = "hatang@32473";

    private AuditLog() {
    }

    static Condition filter(DSLContext dsl, Scope scope, Map<String, String> f) {
        Condition c = scope.isWholeTree() ? DSL.trueCondition()
                : AUDIT_LOG.UNIT_ID.isNotNull().and(scope.covers(AUDIT_LOG.UNIT_ID));
        Input in = Input.ofStrings(f);
        if (f.get("actor") != null) {
            c = c.and(AUDIT_LOG.ACTOR.eq(f.get("actor")));
        }
        if (f.get("action") != null) {
            c = c.and(AUDIT_LOG.ACTION.eq(f.get("action")));
        }
        if (f.get("object_type") != null) {
            c = c.and(AUDIT_LOG.OBJECT_TYPE.eq(f.get("object_type")));
        }
        if (f.get("object_id") != null) {
            c = c.and(AUDIT_LOG.OBJECT_ID.eq(f.get("object_id")));
        }
        if (f.get("under") != null) {
            c = c.and(UnitRepository.under(dsl, scope, AUDIT_LOG.UNIT_ID, f.get("under")));
        }
        if (f.get("from") != null) {
            c = c.and(AUDIT_LOG.AT.ge(in.instant("from", true)));
        }
        if (f.get("to") != null) {
            c = c.and(AUDIT_LOG.AT.lt(in.instant("to", true)));
        }
        return c;
    }

    /** One page, newest first; the cursor is the last sequence number seen. */
    public static Page page(DSLContext dsl, Scope scope, Map<String, String> filters, Page.Request page) {
        long before = page.after() == 0 ? Long.MAX_VALUE : page.after();
        List<JsonObject> rows = new ArrayList<>();
        var found = dsl.selectFrom(AUDIT_LOG).where(filter(dsl, scope, filters)).and(AUDIT_LOG.SEQ.lt(before))
                .orderBy(AUDIT_LOG.SEQ.desc()).limit(page.limit() + 1).fetch();
        for (int i = 0; i < Math.min(page.limit(), found.size()); i++) {
            rows.add(AuditVerifier.entry(found.get(i)).toJson());
        }
        return new Page(rows, found.size() > page.limit() ? Page.cursor(found.get(page.limit() - 1).getSeq()) : null);
    }

    /** Every matching row, oldest first, to {@code out} as JSON Lines or syslog lines. */
    public static void export(DSLContext dsl, Scope scope, Map<String, String> filters, String format,
            Consumer<String> out) {
        try (var cursor = dsl.selectFrom(AUDIT_LOG).where(filter(dsl, scope, filters)).orderBy(AUDIT_LOG.SEQ)
                .fetchSize(1000).fetchLazy()) {
            for (var r : cursor) {
                AuditEntry e = AuditVerifier.entry(r);
                out.accept("syslog".equals(format) ? syslog(e) : e.toJson().encode());
            }
        }
    }

    /**
     * RFC 5424: facility authpriv (10), severity notice (5) → PRI 85; the row's fields as structured data, the
     * before/after JSON as the message.
     */
    static String syslog(AuditEntry e) {
        String ts = DateTimeFormatter.ISO_INSTANT.format(e.at());
        StringBuilder sd = new StringBuilder("[").append(SD_ID);
        param(sd, "seq", String.valueOf(e.seq()));
        param(sd, "actor", e.actor());
        param(sd, "token", e.tokenName());
        param(sd, "method", e.authMethod());
        param(sd, "client", e.client());
        param(sd, "request", e.requestId());
        param(sd, "action", e.action());
        param(sd, "object", e.objectType() == null ? null : e.objectType() + "/" + e.objectId());
        param(sd, "unit", e.unitId() == null ? null : String.valueOf(e.unitId()));
        param(sd, "hmac", e.hmac());
        sd.append(']');
        JsonObject msg = new JsonObject().put("before", e.before() == null ? null : new JsonObject(e.before()))
                .put("after", e.after() == null ? null : new JsonObject(e.after()));
        return "<85>1 " + ts + " " + token(e.node()) + " hatang - audit " + sd + " " + msg.encode();
    }

    private static void param(StringBuilder sd, String name, String value) {
        if (value != null) {
            sd.append(' ').append(name).append("=\"")
                    .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]")).append('"');
        }
    }

    /** A syslog header field: printable ASCII without spaces, at most 255 characters, or the nil value. */
    private static String token(String s) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        String t = s.replaceAll("[^!-~]", "_");
        return t.length() > 255 ? t.substring(0, 255) : t;
    }
}
