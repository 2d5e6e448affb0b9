package vn.hatang.snmp.api;

/**
 * The agent answered, with an error-status instead of values (RFC 3416 §4.2: genError, noAccess,
 * authorizationError, resourceUnavailable…): the request reached it, but it would not give what was asked.
 */
public class SnmpAgentErrorException extends SnmpProtocolException {
    public SnmpAgentErrorException(String message) {
        super(message);
    }
}
