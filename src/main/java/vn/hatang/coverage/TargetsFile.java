package vn.hatang.coverage;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import vn.hatang.inventory.RowError;
import vn.hatang.platform.http.ApiException;

/**
 * Reads {@code targets.yaml} (KPI definitions, modern-device rule, equipment rule) strictly, reporting every problem
 * as file:line with the field, using the same validation as the API. Touches no database.
 */
public final class TargetsFile {
    public static final String FILE = "targets.yaml";
    private static final Set<String> TOP = Set.of("modern_device", "equipment_rule", "kpis");

    /** What the file holds, or the errors that stop it from being applied. */
    public record Content(CoverageRules rules, List<KpiDefinition> kpis, List<RowError> errors) {
        public boolean present() {
            return rules != null || !errors.isEmpty();
        }

        /**
         * Writes rules and KPI definitions (matched by code; KPIs absent from the file are kept) inside the caller's
         * transaction. Problems go to {@code errors}, what changed to {@code changes}.
         */
        public void apply(org.jooq.DSLContext dsl, java.util.function.Consumer<RowError> errors,
                java.util.function.Consumer<String> changes) {
            if (rules == null) {
                return;
            }
            TargetsRepository repo = new TargetsRepository();
            if (repo.saveRules(dsl, rules)) {
                changes.accept(FILE + " — modern_device / equipment_rule");
            }
            for (KpiDefinition k : kpis) {
                try {
                    String what = repo.upsert(dsl, k);
                    if (!"unchanged".equals(what)) {
                        changes.accept(FILE + " " + k.code() + " — " + what);
                    }
                } catch (ApiException e) {
                    errors.accept(new RowError(FILE, 0, e.field(), e.messageKey(), e.args()));
                }
            }
        }
    }

    private final Map<String, Integer> lines = new HashMap<>();
    private final List<RowError> errors = new ArrayList<>();

    private TargetsFile() {
    }

    /** An absent file is "nothing to load", not an error: an office may import only its devices. */
    public static Content read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return new Content(null, List.of(), List.of());
        }
        return new TargetsFile().parse(file);
    }

    private Content parse(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return failed(0, null, "import.not_utf8", "?");
        } catch (IOException e) {
            return failed(0, null, "import.unreadable", e.getMessage());
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text.replace("\uFEFF", "")));
        } catch (MarkedYAMLException e) {
            return failed(e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1, null, "import.bad_yaml",
                    e.getProblem());
        } catch (YAMLException e) {
            return failed(0, null, "import.bad_yaml", e.getMessage());
        }
        if (!(root instanceof MappingNode)) {
            return failed(1, null, "import.yaml_shape", "kpis");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> top = (Map<String, Object>) plain(root, "");
        for (String key : top.keySet()) {
            if (!TOP.contains(key)) {
                errors.add(new RowError(FILE, lines.getOrDefault(key, 1), key, "import.unknown_column", key,
                        String.join(", ", new java.util.TreeSet<>(TOP))));
            }
        }
        CoverageRules rules = null;
        try {
            JsonObject doc = new JsonObject();
            doc.put("modern_device", top.get("modern_device"));
            doc.put("equipment_rule", top.get("equipment_rule"));
            rules = TargetsValidator.rules(new JsonObject(doc.getMap()));
        } catch (ApiException e) {
            error(e, "");
        }
        List<KpiDefinition> kpis = new ArrayList<>();
        Object list = top.get("kpis");
        if (!(list instanceof List<?> items)) {
            errors.add(new RowError(FILE, lines.getOrDefault("kpis", 1), "kpis", "import.yaml_shape", "kpis"));
        } else {
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                String at = "kpis[" + i + "]";
                if (!(items.get(i) instanceof Map<?, ?> m)) {
                    errors.add(new RowError(FILE, lines.getOrDefault(at, 1), null, "import.yaml_item"));
                    continue;
                }
                @SuppressWarnings("unchecked")
                JsonObject json = new JsonObject((Map<String, Object>) m);
                if (!json.containsKey("position")) {
                    json.put("position", i + 1);
                }
                try {
                    KpiDefinition k = TargetsValidator.kpi(json);
                    Integer first = seen.putIfAbsent(k.code(), lines.getOrDefault(at, 0));
                    if (first != null) {
                        errors.add(new RowError(FILE, lines.getOrDefault(at, 0), "code", "import.duplicate_key",
                                k.code(), String.valueOf(first)));
                    }
                    kpis.add(k);
                } catch (ApiException e) {
                    error(e, at + ".");
                }
            }
        }
        return new Content(errors.isEmpty() ? rules : null, errors.isEmpty() ? kpis : List.of(), List.copyOf(errors));
    }

    private void error(ApiException e, String prefix) {
        String field = e.field() == null ? prefix : prefix + e.field();
        String key = field;
        while (!key.isEmpty() && !lines.containsKey(key)) {
            int cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
            key = cut <= 0 ? "" : key.substring(0, cut);
        }
        Object[] args = e.args().length > 0 && e.field() != null
                ? prepend(field, java.util.Arrays.copyOfRange(e.args(), 1, e.args().length)) : e.args();
        errors.add(new RowError(FILE, lines.getOrDefault(key, 1), field, e.messageKey(), args));
    }

    private static Object[] prepend(String first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private Content failed(int line, String field, String key, Object... args) {
        return new Content(null, List.of(), List.of(new RowError(FILE, line, field, key, args)));
    }

    /** YAML nodes as maps, lists, strings and nulls, remembering the line of every path ("kpis[2].threshold"). */
    private Object plain(Node node, String path) {
        lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
        if (node instanceof ScalarNode s) {
            return Tag.NULL.equals(s.getTag()) ? null : s.getValue();
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
                out.add(plain(seq.getValue().get(i), path + "[" + i + "]"));
            }
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) node).getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
            String child = path.isEmpty() ? key : path + "." + key;
            lines.put(child, t.getKeyNode().getStartMark().getLine() + 1);
            out.put(key, plain(t.getValueNode(), child));
        }
        return out;
    }
}
