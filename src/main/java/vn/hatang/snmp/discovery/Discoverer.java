package vn.hatang.snmp.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import vn.hatang.snmp.api.Oid;
import vn.hatang.snmp.api.SnmpClient;
import vn.hatang.snmp.api.SnmpException;
import vn.hatang.snmp.api.SnmpTable;
import vn.hatang.snmp.api.SnmpTarget;
import vn.hatang.snmp.api.SnmpValue;
import vn.hatang.snmp.api.VarBind;
import vn.hatang.snmp.poll.InterfacePoller;
import vn.hatang.snmp.poll.PollResult;
import vn.hatang.snmp.poll.PolledDevice;

/**
 * Reads what a device says about itself. First the system group, which chooses the vendor profile; then, at once,
 * the ENTITY-MIB physical table, the profile's own objects (each in its own request, so one object an agent chokes
 * on cannot hide the others), the IF-MIB interfaces, HOST-RESOURCES storage and processor load. Tables an agent does
 * not implement come back empty; only the system group is required.
 */
public final class Discoverer {
    private static final String SYS = "1.3.6.1.2.1.1.";
    private static final String ENT = "1.3.6.1.2.1.47.1.1.1.1.";
    private static final String HR_STORAGE = "1.3.6.1.2.1.25.2.3.1.";
    private static final Oid HR_PROCESSOR_LOAD = Oid.parse("1.3.6.1.2.1.25.3.3.1.2");
    private static final List<Oid> SYSTEM = List.of(Oid.parse(SYS + "1.0"), Oid.parse(SYS + "2.0"),
            Oid.parse(SYS + "3.0"), Oid.parse(SYS + "4.0"), Oid.parse(SYS + "5.0"), Oid.parse(SYS + "6.0"));
    /** descr, containedIn, class, parentRelPos, name, hardwareRev, firmwareRev, softwareRev, serial, mfg, model. */
    private static final int[] ENT_COLUMNS = {2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};

    private final SnmpClient client;
    private final InterfacePoller interfaces;
    private final VendorProfiles profiles;

    public Discoverer(SnmpClient client, VendorProfiles profiles) {
        this.client = client;
        this.interfaces = new InterfacePoller(client);
        this.profiles = profiles;
    }

    /** Discovers the device; {@code deviceId} labels the interface poll it includes. */
    public CompletableFuture<DiscoveryResult> discover(long deviceId, SnmpTarget target) {
        return client.get(target, SYSTEM).thenCompose(vbs -> {
            SystemInfo sys = system(vbs);
            VendorProfile profile = profiles.select(sys.objectId(), sys.descr());
            List<Oid> ent = new ArrayList<>();
            for (int c : ENT_COLUMNS) {
                ent.add(Oid.parse(ENT + c));
            }
            List<Oid> storage = List.of(Oid.parse(HR_STORAGE + 3), Oid.parse(HR_STORAGE + 4),
                    Oid.parse(HR_STORAGE + 5), Oid.parse(HR_STORAGE + 6));
            CompletableFuture<SnmpTable> entities = optional(client.walkTable(target, ent, 5000));
            CompletableFuture<Map<Oid, SnmpValue>> values = values(target, profile);
            CompletableFuture<PollResult> ifs = interfaces.poll(new PolledDevice(deviceId, "discovery", target,
                    Duration.ofSeconds(300)));
            CompletableFuture<SnmpTable> hrStorage = optional(client.walkTable(target, storage, 1000));
            CompletableFuture<SnmpTable> cpu = optional(client.walkTable(target, List.of(HR_PROCESSOR_LOAD), 1000));
            return CompletableFuture.allOf(entities, values, ifs, hrStorage, cpu).thenApply(v -> {
                List<PhysicalEntity> rows = entities(entities.join());
                Identity identity = IdentityReader.read(profile, sys, rows, Chassis.pick(rows), values.join());
                return new DiscoveryResult(Instant.now(), sys, profile, identity, rows, ifs.join(),
                        storage(hrStorage.join()), loads(cpu.join()));
            });
        });
    }

    /** The profile's objects, each requested on its own; what fails or is absent is left out. */
    private CompletableFuture<Map<Oid, SnmpValue>> values(SnmpTarget target, VendorProfile profile) {
        Map<Oid, SnmpValue> out = new java.util.concurrent.ConcurrentHashMap<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (VendorProfile.Source s : profile.requests()) {
            Oid oid = s.oid();
            boolean next = s.kind() == VendorProfile.Kind.OID_NEXT;
            all.add((next ? client.getNext(target, List.of(oid)) : client.get(target, List.of(oid)))
                    .handle((vbs, err) -> {
                        if (err == null && !vbs.isEmpty() && (!next || vbs.get(0).oid().startsWith(oid))) {
                            out.put(oid, vbs.get(0).value());
                        }
                        return null;
                    }));
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).thenApply(v -> new HashMap<>(out));
    }

    /** A table the agent may not implement at all: a protocol error reads as an empty table. */
    private static CompletableFuture<SnmpTable> optional(CompletableFuture<SnmpTable> walk) {
        return walk.exceptionallyCompose(err -> {
            Throwable c = SnmpException.cause(err);
            return c instanceof vn.hatang.snmp.api.SnmpProtocolException
                    ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(c);
        });
    }

    private static SystemInfo system(List<VarBind> vbs) {
        SnmpValue up = vbs.get(2).value();
        return new SystemInfo(text(vbs.get(0).value()), text(vbs.get(1).value()), text(vbs.get(4).value()),
                up.isNumeric() ? up.asLong() : null, text(vbs.get(3).value()), text(vbs.get(5).value()));
    }

    private static List<PhysicalEntity> entities(SnmpTable t) {
        List<PhysicalEntity> l = new ArrayList<>();
        if (t == null) {
            return l;
        }
        for (SnmpTable.Row r : t.rows()) {
            if (r.index().size() != 1) {
                continue;
            }
            l.add(new PhysicalEntity(r.index().last(), text(r.value(0)), integer(r.value(1)), integer(r.value(2)),
                    integer(r.value(3)), text(r.value(4)), text(r.value(5)), text(r.value(6)), text(r.value(7)),
                    text(r.value(8)), text(r.value(9)), text(r.value(10))));
        }
        return l;
    }

    private static List<StorageInfo> storage(SnmpTable t) {
        List<StorageInfo> l = new ArrayList<>();
        if (t == null) {
            return l;
        }
        for (SnmpTable.Row r : t.rows()) {
            Long unit = num(r.value(1));
            Long size = num(r.value(2));
            Long used = num(r.value(3));
            long u = unit == null || unit < 1 ? 1 : unit;
            l.add(new StorageInfo(r.index().last(), text(r.value(0)), size == null ? null : size * u,
                    used == null ? null : used * u));
        }
        return l;
    }

    private static List<Integer> loads(SnmpTable t) {
        List<Integer> l = new ArrayList<>();
        if (t != null) {
            for (SnmpTable.Row r : t.rows()) {
                Long v = num(r.value(0));
                if (v != null) {
                    l.add((int) (long) v);
                }
            }
        }
        return l;
    }

    private static String text(SnmpValue v) {
        return v == null || v.isException() ? null : v.asText();
    }

    private static Long num(SnmpValue v) {
        return v != null && v.isNumeric() ? v.asLong() : null;
    }

    private static Integer integer(SnmpValue v) {
        Long n = num(v);
        return n == null ? null : (int) (long) n;
    }
}
