package vn.hatang.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jooq.UpdatableRecord;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.db.BulkCopy;
import vn.hatang.platform.db.AnyOf;
import vn.hatang.platform.db.CrudRepository;
import vn.hatang.platform.db.CrudService;
import vn.hatang.platform.db.DbErrors;
import vn.hatang.platform.db.RecordSpec;
import vn.hatang.platform.db.TableLookups;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Scope;

/**
 * The rows of one file applied to one table in a few statements, so that 100,000 rows take seconds: the rows that
 * exist are read by key at once, references are resolved from one read of each referenced table, every row is
 * validated by its resource's spec and rules ({@link CrudService#check}, the same as an API write), then new rows
 * are COPYed and changed ones rewritten by one {@code UPDATE … FROM}, each only if nobody changed it meanwhile.
 * Every refused row is reported with its line; valid rows are written even then, so that later files see their codes
 * (the importer rolls the whole transaction back).
 */
final class TableImport<R extends UpdatableRecord<R>> {
    /** What a kind does beyond its fields' spec (devices: the lifecycle and its records). */
    interface Rules<R extends UpdatableRecord<R>> {
        /** The fields of a row that the spec reads. */
        default Input input(Row row) {
            return row.input();
        }

        /** A new record from a row's fields, not yet stored. */
        default R create(DSLContext dsl, CrudRepository<R> repo, Input in, RecordSpec.Lookups lookups) {
            R r = dsl.newRecord(repo.table());
            repo.spec().apply(in, r, true, lookups);
            return r;
        }

        /** Reads what {@link #after} needs of the rows that exist, at once. */
        default void prepare(DSLContext dsl, Collection<R> existing) {
        }

        /** Further changes a row asks for once its fields are applied, described; throws to refuse the row. */
        default List<String> after(Row row, R record, boolean creating) {
            return List.of();
        }

        /** Writes what {@link #after} planned, once the rows (and their new ids) are stored. */
        default void written(DSLContext dsl) {
        }
    }

    /** One row on its way: its record, whether it is new, and what changes. */
    private record Pending<R>(Row row, R record, boolean creating, List<String> fields, List<String> extra) {
        boolean changed() {
            return creating || !fields.isEmpty() || !extra.isEmpty();
        }
    }

    /** {@code COPY device, line 12, column serial: …}: the line is the n-th new row sent. */
    private static final Pattern COPY_LINE = Pattern.compile("COPY (\\S+), line (\\d+)");

    private static final Logger LOG = LoggerFactory.getLogger(TableImport.class);

    private final InventoryKind kind;
    private final CrudService<R> service;
    private final TableField<R, String> key;
    private final Rules<R> rules;

    TableImport(InventoryKind kind, CrudService<R> service, TableField<R, String> key, Rules<R> rules) {
        this.kind = kind;
        this.service = service;
        this.key = key;
        this.rules = rules;
    }

    void apply(DSLContext dsl, Scope scope, List<Row> rows, ImportResult result) {
        long t0 = System.nanoTime();
        CrudRepository<R> repo = service.repository();
        TableLookups lookups = new TableLookups(dsl, scope);
        Map<String, R> existing = new HashMap<>();
        List<String> keys = rows.stream().map(r -> r.get(kind.keyColumn())).filter(k -> k != null).toList();
        if (!keys.isEmpty()) {
            dsl.selectFrom(repo.table()).where(AnyOf.values(key, keys)).and(scope.covers(repo.unitField()))
                    .forEach(r -> existing.put(r.get(key), r));
        }
        long tExisting = System.nanoTime();
        rules.prepare(dsl, existing.values());
        long tPrepared = System.nanoTime();

        List<Pending<R>> pending = new ArrayList<>();
        for (Row row : rows) {
            try {
                Input in = rules.input(row);
                R old = existing.get(row.get(kind.keyColumn()));
                R r = old == null ? rules.create(dsl, repo, in, lookups) : old;
                List<String> fields = old == null ? List.of() : repo.spec().apply(in, r, false, lookups);
                pending.add(new Pending<>(row, r, old == null, fields, rules.after(row, r, old == null)));
            } catch (ApiException e) {
                result.error(rowError(row, e));
            }
        }
        long tApplied = System.nanoTime();
        List<Pending<R>> writes = pending.stream().filter(Pending::changed).toList();
        Set<Integer> refused = new HashSet<>();
        service.check(dsl, scope, writes.stream().map(Pending::record).toList(), (i, e) -> {
            if (refused.add(i)) {
                result.error(rowError(writes.get(i).row(), e));
            }
        });

        long tChecked = System.nanoTime();
        ImportResult.Counts counts = result.counts(kind);
        List<R> inserts = new ArrayList<>();
        List<Pending<R>> inserted = new ArrayList<>();
        List<R> updates = new ArrayList<>();
        List<Reversals.Changed> changed = new ArrayList<>();
        counts.unchanged += pending.size() - writes.size();
        Instant now = Instant.now();
        for (int i = 0; i < writes.size(); i++) {
            Pending<R> p = writes.get(i);
            if (refused.contains(i)) {
                continue;
            }
            if (p.creating()) {
                counts.added++;
                inserts.add(p.record());
                inserted.add(p);
                continue;
            }
            counts.changed++;
            List<String> diffs = new ArrayList<>();
            for (String f : p.fields()) {
                diffs.add(diff(repo.spec(), lookups, p.record(), f));
            }
            diffs.addAll(p.extra());
            result.change(p.row().where() + " " + p.row().get(kind.keyColumn()) + " — " + String.join("; ", diffs));
            changed.add(new Reversals.Changed(p.row(), p.row().get(kind.keyColumn()), p.record(), p.fields()));
            if (p.record().changed()) {
                p.record().set(repo.versionField(), p.record().get(repo.versionField()) + 1);
                p.record().set(repo.updatedAtField(), now);
                updates.add(p.record());
            }
        }
        Reversals.find(dsl, kind, repo.spec(), changed, lookups, result);
        long t1 = System.nanoTime();
        result.timeValidation(t1 - t0);

        write(dsl, repo, inserts, inserted, updates, result);
        long t2 = System.nanoTime();
        result.timeApply(t2 - t1);
        LOG.debug("{}: {} rows; existing {} ms, prepare {} ms, fields {} ms, checks {} ms, diff {} ms, write {} ms",
                kind, rows.size(), ms(tExisting - t0), ms(tPrepared - tExisting), ms(tApplied - tPrepared),
                ms(tChecked - tApplied), ms(t1 - tChecked), ms(t2 - t1));
    }

    /**
     * The writes, in a savepoint: what the checks could not foresee (a constraint) is reported on the file, and on
     * the row when PostgreSQL names the COPY line.
     */
    private void write(DSLContext dsl, CrudRepository<R> repo, List<R> inserts, List<Pending<R>> inserted, List<R> updates,
            ImportResult result) {
        String file = result.fileOf(kind);
        try {
            dsl.transaction(c -> DbErrors.translate(() -> {
                long t0 = System.nanoTime();
                BulkCopy.insert(c.dsl(), repo.table(), inserts);
                long t1 = System.nanoTime();
                int written = BulkCopy.update(c.dsl(), repo.table(), repo.idField(), repo.versionField(), updates);
                if (written != updates.size()) {
                    throw ApiException.stateConflict("import.changed_meanwhile", String.valueOf(updates.size() - written));
                }
                long t2 = System.nanoTime();
                rules.written(c.dsl());
                LOG.debug("{}: insert {} rows {} ms, update {} rows {} ms, related records {} ms", kind, inserts.size(),
                        ms(t1 - t0), updates.size(), ms(t2 - t1), ms(System.nanoTime() - t2));
                return null;
            }));
        } catch (ApiException e) {
            Row row = copyRow(e, repo.table().getName(), inserted);
            result.error(row == null ? new RowError(file, 0, e.field(), e.messageKey(), e.args()) : rowError(row, e));
        } catch (DataAccessException e) {
            Row row = copyRow(e, repo.table().getName(), inserted);
            String detail = e.getCause(PSQLException.class) == null ? e.getMessage()
                    : e.getCause(PSQLException.class).getServerErrorMessage().getMessage();
            result.error(row == null ? new RowError(file, 0, null, "import.write_failed", detail)
                    : row.error(null, "import.write_failed", detail));
        }
    }

    /** The row whose COPY line PostgreSQL named, if it did and it is one of the inserted rows. */
    private static <R> Row copyRow(Throwable e, String table, List<Pending<R>> inserted) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getWhere() != null) {
                Matcher m = COPY_LINE.matcher(p.getServerErrorMessage().getWhere());
                if (m.find() && m.group(1).equals(table)) {
                    int line = Integer.parseInt(m.group(2));
                    return line >= 1 && line <= inserted.size() ? inserted.get(line - 1).row() : null;
                }
            }
        }
        return null;
    }

    /** "os: Windows 10 Pro → Windows 11 Pro", "unit_code: X01 → X02": in the file's terms. */
    private static <R extends UpdatableRecord<R>> String diff(RecordSpec<R> spec, TableLookups lookups, R r, String f) {
        var field = r.field(f);
        Object before = r.original(field);
        Object after = r.get(field);
        var ref = spec.ref(f);
        if (ref.isPresent()) {
            RecordSpec.Ref x = ref.get();
            return x.codeName() + ": " + Cells.shown(x.codeName(), lookups.codeOf(x.target(), x.targetCode(), (Long) before))
                    + " → " + Cells.shown(x.codeName(), lookups.codeOf(x.target(), x.targetCode(), (Long) after));
        }
        return f + ": " + Cells.shown(f, before) + " → " + Cells.shown(f, after);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    static RowError rowError(Row row, ApiException e) {
        return row.error(e.field(), e.messageKey(), e.args());
    }
}
