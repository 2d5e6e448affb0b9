package vn.hatang.platform.db;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import vn.hatang.platform.http.ApiException;

/**
 * Turns what the database refuses into API errors: constraint violations name the field, values PostgreSQL cannot
 * hold are bad input, a conflict that survived the retries is a 409, and a database that cannot answer (down,
 * restarting, paused past the pool's short wait, out of disk) is a 503 with {@code Retry-After}. Everything else
 * passes through (a 500 the problem handler logs).
 */
public final class DbErrors {
    /** Seconds a client is told to wait when the database is unavailable: about one supervisor restart. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DbErrors() {
    }

    /**
     * The 503 problem for a failure caused by the database being unavailable, or null for any other failure.
     * SQLSTATE classes 08 (connection), 57P01–57P03 (shut down, crashed, starting) and 53 (insufficient resources;
     * 53100 is a full disk), and the pool's own time-out waiting for a connection.
     */
    public static ApiException unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return unavailableProblem("database-unavailable", "error.database_unavailable", t);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if ("53100".equals(state)) {
                    return unavailableProblem("database-disk-full", "error.database_disk_full", t);
                }
                if (state.startsWith("08") || state.startsWith("53") || state.matches("57P0[123]")) {
                    return unavailableProblem("database-unavailable", "error.database_unavailable", t);
                }
            }
        }
        return null;
    }

    private static ApiException unavailableProblem(String type, String key, Throwable cause) {
        return ApiException.of(503, type, key).withCause(cause).with("retry_after", RETRY_AFTER_SECONDS);
    }

    public static <T> T translate(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            ApiException down = unavailable(e);
            if (down != null) {
                throw down;
            }
            SQLException sql = e.getCause(SQLException.class);
            var server = sql instanceof PSQLException p ? p.getServerErrorMessage() : null;
            String state = sql == null ? null : sql.getSQLState();
            String field = server == null ? null : fieldOf(server.getTable(), server.getConstraint());
            if (state == null) {
                throw e;
            }
            switch (state) {
                case "23505" -> throw ApiException.conflict("error.duplicate", e, field);
                case "23503" -> throw ApiException.conflict("error.referenced", e, field);
                case "23514" -> throw ApiException.invalidCause(field, "error.check", e);
                case "23502" -> throw ApiException.invalidCause(server == null ? null : server.getColumn(),
                        "error.required_cause", e);
                // invalid byte sequence (NUL), datetime or numeric out of range, value too long: input the checks
                // before the database should have caught; never a 500.
                case "22021", "22P05", "22008", "22003", "22001", "22007", "22P02" ->
                        throw ApiException.invalidCause(field != null ? field : server != null && server.getColumn()
                                != null ? server.getColumn() : "?", "error.db_value", e);
                default -> throw e;
            }
        }
    }

    /** A transaction that kept meeting deadlocks or serialization failures: the client may try again. */
    static RuntimeException afterRetries(DataAccessException e) {
        SQLException sql = e.getCause(SQLException.class);
        String state = sql == null ? null : sql.getSQLState();
        if ("40001".equals(state) || "40P01".equals(state)) {
            return ApiException.conflict("error.concurrent_change", e, null);
        }
        return e;
    }

    /** {@code device_serial_key} on table {@code device} → {@code serial}: constraints are named table_field_suffix. */
    static String fieldOf(String table, String constraint) {
        if (constraint == null) {
            return null;
        }
        String name = constraint.replaceFirst("_(key|fkey|check|pkey)$", "");
        if (table != null && name.startsWith(table + "_")) {
            name = name.substring(table.length() + 1);
        }
        return name;
    }
}
