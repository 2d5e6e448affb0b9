package vn.hatang.snmp.discovery;

/**
 * One row of ENTITY-MIB entPhysicalTable (RFC 6933). A column the agent does not implement is null: some agents
 * (FortiOS) leave out entPhysicalClass and entPhysicalContainedIn altogether.
 */
public record PhysicalEntity(int index, String descr, Integer containedIn, Integer physicalClass, Integer parentRelPos,
                             String name, String hardwareRev, String firmwareRev, String softwareRev, String serial,
                             String manufacturer, String model) {
    /** PhysicalClass chassis(3). */
    public static final int CHASSIS = 3;
    /** PhysicalClass stack(11): a stack of chassis managed as one (RFC 6933 §3.1). */
    public static final int STACK = 11;

    /** The value of a column by the name the vendor profiles use (serial, model, name, descr, software, …). */
    public String column(String column) {
        return switch (column) {
            case "serial" -> serial;
            case "model" -> model;
            case "name" -> name;
            case "descr" -> descr;
            case "software" -> softwareRev;
            case "firmware" -> firmwareRev;
            case "hardware" -> hardwareRev;
            case "manufacturer" -> manufacturer;
            default -> throw new IllegalArgumentException("unknown entPhysical column: " + column);
        };
    }

    /** The MIB name of a column, to say where a value came from. */
    public static String mibName(String column) {
        return switch (column) {
            case "serial" -> "entPhysicalSerialNum";
            case "model" -> "entPhysicalModelName";
            case "name" -> "entPhysicalName";
            case "descr" -> "entPhysicalDescr";
            case "software" -> "entPhysicalSoftwareRev";
            case "firmware" -> "entPhysicalFirmwareRev";
            case "hardware" -> "entPhysicalHardwareRev";
            case "manufacturer" -> "entPhysicalMfgName";
            default -> throw new IllegalArgumentException("unknown entPhysical column: " + column);
        };
    }
}
