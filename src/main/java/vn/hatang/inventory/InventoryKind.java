package vn.hatang.inventory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The inventory files, in the order they are applied (a later file refers to codes of an earlier one). Column names
 * are the API's field names, so a spreadsheet column and a JSON field mean the same thing. Each kind may come as
 * YAML (a list under the key {@link #yamlKey}), CSV or XLSX: {@code devices.csv}, {@code devices.xlsx},
 * {@code links.yaml}, … — at most one file per kind.
 */
public enum InventoryKind {
    UNITS("units", "yaml", "code",
            List.of("code", "name", "kind"),
            List.of("code", "name", "name_en", "kind", "parent_code", "address")),
    INVESTMENT_LINES("investment_lines", "csv", "code",
            List.of("code", "unit_code", "category", "quantity", "year", "decision_no"),
            List.of("code", "unit_code", "category", "quantity", "year", "decision_no", "decision_date", "funding_source")),
    PEOPLE("people", "csv", "code",
            List.of("code", "unit_code", "full_name"),
            List.of("code", "unit_code", "full_name", "title", "signs_documents", "handles_documents_online",
                    "executive_committee", "leader", "secret_signing", "email", "phone", "status", "left_on")),
    RACKS("racks", "yaml", "code",
            List.of("code", "name", "unit_code"),
            List.of("code", "name", "unit_code", "location", "height_u")),
    DEVICES("devices", "csv", "serial",
            List.of("serial", "category", "unit_code"),
            List.of("serial", "category", "unit_code", "person_code", "status", "asset_tag", "manufacturer", "model",
                    "acquired_on", "investment_line_code", "funding_line", "os", "ram_gb", "cpu", "storage_bearing",
                    "mgmt_address", "rack_code", "rack_u", "rack_height_u", "security_checked_on", "security_checked_by",
                    "data_destroyed_on", "notes")),
    LINKS("links", "yaml", "code",
            List.of("code", "kind", "unit_code", "bandwidth_mbps"),
            List.of("code", "kind", "unit_code", "peer_unit_code", "provider", "circuit_id", "bandwidth_mbps",
                    "device_serial", "interface_name", "status")),
    INFORMATION_SYSTEMS("information_systems", "yaml", "code",
            List.of("code", "name", "owner_unit_code", "security_level"),
            List.of("code", "name", "owner_unit_code", "security_level", "approval_state", "decision_no", "approved_on",
                    "description")),
    /** USB tokens and signature SIMs, with their state and holder (the columns of {@code pki/tokens.csv}). */
    TOKENS("tokens", "csv", "serial",
            List.of("serial", "kind", "unit_code"),
            List.of("serial", "kind", "model", "phone", "carrier", "unit_code", "state", "holder_code", "document_no",
                    "document_date", "handed_by"));

    /** The file formats an inventory file may have, by extension. */
    public static final List<String> FORMATS = List.of("yaml", "yml", "csv", "xlsx");

    private final String name;
    private final String usualFormat;
    private final String keyColumn;
    private final List<String> requiredColumns;
    private final List<String> columns;

    InventoryKind(String name, String usualFormat, String keyColumn, List<String> requiredColumns, List<String> columns) {
        this.name = name;
        this.usualFormat = usualFormat;
        this.keyColumn = keyColumn;
        this.requiredColumns = requiredColumns;
        this.columns = columns;
    }

    /** The base name: {@code devices} for devices.csv / devices.xlsx. */
    public String baseName() {
        return name;
    }

    /** The file name the sample province uses, e.g. {@code units.yaml}, {@code devices.csv}. */
    public String file() {
        return name + "." + usualFormat;
    }

    public String yamlKey() {
        return name;
    }

    public String keyColumn() {
        return keyColumn;
    }

    public List<String> requiredColumns() {
        return requiredColumns;
    }

    public List<String> columns() {
        return columns;
    }

    /** The kind a file name stands for ({@code people.xlsx} → PEOPLE), if any. */
    public static Optional<InventoryKind> ofFile(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        if (dot < 0 || !FORMATS.contains(lower.substring(dot + 1))) {
            return Optional.empty();
        }
        String base = lower.substring(0, dot);
        for (InventoryKind k : values()) {
            if (k.name.equals(base)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The accepted file names, for messages: "units.yaml|csv|xlsx, …". */
    public static String accepted() {
        StringBuilder sb = new StringBuilder();
        for (InventoryKind k : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(k.name).append(".{yaml,csv,xlsx}");
        }
        return sb.toString();
    }
}
