package vn.hatang.platform.db;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import vn.hatang.platform.http.ApiException;

/**
 * Turns what the database refuses into API errors: constraint violations name the field, values PostgreSQL cannot
 * hold are bad input, and a conflict that survived the retries is a 409. Everything else passes through (a 500 the
 * problem handler logs).
 */
public final class DbErrors {
    private DbErrors() {
    }

    public static <T> T translate(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
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
