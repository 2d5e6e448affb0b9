package vn.hatang.snmp.discovery;

/** One row of ENTITY-MIB entPhysicalTable. */
public final class PhysicalEntity {
    /** entPhysicalClass chassis(3). */
    public static final int CHASSIS = 3;

    public final int index;
    public final String descr;
    public final int containedIn;
    public final int physicalClass;
    public final String name;
    public final String hardwareRev;
    public final String firmwareRev;
    public final String softwareRev;
    public final String serial;
    public final String manufacturer;
    public final String model;

    public PhysicalEntity(int index, String descr, int containedIn, int physicalClass, String name,
                          String hardwareRev, String firmwareRev, String softwareRev, String serial,
                          String manufacturer, String model) {
        this.index = index;
        this.descr = descr;
        this.containedIn = containedIn;
        this.physicalClass = physicalClass;
        this.name = name;
        this.hardwareRev = hardwareRev;
        this.firmwareRev = firmwareRev;
        this.softwareRev = softwareRev;
        this.serial = serial;
        this.manufacturer = manufacturer;
        this.model = model;
    }
}
