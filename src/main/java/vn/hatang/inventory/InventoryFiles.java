package vn.hatang.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Sheet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import vn.hatang.platform.report.Text;

/**
 * Reads inventory files into rows with file:line (and the sheet of a workbook), strictly: known columns only, every
 * required column present, text in UTF-8. A file with its header and no rows (an export of an empty table) has no
 * rows; a file without even a header is an error. CSV may be separated by {@code ,} or by {@code ;} (Excel with Vietnamese
 * regional settings); the separator is read from the header line. Problems become {@link RowError}s; nothing here
 * touches the database.
 */
public final class InventoryFiles {
    /** Rows one file may hold: the national scale (500,000 devices) with room to spare, and a bound on memory. */
    public static final int MAX_ROWS = 600_000;

    /**
     * A cell neutralised against spreadsheet formulas ({@code '=…}, by the report writer or by hand): the quote is
     * taken off again, so an export imports back as it was.
     */
    private static final Pattern NEUTRALISED = Pattern.compile("'[=+\\-@\t\r].*", Pattern.DOTALL);
    /** Excel's built-in date formats (ECMA-376 §18.8.30), and custom ones with day/month/year parts. */
    private static final Set<Integer> DATE_FORMATS = Set.of(14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57);

    /** One file read: its rows, and how it was read (the CSV separator, the workbook sheet) for the report. */
    public record Parsed(List<Row> rows, String separator, String sheet) {
    }

    private final List<RowError> errors = new ArrayList<>();

    public List<RowError> errors() {
        return errors;
    }

    /** Rows of {@code kind} from {@code path} (named {@code name} in messages); no rows when unreadable. */
    public Parsed read(InventoryKind kind, String name, Path path) {
        String format = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        Parsed parsed;
        if ("xlsx".equals(format)) {
            parsed = xlsx(kind, name, path);
        } else {
            String text = decode(path, name);
            if (text == null) {
                return new Parsed(List.of(), null, null);
            }
            if (text.isBlank()) {
                errors.add(new RowError(name, 0, null, "import.file_empty"));
                return new Parsed(List.of(), null, null);
            }
            parsed = "csv".equals(format) ? csv(kind, name, text) : new Parsed(yaml(kind, name, text), null, null);
        }
        return parsed;
    }

    /** Strict UTF-8 (a leading BOM is dropped): the first bad byte is reported with its line. */
    private String decode(Path file, String name) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            errors.add(new RowError(name, 0, null, "import.unreadable", e.getMessage()));
            return null;
        }
        if (bytes.length >= 8 && (ReadableWorkbook.isOOXMLZipHeader(bytes) || ReadableWorkbook.isOLE2Header(bytes))) {
            errors.add(new RowError(name, 0, null, "import.workbook_as_text"));
            return null;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            errors.add(new RowError(name, line, null, "import.not_utf8", String.valueOf(in.position() + 1)));
            return null;
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** {@code ;} when the header line has more semicolons than commas outside quotes, else {@code ,}. */
    static char separator(String text) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length() && (quoted || text.charAt(i) != '\n'); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private Parsed csv(InventoryKind kind, String name, String text) {
        char sep = separator(text);
        int[] lineStarts = lineStarts(text);
        List<Row> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(sep).setTrim(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = null;
            long linesRead = 0;
            var records = parser.iterator();
            while (true) {
                CSVRecord rec;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    rec = records.next();
                } catch (UncheckedIOException e) {
                    // An unterminated quote reads to the end of the file: report the line where the record began.
                    int line = (int) linesRead + 1;
                    boolean eof = String.valueOf(e.getMessage()).contains("EOF");
                    errors.add(new RowError(name, line, null, eof ? "import.csv_unclosed_quote" : "import.bad_csv",
                            String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage())));
                    return new Parsed(List.of(), String.valueOf(sep), null);
                }
                int line = lineOf(lineStarts, rec.getCharacterPosition());
                linesRead = parser.getCurrentLineNumber();
                List<String> cells = rec.toList();
                if (header == null) {
                    header = cells;
                    if (!checkColumns(kind, name, null, header, line)) {
                        return new Parsed(List.of(), String.valueOf(sep), null);
                    }
                    continue;
                }
                if (cells.size() != header.size()) {
                    errors.add(new RowError(name, line, null, "import.field_count", String.valueOf(cells.size()),
                            String.valueOf(header.size())));
                    continue;
                }
                if (!add(rows, name, line, new Row(name, null, line, values(header, cells)))) {
                    break;
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            errors.add(new RowError(name, 0, null, "import.bad_csv", String.valueOf(e.getMessage())));
        }
        return new Parsed(rows, String.valueOf(sep), null);
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] lineStarts, long position) {
        int i = Arrays.binarySearch(lineStarts, (int) position);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    private Parsed xlsx(InventoryKind kind, String name, Path path) {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(path);
             ReadableWorkbook wb = new ReadableWorkbook(in, new ReadingOptions(true, false))) {
            Sheet sheet = wb.getSheets().filter(s -> sheetNames(kind).contains(s.getName().strip().toLowerCase(Locale.ROOT)))
                    .findFirst().orElse(wb.getFirstSheet());
            String sheetName = sheet.getName();
            List<String> header = null;
            try (Stream<org.dhatim.fastexcel.reader.Row> stream = sheet.openStream()) {
                for (var it = stream.iterator(); it.hasNext(); ) {
                    var r = it.next();
                    int line = r.getRowNum();
                    List<String> cells = new ArrayList<>();
                    boolean bad = false;
                    for (int c = 0; c < r.getCellCount(); c++) {
                        Cell cell = r.getCell(c);
                        if (cell != null && cell.getType() == CellType.ERROR) {
                            String column = header != null && c < header.size() ? header.get(c) : null;
                            errors.add(new RowError(name, sheetName, line, column, "import.xlsx_cell_error", cell.getRawValue()));
                            bad = true;
                        }
                        cells.add(text(cell));
                    }
                    if (cells.stream().allMatch(String::isBlank)) {
                        continue;
                    }
                    if (header == null) {
                        header = cells.stream().map(String::strip).toList();
                        int last = header.size();
                        while (last > 0 && header.get(last - 1).isEmpty()) {
                            last--; // formatting often reaches past the last column
                        }
                        header = header.subList(0, last);
                        if (!checkColumns(kind, name, sheetName, header, line)) {
                            return new Parsed(List.of(), null, sheetName);
                        }
                        continue;
                    }
                    if (bad) {
                        continue;
                    }
                    for (int c = header.size(); c < cells.size(); c++) {
                        if (!cells.get(c).isBlank()) {
                            errors.add(new RowError(name, sheetName, line, null, "import.field_count",
                                    String.valueOf(c + 1), String.valueOf(header.size())));
                            bad = true;
                            break;
                        }
                    }
                    while (cells.size() < header.size()) {
                        cells.add("");
                    }
                    if (!bad && !add(rows, name, line, new Row(name, sheetName, line,
                            values(header, cells.subList(0, header.size()))))) {
                        break;
                    }
                }
            }
            if (header == null) {
                errors.add(new RowError(name, sheetName, 0, null, "import.file_empty"));
            }
            return new Parsed(rows, null, sheetName);
        } catch (IOException | RuntimeException e) {
            // Not a workbook, a damaged one, or parts missing: the library says which in its message.
            errors.add(new RowError(name, 0, null, "import.bad_xlsx", String.valueOf(e.getMessage())));
            return new Parsed(List.of(), null, null);
        }
    }

    /** Names the sheet of a kind may have: the base name and the export's sheet titles in both languages. */
    private static Set<String> sheetNames(InventoryKind kind) {
        Set<String> names = new HashSet<>();
        names.add(kind.baseName());
        Text title = InventoryExport.sheetTitle(kind);
        names.add(title.vi().toLowerCase(Locale.ROOT));
        names.add(title.en().toLowerCase(Locale.ROOT));
        return names;
    }

    /** A cell as the text a CSV would hold: dates as YYYY-MM-DD, whole numbers without ".0". */
    private static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return "";
        }
        return switch (cell.getType()) {
            case NUMBER -> isDate(cell) ? cell.asDate().toLocalDate().toString()
                    : ((BigDecimal) cell.getValue()).stripTrailingZeros().toPlainString();
            case BOOLEAN -> String.valueOf(cell.asBoolean());
            case STRING -> cell.asString();
            default -> cell.getRawValue() == null ? "" : cell.getRawValue(); // a formula: its cached result
        };
    }

    private static boolean isDate(Cell cell) {
        Integer id = cell.getDataFormatId();
        if (id != null && DATE_FORMATS.contains(id)) {
            return true;
        }
        String f = cell.getDataFormatString();
        if (f == null) {
            return false;
        }
        String bare = f.replaceAll("\"[^\"]*\"|\\[[^]]*]|\\\\.", "").toLowerCase(Locale.ROOT);
        return !bare.contains("general") && bare.matches(".*[dy].*") && !bare.contains("0");
    }

    private boolean add(List<Row> rows, String name, int line, Row row) {
        if (rows.size() >= MAX_ROWS) {
            errors.add(new RowError(name, line, null, "import.too_many_rows", String.valueOf(MAX_ROWS)));
            rows.clear();
            return false;
        }
        rows.add(row);
        return true;
    }

    private static Map<String, String> values(List<String> header, List<String> cells) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String v = cells.get(i);
            boolean neutralised = v.length() > 1 && v.charAt(0) == '\'' && NEUTRALISED.matcher(v).matches();
            values.put(header.get(i), neutralised ? v.substring(1) : v);
        }
        return values;
    }

    private List<Row> yaml(InventoryKind kind, String name, String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(Integer.MAX_VALUE); // the upload limit bounds the size
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            errors.add(new RowError(name, line, null, "import.bad_yaml", e.getProblem()));
            return List.of();
        } catch (YAMLException e) {
            errors.add(new RowError(name, 0, null, "import.bad_yaml", e.getMessage()));
            return List.of();
        }
        if (!(root instanceof MappingNode top)) {
            errors.add(new RowError(name, 1, null, "import.yaml_shape", kind.yamlKey()));
            return List.of();
        }
        for (NodeTuple t : top.getValue()) {
            if (scalar(t.getKeyNode()).equals(kind.yamlKey())) {
                if (!(t.getValueNode() instanceof SequenceNode seq)) {
                    errors.add(new RowError(name, line(t.getValueNode()), null, "import.yaml_shape", kind.yamlKey()));
                    return List.of();
                }
                return yamlRows(kind, name, seq);
            }
        }
        errors.add(new RowError(name, 1, null, "import.yaml_shape", kind.yamlKey()));
        return List.of();
    }

    private List<Row> yamlRows(InventoryKind kind, String name, SequenceNode seq) {
        List<Row> rows = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof MappingNode m)) {
                errors.add(new RowError(name, line(item), null, "import.yaml_item"));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = scalar(t.getKeyNode());
                if (!(t.getValueNode() instanceof ScalarNode)) {
                    errors.add(new RowError(name, line(t.getValueNode()), key, "import.yaml_scalar"));
                    continue;
                }
                values.put(key, scalar(t.getValueNode()));
            }
            if (checkColumns(kind, name, null, List.copyOf(values.keySet()), line(item))
                    && !add(rows, name, line(item), new Row(name, null, line(item), values))) {
                break;
            }
        }
        return rows;
    }

    /** Unknown or repeated columns are refused (a typo would otherwise silently drop data); required ones must be there. */
    private boolean checkColumns(InventoryKind kind, String name, String sheet, List<String> columns, int line) {
        boolean ok = true;
        Set<String> allowed = Set.copyOf(kind.columns());
        Set<String> seen = new HashSet<>();
        for (String c : columns) {
            if (!allowed.contains(c)) {
                errors.add(new RowError(name, sheet, line, c, "import.unknown_column", c, String.join(", ", kind.columns())));
                ok = false;
            } else if (!seen.add(c)) {
                errors.add(new RowError(name, sheet, line, c, "import.duplicate_column", c));
                ok = false;
            }
        }
        for (String c : kind.requiredColumns()) {
            if (!columns.contains(c)) {
                errors.add(new RowError(name, sheet, line, c, "import.missing_column", c));
                ok = false;
            }
        }
        return ok;
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : "";
    }

    private static int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }
}
