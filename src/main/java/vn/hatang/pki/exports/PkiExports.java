package vn.hatang.pki.exports;

import static vn.hatang.db.Tables.PERSON;
import static vn.hatang.db.Tables.PKI_CERTIFICATE;
import static vn.hatang.db.Tables.PKI_REQUEST;
import static vn.hatang.db.Tables.PKI_TOKEN;
import static vn.hatang.db.Tables.PKI_TOKEN_EVENT;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jooq.DSLContext;
import org.jooq.Record;
import vn.hatang.platform.db.Db;
import vn.hatang.pki.workflow.RequestService;
import vn.hatang.security.Scope;

/** The three lists the office sends on paper: certificate requests, token handovers, revocations; CSV and XLSX. */
public final class PkiExports {
    /** A table with Vietnamese headers. */
    public record Table(String title, List<String> headers, List<List<String>> rows) {}

    public static final List<String> LISTS = List.of("certificate-requests", "handovers", "revocations");

    private final Db db;
    private final RequestService requests;

    public PkiExports(Db db, RequestService requests) {
        this.db = db;
        this.requests = requests;
    }

    public Future<Table> table(Scope scope, String list, Map<String, String> filters) {
        return db.read(scope, dsl -> switch (list) {
            case "certificate-requests" -> requestList(dsl, scope, filters);
            case "handovers" -> handoverList(dsl, scope, filters);
            default -> revocationList(dsl, scope, filters);
        });
    }

    private Table requestList(DSLContext dsl, Scope scope, Map<String, String> f) {
        List<List<String>> rows = new ArrayList<>();
        for (Record r : requests.rows(dsl, scope, f, PKI_REQUEST.KIND.in("new", "renew", "reissue")
                .and(PKI_REQUEST.STATE.ne("rejected")))) {
            rows.add(List.of(String.valueOf(rows.size() + 1), r.get(PERSON.FULL_NAME), r.get(PERSON.CODE),
                s(r.get(PERSON.TITLE)), r.get(UNIT.NAME), kindVi(r.get(PKI_REQUEST.KIND)),
                reasonVi(r.get(PKI_REQUEST.REASON)), Boolean.TRUE.equals(r.get(PKI_REQUEST.SECRET_LEVEL)) ? "Có" : "Không",
                s(r.get(PERSON.EMAIL)), s(r.get(PERSON.PHONE)), stateVi(r.get(PKI_REQUEST.STATE)),
                r.get(PKI_REQUEST.CREATED_AT).toString().substring(0, 10), s(r.get(PKI_REQUEST.NOTE))));
        }
        return new Table("Danh sách đề nghị cấp chứng thư số", List.of("STT", "Họ và tên", "Mã cán bộ", "Chức vụ",
            "Đơn vị", "Loại đề nghị", "Lý do", "Chữ ký số mật", "Thư điện tử", "Số điện thoại", "Trạng thái",
            "Ngày lập", "Ghi chú"), rows);
    }

    private Table revocationList(DSLContext dsl, Scope scope, Map<String, String> f) {
        List<List<String>> rows = new ArrayList<>();
        for (Record r : requests.rows(dsl, scope, f, PKI_REQUEST.KIND.eq("revoke").and(PKI_REQUEST.STATE.ne("rejected")))) {
            rows.add(List.of(String.valueOf(rows.size() + 1), r.get(PERSON.FULL_NAME), r.get(PERSON.CODE),
                r.get(UNIT.NAME), s(r.get(PKI_CERTIFICATE.SERIAL_HEX)), s(r.get(PKI_CERTIFICATE.SUBJECT)),
                s(r.get(PKI_CERTIFICATE.ISSUER)), reasonVi(r.get(PKI_REQUEST.REASON)), stateVi(r.get(PKI_REQUEST.STATE)),
                r.get(PKI_REQUEST.CREATED_AT).toString().substring(0, 10), s(r.get(PKI_REQUEST.NOTE))));
        }
        return new Table("Danh sách đề nghị thu hồi chứng thư số", List.of("STT", "Họ và tên", "Mã cán bộ", "Đơn vị",
            "Số hiệu chứng thư", "Chủ thể", "Tổ chức cấp", "Lý do thu hồi", "Trạng thái", "Ngày lập", "Ghi chú"), rows);
    }

    private Table handoverList(DSLContext dsl, Scope scope, Map<String, String> f) {
        var cond = PKI_TOKEN_EVENT.TO_STATE.in("assigned", "returned").and(scope.covers(PKI_TOKEN.UNIT_ID));
        if (f.get("unit") != null) {
            cond = cond.and(vn.hatang.units.UnitRepository.under(dsl, scope, PERSON.UNIT_ID, f.get("unit")));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Record r : dsl.select().from(PKI_TOKEN_EVENT).join(PKI_TOKEN).on(PKI_TOKEN.ID.eq(PKI_TOKEN_EVENT.TOKEN_ID))
                .join(PERSON).on(PERSON.ID.eq(PKI_TOKEN_EVENT.HOLDER_ID)).join(UNIT).on(UNIT.ID.eq(PERSON.UNIT_ID))
                .where(cond).orderBy(PKI_TOKEN_EVENT.ID).fetch()) {
            boolean handover = "assigned".equals(r.get(PKI_TOKEN_EVENT.TO_STATE));
            rows.add(List.of(String.valueOf(rows.size() + 1), handover ? "Bàn giao" : "Thu hồi thiết bị",
                s(r.get(PKI_TOKEN_EVENT.DOCUMENT_NO)),
                r.get(PKI_TOKEN_EVENT.DOCUMENT_DATE) == null ? "" : r.get(PKI_TOKEN_EVENT.DOCUMENT_DATE).toString(),
                r.get(PERSON.FULL_NAME), s(r.get(PERSON.TITLE)), r.get(UNIT.NAME),
                "sim".equals(r.get(PKI_TOKEN.KIND)) ? "SIM ký số" : "USB Token", r.get(PKI_TOKEN.SERIAL),
                s(r.get(PKI_TOKEN.PHONE)), s(r.get(PKI_TOKEN.CARRIER)), s(r.get(PKI_TOKEN_EVENT.HANDED_BY)),
                s(r.get(PKI_TOKEN_EVENT.NOTE))));
        }
        return new Table("Danh sách bàn giao thiết bị chữ ký số", List.of("STT", "Nội dung", "Số biên bản",
            "Ngày biên bản", "Người nhận", "Chức vụ", "Đơn vị", "Loại thiết bị", "Số sê-ri", "Số điện thoại",
            "Nhà mạng", "Người bàn giao", "Ghi chú"), rows);
    }

    /** UTF-8 with a byte-order mark, so spreadsheet programs show the Vietnamese letters. */
    public static byte[] csv(Table t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            w.write('\ufeff');
            p.printRecord(t.headers());
            for (List<String> row : t.rows()) p.printRecord(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] xlsx(Table t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "hatang", "1.0");
            Worksheet ws = wb.newWorksheet(t.title().length() > 31 ? t.title().substring(0, 31) : t.title());
            for (int c = 0; c < t.headers().size(); c++) {
                ws.value(0, c, t.headers().get(c));
                ws.style(0, c).bold().set();
            }
            for (int r = 0; r < t.rows().size(); r++) {
                List<String> row = t.rows().get(r);
                for (int c = 0; c < row.size(); c++) ws.value(r + 1, c, row.get(c));
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String s(String v) { return v == null ? "" : v; }

    static String kindVi(String k) {
        return switch (k) {
            case "new" -> "Cấp mới";
            case "renew" -> "Gia hạn";
            case "reissue" -> "Cấp lại / thay đổi thông tin";
            case "revoke" -> "Thu hồi";
            default -> k;
        };
    }

    static String reasonVi(String r) {
        if (r == null) return "";
        return switch (r) {
            case "transfer" -> "Chuyển công tác";
            case "retirement" -> "Nghỉ hưu / thôi việc";
            case "loss" -> "Mất thiết bị";
            case "key_compromise" -> "Lộ khóa bí mật";
            case "change_of_details" -> "Thay đổi thông tin";
            default -> r;
        };
    }

    static String stateVi(String s) {
        return switch (s) {
            case "proposed" -> "Đề xuất";
            case "new" -> "Mới lập";
            case "submitted" -> "Đã gửi CA";
            case "completed" -> "Hoàn thành";
            case "rejected" -> "Bị từ chối";
            default -> s;
        };
    }
}
