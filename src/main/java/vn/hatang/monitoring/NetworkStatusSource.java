package vn.hatang.monitoring;

import java.util.List;

/**
 * What the SNMP poller hands to monitoring ({@link DomainSources#withNetwork}): the latest state of each polled link
 * and network device. Monitoring adds the labels (link code, unit code, kind, category) from the inventory. Counters
 * and the poll-duration histogram are not here: the poller records them on {@link SnmpPollerMetrics} as they happen.
 *
 * <p>Exposed as {@code hatang_link_up{link,unit,kind}}, {@code hatang_link_utilisation_ratio{link,unit,direction}},
 * {@code hatang_device_reachable{device,unit,category}} and {@code hatang_snmp_devices_overdue}.
 */
public interface NetworkStatusSource {
    /** {@code inRatio}/{@code outRatio}: traffic over bandwidth in 0..1 over the last poll interval, null if unknown. */
    record LinkStatus(long linkId, boolean up, Double inRatio, Double outRatio) {
    }

    record DeviceStatus(long deviceId, boolean reachable) {
    }

    List<LinkStatus> links();

    List<DeviceStatus> devices();

    /** Devices whose last successful poll is older than their interval allows. */
    long overdueDevices();
}
