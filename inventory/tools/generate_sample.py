#!/usr/bin/env python3
"""Generates the fictional sample province in inventory/ (deterministic: same seed, same files).

The province, its units and every person are invented. Run from the repository root:
    python3 inventory/tools/generate_sample.py
"""
import csv
import random
from pathlib import Path

R = random.Random(2026)
OUT = Path(__file__).resolve().parent.parent

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thanh", "Xuân", "Ngọc", "Anh"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Bích", "Hồng", "Mai", "Diệu"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn", "Tài", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Hiếu"]
GIVEN_F = ["Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân", "Nhung", "Phương", "Quyên", "Thảo", "Trang", "Uyên", "Vân", "Yến"]

AGENCIES = [
    ("VPTU", "Văn phòng Tỉnh ủy", "Provincial Party Committee Office", "office", 70),
    ("BTCTU", "Ban Tổ chức Tỉnh ủy", "Organisation Board", "office", 30),
    ("BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Propaganda and Mass Mobilisation Board", "office", 32),
    ("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", "Inspection Commission", "office", 28),
    ("BNCTU", "Ban Nội chính Tỉnh ủy", "Internal Affairs Board", "office", 20),
    ("BCSSK", "Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh", "Cadre Health Care Board", "office", 14),
    ("BAOHS", "Báo Hòa Sơn", "Hoa Son Newspaper", "office", 26),
    ("TCT", "Trường Chính trị tỉnh", "Provincial Political School", "office", 24),
    ("DUCQD", "Đảng ủy các cơ quan Đảng tỉnh", "Party Committee of Provincial Party Agencies", "party_committee", 16),
    ("DUUBND", "Đảng ủy Ủy ban nhân dân tỉnh", "Party Committee of the Provincial People's Committee", "party_committee", 18),
    ("DUQS", "Đảng ủy Quân sự tỉnh", "Provincial Military Party Committee", "party_committee", 12),
    ("DUCA", "Đảng ủy Công an tỉnh", "Provincial Police Party Committee", "party_committee", 12),
]
COMMUNE_NAMES = ["An Bình", "An Hòa", "Bình Minh", "Bình Sơn", "Cẩm Đường", "Đại Phước", "Đồng Tâm", "Giang Điền",
    "Hòa Bình", "Hòa Hưng", "Hưng Lộc", "La Ngà", "Long Giao", "Long Phước", "Nam Cát", "Phú Hòa", "Phú Lâm",
    "Phước Thái", "Sông Mây", "Suối Tre", "Tân An", "Tân Hiệp", "Tân Phú", "Thanh Sơn", "Thống Nhất", "Trảng Bom",
    "Trị An", "Xuân Bắc", "Xuân Đông", "Xuân Hòa", "Xuân Lộc", "Xuân Phú", "Xuân Thành", "Xuân Trường", "Bảo Vinh",
    "Bàu Hàm", "Cây Gáo", "Dầu Giây", "Gia Kiệm", "Lộc An"]
WARDS = {"Bình Minh", "Long Phước", "Tân An", "Trảng Bom", "Xuân Lộc", "Bảo Vinh", "Hòa Bình", "Tân Hiệp"}

PC_MODELS = [("Dell", "OptiPlex 7010"), ("HP", "ProDesk 400 G9"), ("Lenovo", "ThinkCentre M70s"), ("Dell", "Vostro 3020"), ("FPT Elead", "T5000")]
LAPTOPS = [("Dell", "Latitude 5440"), ("HP", "ProBook 450 G10"), ("Lenovo", "ThinkPad E14"), ("Asus", "ExpertBook B1")]
TABLETS = [("Samsung", "Galaxy Tab S9"), ("Apple", "iPad Air"), ("Lenovo", "Tab P12")]
PRINTERS = [("HP", "LaserJet Pro M404"), ("Canon", "LBP 2900"), ("Brother", "HL-L5100")]
SCANNERS = [("Fujitsu", "fi-7160"), ("Canon", "DR-C230"), ("Plustek", "PS188")]
OSES = [("Windows 11 Pro", 0.55), ("Windows 10 Pro", 0.35), ("Ubuntu 22.04", 0.05), ("Windows 7", 0.05)]


def name():
    female = R.random() < 0.45
    return f"{R.choice(FAMILY)} {R.choice(MIDDLE_F if female else MIDDLE_M)} {R.choice(GIVEN_F if female else GIVEN_M)}"


def weighted(pairs):
    x, acc = R.random(), 0.0
    for v, w in pairs:
        acc += w
        if x <= acc:
            return v
    return pairs[-1][0]


def main():
    units = [dict(code="TUHS", name="Tỉnh ủy Hòa Sơn", name_en="Hoa Son Provincial Party Committee", kind="provincial_committee", parent_code="")]
    staff = {}
    for code, vi, en, kind, n in AGENCIES:
        units.append(dict(code=code, name=vi, name_en=en, kind=kind, parent_code="TUHS"))
        staff[code] = n
    units.append(dict(code="TTTHDL", name="Trung tâm tích hợp dữ liệu cơ quan Đảng tỉnh", name_en="Party Data Integration Center", kind="office", parent_code="VPTU"))
    staff["TTTHDL"] = 10
    units.append(dict(code="CB-CDS", name="Chi bộ Phòng Chuyển đổi số - Cơ yếu", name_en="Digital Transformation and Cipher Department cell", kind="cell", parent_code="VPTU"))
    staff["CB-CDS"] = 8
    communes = []
    for i, cn in enumerate(COMMUNE_NAMES, 1):
        ward = cn in WARDS
        code = f"{'P' if ward else 'X'}{i:02d}"
        units.append(dict(code=code, name=f"Đảng ủy {'phường' if ward else 'xã'} {cn}",
                          name_en=f"{cn} {'Ward' if ward else 'Commune'} Party Committee", kind="commune", parent_code="TUHS"))
        staff[code] = R.randint(7, 11)
        communes.append(code)

    with open(OUT / "units.yaml", "w", encoding="utf-8") as f:
        f.write("# Cây đơn vị mẫu (hư cấu) / fictional sample unit tree. Columns: see README \"Inventory format\".\nunits:\n")
        for u in units:
            f.write(f"  - code: {u['code']}\n    name: \"{u['name']}\"\n    name_en: \"{u['name_en']}\"\n    kind: {u['kind']}\n")
            if u["parent_code"]:
                f.write(f"    parent_code: {u['parent_code']}\n")

    people = []
    pid = 0
    for unit, n in staff.items():
        for k in range(n):
            pid += 1
            leader = k < (3 if n > 15 else 2)
            exec_member = k < (4 if unit in communes else 2) or (unit == "VPTU" and k < 6)
            signs = leader or R.random() < (0.35 if unit not in communes else 0.3)
            status = "left" if R.random() < 0.02 else "active"
            title = "Bí thư" if k == 0 and unit in communes else ("Chánh Văn phòng" if k == 0 and unit == "VPTU" else
                    ("Trưởng ban" if k == 0 else ("Phó trưởng ban" if leader else R.choice(["Chuyên viên", "Chuyên viên chính", "Cán bộ", "Văn thư", "Kế toán"]))))
            people.append(dict(code=f"CB{pid:04d}", unit_code=unit, full_name=name(), title=title,
                               signs_documents="x" if signs else "", handles_documents_online="x" if (signs or R.random() < 0.7) else "",
                               executive_committee="x" if exec_member else "", leader="x" if leader else "",
                               secret_signing="x" if (signs and leader and R.random() < 0.4) else "",
                               email=f"cb{pid:04d}@hoason.dang.vn", phone="", status=status,
                               left_on="2026-06-30" if status == "left" else ""))
    write_csv("people.csv", ["code", "unit_code", "full_name", "title", "signs_documents", "handles_documents_online",
                             "executive_committee", "leader", "secret_signing", "email", "phone", "status", "left_on"], people)

    lines = []
    for u in units[1:]:
        code = u["code"]
        if code in ("TTTHDL", "CB-CDS"):
            continue
        n = staff[code]
        lines.append(dict(code=f"QD12-2026/{code}/pc", unit_code=code, category="pc", quantity=max(2, n // 3), year=2026,
                          decision_no="12-QĐ/TU", decision_date="2026-01-20", funding_source="Ngân sách tỉnh 2026"))
        if code in communes:
            lines.append(dict(code=f"QD12-2026/{code}/videoconference", unit_code=code, category="videoconference", quantity=1,
                              year=2026, decision_no="12-QĐ/TU", decision_date="2026-01-20", funding_source="Ngân sách tỉnh 2026"))
        lines.append(dict(code=f"QD12-2026/{code}/tablet", unit_code=code, category="tablet", quantity=2 if code in communes else 3,
                          year=2026, decision_no="12-QĐ/TU", decision_date="2026-01-20", funding_source="Ngân sách tỉnh 2026"))
    lines.append(dict(code="QD05-2026/TTTHDL/server", unit_code="TTTHDL", category="server", quantity=6, year=2026,
                      decision_no="05-QĐ/VPTU", decision_date="2026-02-10", funding_source="Đề án chuyển đổi số"))
    write_csv("investment_lines.csv", ["code", "unit_code", "category", "quantity", "year", "decision_no", "decision_date",
                                       "funding_source"], lines)

    devices = []
    serial = 0

    def dev(category, unit, maker_model, person="", status="in_service", year=None, os="", ram="", cpu="", line="",
            mgmt="", rack=None, notes=""):
        nonlocal serial
        serial += 1
        year = year or R.randint(2016, 2026)
        acquired = f"{year}-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}"
        if year == 2026 and acquired > "2026-11-20":
            acquired = "2026-10-15"
        checked = acquired if status in ("security_checked", "in_service", "in_repair", "retired", "disposed") else ""
        d = dict(serial=f"HS{category[:2].upper()}{serial:05d}", category=category, unit_code=unit, person_code=person,
                 status=status, asset_tag=f"TS-{serial:05d}", manufacturer=maker_model[0], model=maker_model[1],
                 acquired_on=acquired, investment_line_code=line, funding_line="", os=os, ram_gb=ram, cpu=cpu,
                 storage_bearing="", mgmt_address=mgmt, rack_code=rack[0] if rack else "", rack_u=rack[1] if rack else "",
                 rack_height_u=rack[2] if rack else "", security_checked_on=checked,
                 security_checked_by="Phòng CĐS-CY" if checked else "",
                 data_destroyed_on=("2026-05-12" if status == "disposed" else ""), notes=notes)
        devices.append(d)
        return d

    # Far-from-target units: some communes and one board have old machines and nothing new.
    lagging = set(R.sample(communes, 12)) | {"BCSSK"}
    # Units that already meet the equipment rule: every official has a recent, supported, in-service computer.
    exemplary = {"VPTU", "UBKTTU", "TTTHDL", "CB-CDS"} | set(R.sample([c for c in communes if c not in lagging], 10))
    for p in people:
        unit = p["unit_code"]
        if p["status"] == "left":
            continue
        r = R.random()
        if unit in exemplary:
            laptop = R.random() < 0.3
            dev("laptop" if laptop else "pc", unit, R.choice(LAPTOPS if laptop else PC_MODELS), p["code"], year=R.randint(2023, 2026),
                os="Windows 11 Pro", ram=R.choice([16, 16, 32]), cpu=R.choice(["Core i5-13500", "Core i7-13700", "Ryzen 7 7700"]))
        elif unit in lagging and r < 0.5:
            dev("pc", unit, R.choice(PC_MODELS), p["code"], year=R.randint(2013, 2018), os="Windows 10 Pro" if r < 0.3 else "Windows 7", ram=4, cpu="Core i3-4160")
        elif r < 0.08:
            continue  # nobody gave this person a computer yet
        else:
            year = R.randint(2019, 2026)
            os = weighted(OSES) if year < 2023 else "Windows 11 Pro"
            status = "in_repair" if R.random() < 0.03 else "in_service"
            line = f"QD12-2026/{unit}/pc" if year == 2026 and unit not in ("TTTHDL", "CB-CDS") else ""
            laptop = R.random() < 0.25
            dev("laptop" if laptop else "pc", unit, R.choice(LAPTOPS if laptop else PC_MODELS), p["code"], status=status, year=year,
                os=os, ram=R.choice([8, 8, 16, 16, 32]) if year >= 2021 else R.choice([4, 8]), cpu=R.choice(["Core i5-12400", "Core i5-13500", "Core i7-12700", "Ryzen 5 5600G"]), line=line)
        if p["executive_committee"] and R.random() < (0.5 if unit in lagging else 0.85):
            line = f"QD12-2026/{unit}/tablet" if unit not in ("TTTHDL", "CB-CDS") else ""
            dev("tablet", unit, R.choice(TABLETS), p["code"], year=2026, os="Android 14", ram=8, line=line)
    # Old PCs replaced: retired and disposed, plus new ones on order / just received.
    for u in units[1:]:
        code = u["code"]
        for _ in range(R.randint(2, 6)):
            dev("pc", code, R.choice(PC_MODELS), status=R.choice(["retired", "disposed"]), year=R.randint(2010, 2015), os="Windows 7", ram=2)
        if code not in lagging and code not in ("TTTHDL", "CB-CDS"):
            for _ in range(R.randint(0, 3)):
                dev("pc", code, R.choice(PC_MODELS), status=R.choice(["ordered", "received", "security_checked"]), year=2026,
                    os="Windows 11 Pro", ram=16, cpu="Core i5-13500", line=f"QD12-2026/{code}/pc")
        for _ in range(max(1, staff[code] // 5)):
            dev("printer", code, R.choice(PRINTERS), status="in_service" if R.random() < 0.92 else "in_repair")
        for _ in range(max(1, staff[code] // 10)):
            dev("scanner", code, R.choice(SCANNERS))
    # Network devices: firewall, switch, router per unit; some communes miss a firewall.
    carriers = {}
    for i, u in enumerate(units):
        code = u["code"]
        if code in ("CB-CDS",):
            continue
        if not (code in lagging and R.random() < 0.6):
            dev("firewall", code, ("Fortinet", "FortiGate 60F" if code in communes else "FortiGate 200F"), year=R.randint(2020, 2025),
                mgmt=f"10.{20 + i // 200}.{i % 200}.1")
        dev("switch", code, ("Cisco", "Catalyst 9200L-48P"), year=R.randint(2018, 2025), mgmt=f"10.{20 + i // 200}.{i % 200}.2")
        carriers[code] = dev("router", code, ("Cisco", "ISR 1111-8P"), year=R.randint(2018, 2024), mgmt=f"10.{20 + i // 200}.{i % 200}.3")
    # Videoconference: most communes have one, a few still waiting.
    for code in communes:
        r = R.random()
        if r < 0.75:
            dev("videoconference", code, ("Polycom", "Studio X50"), year=R.randint(2022, 2026), line=f"QD12-2026/{code}/videoconference")
        elif r < 0.85:
            dev("videoconference", code, ("Polycom", "Studio X50"), status="ordered", year=2026, line=f"QD12-2026/{code}/videoconference")
    dev("videoconference", "VPTU", ("Cisco", "Room Kit Pro"), year=2024)
    # Data center.
    racks = [("RACK-A1", "Tủ A1", 42), ("RACK-A2", "Tủ A2", 42), ("RACK-B1", "Tủ B1", 42), ("RACK-B2", "Tủ B2 (mạng)", 42)]
    pos = {r[0]: 1 for r in racks}

    def place(rack, h):
        u = pos[rack]
        pos[rack] += h
        return (rack, u, h)

    for k in range(10):
        dev("server", "TTTHDL", ("Dell", "PowerEdge R750"), year=R.randint(2021, 2026), os="VMware ESXi 8", ram=512, cpu="2x Xeon Gold 6338",
            rack=place("RACK-A1" if k < 5 else "RACK-A2", 2), mgmt=f"10.10.1.{10 + k}",
            line="QD05-2026/TTTHDL/server" if k >= 8 else "")
    for k in range(6):
        dev("virtualization_host", "TTTHDL", ("HPE", "ProLiant DL380 Gen11"), year=R.randint(2022, 2026), os="Proxmox VE 8", ram=768,
            cpu="2x Xeon Gold 6430", rack=place("RACK-B1", 2), mgmt=f"10.10.2.{10 + k}")
    for k in range(3):
        dev("storage", "TTTHDL", ("Dell", "PowerStore 1200T"), year=2024, rack=place("RACK-B1", 2), mgmt=f"10.10.3.{10 + k}")
    for k in range(2):
        dev("firewall", "TTTHDL", ("Palo Alto", "PA-3410"), year=2025, rack=place("RACK-B2", 1), mgmt=f"10.10.0.{1 + k}")
    for k in range(4):
        dev("switch", "TTTHDL", ("Cisco", "Nexus 93180YC-FX"), year=2024, rack=place("RACK-B2", 1), mgmt=f"10.10.0.{10 + k}")
    dev("server", "TTTHDL", ("IBM", "System x3650 M4"), status="retired", year=2013, os="Windows Server 2008 R2", ram=64)

    write_csv("devices.csv", ["serial", "category", "unit_code", "person_code", "status", "asset_tag", "manufacturer", "model",
                              "acquired_on", "investment_line_code", "funding_line", "os", "ram_gb", "cpu", "storage_bearing",
                              "mgmt_address", "rack_code", "rack_u", "rack_height_u", "security_checked_on",
                              "security_checked_by", "data_destroyed_on", "notes"], devices)

    with open(OUT / "racks.yaml", "w", encoding="utf-8") as f:
        f.write("# Tủ rack của Trung tâm tích hợp dữ liệu / data-center racks\nracks:\n")
        for code, nm, h in racks:
            f.write(f"  - code: {code}\n    name: \"{nm}\"\n    unit_code: TTTHDL\n    location: \"Phòng máy chủ tầng 3\"\n    height_u: {h}\n")

    with open(OUT / "links.yaml", "w", encoding="utf-8") as f:
        f.write("# Đường truyền số liệu chuyên dùng và Internet có kiểm soát / special-use WAN and controlled Internet links\nlinks:\n")
        n = 0
        for u in units[1:]:
            code = u["code"]
            if code not in carriers or code == "TTTHDL":
                continue
            if code in lagging and R.random() < 0.35:
                continue  # not yet connected to the special-use network
            n += 1
            bw = 100 if code in communes else 200
            status = "active" if R.random() < 0.95 else "suspended"
            f.write(f"  - code: TSLCD-{code}\n    kind: special_use\n    unit_code: {code}\n    peer_unit_code: TTTHDL\n"
                    f"    provider: \"Cục Bưu điện Trung ương\"\n    circuit_id: \"CD-HS-{n:04d}\"\n    bandwidth_mbps: {bw}\n"
                    f"    device_serial: {carriers[code]['serial']}\n    interface_name: GigabitEthernet0/0/0\n    status: {status}\n")
            if R.random() < 0.6:
                f.write(f"  - code: INET-{code}\n    kind: internet\n    unit_code: {code}\n    provider: \"{R.choice(['VNPT', 'Viettel', 'FPT Telecom'])}\"\n"
                        f"    circuit_id: \"NET-HS-{n:04d}\"\n    bandwidth_mbps: {R.choice([100, 200, 300])}\n"
                        f"    device_serial: {carriers[code]['serial']}\n    interface_name: GigabitEthernet0/0/1\n    status: active\n")

    systems = [
        ("HTTT-QLVB", "Hệ thống quản lý văn bản và điều hành", "VPTU", 3, "approved", "45-QĐ/VPTU", "2025-09-12"),
        ("HTTT-THU", "Hệ thống thư điện tử công vụ", "VPTU", 3, "approved", "46-QĐ/VPTU", "2025-09-12"),
        ("HTTT-HSDV", "Cơ sở dữ liệu hồ sơ đảng viên", "BTCTU", 4, "submitted", "", ""),
        ("HTTT-HOP", "Hệ thống họp trực tuyến", "VPTU", 2, "approved", "51-QĐ/VPTU", "2025-11-03"),
        ("HTTT-CTTDT", "Cổng thông tin điện tử Đảng bộ tỉnh", "BTGDV", 2, "draft", "", ""),
        ("HTTT-KT", "Phần mềm kiểm tra, giám sát", "UBKTTU", 3, "submitted", "", ""),
        ("HTTT-XTT", "Hệ thống xác thực tập trung", "TTTHDL", 3, "approved", "52-QĐ/VPTU", "2026-03-20"),
        ("HTTT-SAOLUU", "Hệ thống sao lưu dữ liệu", "TTTHDL", 2, "rejected", "", ""),
    ]
    with open(OUT / "information_systems.yaml", "w", encoding="utf-8") as f:
        f.write("# Hệ thống thông tin đặt tại Trung tâm tích hợp dữ liệu, cấp độ an toàn 1–5 / information systems\ninformation_systems:\n")
        for code, nm, owner, lvl, state, dec, on in systems:
            f.write(f"  - code: {code}\n    name: \"{nm}\"\n    owner_unit_code: {owner}\n    security_level: {lvl}\n    approval_state: {state}\n")
            if dec:
                f.write(f"    decision_no: \"{dec}\"\n    approved_on: {on}\n")
    print(f"units={len(units)} people={len(people)} devices={len(devices)} lines={len(lines)}")


def write_csv(name, header, rows):
    with open(OUT / name, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)


if __name__ == "__main__":
    main()
