package vn.hatang.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error model: every failure a client should see is an ApiException with an HTTP status, a problem type,
 * a message key (rendered in the caller's language by {@link ProblemHandler}) and, when it is about input, the field.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String type;
    private final String messageKey;
    private final Object[] args;
    private final String field;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private ApiException(int status, String type, String messageKey, String field, Throwable cause, Object... args) {
        super(messageKey + (field == null ? "" : " [" + field + "]"), cause);
        this.status = status;
        this.type = type;
        this.messageKey = messageKey;
        this.field = field;
        this.args = args;
    }

    public static ApiException invalid(String field, String messageKey, Object... args) {
        return new ApiException(400, "invalid-input", messageKey, field, null, prepend(field, args));
    }

    public static ApiException invalidCause(String field, String messageKey, Throwable cause) {
        return new ApiException(400, "invalid-input", messageKey, field, cause, field);
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(404, "not-found", "error.not_found", null, null, what, id);
    }

    public static ApiException conflict(String messageKey, Throwable cause, String field) {
        return new ApiException(409, "conflict", messageKey, field, cause, field);
    }

    /** An illegal state change, naming the rule that forbids it. */
    public static ApiException stateConflict(String messageKey, Object... args) {
        return new ApiException(409, "conflict", messageKey, null, null, args);
    }

    public static ApiException preconditionFailed(Object current) {
        return new ApiException(412, "precondition-failed", "error.stale", null, null, current);
    }

    public static ApiException of(int status, String type, String messageKey, Object... args) {
        return new ApiException(status, type, messageKey, null, null, args);
    }

    /** The same problem, keeping the failure that caused it (for the log). */
    public ApiException withCause(Throwable cause) {
        ApiException e = new ApiException(status, type, messageKey, field, cause, args);
        e.extensions.putAll(extensions);
        return e;
    }

    /** Extra members of the problem document, e.g. {@code missing_step} or a list of row errors. */
    public ApiException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    private static Object[] prepend(String first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }

    public String field() {
        return field;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
