package vn.hatang.snmp.snmp4j;

import java.util.Map;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.PduHandle;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.OID;
import vn.hatang.snmp.api.SnmpAuthException;

/**
 * An agent that cannot verify our digest (wrong passphrase or protocol) answers with an unauthenticated report
 * (usmStatsWrongDigests, usmStatsDecryptionErrors, usmStatsUnsupportedSecLevels). SNMP4J rightly refuses to
 * treat such a report as the response (RFC 3412 §7.2.11.b), so the request would end as a timeout. We let SNMP4J
 * handle the report first (engine discovery, time sync), then fail the caller's request with an auth error: a
 * spoofed report can at worst make one poll fail early, which a spoofer could achieve by dropping packets anyway.
 */
final class AuthFailureReports implements Snmp.ReportHandler {
    private final Snmp.ReportHandler delegate;
    private final Map<Integer, Snmp4jClient.Listener> pending;

    AuthFailureReports(Snmp.ReportHandler delegate, Map<Integer, Snmp4jClient.Listener> pending) {
        this.delegate = delegate;
        this.pending = pending;
    }

    @Override
    public <A extends org.snmp4j.smi.Address> void processReport(PduHandle handle, CommandResponderEvent<A> event) {
        delegate.processReport(handle, event);
        PDU report = event.getPDU();
        if (handle == null || report == null || report.size() == 0
                || event.getSecurityLevel() != SecurityLevel.NOAUTH_NOPRIV) {
            return;
        }
        String reason = reason(report.get(0).getOid());
        if (reason == null) {
            return;
        }
        Snmp4jClient.Listener listener = pending.get(handle.getTransactionID());
        if (listener != null) {
            listener.fail(new SnmpAuthException(reason, "Thiết bị từ chối thông tin xác thực SNMPv3 (" + reason
                    + ") / agent rejected SNMPv3 credentials: " + reason + " (" + listener.target() + ")"));
        }
    }

    private static String reason(OID oid) {
        if (oid.startsWith(SnmpConstants.usmStatsWrongDigests)) {
            return "wrongDigests";
        }
        if (oid.startsWith(SnmpConstants.usmStatsDecryptionErrors)) {
            return "decryptionErrors";
        }
        if (oid.startsWith(SnmpConstants.usmStatsUnsupportedSecLevels)) {
            return "unsupportedSecLevels";
        }
        return null;
    }
}
