package vn.hatang.platform.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.BorderStyle;
import org.dhatim.fastexcel.PaperSize;
import org.dhatim.fastexcel.Position;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import vn.hatang.platform.i18n.Messages;

/**
 * The one writer of every report and export: CSV (UTF-8 with a BOM so Excel shows Vietnamese; several tables are
 * separated by a blank line and their title; subtotal and total rows are left out, a CSV is data) or XLSX (one sheet
 * per table, the {@link Heading} above the first, numbers as numbers, dates as date cells, bold repeated header row,
 * widths that fit the content, A4 landscape fitted to the page width).
 *
 * <p>Every text cell that a spreadsheet would read as a formula — starting with {@code = + - @}, a tab or a carriage
 * return — is written with a leading apostrophe, as OWASP recommends against CSV injection: a name typed as
 * {@code =HYPERLINK(…)} stays text in the officer's spreadsheet.
 */
public final class ReportWriter {
    public static final String CSV = "csv";
    public static final String XLSX = "xlsx";
    public static final List<String> FORMATS = List.of(CSV, XLSX);

    private static final int MAX_WIDTH = 48;
    private static final String HEADER_FILL = "DDEBF7";
    private static final String SUBTOTAL_FILL = "F2F2F2";

    private ReportWriter() {
    }

    public static String contentType(String format) {
        return XLSX.equals(format) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                : "text/csv; charset=utf-8";
    }

    /** A text that no spreadsheet will evaluate (OWASP CSV injection). */
    public static String neutralise(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
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
                printer.printRecord(neutralise(table.sheet().in(locale)));
            }
            printer.printRecord(headers(table, locale));
            for (ReportTable.Row row : table.rows()) {
                if (row.kind() != ReportTable.Kind.DATA) {
                    continue;
                }
                List<Object> cells = new ArrayList<>();
                row.cells().forEach(c -> cells.add(c instanceof LocalDate d ? d.toString() : cell(c, locale)));
                printer.printRecord(cells);
            }
        }
        if (!report.notes().isEmpty()) {
            printer.println();
            for (Text n : report.notes()) {
                printer.printRecord(neutralise(n.in(locale)));
            }
        }
        printer.flush();
        w.flush();
    }

    private static void xlsx(Report report, Locale locale, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "hatang", "1.0");
        Set<String> used = new HashSet<>();
        for (int t = 0; t < report.tables().size(); t++) {
            ReportTable table = report.tables().get(t);
            Worksheet ws = wb.newWorksheet(sheetName(table.sheet().in(locale), used));
            printSetup(ws);
            double[] widths = widths(table, locale);
            for (int c = 0; c < widths.length; c++) {
                ws.width(c, widths[c]);
            }
            int r = t == 0 && report.heading() != null ? heading(ws, report.heading(), widths, locale) : 0;
            r = table(ws, table, locale, r);
            if (t == 0 && report.heading() != null) {
                signatures(ws, report.heading(), widths.length, locale, r + 1);
            }
        }
        if (!report.notes().isEmpty()) {
            Worksheet ws = wb.newWorksheet(sheetName(Messages.get("documents", locale, "doc.notes"), used));
            printSetup(ws);
            ws.width(0, 110);
            for (int i = 0; i < report.notes().size(); i++) {
                ws.value(i, 0, neutralise(report.notes().get(i).in(locale)));
                ws.style(i, 0).wrapText(true).verticalAlignment("top").set();
            }
        }
        wb.finish();
    }

    private static void printSetup(Worksheet ws) {
        ws.paperSize(PaperSize.A4_PAPER);
        ws.pageOrientation("landscape");
        ws.setFitToPage(true);
        ws.fitToWidth((short) 1);
        ws.fitToHeight((short) 0);
        ws.leftMargin(0.5f);
        ws.rightMargin(0.5f);
        ws.footer("&P/&N", Position.CENTER);
    }

    /** The header row (repeated on every printed page), then the rows; returns the next free row. */
    private static int table(Worksheet ws, ReportTable table, Locale locale, int r) {
        int header = r;
        List<String> headers = headers(table, locale);
        for (int c = 0; c < headers.size(); c++) {
            ws.value(header, c, headers.get(c));
            ws.style(header, c).bold().fillColor(HEADER_FILL).wrapText(true).horizontalAlignment("center")
                    .verticalAlignment("center").borderStyle(BorderStyle.THIN).set();
        }
        ws.repeatRows(header);
        ws.freezePane(0, header + 1);
        r++;
        for (ReportTable.Row row : table.rows()) {
            for (int c = 0; c < row.cells().size(); c++) {
                Object v = cell(row.cells().get(c), locale);
                var style = ws.style(r, c).borderStyle(BorderStyle.THIN).verticalAlignment("top");
                if (v instanceof LocalDate d) {
                    ws.value(r, c, d);
                    style.format("dd/mm/yyyy");
                } else if (v instanceof Number n) {
                    ws.value(r, c, n);
                    if (n instanceof Double x && x != Math.rint(x)) {
                        style.format("0.0");
                    }
                } else if (v != null) {
                    ws.value(r, c, v.toString());
                    style.wrapText(true);
                }
                if (row.kind() != ReportTable.Kind.DATA) {
                    style.bold().fillColor(row.kind() == ReportTable.Kind.TOTAL ? HEADER_FILL : SUBTOTAL_FILL);
                }
                style.set();
            }
            r++;
        }
        ws.setAutoFilter(header, 0, Math.max(header, r - 1), headers.size() - 1);
        return r;
    }

    /** The title block; returns the row of the table header. */
    private static int heading(Worksheet ws, Heading h, double[] widths, Locale locale) {
        int n = widths.length;
        int left = Math.max(1, Math.min(n - 1, (n * 2 + 4) / 5));
        int right = Math.max(left, n - Math.max(1, (n * 2 + 4) / 5));
        merged(ws, 0, 0, left - 1, h.superiorBody().in(locale).toUpperCase(locale), false, false, "center");
        merged(ws, 1, 0, left - 1, h.issuingBody().in(locale).toUpperCase(locale), true, false, "center");
        merged(ws, 2, 0, left - 1, "*", false, false, "center");
        merged(ws, 3, 0, left - 1, h.number().in(locale), false, false, "center");
        if (n > 1) {
            merged(ws, 0, right, n - 1, Messages.get("documents", locale, "doc.party"), true, false, "center");
            ws.style(0, right).underlined().set();
            merged(ws, 1, right, n - 1, h.placeAndDate().in(locale), false, true, "center");
        }
        merged(ws, 5, 0, n - 1, h.title().in(locale).toUpperCase(locale), true, false, "center");
        ws.style(5, 0).fontSize(14).set();
        merged(ws, 6, 0, n - 1, h.subtitle().in(locale), true, false, "center");
        double chars = 0;
        for (double w : widths) {
            chars += w;
        }
        int r = 7;
        for (Text basis : h.basis()) {
            String s = basis.in(locale);
            merged(ws, r, 0, n - 1, s, false, true, "left");
            ws.rowHeight(r, 15.5 * Math.max(1, Math.ceil(s.length() * 1.1 / chars)));
            r++;
        }
        return r + 1;
    }

    /** The signature block: each role over its share of the columns, with room to sign. */
    private static void signatures(Worksheet ws, Heading h, int n, Locale locale, int r) {
        int k = h.signatures().size();
        if (k == 0) {
            return;
        }
        for (int i = 0; i < k; i++) {
            int from = i * n / k;
            int to = Math.max(from, (i + 1) * n / k - 1);
            merged(ws, r, from, to, h.signatures().get(i).in(locale).toUpperCase(locale), true, false, "center");
            merged(ws, r + 1, from, to, Messages.get("documents", locale, "doc.sign_hint"), false, true, "center");
        }
    }

    private static void merged(Worksheet ws, int row, int from, int to, String text, boolean bold, boolean italic, String align) {
        ws.value(row, from, neutralise(text));
        var style = ws.range(row, from, row, to).style().horizontalAlignment(align).verticalAlignment("center").wrapText(true);
        if (bold) {
            style.bold();
        }
        if (italic) {
            style.italic();
        }
        if (to > from) {
            style.merge();
        }
        style.set();
    }

    /**
     * Column widths in characters: wide enough for the longest value (Vietnamese names of units run to 50 letters,
     * they wrap beyond {@value #MAX_WIDTH}) and for the longest word of the header, which wraps.
     */
    static double[] widths(ReportTable table, Locale locale) {
        List<String> headers = headers(table, locale);
        double[] w = new double[headers.size()];
        for (int c = 0; c < w.length; c++) {
            int word = 0;
            for (String part : headers.get(c).split("\\s+")) {
                word = Math.max(word, part.length());
            }
            w[c] = Math.max(Math.max(6, word + 2), Math.min(headers.get(c).length() + 2, 16));
        }
        for (ReportTable.Row row : table.rows()) {
            for (int c = 0; c < row.cells().size(); c++) {
                Object v = cell(row.cells().get(c), locale);
                int len = v == null ? 0 : v instanceof LocalDate ? 10 : v instanceof Number n ? n.toString().length() : v.toString().length();
                w[c] = Math.max(w[c], Math.min(MAX_WIDTH, len * 1.1 + 2));
            }
        }
        return w;
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
        return table.columns().stream().map(c -> neutralise(c.in(locale))).toList();
    }

    private static Object cell(Object c, Locale locale) {
        if (c instanceof Text t) {
            return neutralise(t.in(locale));
        }
        if (c instanceof String s) {
            return neutralise(s);
        }
        if (c instanceof BigDecimal b) {
            return b.doubleValue();
        }
        return c;
    }
}
