package vn.hatang.snmp.snmp4j;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.TransportMapping;
import org.snmp4j.TransportStateReference;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Address;

/**
 * SNMP4J drops a datagram it cannot decode and only bumps snmpInASNParseErrs, so a malformed or truncated answer
 * would look like silence. This dispatcher remembers which peer sent the last undecodable datagram, so a request
 * that then times out can be reported as a protocol error ("the agent answers garbage") rather than a timeout.
 */
final class ParseErrorTracking extends MessageDispatcherImpl {
    private final Map<Address, Long> lastParseError = new ConcurrentHashMap<>();
    /** Peer of the datagram being processed; only the session's single receive thread touches it. */
    private Address current;

    ParseErrorTracking() {
        addCounterListener(this::counter);
    }

    @Override
    public <A extends Address> void processMessage(TransportMapping<? super A> transport, A address, ByteBuffer message,
                                                   TransportStateReference state) {
        current = address;
        try {
            super.processMessage(transport, address, message, state);
        } finally {
            current = null;
        }
    }

    private void counter(CounterEvent e) {
        Address peer = current;
        if (peer != null && (SnmpConstants.snmpInASNParseErrs.equals(e.getOid())
                || SnmpConstants.snmpInvalidMsgs.equals(e.getOid()))) {
            lastParseError.put(peer, System.nanoTime());
        }
    }

    /** True if the peer sent an undecodable datagram after {@code sinceNanos}. */
    boolean parseErrorSince(Address peer, long sinceNanos) {
        Long t = lastParseError.get(peer);
        return t != null && t - sinceNanos >= 0;
    }
}
