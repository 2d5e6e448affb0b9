package vn.hatang.snmp.snmp4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import vn.hatang.snmp.api.Oid;
import vn.hatang.snmp.api.SnmpClient;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.api.SnmpException;
import vn.hatang.snmp.api.SnmpProtocolException;
import vn.hatang.snmp.api.SnmpTarget;
import vn.hatang.snmp.api.VarBind;

/**
 * The SNMP4J adapter. Each instance owns its sessions (sockets, USM, security protocols); nothing is shared
 * through SNMP4J's static singletons. Requests are sent asynchronously and complete from SNMP4J's listener
 * thread.
 */
public final class Snmp4jClient implements SnmpClient {
    private final Sessions sessions;

    public Snmp4jClient() {
        this(1);
    }

    /** @param sockets UDP sockets (each with its own receive thread) that v2c requests are spread over */
    public Snmp4jClient(int sockets) {
        try {
            this.sessions = new Sessions(sockets);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open SNMP socket", e);
        }
    }

    @Override
    public CompletableFuture<List<VarBind>> get(SnmpTarget target, List<Oid> oids) {
        return send(target, PDU.GET, 0, 0, oids);
    }

    @Override
    public CompletableFuture<List<VarBind>> getNext(SnmpTarget target, List<Oid> oids) {
        return send(target, PDU.GETNEXT, 0, 0, oids);
    }

    @Override
    public CompletableFuture<List<VarBind>> getBulk(SnmpTarget target, int nonRepeaters, int maxRepetitions,
                                                    List<Oid> oids) {
        return send(target, PDU.GETBULK, nonRepeaters, maxRepetitions, oids);
    }

    private CompletableFuture<List<VarBind>> send(SnmpTarget target, int type, int nonRepeaters, int maxRepetitions,
                                                  List<Oid> oids) {
        CompletableFuture<List<VarBind>> future = new CompletableFuture<>();
        Session session = null;
        int requestId = 0;
        try {
            SnmpCredentials creds = target.credentials();
            session = sessions.sessionFor(creds);
            Target<UdpAddress> t;
            PDU pdu;
            UdpAddress address = new UdpAddress(java.net.InetAddress.getByName(target.host()), target.port());
            if (creds instanceof SnmpCredentials.Community) {
                CommunityTarget<UdpAddress> ct = new CommunityTarget<>(address,
                        new OctetString(((SnmpCredentials.Community) creds).community()));
                ct.setVersion(SnmpConstants.version2c);
                t = ct;
                pdu = new PDU();
            } else {
                SnmpCredentials.Usm usm = (SnmpCredentials.Usm) creds;
                UserTarget<UdpAddress> ut = new UserTarget<>();
                ut.setAddress(address);
                ut.setVersion(SnmpConstants.version3);
                ut.setSecurityName(new OctetString(usm.user()));
                ut.setSecurityLevel(Snmp4jProtocols.level(usm.level()));
                t = ut;
                ScopedPDU scoped = new ScopedPDU();
                scoped.setContextName(new OctetString(usm.contextName()));
                pdu = scoped;
            }
            t.setTimeout(target.timeoutMillis());
            t.setRetries(target.retries());
            pdu.setType(type);
            if (type == PDU.GETBULK) {
                pdu.setNonRepeaters(nonRepeaters);
                pdu.setMaxRepetitions(maxRepetitions);
            }
            for (Oid oid : oids) {
                pdu.add(new VariableBinding(new OID(oid.toArray())));
            }
            requestId = session.snmp().getNextRequestID();
            pdu.setRequestID(new Integer32(requestId));
            Listener listener = new Listener(future, target, session, requestId, pdu, address);
            session.register(requestId, listener);
            session.snmp().send(pdu, t, null, listener);
        } catch (IOException e) {
            if (session != null) {
                session.unregister(requestId);
            }
            future.completeExceptionally(new SnmpException("Không gửi được yêu cầu SNMP / cannot send SNMP request to "
                    + target + ": " + e.getMessage(), e));
        } catch (RuntimeException e) {
            if (session != null) {
                session.unregister(requestId);
            }
            future.completeExceptionally(e);
        }
        return future;
    }

    /** Completes the future from SNMP4J's answer: a response, a report, an error, or nothing (timeout). */
    static final class Listener implements ResponseListener {
        private final CompletableFuture<List<VarBind>> future;
        private final SnmpTarget target;
        private final Session session;
        private final int requestId;
        private final PDU request;
        private final long started = System.nanoTime();
        private final UdpAddress address;

        Listener(CompletableFuture<List<VarBind>> future, SnmpTarget target, Session session, int requestId,
                 PDU request, UdpAddress address) {
            this.address = address;
            this.future = future;
            this.target = target;
            this.session = session;
            this.requestId = requestId;
            this.request = request;
        }

        /** An authentication-failure report that SNMP4J itself discards (see {@link Session}). */
        void fail(RuntimeException e) {
            session.unregister(requestId);
            session.snmp().cancel(request, this);
            future.completeExceptionally(e);
        }

        SnmpTarget target() {
            return target;
        }

        @Override
        public <A extends org.snmp4j.smi.Address> void onResponse(ResponseEvent<A> event) {
            session.snmp().cancel(event.getRequest(), this);
            session.unregister(requestId);
            try {
                if (event.getResponse() == null && event.getError() == null
                        && session.parseErrorSince(address, started)) {
                    throw new SnmpProtocolException("Thiết bị trả lời sai định dạng / agent sent malformed or"
                            + " truncated responses (" + target + ")");
                }
                future.complete(Responses.varBinds(event, target));
            } catch (SnmpException e) {
                future.completeExceptionally(e);
            } catch (RuntimeException e) {
                future.completeExceptionally(new SnmpProtocolException(
                        "Phản hồi SNMP không hợp lệ / invalid SNMP response from " + target + ": " + e, e));
            }
        }
    }

    @Override
    public byte[] discoverEngineId(SnmpTarget target) {
        try {
            UdpAddress address = new UdpAddress(java.net.InetAddress.getByName(target.host()), target.port());
            long timeout = target.timeoutMillis() * (target.retries() + 1);
            return sessions.any().snmp().discoverAuthoritativeEngineID(address, timeout);
        } catch (IOException e) {
            throw new SnmpException("Không gửi được yêu cầu SNMP / cannot send SNMP request to " + target + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        sessions.close();
    }
}
