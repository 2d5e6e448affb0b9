package vn.hatang.snmp.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fast SNMPv2c responder serving many simulated agents on a few UDP sockets. A device is found by the socket
 * the request arrived on and its community; a socket hosting a single device answers any community. Answers are
 * encoded straight from pre-encoded OIDs, so one core serves well over 100k varbinds a second.
 */
public final class SnmpResponder implements AutoCloseable {
    private static final int MAX_RESPONSE = 65_000;

    private final List<Socket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Selector> selectors = new ArrayList<>();
    private final ScheduledExecutorService delayed;
    private final AtomicInteger nextSocket = new AtomicInteger();
    private final LongAdder requests = new LongAdder();
    private final LongAdder varbinds = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile boolean running = true;
    /** Whether a socket serving a single device answers any community (the benchmark's fleets) or only its own. */
    private final boolean lenient;

    /** One UDP socket and the devices it serves. */
    private static final class Socket {
        final DatagramChannel channel;
        int port;
        final Map<String, SimDevice> devices = new ConcurrentHashMap<>();

        Socket(DatagramChannel channel, int port) {
            this.channel = channel;
            this.port = port;
        }
    }

    private SnmpResponder(List<InetSocketAddress> addresses, int threadCount, boolean lenient) throws IOException {
        this.lenient = lenient;
        delayed = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "snmp-sim-delay");
            t.setDaemon(true);
            return t;
        });
        int n = Math.max(1, threadCount);
        for (int i = 0; i < n; i++) {
            selectors.add(Selector.open());
        }
        try {
            for (int i = 0; i < addresses.size(); i++) {
                DatagramChannel ch = DatagramChannel.open();
                Socket s = new Socket(ch, 0);
                sockets.add(s);
                ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
                ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
                ch.bind(addresses.get(i));
                ch.configureBlocking(false);
                s.port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
                ch.register(selectors.get(i % n), SelectionKey.OP_READ, s);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        for (int i = 0; i < n; i++) {
            Selector sel = selectors.get(i);
            Thread t = new Thread(() -> loop(sel), "snmp-sim-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Binds {@code sockets} ephemeral UDP ports on 127.0.0.1, served by {@code threads} threads. */
    public static SnmpResponder start(int sockets, int threads) {
        return start("127.0.0.1", 0, sockets, threads);
    }

    /** Binds ports basePort … basePort+sockets-1 (or ephemeral ports when basePort is 0). */
    public static SnmpResponder start(String host, int basePort, int sockets, int threads) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            addresses.add(new InetSocketAddress(host, basePort == 0 ? 0 : basePort + i));
        }
        try {
            return new SnmpResponder(addresses, threads, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind simulator sockets", e);
        }
    }

    /**
     * One socket per address (each device its own address, as real agents have); every socket answers only the
     * community of the devices it serves. Throws IOException when an address is taken.
     */
    public static SnmpResponder bind(List<InetSocketAddress> addresses, int threads) throws IOException {
        return new SnmpResponder(addresses, threads, false);
    }

    /** Serves the device on the given socket and returns it. */
    public SimDevice add(int socket, SimDevice device) {
        Socket s = sockets.get(socket);
        s.devices.put(device.community(), device);
        device.port(s.port);
        return device;
    }

    /** Sends a datagram from a socket (a notification from the device it serves). */
    public void sendFrom(int socket, InetSocketAddress to, byte[] datagram) {
        send(sockets.get(socket), to, datagram);
    }

    /** Serves the device on the next socket (round-robin) and returns it. */
    public SimDevice add(SimDevice device) {
        Socket s = sockets.get(Math.floorMod(nextSocket.getAndIncrement(), sockets.size()));
        s.devices.put(device.community(), device);
        device.port(s.port);
        return device;
    }

    public int socketCount() {
        return sockets.size();
    }

    public int port(int socket) {
        return sockets.get(socket).port;
    }

    public long requests() {
        return requests.sum();
    }

    public long varbinds() {
        return varbinds.sum();
    }

    /** Requests not answered: unknown community, silent device, undecodable request. */
    public long dropped() {
        return dropped.sum();
    }

    private void loop(Selector selector) {
        ByteBuffer in = ByteBuffer.allocate(65_536);
        Encoder enc = new Encoder();
        try {
            while (running) {
                selector.select(500);
                for (SelectionKey key : selector.selectedKeys()) {
                    Socket s = (Socket) key.attachment();
                    while (true) {
                        in.clear();
                        SocketAddress from = s.channel.receive(in);
                        if (from == null) {
                            break;
                        }
                        handle(s, from, in.array(), in.position(), enc);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (ClosedSelectorException | IOException e) {
            // closing
        }
    }

    private void handle(Socket s, SocketAddress from, byte[] data, int length, Encoder enc) throws IOException {
        requests.increment();
        byte[] reply;
        SimDevice device;
        try {
            Request req = Request.parse(data, length);
            device = lenient && s.devices.size() == 1 ? s.devices.values().iterator().next()
                    : s.devices.get(req.community);
            if (device == null || device.silent()) {
                dropped.increment();
                return;
            }
            reply = enc.respond(req, device, System.nanoTime(), varbinds);
        } catch (IllegalArgumentException e) {
            dropped.increment();
            return;
        }
        switch (device.quirk()) {
            case MALFORMED:
                for (int i = 8; i < reply.length; i += 3) {
                    reply[i] = (byte) 0xFF;
                }
                break;
            case TRUNCATED:
                reply = Arrays.copyOf(reply, reply.length / 2);
                break;
            default:
                break;
        }
        long delay = device.delayMillis();
        if (delay > 0) {
            byte[] r = reply;
            delayed.schedule(() -> send(s, from, r), delay, TimeUnit.MILLISECONDS);
        } else {
            send(s, from, reply);
        }
    }

    private void send(Socket s, SocketAddress to, byte[] reply) {
        try {
            if (s.channel.send(ByteBuffer.wrap(reply), to) == 0) {
                dropped.increment(); // send buffer full: a real agent drops too
            }
        } catch (IOException e) {
            dropped.increment();
        }
    }

    @Override
    public void close() {
        running = false;
        for (Selector sel : selectors) {
            sel.wakeup();
        }
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Socket s : sockets) {
            try {
                s.channel.close();
            } catch (IOException e) {
                // ignore
            }
        }
        for (Selector sel : selectors) {
            try {
                sel.close();
            } catch (IOException e) {
                // ignore
            }
        }
        delayed.shutdownNow();
    }

    /** A decoded v1/v2c request. */
    static final class Request {
        long version;
        String community;
        int type;
        long requestId;
        long nonRepeaters;
        long maxRepetitions;
        List<int[]> oids = new ArrayList<>();

        static Request parse(byte[] data, int length) {
            Ber.In in = new Ber.In(data, 0, length);
            in.expect(Ber.SEQUENCE);
            Request r = new Request();
            r.version = in.integer();
            if (r.version != 0 && r.version != 1) {
                throw new IllegalArgumentException("only v1/v2c");
            }
            r.community = new String(in.octets(), StandardCharsets.ISO_8859_1);
            r.type = in.tag();
            in.length();
            if (r.type != Ber.GET && r.type != Ber.GET_NEXT && r.type != Ber.GET_BULK) {
                throw new IllegalArgumentException("unsupported PDU");
            }
            r.requestId = in.integer();
            r.nonRepeaters = in.integer();
            r.maxRepetitions = in.integer();
            in.expect(Ber.SEQUENCE);
            int end = length;
            while (in.pos() < end) {
                in.expect(Ber.SEQUENCE);
                r.oids.add(in.oid());
                in.skip();
            }
            return r;
        }
    }

    /** Builds responses; one per thread, reusing its buffers. */
    static final class Encoder {
        private final Ber.Out vbs = new Ber.Out(8192);
        private final Ber.Out value = new Ber.Out(64);
        private final Ber.Out pdu = new Ber.Out(8192);
        private final Ber.Out msg = new Ber.Out(8192);
        private final Ber.Out head = new Ber.Out(64);
        private SimDevice device;

        byte[] respond(Request req, SimDevice device, long now, LongAdder counter) {
            MibView view = device.view();
            this.device = device;
            vbs.reset();
            int count = 0;
            if (req.type == Ber.GET) {
                for (int[] oid : req.oids) {
                    MibView.Entry e = view.get(oid);
                    if (e == null) {
                        exception(oid, objectExists(view, oid) ? Ber.NO_SUCH_INSTANCE : Ber.NO_SUCH_OBJECT);
                    } else {
                        entry(e, now);
                    }
                    count++;
                }
            } else if (req.type == Ber.GET_NEXT || req.version == 0) {
                for (int[] oid : req.oids) {
                    next(view, oid, now);
                    count++;
                }
            } else {
                int n = (int) Math.max(0, Math.min(req.nonRepeaters, req.oids.size()));
                for (int i = 0; i < n; i++) {
                    next(view, req.oids.get(i), now);
                    count++;
                }
                int m = req.oids.size() - n;
                int[][] cursor = new int[m][];
                for (int j = 0; j < m; j++) {
                    cursor[j] = req.oids.get(n + j);
                }
                long reps = Math.max(0, req.maxRepetitions);
                for (long r = 0; r < reps && m > 0; r++) {
                    boolean allEnded = true;
                    int mark = vbs.len;
                    for (int j = 0; j < m; j++) {
                        MibView.Entry e = view.next(cursor[j]);
                        if (e == null) {
                            exception(cursor[j], Ber.END_OF_MIB_VIEW);
                        } else {
                            entry(e, now);
                            cursor[j] = e.oid;
                            allEnded = false;
                        }
                    }
                    if (vbs.len > MAX_RESPONSE - 200) {
                        vbs.len = mark; // keep whole rows within the datagram
                        break;
                    }
                    count += m;
                    if (allEnded) {
                        break;
                    }
                }
            }
            counter.add(count);
            pdu.reset();
            pdu.integer(Ber.INTEGER, req.requestId);
            pdu.integer(Ber.INTEGER, 0);
            pdu.integer(Ber.INTEGER, 0);
            pdu.header(Ber.SEQUENCE, vbs.len);
            pdu.write(vbs);
            head.reset();
            head.integer(Ber.INTEGER, req.version);
            head.octets(Ber.OCTET_STRING, req.community.getBytes(StandardCharsets.ISO_8859_1));
            msg.reset();
            msg.header(Ber.SEQUENCE, head.len + headerLen(pdu.len) + pdu.len);
            msg.write(head);
            msg.header(Ber.RESPONSE, pdu.len);
            msg.write(pdu);
            return Arrays.copyOf(msg.buf, msg.len);
        }

        private static int headerLen(int len) {
            return len < 0x80 ? 2 : len < 0x100 ? 3 : len < 0x10000 ? 4 : 5;
        }

        /** True when an instance exists under the OID's parent (the object is known, this instance is not). */
        private static boolean objectExists(MibView view, int[] oid) {
            if (oid.length < 2) {
                return false;
            }
            int[] parent = Arrays.copyOf(oid, oid.length - 1);
            MibView.Entry e = view.next(parent);
            if (e == null || e.oid.length < parent.length) {
                return false;
            }
            return Arrays.equals(Arrays.copyOf(e.oid, parent.length), parent);
        }

        private void next(MibView view, int[] oid, long now) {
            MibView.Entry e = view.next(oid);
            if (e == null) {
                exception(oid, Ber.END_OF_MIB_VIEW);
            } else {
                entry(e, now);
            }
        }

        private void entry(MibView.Entry e, long now) {
            value.reset();
            e.value.encode(value, device, now);
            vbs.header(Ber.SEQUENCE, e.oidTlv.length + value.len);
            vbs.write(e.oidTlv);
            vbs.write(value);
        }

        private void exception(int[] oid, int tag) {
            byte[] tlv = Ber.oid(oid);
            vbs.header(Ber.SEQUENCE, tlv.length + 2);
            vbs.write(tlv);
            vbs.write(tag);
            vbs.write(0);
        }
    }
}
