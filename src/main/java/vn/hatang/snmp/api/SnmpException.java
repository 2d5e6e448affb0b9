package vn.hatang.snmp.api;

/** Base of the SNMP failures a caller can tell apart: timeout, authentication, protocol. */
public class SnmpException extends RuntimeException {
    public SnmpException(String message) {
        super(message);
    }

    public SnmpException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The failure behind a future's error: the client's futures complete with the SNMP exception itself, but a stage
     * chained after them sees it wrapped in a {@link java.util.concurrent.CompletionException}. Null stays null.
     */
    public static Throwable cause(Throwable err) {
        return err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
    }
}
