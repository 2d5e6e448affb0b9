package vn.hatang.snmp.discovery;

import java.time.Instant;
import java.util.List;
import vn.hatang.snmp.poll.PollResult;

/**
 * What discovery learnt about a device: system group, identity (by its vendor profile), the ENTITY-MIB rows, the
 * interfaces (a full poll), HOST-RESOURCES storage and processor loads (percent, one per processor).
 */
public record DiscoveryResult(Instant time, SystemInfo system, VendorProfile profile, Identity identity,
                              List<PhysicalEntity> entities, PollResult poll, List<StorageInfo> storage,
                              List<Integer> processorLoads) {
    public DiscoveryResult {
        entities = List.copyOf(entities);
        storage = List.copyOf(storage);
        processorLoads = List.copyOf(processorLoads);
    }
}
