package vn.hatang.snmp.api;

/** No answer within timeout × (retries + 1): the agent is down, unreachable, or (v2c) the community is wrong. */
public class SnmpTimeoutException extends SnmpException {
    public SnmpTimeoutException(String message) {
        super(message);
    }
}
