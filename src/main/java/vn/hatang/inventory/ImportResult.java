package vn.hatang.inventory;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.hatang.platform.i18n.Messages;

/**
 * What an import did (or, on a dry run, would do): per file added / changed / unchanged and how it was read, the
 * changes, the reversals among them, the errors, and the time spent validating and writing.
 *
 * <p>As an HTTP answer (README "Import report"): 200 {@code application/json} when applied or a clean dry run; a
 * refused import is a 422 {@code application/problem+json} whose members are the same report, with {@code errors}
 * listing {@code file}, {@code sheet}, {@code line}, {@code field} and {@code message} of each problem.
 */
public final class ImportResult {
    /** How many errors a report lists; the count says how many there were in all. */
    public static final int ERRORS_LISTED = 1000;

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

    /** One file read: its name, and the CSV separator or the workbook sheet it was read from. */
    record FileRead(String name, String separator, String sheet) {
    }

    /**
     * A change that undoes one made in hatang since: an old file would put a value back. {@code changedAt} and
     * {@code actor} say who made the change being undone (the actor is null when no audit records it).
     */
    public record Reversal(String where, String key, String column, String current, String restored, String changedAt,
            String actor) {
        String render(Locale locale) {
            return Messages.get(locale, "import.reversal", where, key, column, current, restored, changedAt,
                    actor == null ? Messages.get(locale, "import.actor_unknown") : actor);
        }

        JsonObject toJson(Locale locale) {
            return new JsonObject().put("where", where).put("key", key).put("column", column).put("current", current)
                    .put("restored", restored).put("changed_at", changedAt).put("changed_by", actor)
                    .put("message", render(locale));
        }
    }

    private final Map<InventoryKind, Counts> counts = new EnumMap<>(InventoryKind.class);
    private final Map<InventoryKind, FileRead> files = new EnumMap<>(InventoryKind.class);
    private final List<String> changes = new ArrayList<>();
    private final List<Reversal> reversals = new ArrayList<>();
    private final List<RowError> errors = new ArrayList<>();
    private boolean applied;
    private long validateNanos;
    private long applyNanos;

    Counts counts(InventoryKind kind) {
        return counts.computeIfAbsent(kind, k -> new Counts());
    }

    public Counts countsOf(InventoryKind kind) {
        return counts.getOrDefault(kind, new Counts());
    }

    void file(InventoryKind kind, FileRead read) {
        files.put(kind, read);
    }

    /** The name of the file a kind was read from ({@code people.xlsx}), or its usual name. */
    String fileOf(InventoryKind kind) {
        FileRead f = files.get(kind);
        return f == null ? kind.file() : f.name();
    }

    void change(String description) {
        changes.add(description);
    }

    void reversal(Reversal r) {
        reversals.add(r);
    }

    void error(RowError e) {
        errors.add(e);
    }

    void applied(boolean applied) {
        this.applied = applied;
    }

    void timeValidation(long nanos) {
        validateNanos += nanos;
    }

    void timeApply(long nanos) {
        applyNanos += nanos;
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

    public List<Reversal> reversals() {
        return reversals;
    }

    /** Reading, looking up and checking the rows (ms). */
    public long validateMillis() {
        return validateNanos / 1_000_000;
    }

    /** Writing them (ms). */
    public long applyMillis() {
        return applyNanos / 1_000_000;
    }

    /** One line: "units.yaml +53 ~0 =0, people.csv +600 …". */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, c) -> sb.append(sb.length() == 0 ? "" : ", ").append(fileOf(k))
                .append(" +").append(c.added).append(" ~").append(c.changed).append(" =").append(c.unchanged));
        return sb.toString();
    }

    /** The report the CLI prints, in Vietnamese; reversals first, where nobody can miss them. */
    public String report(boolean dryRun) {
        Locale vi = Messages.VI;
        StringBuilder sb = new StringBuilder();
        if (!reversals.isEmpty()) {
            sb.append(Messages.get(vi, "import.report.reversals", String.valueOf(reversals.size()))).append('\n');
            reversals.forEach(r -> sb.append("  !! ").append(r.render(vi)).append('\n'));
        }
        sb.append(Messages.get(vi, "import.report.header")).append('\n');
        for (InventoryKind k : InventoryKind.values()) {
            if (counts.containsKey(k) || files.containsKey(k)) {
                Counts c = countsOf(k);
                sb.append(Messages.get(vi, "import.report.line", fileOf(k), String.valueOf(c.added),
                        String.valueOf(c.changed), String.valueOf(c.unchanged))).append(howRead(vi, k)).append('\n');
            }
        }
        changes.forEach(c -> sb.append("  ~ ").append(c).append('\n'));
        if (!errors.isEmpty()) {
            sb.append(Messages.get(vi, "import.report.errors", String.valueOf(errors.size()))).append('\n');
            errors.stream().limit(ERRORS_LISTED).forEach(e -> sb.append("  ! ").append(e.render(vi)).append('\n'));
            if (errors.size() > ERRORS_LISTED) {
                sb.append("  ! ").append(Messages.get(vi, "import.report.more_errors",
                        String.valueOf(errors.size() - ERRORS_LISTED))).append('\n');
            }
        }
        sb.append(Messages.get(vi, hasErrors() ? "import.report.nothing" : dryRun ? "import.report.dry_run"
                : "import.report.applied")).append('\n');
        return sb.toString();
    }

    private String howRead(Locale locale, InventoryKind k) {
        FileRead f = files.get(k);
        if (f == null) {
            return "";
        }
        if (f.separator() != null) {
            return " " + Messages.get(locale, "import.report.separator", f.separator());
        }
        return f.sheet() == null ? "" : " " + Messages.get(locale, "import.report.sheet", f.sheet());
    }

    /** The JSON schema of {@link #toJson}, for the API description. */
    public static JsonObject schema() {
        JsonObject str = new JsonObject().put("type", "string");
        JsonObject num = new JsonObject().put("type", "integer");
        JsonObject nullable = str.copy().put("nullable", true);
        JsonObject file = object(new JsonObject().put("added", num).put("changed", num).put("unchanged", num)
                .put("separator", nullable).put("sheet", nullable));
        JsonObject error = object(new JsonObject().put("file", str).put("sheet", nullable).put("line", num)
                .put("field", nullable).put("message", str));
        JsonObject reversal = object(new JsonObject().put("where", str).put("key", str).put("column", str)
                .put("current", str).put("restored", str).put("changed_at", str).put("changed_by", nullable)
                .put("message", str));
        return object(new JsonObject().put("dry_run", new JsonObject().put("type", "boolean"))
                .put("applied", new JsonObject().put("type", "boolean"))
                .put("files", new JsonObject().put("type", "object").put("additionalProperties", file))
                .put("changes", array(str)).put("reversals", array(reversal)).put("errors", array(error))
                .put("errors_total", num)
                .put("timings_ms", object(new JsonObject().put("validate", num).put("apply", num))));
    }

    private static JsonObject object(JsonObject properties) {
        return new JsonObject().put("type", "object").put("properties", properties);
    }

    private static JsonObject array(JsonObject items) {
        return new JsonObject().put("type", "array").put("items", items);
    }

    public JsonObject toJson(Locale locale, boolean dryRun) {
        JsonObject out = new JsonObject();
        for (InventoryKind k : InventoryKind.values()) {
            if (counts.containsKey(k) || files.containsKey(k)) {
                Counts c = countsOf(k);
                FileRead f = files.get(k);
                out.put(fileOf(k), new JsonObject().put("added", c.added).put("changed", c.changed)
                        .put("unchanged", c.unchanged).put("separator", f == null ? null : f.separator())
                        .put("sheet", f == null ? null : f.sheet()));
            }
        }
        JsonArray errs = new JsonArray();
        errors.stream().limit(ERRORS_LISTED).forEach(e -> errs.add(e.toJson(locale)));
        JsonArray revs = new JsonArray();
        reversals.forEach(r -> revs.add(r.toJson(locale)));
        return new JsonObject().put("dry_run", dryRun).put("applied", applied).put("files", out)
                .put("changes", new JsonArray(changes)).put("reversals", revs).put("errors", errs)
                .put("errors_total", errors.size())
                .put("timings_ms", new JsonObject().put("validate", validateMillis()).put("apply", applyMillis()));
    }
}
