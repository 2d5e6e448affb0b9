package vn.hatang.snmp.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import vn.hatang.snmp.api.Oid;
import vn.hatang.snmp.api.SnmpClient;
import vn.hatang.snmp.api.SnmpTable;
import vn.hatang.snmp.api.SnmpTarget;
import vn.hatang.snmp.api.SnmpValue;
import vn.hatang.snmp.api.VarBind;
import vn.hatang.snmp.poll.InterfacePoller;
import vn.hatang.snmp.poll.PollResult;
import vn.hatang.snmp.poll.PolledDevice;

/**
 * Reads what a device says about itself: system group, ENTITY-MIB physical entities, IF-MIB interfaces and
 * HOST-RESOURCES storage and processor load, all requested at once. Tables an agent does not implement come back
 * empty; only the system group is required.
 */
public final class Discoverer {
    private static final String SYS = "1.3.6.1.2.1.1.";
    private static final String ENT = "1.3.6.1.2.1.47.1.1.1.1.";
    private static final String HR_STORAGE = "1.3.6.1.2.1.25.2.3.1.";
    private static final Oid HR_PROCESSOR_LOAD = Oid.parse("1.3.6.1.2.1.25.3.3.1.2");
    private static final List<Oid> SYSTEM = List.of(Oid.parse(SYS + "1.0"), Oid.parse(SYS + "2.0"),
            Oid.parse(SYS + "3.0"), Oid.parse(SYS + "4.0"), Oid.parse(SYS + "5.0"), Oid.parse(SYS + "6.0"));
    private static final int[] ENT_COLUMNS = {2, 4, 5, 7, 8, 9, 10, 11, 12, 13};

    private final SnmpClient client;
    private final InterfacePoller interfaces;

    public Discoverer(SnmpClient client) {
        this.client = client;
        this.interfaces = new InterfacePoller(client);
    }

    public CompletableFuture<DiscoveryResult> discover(SnmpTarget target) {
        List<Oid> ent = new ArrayList<>();
        for (int c : ENT_COLUMNS) {
            ent.add(Oid.parse(ENT + c));
        }
        List<Oid> storage = List.of(Oid.parse(HR_STORAGE + 3), Oid.parse(HR_STORAGE + 4), Oid.parse(HR_STORAGE + 5),
                Oid.parse(HR_STORAGE + 6));
        CompletableFuture<List<VarBind>> sys = client.get(target, SYSTEM);
        CompletableFuture<SnmpTable> entities = client.walkTable(target, ent, 5000);
        CompletableFuture<PollResult> ifs = interfaces.poll(new PolledDevice(0, "discovery", target,
                Duration.ofSeconds(300)));
        CompletableFuture<SnmpTable> hrStorage = client.walkTable(target, storage, 1000);
        CompletableFuture<SnmpTable> cpu = client.walkTable(target, List.of(HR_PROCESSOR_LOAD), 1000);
        return CompletableFuture.allOf(sys, entities, ifs, hrStorage, cpu).thenApply(v -> new DiscoveryResult(
                Instant.now(), system(sys.join()), entities(entities.join()), ifs.join().interfaces(),
                storage(hrStorage.join()), loads(cpu.join())));
    }

    private static SystemInfo system(List<VarBind> vbs) {
        return new SystemInfo(text(vbs.get(0).value()), text(vbs.get(1).value()), text(vbs.get(4).value()),
                vbs.get(2).value().isNumeric() ? vbs.get(2).value().asLong() : -1, text(vbs.get(3).value()),
                text(vbs.get(5).value()));
    }

    private static List<PhysicalEntity> entities(SnmpTable t) {
        List<PhysicalEntity> l = new ArrayList<>();
        for (SnmpTable.Row r : t.rows()) {
            if (r.index().size() != 1) {
                continue;
            }
            l.add(new PhysicalEntity(r.index().last(), text(r.value(0)), (int) num(r.value(1)),
                    (int) num(r.value(2)), text(r.value(3)), text(r.value(4)), text(r.value(5)), text(r.value(6)),
                    text(r.value(7)), text(r.value(8)), text(r.value(9))));
        }
        return l;
    }

    private static List<StorageInfo> storage(SnmpTable t) {
        List<StorageInfo> l = new ArrayList<>();
        for (SnmpTable.Row r : t.rows()) {
            long unit = Math.max(1, num(r.value(1)));
            l.add(new StorageInfo(r.index().last(), text(r.value(0)), Math.max(0, num(r.value(2))) * unit,
                    Math.max(0, num(r.value(3))) * unit));
        }
        return l;
    }

    private static List<Integer> loads(SnmpTable t) {
        List<Integer> l = new ArrayList<>();
        for (SnmpTable.Row r : t.rows()) {
            l.add((int) num(r.value(0)));
        }
        return l;
    }

    private static String text(SnmpValue v) {
        return v == null || v.isException() ? null : v.asText();
    }

    private static long num(SnmpValue v) {
        return v != null && v.isNumeric() ? v.asLong() : -1;
    }
}
