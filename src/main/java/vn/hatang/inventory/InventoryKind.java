package vn.hatang.inventory;

import java.util.List;

/**
 * The inventory files, in the order they are applied (a later file refers to codes of an earlier one). Column names
 * are the API's field names, so a spreadsheet column and a JSON field mean the same thing.
 */
public enum InventoryKind {
    UNITS("units.yaml", "units", "code",
            List.of("code", "name", "kind"),
            List.of("code", "name", "name_en", "kind", "parent_code", "address")),
    INVESTMENT_LINES("investment_lines.csv", null, "code",
            List.of("code", "unit_code", "category", "quantity", "year", "decision_no"),
            List.of("code", "unit_code", "category", "quantity", "year", "decision_no", "decision_date", "funding_source")),
    PEOPLE("people.csv", null, "code",
            List.of("code", "unit_code", "full_name"),
            List.of("code", "unit_code", "full_name", "title", "signs_documents", "handles_documents_online",
                    "executive_committee", "leader", "secret_signing", "email", "phone", "status", "left_on")),
    RACKS("racks.yaml", "racks", "code",
            List.of("code", "name", "unit_code"),
            List.of("code", "name", "unit_code", "location", "height_u")),
    DEVICES("devices.csv", null, "serial",
            List.of("serial", "category", "unit_code"),
            List.of("serial", "category", "unit_code", "person_code", "status", "asset_tag", "model", "manufacturer",
                    "acquired_on", "investment_line_code", "funding_line", "os", "ram_gb", "cpu", "storage_bearing",
                    "mgmt_address", "rack_code", "rack_u", "rack_height_u", "security_checked_on", "security_checked_by",
                    "data_destroyed_on", "notes")),
    LINKS("links.yaml", "links", "code",
            List.of("code", "kind", "unit_code", "bandwidth_mbps"),
            List.of("code", "kind", "unit_code", "peer_unit_code", "provider", "circuit_id", "bandwidth_mbps",
                    "device_serial", "interface_name", "status")),
    INFORMATION_SYSTEMS("information_systems.yaml", "information_systems", "code",
            List.of("code", "name", "owner_unit_code", "security_level"),
            List.of("code", "name", "owner_unit_code", "security_level", "approval_state", "decision_no", "approved_on",
                    "description"));

    private final String file;
    private final String yamlKey;
    private final String keyColumn;
    private final List<String> requiredColumns;
    private final List<String> columns;

    InventoryKind(String file, String yamlKey, String keyColumn, List<String> requiredColumns,
            List<String> columns) {
        this.file = file;
        this.yamlKey = yamlKey;
        this.keyColumn = keyColumn;
        this.requiredColumns = requiredColumns;
        this.columns = columns;
    }

    public String file() {
        return file;
    }

    public String yamlKey() {
        return yamlKey;
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
}
