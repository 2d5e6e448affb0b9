package vn.hatang.inventory;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.hatang.platform.i18n.Messages;

/** What an import did (or, on a dry run, would do): per file added / changed / unchanged, the changes, the errors. */
public final class ImportResult {
    /** Counts of one file. */
    public static final class Counts {
        int added;
        int changed;
        int unchanged;

        public int added() {
            return added;
        }

        public int changed() {
            return changed;
        }

        public int unchanged() {
            return unchanged;
        }
    }

    private final Map<InventoryKind, Counts> counts = new EnumMap<>(InventoryKind.class);
    private final List<String> changes = new ArrayList<>();
    private final List<RowError> errors = new ArrayList<>();
    private boolean applied;

    Counts counts(InventoryKind kind) {
        return counts.computeIfAbsent(kind, k -> new Counts());
    }

    public Counts countsOf(InventoryKind kind) {
        return counts.getOrDefault(kind, new Counts());
    }

    void change(String description) {
        changes.add(description);
    }

    void error(RowError e) {
        errors.add(e);
    }

    void applied(boolean applied) {
        this.applied = applied;
    }

    public boolean applied() {
        return applied;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<RowError> errors() {
        return errors;
    }

    public List<String> changes() {
        return changes;
    }

    /** One line: "units.yaml +53 ~0 =0, people.csv +600 …". */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, c) -> sb.append(sb.length() == 0 ? "" : ", ").append(k.file())
                .append(" +").append(c.added).append(" ~").append(c.changed).append(" =").append(c.unchanged));
        return sb.toString();
    }

    /** The report the CLI prints, in Vietnamese. */
    public String report(boolean dryRun) {
        Locale vi = Messages.VI;
        StringBuilder sb = new StringBuilder();
        sb.append(Messages.get(vi, "import.report.header")).append('\n');
        for (InventoryKind k : InventoryKind.values()) {
            if (counts.containsKey(k)) {
                Counts c = counts.get(k);
                sb.append(Messages.get(vi, "import.report.line", k.file(), String.valueOf(c.added),
                        String.valueOf(c.changed), String.valueOf(c.unchanged))).append('\n');
            }
        }
        changes.forEach(c -> sb.append("  ~ ").append(c).append('\n'));
        if (!errors.isEmpty()) {
            sb.append(Messages.get(vi, "import.report.errors", String.valueOf(errors.size()))).append('\n');
            errors.forEach(e -> sb.append("  ! ").append(e.render(vi)).append('\n'));
        }
        sb.append(Messages.get(vi, hasErrors() ? "import.report.nothing" : dryRun ? "import.report.dry_run"
                : "import.report.applied")).append('\n');
        return sb.toString();
    }

    public JsonObject toJson(Locale locale, boolean dryRun) {
        JsonObject files = new JsonObject();
        counts.forEach((k, c) -> files.put(k.file(), new JsonObject().put("added", c.added).put("changed", c.changed)
                .put("unchanged", c.unchanged)));
        JsonArray errs = new JsonArray();
        errors.forEach(e -> errs.add(new JsonObject().put("file", e.file()).put("line", e.line()).put("field", e.field())
                .put("message", e.render(locale))));
        return new JsonObject().put("dry_run", dryRun).put("applied", applied).put("files", files)
                .put("changes", new JsonArray(changes)).put("errors", errs);
    }
}
