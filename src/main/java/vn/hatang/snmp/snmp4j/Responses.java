package vn.hatang.snmp.snmp4j;

import java.util.ArrayList;
import java.util.List;
import org.snmp4j.PDU;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Opaque;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import vn.hatang.snmp.api.Oid;
import vn.hatang.snmp.api.SnmpAgentErrorException;
import vn.hatang.snmp.api.SnmpAuthException;
import vn.hatang.snmp.api.SnmpProtocolException;
import vn.hatang.snmp.api.SnmpTarget;
import vn.hatang.snmp.api.SnmpTimeoutException;
import vn.hatang.snmp.api.SnmpValue;
import vn.hatang.snmp.api.VarBind;

/** Turns an SNMP4J response event into our varbinds or one of our exceptions. */
final class Responses {
    /** usmStats (RFC 3414) and snmpUnknownContexts/snmpUnavailableContexts (RFC 3412) report counters. */
    private static final int[] USM_STATS = {1, 3, 6, 1, 6, 3, 15, 1, 1};
    private static final int[] MPD_STATS = {1, 3, 6, 1, 6, 3, 11, 2, 1};
    private static final int[] TARGET_STATS = {1, 3, 6, 1, 6, 3, 12, 1};

    private Responses() {
    }

    static List<VarBind> varBinds(ResponseEvent<?> event, SnmpTarget target) {
        if (event.getError() != null) {
            Exception e = event.getError();
            throw new SnmpProtocolException("Lỗi SNMP / SNMP error from " + target + ": " + e.getMessage(), e);
        }
        PDU response = event.getResponse();
        if (response == null) {
            throw new SnmpTimeoutException("Thiết bị không trả lời / no answer from " + target + " within "
                    + target.timeoutMillis() + " ms × " + (target.retries() + 1) + " attempts");
        }
        if (response.getType() == PDU.REPORT) {
            throw report(response, target);
        }
        if (response.getErrorStatus() != PDU.noError) {
            throw new SnmpAgentErrorException("Thiết bị báo lỗi / agent returned error " + response.getErrorStatusText()
                    + " (" + response.getErrorStatus() + ") at varbind " + response.getErrorIndex() + " (" + target + ")");
        }
        List<? extends VariableBinding> in = response.getVariableBindings();
        List<VarBind> out = new ArrayList<>(in.size());
        for (VariableBinding vb : in) {
            out.add(new VarBind(Oid.wrap(vb.getOid().getValue()), value(vb.getVariable())));
        }
        return out;
    }

    private static RuntimeException report(PDU response, SnmpTarget target) {
        if (response.size() == 0) {
            return new SnmpProtocolException("Báo cáo SNMP rỗng / empty SNMP report from " + target);
        }
        OID oid = response.get(0).getOid();
        int[] v = oid.getValue();
        String reason = null;
        if (startsWith(v, USM_STATS) && v.length > USM_STATS.length) {
            switch (v[USM_STATS.length]) {
                case 1:
                    reason = "unsupportedSecLevels";
                    break;
                case 2:
                    reason = "notInTimeWindows";
                    break;
                case 3:
                    reason = "unknownUserNames";
                    break;
                case 4:
                    reason = "unknownEngineIDs";
                    break;
                case 5:
                    reason = "wrongDigests";
                    break;
                case 6:
                    reason = "decryptionErrors";
                    break;
                default:
                    reason = "usmStats." + v[USM_STATS.length];
            }
        } else if (startsWith(v, TARGET_STATS) && v.length > TARGET_STATS.length) {
            reason = v[TARGET_STATS.length] == 4 ? "unavailableContexts" : "unknownContexts";
        }
        if (reason != null) {
            return new SnmpAuthException(reason, "Thiết bị từ chối thông tin xác thực SNMPv3 (" + reason
                    + ") / agent rejected SNMPv3 credentials: " + reason + " (" + target + ")");
        }
        String what = startsWith(v, MPD_STATS) ? "snmpMPDStats" : oid.toDottedString();
        return new SnmpProtocolException("Thiết bị gửi báo cáo / agent sent report " + what + " (" + target + ")");
    }

    private static boolean startsWith(int[] v, int[] prefix) {
        if (v.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (v[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static SnmpValue value(Variable var) {
        switch (var.getSyntax()) {
            case SMIConstants.SYNTAX_INTEGER:
                return SnmpValue.integer(var.toLong());
            case SMIConstants.SYNTAX_OCTET_STRING:
                return SnmpValue.octets(((OctetString) var).getValue());
            case SMIConstants.SYNTAX_NULL:
                return SnmpValue.NULL;
            case SMIConstants.SYNTAX_OBJECT_IDENTIFIER:
                return SnmpValue.oid(Oid.wrap(((OID) var).getValue()));
            case SMIConstants.SYNTAX_IPADDRESS:
                return SnmpValue.ipAddress(((IpAddress) var).toByteArray());
            case SMIConstants.SYNTAX_COUNTER32:
                return SnmpValue.counter32(var.toLong());
            case SMIConstants.SYNTAX_GAUGE32:
                return SnmpValue.gauge32(var.toLong());
            case SMIConstants.SYNTAX_TIMETICKS:
                return SnmpValue.timeticks(var.toLong());
            case SMIConstants.SYNTAX_OPAQUE:
                return SnmpValue.opaque(((Opaque) var).getValue());
            case SMIConstants.SYNTAX_COUNTER64:
                return SnmpValue.counter64(((Counter64) var).getValue());
            case SMIConstants.EXCEPTION_NO_SUCH_OBJECT:
                return SnmpValue.NO_SUCH_OBJECT;
            case SMIConstants.EXCEPTION_NO_SUCH_INSTANCE:
                return SnmpValue.NO_SUCH_INSTANCE;
            case SMIConstants.EXCEPTION_END_OF_MIB_VIEW:
                return SnmpValue.END_OF_MIB_VIEW;
            default:
                throw new SnmpProtocolException("Kiểu dữ liệu SNMP không rõ / unknown SNMP syntax " + var.getSyntax());
        }
    }
}
