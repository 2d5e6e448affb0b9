package vn.hatang.snmp.api;

/** The agent answered, but not usefully: an error-status, a malformed PDU, or a walk that breaks the rules. */
public class SnmpProtocolException extends SnmpException {
    public SnmpProtocolException(String message) {
        super(message);
    }

    public SnmpProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
