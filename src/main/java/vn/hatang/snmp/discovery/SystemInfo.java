package vn.hatang.snmp.discovery;

/** The MIB-II system group; a value the agent lacks is null. */
public record SystemInfo(String descr, String objectId, String name, Long uptimeTicks, String contact,
                         String location) {
}
