package vn.hatang.coverage.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import vn.hatang.coverage.CoverageText;

/**
 * Renders a {@link Report} as CSV (UTF-8 with BOM so Excel shows Vietnamese; several tables are separated by a blank
 * line and their title) or XLSX (one sheet per table, bold frozen header, auto-filter so it can be sorted and
 * filtered). Headers in the requested language.
 */
public final class ReportWriter {
    public static final String CSV = "csv";
    public static final String XLSX = "xlsx";
    public static final List<String> FORMATS = List.of(CSV, XLSX);

    private ReportWriter() {
    }

    public static String contentType(String format) {
        return XLSX.equals(format) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                : "text/csv; charset=utf-8";
    }

    public static byte[] render(Report report, String format, Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(report, format, locale, out);
        return out.toByteArray();
    }

    public static void write(Report report, String format, Locale locale, OutputStream out) {
        try {
            if (XLSX.equals(format)) {
                xlsx(report, locale, out);
            } else {
                csv(report, locale, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void csv(Report report, Locale locale, OutputStream out) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180);
        boolean several = report.tables().size() > 1;
        for (int t = 0; t < report.tables().size(); t++) {
            ReportTable table = report.tables().get(t);
            if (several) {
                if (t > 0) {
                    printer.println();
                }
                printer.printRecord(CoverageText.get(locale, "sheet." + table.sheet()));
            }
            printer.printRecord(headers(table, locale));
            for (List<Object> row : table.rows()) {
                List<Object> cells = new ArrayList<>();
                row.forEach(c -> cells.add(cell(c, locale)));
                printer.printRecord(cells);
            }
        }
        if (!report.notes().isEmpty()) {
            printer.println();
            for (Text n : report.notes()) {
                printer.printRecord(n.in(locale));
            }
        }
        printer.flush();
        w.flush();
    }

    private static void xlsx(Report report, Locale locale, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "hatang", "1.0");
        Set<String> used = new HashSet<>();
        for (ReportTable table : report.tables()) {
            String name = sheetName(CoverageText.get(locale, "sheet." + table.sheet()), used);
            Worksheet ws = wb.newWorksheet(name);
            List<String> headers = headers(table, locale);
            for (int c = 0; c < headers.size(); c++) {
                ws.value(0, c, headers.get(c));
                ws.style(0, c).bold().fillColor("DDEBF7").set();
                ws.width(c, Math.min(60, Math.max(10, headers.get(c).length() + 2)));
            }
            int r = 1;
            for (List<Object> row : table.rows()) {
                for (int c = 0; c < row.size(); c++) {
                    Object v = cell(row.get(c), locale);
                    if (v instanceof Number n) {
                        ws.value(r, c, n);
                    } else if (v != null) {
                        ws.value(r, c, v.toString());
                    }
                }
                r++;
            }
            ws.freezePane(0, 1);
            ws.setAutoFilter(0, 0, Math.max(0, r - 1), headers.size() - 1);
        }
        if (!report.notes().isEmpty()) {
            Worksheet ws = wb.newWorksheet(sheetName(CoverageText.get(locale, "sheet.notes"), used));
            ws.width(0, 100);
            for (int i = 0; i < report.notes().size(); i++) {
                ws.value(i, 0, report.notes().get(i).in(locale));
            }
        }
        wb.finish();
    }

    /** Excel sheet names: at most 31 characters, no []:*?/\, unique. */
    private static String sheetName(String wanted, Set<String> used) {
        String base = wanted.replaceAll("[\\[\\]:*?/\\\\]", " ");
        base = base.length() > 31 ? base.substring(0, 31) : base;
        String name = base;
        for (int i = 2; !used.add(name.toLowerCase(Locale.ROOT)); i++) {
            String suffix = " " + i;
            name = (base.length() + suffix.length() > 31 ? base.substring(0, 31 - suffix.length()) : base) + suffix;
        }
        return name;
    }

    private static List<String> headers(ReportTable table, Locale locale) {
        return table.columns().stream().map(c -> header(c, locale)).toList();
    }

    /** "needed:STAFF_MODERN:2026-06-30" is header {@code col.needed} with those arguments. */
    static String header(String column, Locale locale) {
        String[] parts = column.split(":");
        return CoverageText.get(locale, "col." + parts[0], (Object[]) java.util.Arrays.copyOfRange(parts, 1, parts.length));
    }

    private static Object cell(Object c, Locale locale) {
        if (c instanceof Text t) {
            return t.in(locale);
        }
        if (c instanceof java.math.BigDecimal b) {
            return b.doubleValue();
        }
        return c;
    }
}
