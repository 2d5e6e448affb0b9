package vn.hatang.snmp.poll;

import java.util.List;

/**
 * Receives what the scheduler learns. Called from SNMP I/O threads, one call at a time per device: keep it
 * quick and hand slow work (database) to a buffer.
 */
public interface PollListener {
    default void polled(PolledDevice device, PollResult result, List<IfRate> rates) {
    }

    default void failed(PolledDevice device, Throwable error) {
    }

    default void event(SnmpEvent event) {
    }

    PollListener NONE = new PollListener() {
    };
}
