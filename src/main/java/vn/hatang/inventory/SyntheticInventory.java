package vn.hatang.inventory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Inventory files of any size for benchmarks and tests (deterministic): a province with its communes, officials
 * spread over them, and endpoints held by the officials — every device in service with its security check, so each
 * row walks the whole lifecycle.
 */
public final class SyntheticInventory {
    private static final List<String> CATEGORIES = List.of("pc", "laptop", "tablet", "printer", "scanner");

    private final int units;
    private final int people;

    public SyntheticInventory(int units, int people) {
        this.units = units;
        this.people = people;
    }

    /** {@code units.yaml} and {@code people.csv}. */
    public void writeOrganisation(Path dir) throws IOException {
        StringBuilder u = new StringBuilder("units:\n  - {code: TU, name: \"Tỉnh ủy\", kind: provincial_committee}\n");
        for (int i = 1; i < units; i++) {
            u.append("  - {code: X").append(i).append(", name: \"Đảng ủy xã ").append(i)
                    .append("\", kind: commune, parent_code: TU}\n");
        }
        Files.writeString(dir.resolve("units.yaml"), u, StandardCharsets.UTF_8);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("people.csv"), StandardCharsets.UTF_8)) {
            w.write("code,unit_code,full_name,title,signs_documents,email\n");
            for (int i = 0; i < people; i++) {
                w.write("CB" + i + "," + unitOf(i) + ",Nguyễn Văn " + i + ",Chuyên viên," + (i % 3 == 0 ? "x" : "")
                        + ",cb" + i + "@hoason.dang.vn\n");
            }
        }
    }

    /** {@code devices.csv} with {@code n} devices, device i held by official i mod people. */
    public Path writeDevices(Path file, int n) throws IOException {
        LocalDate base = LocalDate.of(2024, 1, 1);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("serial,category,unit_code,person_code,status,asset_tag,manufacturer,model,acquired_on,os,ram_gb,cpu,"
                    + "security_checked_on,security_checked_by\n");
            for (int i = 0; i < n; i++) {
                int person = i % people;
                String day = base.plusDays(i % 700).toString();
                w.write("SN" + i + "," + CATEGORIES.get(i % CATEGORIES.size()) + "," + unitOf(person) + ",CB" + person
                        + ",in_service,TS-" + i + ",Dell,Vostro 3020," + day + ",Windows 11 Pro,16,Core i5," + day
                        + ",Phòng CĐS-CY\n");
            }
        }
        return file;
    }

    private String unitOf(int i) {
        int u = i % units;
        return u == 0 ? "TU" : "X" + u;
    }
}
