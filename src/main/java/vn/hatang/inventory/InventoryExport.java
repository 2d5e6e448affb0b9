package vn.hatang.inventory;

import static vn.hatang.db.Tables.DATA_DESTRUCTION;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.PKI_TOKEN;
import static vn.hatang.db.Tables.PKI_TOKEN_EVENT;
import static vn.hatang.db.Tables.SECURITY_CHECK;
import static vn.hatang.db.Tables.UNIT;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import vn.hatang.platform.report.Report;
import vn.hatang.platform.report.ReportTable;
import vn.hatang.platform.report.ReportWriter;
import vn.hatang.platform.report.Text;
import vn.hatang.platform.db.CrudRepository;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.db.RecordSpec;
import vn.hatang.platform.http.ApiException;
import vn.hatang.security.Scope;
import vn.hatang.units.UnitRepository;

/**
 * What hatang holds, as the inventory files an office edits and imports back: the import's exact columns, one row
 * per record in the caller's scope (optionally a subtree), CSV or XLSX through the report writer. Importing an export
 * unchanged changes nothing. The writer neutralises cells that a spreadsheet would run as a formula with a leading
 * quote, which the importer takes off again; dates are date cells and numbers numbers in XLSX.
 */
public final class InventoryExport {
    private final Resources resources;

    public InventoryExport(Db db) {
        this.resources = new Resources(db);
    }

    /** The title of a kind's sheet ("Thiết bị" / "Devices"). */
    static Text sheetTitle(InventoryKind kind) {
        return Text.of("messages", "import.sheet." + kind.baseName());
    }

    /** {@code devices.xlsx} → the kind and format, or a 400 naming the file. */
    public static InventoryKind kindOf(String file) {
        String format = file.substring(file.lastIndexOf('.') + 1);
        return InventoryKind.ofFile(file).filter(k -> ReportWriter.FORMATS.contains(format))
                .orElseThrow(() -> ApiException.invalid("file", "import.export_unknown", file,
                        String.join(", ", Arrays.stream(InventoryKind.values()).map(k -> k.baseName() + ".{csv,xlsx}").toList())));
    }

    /** Synchronous: call it off the event loop. */
    public byte[] render(DSLContext dsl, Scope scope, InventoryKind kind, String format, String under, Locale locale) {
        return ReportWriter.render(report(dsl, scope, kind, under), format, locale);
    }

    Report report(DSLContext dsl, Scope scope, InventoryKind kind, String under) {
        Table<?> table = Resources.key(kind).getTable();
        Field<Long> unit = kind == InventoryKind.UNITS ? UNIT.ID : repository(kind).unitField();
        Condition where = scope.covers(unit);
        if (under != null) {
            where = where.and(UnitRepository.under(dsl, scope, unit, under));
        }
        List<Field<?>> fields = kind.columns().stream().<Field<?>>map(c -> column(kind, c)).toList();
        SortField<?> order = kind == InventoryKind.UNITS ? UNIT.PATH.asc() : Resources.key(kind).asc();
        // The headers are the import's column names, in every language: the file goes back in as it came out.
        ReportTable sheet = new ReportTable(sheetTitle(kind), kind.columns().stream().map(Text::same).toList());
        for (Record r : dsl.select(fields).from(table).where(where).orderBy(order).fetch()) {
            Object[] cells = new Object[fields.size()];
            for (int i = 0; i < cells.length; i++) {
                Object v = r.get(i);
                String text = Cells.text(kind.columns().get(i), v);
                cells[i] = v instanceof Number || v instanceof LocalDate ? v : text.isEmpty() ? null : text;
            }
            sheet.add(cells);
        }
        return new Report("inventory_" + kind.baseName(), under, Instant.now().toString(), List.of(), List.of(sheet));
    }

    private CrudRepository<?> repository(InventoryKind kind) {
        return resources.service(kind).repository();
    }

    /** The value of one column: a field of the resource's spec, or what the import reads apart from the spec. */
    private Field<?> column(InventoryKind kind, String column) {
        Field<?> special = switch (kind) {
            case UNITS -> "parent_code".equals(column) ? parentCode() : null;
            case DEVICES -> deviceColumn(column);
            case TOKENS -> tokenColumn(column);
            default -> null;
        };
        if (special != null) {
            return special.as(column);
        }
        RecordSpec<?> spec = kind == InventoryKind.UNITS ? UnitRepository.SPEC : repository(kind).spec();
        Field<?> f = spec.column(column);
        if (f == null) {
            throw new IllegalStateException(kind + " has no export for column " + column);
        }
        return f;
    }

    private static Field<String> parentCode() {
        var parent = UNIT.as("parent");
        return DSL.field(DSL.select(parent.CODE).from(parent).where(parent.ID.eq(UNIT.PARENT_ID)));
    }

    /** The state, and the latest passed security check and data destruction the lifecycle gates asked for. */
    private static Field<?> deviceColumn(String column) {
        return switch (column) {
            case "status" -> DEVICE.STATUS;
            case "security_checked_on" -> latestCheck(SECURITY_CHECK.CHECKED_ON);
            case "security_checked_by" -> latestCheck(SECURITY_CHECK.CHECKED_BY);
            case "data_destroyed_on" -> DSL.field(DSL.select(DATA_DESTRUCTION.DESTROYED_ON).from(DATA_DESTRUCTION)
                    .where(DATA_DESTRUCTION.DEVICE_ID.eq(DEVICE.ID))
                    .orderBy(DATA_DESTRUCTION.DESTROYED_ON.desc(), DATA_DESTRUCTION.ID.desc()).limit(1));
            default -> null;
        };
    }

    private static <T> Field<T> latestCheck(TableField<?, T> f) {
        return DSL.field(DSL.select(f).from(SECURITY_CHECK)
                .where(SECURITY_CHECK.DEVICE_ID.eq(DEVICE.ID), SECURITY_CHECK.PASSED.isTrue())
                .orderBy(SECURITY_CHECK.CHECKED_ON.desc(), SECURITY_CHECK.ID.desc()).limit(1));
    }

    /** The state, the holder, and the paperwork of the handover that made the holder one. */
    private static Field<?> tokenColumn(String column) {
        return switch (column) {
            case "state" -> PKI_TOKEN.STATE;
            case "holder_code" -> DSL.field(DSL.select(PERSON.CODE).from(PERSON).where(PERSON.ID.eq(PKI_TOKEN.HOLDER_ID)));
            case "document_no" -> handover(PKI_TOKEN_EVENT.DOCUMENT_NO);
            case "document_date" -> handover(PKI_TOKEN_EVENT.DOCUMENT_DATE);
            case "handed_by" -> handover(PKI_TOKEN_EVENT.HANDED_BY);
            default -> null;
        };
    }

    private static <T> Field<T> handover(TableField<?, T> f) {
        Field<T> latest = DSL.field(DSL.select(f).from(PKI_TOKEN_EVENT)
                .where(PKI_TOKEN_EVENT.TOKEN_ID.eq(PKI_TOKEN.ID), PKI_TOKEN_EVENT.TO_STATE.eq("assigned"))
                .orderBy(PKI_TOKEN_EVENT.ID.desc()).limit(1));
        return DSL.when(PKI_TOKEN.STATE.eq("assigned"), latest);
    }
}
