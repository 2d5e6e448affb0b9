package vn.hatang.coverage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import vn.hatang.inventory.ImportResult;
import vn.hatang.inventory.InventoryImporter;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Scope;
import vn.hatang.testing.TestDatabase;
import vn.hatang.units.UnitService;

/**
 * A small hand-built province whose every KPI value is computed by hand (see the expectations in
 * {@link KpiFixtureTest}). Loaded through the real importer with the shipped {@code inventory/targets.yaml}; commune
 * C2 is then merged into C1 through the real merge.
 *
 * <pre>
 * P  provincial committee (no people)
 * ├─ A   office:  a1 signs+handles+executive, pc d1 modern, tablet d4; a2 pc d2 Windows 10; a3 laptop d3 in repair;
 * │               x1 left; firewall + switch in service; special-use link active; IS1 approved, IS2 submitted;
 * │               lines pc×3 (d1, d2 delivered), tablet×1 (d4)
 * ├─ C1  commune: c1 signs+executive, pc d5 from 2016; c2 handles, laptop d6 Ubuntu 22.04; firewall only;
 * │               special-use link suspended; IS3 draft; line pc×2 with d8 only ordered
 * ├─ C2  commune, merged into C1: m1 handles, pc d7 modern; videoconference v2 in service (both move to C1)
 * ├─ E   commune: empty
 * └─ R   commune: its only device, videoconference v3, is in repair; an Internet link only
 * </pre>
 */
final class CoverageFixture {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T03:00:00Z"), ZoneOffset.UTC);

    private CoverageFixture() {
    }

    /** A generated inventory of 120 units (BenchInventory) with the shipped targets, after a reset. */
    static void generated() {
        TestDatabase.reset();
        org.jooq.DSLContext dsl = TestDatabase.dsl();
        BenchInventory.generate(dsl, 120, 1500, 3000, 31);
        TargetsFile.Content targets = TargetsFile.read(Path.of("inventory"));
        dsl.transaction(c -> targets.apply(c.dsl(), e -> {
            throw new IllegalStateException(e.toString());
        }, s -> { }));
    }

    static void load(Db db) {
        TestDatabase.reset();
        Path dir = write();
        ImportResult result = TestDatabase.importer(db).importDirectory(TestDatabase.SYSTEM, dir, false);
        if (result.hasErrors()) {
            throw new IllegalStateException(result.report(false));
        }
        try {
            new UnitService(db).merge(TestDatabase.SYSTEM, Input.of(new JsonObject().put("target_code", "C1")
                    .put("source_codes", new JsonArray().add("C2")).put("decision_no", "01-NQ/TW")))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write() {
        try {
            Path dir = vn.hatang.testing.TempDirs.create("hatang-coverage-fixture");
            Files.copy(Path.of("inventory/targets.yaml"), dir.resolve("targets.yaml"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve("units.yaml"), """
                    units:
                      - { code: P, name: "Tỉnh ủy P", kind: provincial_committee }
                      - { code: A, name: "Văn phòng A", name_en: "Office A", kind: office, parent_code: P }
                      - { code: C1, name: "Đảng ủy xã C1", kind: commune, parent_code: P }
                      - { code: C2, name: "Đảng ủy xã C2", kind: commune, parent_code: P }
                      - { code: E, name: "Đảng ủy xã E", kind: commune, parent_code: P }
                      - { code: R, name: "Đảng ủy xã R", kind: commune, parent_code: P }
                    """);
            Files.writeString(dir.resolve("people.csv"), """
                    code,unit_code,full_name,title,signs_documents,handles_documents_online,executive_committee,status,left_on
                    a1,A,Nguyễn Văn Một,Chánh Văn phòng,x,x,x,active,
                    a2,A,Trần Thị Hai,Chuyên viên,,,,active,
                    a3,A,Lê Văn Ba,Chuyên viên,,,,active,
                    x1,A,Phạm Văn Nghỉ,Chuyên viên,x,x,x,left,2026-06-30
                    c1,C1,Hoàng Văn Bốn,Bí thư,x,,x,active,
                    c2,C1,Vũ Thị Năm,Văn thư,,x,,active,
                    m1,C2,Đỗ Văn Sáu,Văn thư,,x,,active,
                    """);
            Files.writeString(dir.resolve("investment_lines.csv"), """
                    code,unit_code,category,quantity,year,decision_no
                    L-A-pc,A,pc,3,2026,12-QĐ/TU
                    L-A-tablet,A,tablet,1,2026,12-QĐ/TU
                    L-C1-pc,C1,pc,2,2026,12-QĐ/TU
                    L-C1-vc,C1,videoconference,1,2026,12-QĐ/TU
                    """);
            Files.writeString(dir.resolve("devices.csv"), """
                    serial,category,unit_code,person_code,status,acquired_on,investment_line_code,os,ram_gb,security_checked_on,security_checked_by
                    d1,pc,A,a1,in_service,2024-03-01,L-A-pc,Windows 11 Pro,16,2024-03-02,CĐS
                    d2,pc,A,a2,in_service,2021-05-01,L-A-pc,Windows 10 Pro,8,2021-05-02,CĐS
                    d3,laptop,A,a3,in_repair,2025-01-10,,Windows 11 Pro,16,2025-01-11,CĐS
                    d4,tablet,A,a1,in_service,2026-01-19,L-A-tablet,Android 14,8,2026-01-20,CĐS
                    fwA,firewall,A,,in_service,2024-01-01,,,,2024-01-02,CĐS
                    swA,switch,A,,in_service,2024-01-01,,,,2024-01-02,CĐS
                    d5,pc,C1,c1,in_service,2016-05-01,,Windows 11 Pro,8,2016-05-02,CĐS
                    d6,laptop,C1,c2,in_service,2023-06-01,,Ubuntu 22.04 LTS,8,2023-06-02,CĐS
                    fwC1,firewall,C1,,in_service,2024-01-01,,,,2024-01-02,CĐS
                    d8,pc,C1,,ordered,,L-C1-pc,,,,
                    d7,pc,C2,m1,in_service,2025-02-01,,Windows 11 Pro,16,2025-02-02,CĐS
                    v2,videoconference,C2,,in_service,2024-05-01,,,,2024-05-02,CĐS
                    v3,videoconference,R,,in_repair,2023-05-01,,,,2023-05-02,CĐS
                    """);
            Files.writeString(dir.resolve("links.yaml"), """
                    links:
                      - { code: W-A, kind: special_use, unit_code: A, bandwidth_mbps: 100, status: active }
                      - { code: W-C1, kind: special_use, unit_code: C1, bandwidth_mbps: 100, status: suspended }
                      - { code: N-R, kind: internet, unit_code: R, bandwidth_mbps: 100, status: active }
                    """);
            Files.writeString(dir.resolve("information_systems.yaml"), """
                    information_systems:
                      - { code: IS1, name: "Hệ thống 1", owner_unit_code: A, security_level: 3, approval_state: approved, decision_no: "1-QĐ", approved_on: 2025-01-01 }
                      - { code: IS2, name: "Hệ thống 2", owner_unit_code: A, security_level: 2, approval_state: submitted }
                      - { code: IS3, name: "Hệ thống 3", owner_unit_code: C1, security_level: 2, approval_state: draft }
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
