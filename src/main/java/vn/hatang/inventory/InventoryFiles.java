package vn.hatang.inventory;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the inventory files into rows with file:line, strictly: UTF-8 only, known columns only, every required column
 * present. Problems become {@link RowError}s; nothing here touches the database.
 */
public final class InventoryFiles {
    private final List<RowError> errors = new ArrayList<>();

    public List<RowError> errors() {
        return errors;
    }

    /** Rows of one kind; an empty list when the file is absent, or (with errors recorded) unreadable. */
    public List<Row> read(Path dir, InventoryKind kind) {
        Path file = dir.resolve(kind.file());
        if (!Files.exists(file)) {
            return List.of(); // every file is optional: an office may import only its devices
        }
        String text = decode(file, kind.file());
        if (text == null) {
            return List.of();
        }
        if (text.isBlank()) {
            errors.add(new RowError(kind.file(), 0, null, "import.file_empty"));
            return List.of();
        }
        List<Row> rows = kind.file().endsWith(".csv") ? csv(kind, text) : yaml(kind, text);
        if (rows.isEmpty() && errors.stream().noneMatch(e -> e.file().equals(kind.file()))) {
            errors.add(new RowError(kind.file(), 0, null, "import.file_empty"));
        }
        return rows;
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

    private List<Row> csv(InventoryKind kind, String text) {
        List<Row> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = parser.getHeaderNames();
            if (!checkColumns(kind, header, 1)) {
                return List.of();
            }
            long lineBefore = parser.getCurrentLineNumber();
            for (CSVRecord rec : parser) {
                int line = (int) lineBefore + 1;
                lineBefore = parser.getCurrentLineNumber();
                if (!rec.isConsistent()) {
                    errors.add(new RowError(kind.file(), line, null, "import.field_count",
                            String.valueOf(rec.size()), String.valueOf(header.size())));
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                header.forEach(h -> values.put(h, rec.get(h)));
                rows.add(new Row(kind.file(), line, values));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            errors.add(new RowError(kind.file(), 0, null, "import.bad_csv", String.valueOf(e.getMessage())));
        }
        return rows;
    }

    private List<Row> yaml(InventoryKind kind, String text) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            errors.add(new RowError(kind.file(), line, null, "import.bad_yaml", e.getProblem()));
            return List.of();
        } catch (YAMLException e) {
            errors.add(new RowError(kind.file(), 0, null, "import.bad_yaml", e.getMessage()));
            return List.of();
        }
        if (!(root instanceof MappingNode top)) {
            errors.add(new RowError(kind.file(), 1, null, "import.yaml_shape", kind.yamlKey()));
            return List.of();
        }
        for (NodeTuple t : top.getValue()) {
            if (scalar(t.getKeyNode()).equals(kind.yamlKey())) {
                if (!(t.getValueNode() instanceof SequenceNode seq)) {
                    errors.add(new RowError(kind.file(), line(t.getValueNode()), null, "import.yaml_shape", kind.yamlKey()));
                    return List.of();
                }
                return yamlRows(kind, seq);
            }
        }
        errors.add(new RowError(kind.file(), 1, null, "import.yaml_shape", kind.yamlKey()));
        return List.of();
    }

    private List<Row> yamlRows(InventoryKind kind, SequenceNode seq) {
        List<Row> rows = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof MappingNode m)) {
                errors.add(new RowError(kind.file(), line(item), null, "import.yaml_item"));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = scalar(t.getKeyNode());
                if (!(t.getValueNode() instanceof ScalarNode)) {
                    errors.add(new RowError(kind.file(), line(t.getValueNode()), key, "import.yaml_scalar"));
                    continue;
                }
                values.put(key, scalar(t.getValueNode()));
            }
            if (checkColumns(kind, List.copyOf(values.keySet()), line(item))) {
                rows.add(new Row(kind.file(), line(item), values));
            }
        }
        return rows;
    }

    /** Unknown columns are refused (a typo would otherwise silently drop data); required ones must be there. */
    private boolean checkColumns(InventoryKind kind, List<String> columns, int line) {
        boolean ok = true;
        Set<String> allowed = Set.copyOf(kind.columns());
        for (String c : columns) {
            if (!allowed.contains(c)) {
                errors.add(new RowError(kind.file(), line, c, "import.unknown_column", c, String.join(", ", kind.columns())));
                ok = false;
            }
        }
        for (String c : kind.requiredColumns()) {
            if (!columns.contains(c)) {
                errors.add(new RowError(kind.file(), line, c, "import.missing_column", c));
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
