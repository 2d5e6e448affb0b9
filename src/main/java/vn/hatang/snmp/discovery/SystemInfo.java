package vn.hatang.snmp.discovery;

/** The MIB-II system group. */
public final class SystemInfo {
    public final String descr;
    public final String objectId;
    public final String name;
    public final long uptimeTicks;
    public final String contact;
    public final String location;

    public SystemInfo(String descr, String objectId, String name, long uptimeTicks, String contact, String location) {
        this.descr = descr;
        this.objectId = objectId;
        this.name = name;
        this.uptimeTicks = uptimeTicks;
        this.contact = contact;
        this.location = location;
    }
}
