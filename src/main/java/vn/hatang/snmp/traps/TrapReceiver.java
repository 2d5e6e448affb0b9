package vn.hatang.snmp.traps;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.Snmp;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.poll.SnmpEvent;

/**
 * Receives SNMP notifications (v1/v2c traps with a configured community, v3 traps and informs from configured
 * USM users) on a UDP port (default 1162). linkDown/linkUp/coldStart/warmStart from a known device become events
 * at once; anything else, or anything from an unknown sender, is counted and ignored.
 */
public final class TrapReceiver implements AutoCloseable {
    public static final int DEFAULT_PORT = 1162;
    private static final OID COLD_START = new OID("1.3.6.1.6.3.1.1.5.1");
    private static final OID WARM_START = new OID("1.3.6.1.6.3.1.1.5.2");
    private static final OID LINK_DOWN = new OID("1.3.6.1.6.3.1.1.5.3");
    private static final OID LINK_UP = new OID("1.3.6.1.6.3.1.1.5.4");
    private static final OID IF_INDEX = new OID("1.3.6.1.2.1.2.2.1.1");

    private final Snmp snmp;
    private final USM usm;
    private final java.util.Set<SnmpCredentials.Usm> users = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<String> communities;
    private final Function<InetAddress, Long> deviceByAddress;
    private final Consumer<SnmpEvent> events;
    private final int port;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder unknownSender = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    /**
     * @param deviceByAddress the inventory's device id for a sender address, or null when unknown
     */
    public TrapReceiver(String host, int port, Set<String> communities, List<SnmpCredentials.Usm> users,
                        Function<InetAddress, Long> deviceByAddress, Consumer<SnmpEvent> events) throws IOException {
        List<SnmpCredentials.Usm> initialUsers = users;
        this.communities = Set.copyOf(communities);
        this.deviceByAddress = deviceByAddress;
        this.events = events;
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.maxCompatibility);
        byte[] engineId = MPv3.createLocalEngineID();
        CounterSupport counters = new CounterSupport();
        usm = new USM(protocols, new OctetString(engineId), 0, counters);
        initialUsers.forEach(this::addUser);
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(engineId, null, protocols,
                SecurityModels.getCollection(new SecurityModel[] {usm}), counters));
        dispatcher.addAuthenticationFailureListener(new org.snmp4j.event.AuthenticationFailureListener() {
            @Override
            public <A extends org.snmp4j.smi.Address> void authenticationFailure(
                    org.snmp4j.event.AuthenticationFailureEvent<A> event) {
                rejected.increment();
            }
        });
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress(
                InetAddress.getByName(host), port));
        snmp = new Snmp(dispatcher, transport);
        snmp.addCommandResponder(new Responder());
        snmp.listen();
        this.port = transport.getListenAddress().getPort();
    }

    /** Accepts v3 notifications from this user (e.g. the users of the SNMP profiles). */
    public void addUser(SnmpCredentials.Usm u) {
        if (!users.add(u)) {
            return;
        }
        // Traps come from the sender's engine: let USM localize the keys for any incoming engine ID.
        usm.addUser(new UsmUser(new OctetString(u.user()), u.auth() == null ? null : authOid(u),
                u.authPassphrase() == null ? null : new OctetString(u.authPassphrase()),
                u.priv() == null ? null : privOid(u),
                u.privPassphrase() == null ? null : new OctetString(u.privPassphrase()),
                UsmUser.LocalizationGrant.incoming));
    }

    private static OID authOid(SnmpCredentials.Usm u) {
        return vn.hatang.snmp.snmp4j.Snmp4jProtocols.auth(u.auth());
    }

    private static OID privOid(SnmpCredentials.Usm u) {
        return vn.hatang.snmp.snmp4j.Snmp4jProtocols.priv(u.priv());
    }

    public int port() {
        return port;
    }

    /** Notifications that became events. */
    public long accepted() {
        return accepted.sum();
    }

    /** Notifications from addresses that are not in the inventory, or with an unknown community. */
    public long unknownSender() {
        return unknownSender.sum();
    }

    /** Notifications of kinds we do not act on. */
    public long ignored() {
        return ignored.sum();
    }

    /** v3 notifications that failed authentication. */
    public long rejected() {
        return rejected.sum();
    }

    private final class Responder implements CommandResponder {
        @Override
        public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> e) {
            PDU pdu = e.getPDU();
            if (pdu == null || (pdu.getType() != PDU.TRAP && pdu.getType() != PDU.V1TRAP
                    && pdu.getType() != PDU.NOTIFICATION && pdu.getType() != PDU.INFORM)) {
                return;
            }
            e.setProcessed(true);
            if (e.getSecurityModel() != SecurityModel.SECURITY_MODEL_USM
                    && !communities.contains(new String(e.getSecurityName(), StandardCharsets.UTF_8))) {
                unknownSender.increment();
                return;
            }
            if (pdu.getType() == PDU.INFORM) {
                acknowledge(e);
            }
            Long device = e.getPeerAddress() instanceof IpAddress
                    ? deviceByAddress.apply(((IpAddress) e.getPeerAddress()).getInetAddress()) : null;
            if (device == null) {
                unknownSender.increment();
                return;
            }
            OID trap = trapOid(pdu);
            Integer ifIndex = ifIndex(pdu);
            SnmpEvent.Type type;
            if (LINK_DOWN.equals(trap)) {
                type = SnmpEvent.Type.INTERFACE_DOWN;
            } else if (LINK_UP.equals(trap)) {
                type = SnmpEvent.Type.INTERFACE_UP;
            } else if (COLD_START.equals(trap) || WARM_START.equals(trap)) {
                type = SnmpEvent.Type.AGENT_RESTART;
            } else {
                ignored.increment();
                return;
            }
            if (type != SnmpEvent.Type.AGENT_RESTART && ifIndex == null) {
                ignored.increment();
                return;
            }
            accepted.increment();
            events.accept(new SnmpEvent(device, Instant.now(), type, type == SnmpEvent.Type.AGENT_RESTART ? null
                    : ifIndex, SnmpEvent.Source.TRAP, COLD_START.equals(trap) ? "coldStart"
                    : WARM_START.equals(trap) ? "warmStart" : null));
        }

        private <A extends org.snmp4j.smi.Address> void acknowledge(CommandResponderEvent<A> e) {
            PDU response = (PDU) e.getPDU().clone();
            response.setType(PDU.RESPONSE);
            response.setErrorStatus(PDU.noError);
            response.setErrorIndex(0);
            try {
                e.getMessageDispatcher().returnResponsePdu(e.getMessageProcessingModel(), e.getSecurityModel(),
                        e.getSecurityName(), e.getSecurityLevel(), response, e.getMaxSizeResponsePDU(),
                        e.getStateReference(), new org.snmp4j.mp.StatusInformation());
            } catch (org.snmp4j.MessageException ex) {
                // the sender will retry
            }
        }
    }

    private static OID trapOid(PDU pdu) {
        if (pdu instanceof PDUv1) {
            PDUv1 v1 = (PDUv1) pdu;
            switch (v1.getGenericTrap()) {
                case PDUv1.COLDSTART:
                    return COLD_START;
                case PDUv1.WARMSTART:
                    return WARM_START;
                case PDUv1.LINKDOWN:
                    return LINK_DOWN;
                case PDUv1.LINKUP:
                    return LINK_UP;
                default:
                    return null;
            }
        }
        for (VariableBinding vb : pdu.getVariableBindings()) {
            if (SnmpConstants.snmpTrapOID.equals(vb.getOid()) && vb.getVariable() instanceof OID) {
                return (OID) vb.getVariable();
            }
        }
        return null;
    }

    private static Integer ifIndex(PDU pdu) {
        for (VariableBinding vb : pdu.getVariableBindings()) {
            if (vb.getOid().startsWith(IF_INDEX) && vb.getOid().size() == IF_INDEX.size() + 1) {
                return vb.getOid().last();
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            snmp.close();
        } catch (IOException e) {
            // closing
        }
    }
}
