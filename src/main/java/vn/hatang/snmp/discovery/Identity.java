package vn.hatang.snmp.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who a device says it is: serial number, model and software version, each null when the device does not expose it,
 * with where each value was read ({@code sources}: field → "JUNIPER-MIB::jnxBoxSerialNo.0", "sysDescr", …).
 *
 * @param profile the vendor profile that read it (file name without .yaml)
 * @param otherSerials identifiers the vendor profile counts as serials too (a service tag), when the inventory is
 *                     compared
 * @param members      the chassis of a stack, in order; empty for a single chassis
 */
public record Identity(String profile, String vendor, String os, String serial, String model, String version,
                       List<String> otherSerials, Map<String, String> sources, List<Member> members) {
    public Identity {
        otherSerials = List.copyOf(otherSerials);
        sources = Map.copyOf(sources);
        members = List.copyOf(members);
    }

    /** One chassis of a stack. */
    public record Member(int entityIndex, String name, String serial, String model) {
    }

    /** Every serial the device reports for itself: its own, each stack member's, and the other identifiers. */
    public List<String> serials() {
        List<String> out = new ArrayList<>();
        if (serial != null) {
            out.add(serial);
        }
        members.stream().map(Member::serial).filter(s -> s != null && !out.contains(s)).forEach(out::add);
        otherSerials.stream().filter(s -> !out.contains(s)).forEach(out::add);
        return out;
    }

    /** Every model the device reports: its own, or each stack member's. */
    public List<String> models() {
        List<String> out = new ArrayList<>();
        if (model != null) {
            out.add(model);
        }
        members.stream().map(Member::model).filter(s -> s != null && !out.contains(s)).forEach(out::add);
        return out;
    }
}
