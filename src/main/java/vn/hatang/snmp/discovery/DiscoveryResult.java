package vn.hatang.snmp.discovery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.hatang.snmp.poll.IfSample;

/** What discovery learnt about a device. */
public final class DiscoveryResult {
    public final Instant time;
    public final SystemInfo system;
    public final List<PhysicalEntity> entities;
    public final List<IfSample> interfaces;
    public final List<StorageInfo> storage;
    /** hrProcessorLoad per processor, percent. */
    public final List<Integer> processorLoads;

    public DiscoveryResult(Instant time, SystemInfo system, List<PhysicalEntity> entities, List<IfSample> interfaces,
                           List<StorageInfo> storage, List<Integer> processorLoads) {
        this.time = time;
        this.system = system;
        this.entities = List.copyOf(entities);
        this.interfaces = List.copyOf(interfaces);
        this.storage = List.copyOf(storage);
        this.processorLoads = List.copyOf(processorLoads);
    }

    /** The first chassis, or else the first top-level entity. */
    public Optional<PhysicalEntity> chassis() {
        return entities.stream().filter(e -> e.physicalClass == PhysicalEntity.CHASSIS).findFirst()
                .or(() -> entities.stream().filter(e -> e.containedIn == 0).findFirst());
    }
}
