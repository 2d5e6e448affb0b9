package vn.hatang.snmp.store;

import java.util.Set;
import org.jooq.DSLContext;

/**
 * This instance's share of the polling when several instances work on one database (the port SNMP owns; the cluster
 * implements it with leases). A device falls under one lease; a lease held now has a generation, unique across the
 * cluster. Each poll's writes carry the generation it was polled under and are written only if {@link #fence} still
 * finds it, inside the write's own transaction, so an instance that lost a lease (paused, cut off) writes nothing.
 */
public interface PollShare {
    /** Writes not bound to a lease (a trap stored once through its key, whoever received it). */
    long UNFENCED = -1;

    /** The generation under which this instance polls the device (of the unit at {@code unitPath}), or 0. */
    long lease(long deviceId, String unitPath);

    /**
     * From now on the share is kept by the cluster's heartbeat, which runs {@code changed} (blocking) whenever what
     * this instance holds changed; {@code null} stops that.
     */
    void listen(Runnable changed);

    /** Renews, claims and releases leases (blocking); true when what this instance holds changed. */
    boolean refresh();

    /** Inside a write transaction: the generations this instance still holds, locked until it commits. */
    Set<Long> fence(DSLContext tx);

    /** Tells the others how many devices this instance polls now (shown in the cluster view). */
    void polling(int devices);

    /** Stops listening and gives every lease up at once (a clean stop), so the others take the devices without waiting for expiry. */
    void release();

    /** Whether a write of {@code generation} stands, given the generations {@link #fence} found. */
    static boolean stands(long generation, Set<Long> held) {
        return generation == UNFENCED || held.contains(generation);
    }
}
