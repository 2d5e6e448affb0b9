package vn.hatang.platform.db;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import vn.hatang.platform.http.ApiException;

/** Turns constraint violations into API errors naming the field; everything else passes through. */
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
            if ("23505".equals(state)) {
                throw ApiException.conflict("error.duplicate", e, field);
            }
            if ("23503".equals(state)) {
                throw ApiException.conflict("error.referenced", e, field);
            }
            if ("23514".equals(state)) {
                throw ApiException.invalidCause(field, "error.check", e);
            }
            throw e;
        }
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
