package vn.hatang.snmp.api;

/** Base of the SNMP failures a caller can tell apart: timeout, authentication, protocol. */
public class SnmpException extends RuntimeException {
    public SnmpException(String message) {
        super(message);
    }

    public SnmpException(String message, Throwable cause) {
        super(message, cause);
    }
}
