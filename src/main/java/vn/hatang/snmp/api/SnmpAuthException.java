package vn.hatang.snmp.api;

/** The agent rejected our SNMPv3 credentials (unknown user, wrong digest, decryption error, unsupported level). */
public class SnmpAuthException extends SnmpException {
    private final String reason;

    public SnmpAuthException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Short machine-readable reason, e.g. "wrongDigests", "unknownUserNames". */
    public String reason() {
        return reason;
    }
}
