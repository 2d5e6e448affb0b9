package vn.hatang.snmp.snmp4j;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.snmp4j.Snmp;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import vn.hatang.snmp.api.SnmpCredentials;

/**
 * One UDP socket with its own SNMP engine: message dispatcher, USM and security protocols. SNMP4J 3's default
 * protocol set omits SHA-1 (and MD5, DES); we enable the max-compatibility set per engine, so v3 users with
 * legacy protocols work without touching SNMP4J's global singleton.
 */
final class Session {
    private final Snmp snmp;
    private final ParseErrorTracking dispatcher;
    private final USM usm;
    /** USM is keyed by user name; one name may carry only one set of secrets per engine. */
    private final Map<String, SnmpCredentials.Usm> users = new HashMap<>();
    /** Outstanding requests by request-id, so unauthenticated failure reports can reach their caller. */
    private final Map<Integer, Snmp4jClient.Listener> pending = new ConcurrentHashMap<>();

    Session() throws IOException {
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.maxCompatibility);
        byte[] engineId = MPv3.createLocalEngineID();
        CounterSupport counters = new CounterSupport();
        usm = new USM(protocols, new OctetString(engineId), 0, counters);
        SecurityModels models = SecurityModels.getCollection(new SecurityModel[] {usm});
        dispatcher = new ParseErrorTracking();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(engineId, null, protocols, models, counters));
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress("0.0.0.0/0"));
        transport.setReceiveBufferSize(4 << 20);
        snmp = new Snmp(dispatcher, transport);
        snmp.setReportHandler(new AuthFailureReports(snmp.getReportHandler(), pending));
        snmp.listen();
    }

    void register(int requestId, Snmp4jClient.Listener listener) {
        pending.put(requestId, listener);
    }

    void unregister(int requestId) {
        pending.remove(requestId);
    }

    boolean parseErrorSince(org.snmp4j.smi.Address peer, long sinceNanos) {
        return dispatcher.parseErrorSince(peer, sinceNanos);
    }

    Snmp snmp() {
        return snmp;
    }

    /** Registers the user if free; false when the name is taken by different secrets. */
    synchronized boolean accept(SnmpCredentials.Usm creds) {
        SnmpCredentials.Usm known = users.get(creds.user());
        if (known == null) {
            users.put(creds.user(), creds);
            usm.addUser(Snmp4jProtocols.user(creds));
            return true;
        }
        return known.equals(creds);
    }

    void close() {
        try {
            snmp.close();
        } catch (IOException e) {
            // closing a UDP socket; nothing to recover
        }
    }
}
