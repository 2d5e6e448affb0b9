package vn.hatang.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.hatang.inventory.ImportResult;
import vn.hatang.platform.db.Db;
import vn.hatang.testing.TestDatabase;

/**
 * A small province for the documents: the office VPTU and a commune with officials whose names carry every kind of
 * Vietnamese diacritic, devices in service (with asset tags), one only received, and 30 devices in the commune for
 * two label sheets.
 */
final class DocumentsFixture {
    private DocumentsFixture() {
    }

    static void load(Db db) {
        TestDatabase.reset();
        try {
            Path dir = vn.hatang.testing.TempDirs.create("hatang-documents-fixture");
            Files.writeString(dir.resolve("units.yaml"), """
                    units:
                      - { code: TUHS, name: "Tỉnh ủy Hòa Sơn", kind: provincial_committee }
                      - { code: VPTU, name: "Văn phòng Tỉnh ủy", kind: office, parent_code: TUHS }
                      - { code: XDL, name: "Đảng ủy xã Đồng Lạc", kind: commune, parent_code: TUHS }
                    """);
            Files.writeString(dir.resolve("people.csv"), """
                    code,unit_code,full_name,title,status
                    CB01,XDL,Nguyễn Thị Ngọc Ánh,Phó Bí thư Thường trực,active
                    CB02,XDL,Trần Quốc Hưởng,Văn phòng Đảng ủy,active
                    CB03,VPTU,Lê Văn Đức,Chuyên viên Phòng Chuyển đổi số – Cơ yếu,active
                    """);
            StringBuilder devices = new StringBuilder(
                    "serial,category,unit_code,person_code,status,asset_tag,manufacturer,model,acquired_on,security_checked_on,security_checked_by\n");
            devices.append("SN-LT-001,laptop,XDL,,in_service,TS-2026-0001,Dell,Latitude 5440,2026-03-02,2026-03-05,Phòng CĐS\n");
            devices.append("SN-PC-002,pc,XDL,,in_service,TS-2026-0002,HP,ProDesk 400 G9,2026-03-02,2026-03-05,Phòng CĐS\n");
            devices.append("SN-TB-003,tablet,XDL,,received,TS-2026-0003,Samsung,Galaxy Tab S9,2026-03-02,,\n");
            for (int i = 4; i <= 30; i++) {
                devices.append(String.format("SN-PR-%03d,printer,XDL,,in_service,TS-2026-%04d,Canon,LBP 2900,2025-01-10,2025-01-12,Phòng CĐS%n", i, i));
            }
            Files.writeString(dir.resolve("devices.csv"), devices);
            ImportResult result = TestDatabase.importer(db).importDirectory(TestDatabase.SYSTEM, dir, false);
            if (result.hasErrors()) {
                throw new IllegalStateException(result.report(false));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
