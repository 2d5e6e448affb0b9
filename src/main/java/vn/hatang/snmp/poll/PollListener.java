package vn.hatang.snmp.poll;

import java.util.List;

/**
 * Receives what the scheduler learns, with the device's status right after it. Called from SNMP I/O threads, one
 * call at a time per device: keep it quick and hand slow work (database) to a buffer.
 */
public interface PollListener {
    /** A poll of {@code device} starts (called with the scheduler's lock held: keep it to a map update). */
    default void starting(PolledDevice device) {
    }

    default void polled(PolledDevice device, PollResult result, List<IfRate> rates, DeviceStatus status) {
    }

    default void failed(PolledDevice device, Throwable error, DeviceStatus status) {
    }

    /** A state change; {@code status} is the device's status after it (null if the device is no longer polled). */
    default void event(SnmpEvent event, DeviceStatus status) {
    }

    PollListener NONE = new PollListener() {
    };
}
