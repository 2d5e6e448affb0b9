package vn.hatang.snmp.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chassis of a device in its ENTITY-MIB table, chosen as RFC 6933 describes the containment tree:
 * <ol>
 * <li>rows of class chassis(3) that no other chassis contains (a line card's own chassis row, as some agents have,
 *     stays out); one such row is the device;</li>
 * <li>several, under a common stack(11) row or at the top, are the members of a stack (Catalyst StackWise, HPE
 *     IRF): the device is the stack, its members are listed in their relative position;</li>
 * <li>no chassis row but class known: the first top-level row (entPhysicalContainedIn 0) that is not a plain
 *     container;</li>
 * <li>no class column at all (FortiOS implements only a few columns): the row with the lowest index, which agents of
 *     that kind use for the device itself.</li>
 * </ol>
 *
 * @param members the chassis of a stack in order (one element for a single chassis)
 * @param how     which rule chose it, in words, for the API's identity sources
 */
public record Chassis(PhysicalEntity main, List<PhysicalEntity> members, String how) {
    private static final int CONTAINER = 5;

    public boolean stack() {
        return members.size() > 1;
    }

    public static Optional<Chassis> pick(List<PhysicalEntity> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, PhysicalEntity> byIndex = new HashMap<>();
        rows.forEach(r -> byIndex.put(r.index(), r));
        boolean classes = rows.stream().anyMatch(r -> r.physicalClass() != null);
        if (!classes) {
            PhysicalEntity first = rows.stream().min(Comparator.comparingInt(PhysicalEntity::index)).orElseThrow();
            return Optional.of(new Chassis(first, List.of(first), "first row " + first.index()
                    + " (the agent reports no entPhysicalClass)"));
        }
        List<PhysicalEntity> top = new ArrayList<>();
        for (PhysicalEntity r : rows) {
            if (isClass(r, PhysicalEntity.CHASSIS) && !insideChassis(r, byIndex)) {
                top.add(r);
            }
        }
        top.sort(Comparator.comparing((PhysicalEntity r) -> r.parentRelPos() == null || r.parentRelPos() < 0
                ? Integer.MAX_VALUE : r.parentRelPos()).thenComparingInt(PhysicalEntity::index));
        if (top.size() == 1) {
            return Optional.of(new Chassis(top.get(0), top, "chassis(3) row " + top.get(0).index()));
        }
        if (top.size() > 1) {
            PhysicalEntity stack = commonStack(top, byIndex);
            String where = stack == null ? "" : " under stack(11) row " + stack.index();
            return Optional.of(new Chassis(top.get(0), List.copyOf(top), "stack of " + top.size() + " chassis(3) rows"
                    + where));
        }
        return rows.stream().filter(r -> Integer.valueOf(0).equals(r.containedIn()) && !isClass(r, CONTAINER))
                .min(Comparator.comparingInt(PhysicalEntity::index))
                .map(r -> new Chassis(r, List.of(r), "top-level row " + r.index() + " (no chassis(3) row)"));
    }

    private static boolean isClass(PhysicalEntity r, int c) {
        return r.physicalClass() != null && r.physicalClass() == c;
    }

    /** True when an ancestor of the row is itself a chassis (bounded walk: agents may report containment loops). */
    private static boolean insideChassis(PhysicalEntity r, Map<Integer, PhysicalEntity> byIndex) {
        Integer parent = r.containedIn();
        for (int hops = 0; parent != null && parent != 0 && hops < 64; hops++) {
            PhysicalEntity p = byIndex.get(parent);
            if (p == null) {
                return false;
            }
            if (isClass(p, PhysicalEntity.CHASSIS)) {
                return true;
            }
            parent = p.containedIn();
        }
        return false;
    }

    private static PhysicalEntity commonStack(List<PhysicalEntity> members, Map<Integer, PhysicalEntity> byIndex) {
        PhysicalEntity found = null;
        for (PhysicalEntity m : members) {
            PhysicalEntity stack = null;
            Integer parent = m.containedIn();
            for (int hops = 0; parent != null && parent != 0 && hops < 64 && stack == null; hops++) {
                PhysicalEntity p = byIndex.get(parent);
                if (p == null) {
                    break;
                }
                stack = isClass(p, PhysicalEntity.STACK) ? p : null;
                parent = p.containedIn();
            }
            if (stack == null || found != null && found.index() != stack.index()) {
                return null;
            }
            found = stack;
        }
        return found;
    }
}
