package vn.hatang.snmp.links;

/** A link of the inventory and the device (and interface name) that carries it. */
public record CarriedLink(long id, String code, long deviceId, String interfaceName, long bandwidthBps) {
}
