package vn.hatang.snmp.traps;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
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
 * Receives SNMP notifications (v1/v2c traps, v3 traps and informs) on a UDP port (default 1162, bound like HTTP to
 * 127.0.0.1 unless configured). A notification counts only when it comes from the address of a polled device and
 * carries that device's own credentials: the community of its v2c profile, or the user of its v3 profile (whose
 * keys USM checks). linkDown/linkUp/coldStart/warmStart then become events at once; anything else is counted
 * and ignored. A port another process holds is reported by {@link BindException} naming the address.
 */
public final class TrapReceiver implements AutoCloseable {
    public static final int DEFAULT_PORT = 1162;
    private static final OID COLD_START = new OID("1.3.6.1.6.3.1.1.5.1");
    private static final OID WARM_START = new OID("1.3.6.1.6.3.1.1.5.2");
    private static final OID LINK_DOWN = new OID("1.3.6.1.6.3.1.1.5.3");
    private static final OID LINK_UP = new OID("1.3.6.1.6.3.1.1.5.4");
    private static final OID IF_INDEX = new OID("1.3.6.1.2.1.2.2.1.1");

    /** A device that may send notifications, and the credentials it must use. */
    public record Sender(long deviceId, SnmpCredentials credentials) {
    }

    /** The port could not be bound (another instance, or another trap receiver, holds it). */
    public static final class BindException extends IOException {
        BindException(String where, IOException cause) {
            super("Cổng nhận trap " + where + " đang bị chiếm (một phiên bản hatang khác?); đặt HATANG_SNMP_TRAP_PORT"
                    + " khác hoặc -1 để tắt / trap port " + where + " is already in use (another hatang instance?);"
                    + " set another HATANG_SNMP_TRAP_PORT, or -1 to turn the receiver off: " + cause.getMessage(),
                    cause);
        }
    }

    private final Snmp snmp;
    private final USM usm;
    private final Set<SnmpCredentials.Usm> users = new HashSet<>();
    private final Function<InetAddress, Sender> senders;
    private final Consumer<SnmpEvent> events;
    private final int port;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder unknownSender = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    /**
     * @param senders the polled device at a sender address with the credentials of its profile, or null when unknown
     */
    public TrapReceiver(String host, int port, Function<InetAddress, Sender> senders, Consumer<SnmpEvent> events)
            throws IOException {
        this.senders = senders;
        this.events = events;
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.maxCompatibility);
        byte[] engineId = MPv3.createLocalEngineID();
        CounterSupport counters = new CounterSupport();
        usm = new USM(protocols, new OctetString(engineId), 0, counters);
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
        DefaultUdpTransportMapping transport;
        try {
            transport = new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getByName(host), port), false);
        } catch (java.net.BindException e) {
            throw new BindException(host + ":" + port, e);
        }
        snmp = new Snmp(dispatcher, transport);
        snmp.addCommandResponder(new Responder());
        snmp.listen();
        this.port = transport.getListenAddress().getPort();
    }

    /** The v3 users notifications may come from (the users of the v3 profiles); replaces the previous set. */
    public synchronized void users(Collection<SnmpCredentials.Usm> next) {
        Set<SnmpCredentials.Usm> wanted = new HashSet<>(next);
        if (wanted.equals(users)) {
            return;
        }
        usm.removeAllUsers();
        users.clear();
        for (SnmpCredentials.Usm u : wanted) {
            users.add(u);
            // Traps come from the sender's engine: let USM localize the keys for any incoming engine ID.
            usm.addUser(new UsmUser(new OctetString(u.user()), u.auth() == null ? null : authOid(u),
                    u.authPassphrase() == null ? null : new OctetString(u.authPassphrase()),
                    u.priv() == null ? null : privOid(u),
                    u.privPassphrase() == null ? null : new OctetString(u.privPassphrase()),
                    UsmUser.LocalizationGrant.incoming));
        }
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

    /** Notifications from addresses that are not polled devices. */
    public long unknownSender() {
        return unknownSender.sum();
    }

    /** Notifications of kinds we do not act on. */
    public long ignored() {
        return ignored.sum();
    }

    /** Notifications with credentials that are not the sending device's (wrong community, failed v3 auth). */
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
            Sender sender = e.getPeerAddress() instanceof IpAddress
                    ? senders.apply(((IpAddress) e.getPeerAddress()).getInetAddress()) : null;
            if (sender == null) {
                unknownSender.increment();
                return;
            }
            if (!ownCredentials(sender, e)) {
                rejected.increment();
                return;
            }
            if (pdu.getType() == PDU.INFORM) {
                acknowledge(e);
            }
            long device = sender.deviceId();
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
                    : WARM_START.equals(trap) ? "warmStart" : null, fingerprint(pdu)));
        }

        /** The community of the sender's v2c profile, or (USM having checked the keys) the user of its v3 profile. */
        private <A extends org.snmp4j.smi.Address> boolean ownCredentials(Sender sender, CommandResponderEvent<A> e) {
            String name = new String(e.getSecurityName(), StandardCharsets.UTF_8);
            if (e.getSecurityModel() == SecurityModel.SECURITY_MODEL_USM) {
                return sender.credentials() instanceof SnmpCredentials.Usm u && u.user().equals(name);
            }
            return sender.credentials() instanceof SnmpCredentials.Community c && c.community().equals(name);
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

    /**
     * What makes a notification the same one when it reaches several instances (a device sending to each): its
     * variable bindings, which include the agent's sysUpTime at the moment it was sent (v1: the header's timestamp).
     */
    static String fingerprint(PDU pdu) {
        StringBuilder sb = new StringBuilder();
        if (pdu instanceof PDUv1 v1) {
            sb.append(v1.getEnterprise()).append('/').append(v1.getGenericTrap()).append('/')
                    .append(v1.getSpecificTrap()).append('/').append(v1.getTimestamp()).append(';');
        }
        for (VariableBinding vb : pdu.getVariableBindings()) {
            sb.append(vb.getOid()).append('=').append(vb.getVariable().getSyntax()).append(':')
                    .append(vb.getVariable()).append(';');
        }
        return vn.hatang.security.Secrets.sha256(sb.toString());
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
