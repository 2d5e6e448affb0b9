package vn.hatang.snmp.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Our port to SNMP: asynchronous requests whose futures complete on the library's I/O thread (never block in a
 * callback; hop to your own executor for heavy work). Futures fail with {@link SnmpTimeoutException},
 * {@link SnmpAuthException} or {@link SnmpProtocolException}.
 */
public interface SnmpClient extends AutoCloseable {
    /** Default cap on rows of one table walk, so an agent whose table never ends cannot exhaust memory. */
    int DEFAULT_MAX_ROWS = 20_000;

    CompletableFuture<List<VarBind>> get(SnmpTarget target, List<Oid> oids);

    CompletableFuture<List<VarBind>> getNext(SnmpTarget target, List<Oid> oids);

    CompletableFuture<List<VarBind>> getBulk(SnmpTarget target, int nonRepeaters, int maxRepetitions, List<Oid> oids);

    /** Walks the given columns of one table together with multi-column GETBULK. */
    default CompletableFuture<SnmpTable> walkTable(SnmpTarget target, List<Oid> columns) {
        return walkTable(target, columns, DEFAULT_MAX_ROWS);
    }

    default CompletableFuture<SnmpTable> walkTable(SnmpTarget target, List<Oid> columns, int maxRows) {
        return new TableWalk(this, target, columns, maxRows).start();
    }

    /**
     * SNMPv3 engine discovery (RFC 3414 §4): an unauthenticated request that carries no user and no secret, answered
     * with the agent's authoritative engine ID. Blocking, for one-off diagnosis (call it off the event loop).
     *
     * @return the engine ID, or null when nothing answered within the target's timeout
     */
    byte[] discoverEngineId(SnmpTarget target);

    @Override
    void close();
}
