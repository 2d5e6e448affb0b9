package vn.hatang.snmp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import vn.hatang.snmp.api.Oid;
import vn.hatang.snmp.api.SnmpClient;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.api.SnmpTarget;
import vn.hatang.snmp.snmp4j.Snmp4jClient;

/**
 * A real SNMP agent process started by a test on a free loopback UDP port, with its files in a temp dir that is
 * deleted when the agent is closed.
 */
abstract class AgentProcess implements AutoCloseable {
    protected final Path dir;
    protected final Process process;
    protected final int port;
    private final String name;
    private final Path logFile;

    AgentProcess(String name, Path dir, Process process, int port, Path logFile) {
        this.name = name;
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    public int port() {
        return port;
    }

    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns once the agent answers a GET of sysName; otherwise stops it and says why (with its log). */
    void awaitReady(String community, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        try (SnmpClient client = new Snmp4jClient()) {
            SnmpTarget t = SnmpTarget.of("127.0.0.1", port, SnmpCredentials.community(community)).withTimeout(300, 0);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    close();
                    throw new IllegalStateException(name + " exited: " + log());
                }
                try {
                    client.get(t, List.of(Oid.parse("1.3.6.1.2.1.1.5.0"))).get(2, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    // not listening yet
                }
            }
        }
        String log = log();
        close();
        throw new IllegalStateException(name + " did not answer within " + within.toSeconds() + " s: " + log);
    }

    static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        vn.hatang.platform.FileTrees.delete(dir);
    }
}
