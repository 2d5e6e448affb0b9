package vn.hatang.snmp.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import vn.hatang.snmp.api.Oid;
import vn.hatang.snmp.api.SnmpClient;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.api.SnmpTarget;
import vn.hatang.snmp.snmp4j.Snmp4jClient;

/** Waits until an agent process started by a test answers a GET of sysName, or says why it never did. */
final class AgentReadiness {
    private AgentReadiness() {
    }

    /** Returns once {@code process} answers on {@code port}; throws (with the agent's log) if it exits or stays silent. */
    static void await(String name, Process process, int port, String community, Duration within, Supplier<String> log)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        try (SnmpClient client = new Snmp4jClient()) {
            SnmpTarget t = SnmpTarget.of("127.0.0.1", port, SnmpCredentials.community(community)).withTimeout(300, 0);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited: " + log.get());
                }
                try {
                    client.get(t, List.of(Oid.parse("1.3.6.1.2.1.1.5.0"))).get(2, TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // not listening yet
                }
            }
        }
        throw new IllegalStateException(name + " did not answer within " + within.toSeconds() + " s: " + log.get());
    }
}
