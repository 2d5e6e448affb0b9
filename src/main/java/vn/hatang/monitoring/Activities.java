package vn.hatang.monitoring;

import static vn.hatang.db.Tables.ACTIVITY;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * When each recurring job last succeeded, kept in the database so that it survives restarts. Call {@link #succeeded}
 * inside the job's own transaction: the mark is written if and only if the job's work is committed.
 */
public final class Activities {
    /** The inventory import (CLI or {@code POST /imports}) applied its changes. */
    public static final String IMPORT = "import";
    /** A report (coverage, shortfall, monthly) was produced. */
    public static final String REPORT = "report";

    private Activities() {
    }

    public static void succeeded(DSLContext dsl, String kind, String detail) {
        Instant now = Instant.now();
        String d = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
        dsl.insertInto(ACTIVITY).set(ACTIVITY.KIND, kind).set(ACTIVITY.LAST_SUCCESS_AT, now).set(ACTIVITY.DETAIL, d)
                .onConflict(ACTIVITY.KIND).doUpdate()
                .set(ACTIVITY.LAST_SUCCESS_AT, now).set(ACTIVITY.DETAIL, d)
                .execute();
    }

    public static Map<String, Instant> lastSuccesses(DSLContext dsl) {
        return dsl.select(ACTIVITY.KIND, ACTIVITY.LAST_SUCCESS_AT).from(ACTIVITY).fetch().stream()
                .collect(Collectors.toMap(r -> r.value1(), r -> r.value2()));
    }
}
