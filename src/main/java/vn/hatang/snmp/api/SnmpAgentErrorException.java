package vn.hatang.snmp.api;

/**
 * The agent answered, with an error-status instead of values (RFC 3416 §4.2: genError, noAccess,
 * authorizationError, resourceUnavailable…): the request reached it, but it would not give what was asked.
 */
public class SnmpAgentErrorException extends SnmpProtocolException {
    private final int errorStatus;
    private final int errorIndex;

    public SnmpAgentErrorException(String message, int errorStatus, int errorIndex) {
        super(message);
        this.errorStatus = errorStatus;
        this.errorIndex = errorIndex;
    }

    public int errorStatus() {
        return errorStatus;
    }

    /** The varbind the agent blames, counted from 1 (0: none named). */
    public int errorIndex() {
        return errorIndex;
    }
}
