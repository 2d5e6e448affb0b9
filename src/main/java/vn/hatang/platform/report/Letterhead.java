package vn.hatang.platform.report;

import static vn.hatang.db.Tables.UNIT;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import vn.hatang.platform.i18n.Messages;

/**
 * Who issues hatang's documents and from where: the superior body (the root of the unit tree, "Tỉnh ủy Hòa Sơn"),
 * the issuing body ({@link DocumentOptions#issuerCode()}, the provincial committee's office) and the place. Builds
 * the {@link Heading} of a report or of handover minutes.
 */
public record Letterhead(Text superiorBody, Text issuingBody, String issuerCode, String place) {
    public static Letterhead load(DSLContext dsl, DocumentOptions options) {
        var root = dsl.select(UNIT.CODE, UNIT.NAME, UNIT.NAME_EN).from(UNIT).where(UNIT.PARENT_ID.isNull())
                .and(UNIT.STATUS.eq("active")).orderBy(UNIT.ID).limit(1).fetchOne();
        var issuer = dsl.select(UNIT.CODE, UNIT.NAME, UNIT.NAME_EN).from(UNIT).where(UNIT.CODE.eq(options.issuerCode()))
                .fetchOne();
        if (issuer == null) {
            issuer = root;
        }
        Text superior = root == null ? Text.same("") : Text.name(root.value2(), root.value3());
        Text issuing = issuer == null ? Text.same("") : Text.name(issuer.value2(), issuer.value3());
        String place = options.place() != null ? options.place()
                : root == null ? "" : root.value2().replaceFirst("^(Tỉnh ủy|Thành ủy|Đảng bộ tỉnh)\\s+", "");
        return new Letterhead(superior, issuing, issuer == null ? "" : issuer.value1(), place);
    }

    /** "Hòa Sơn, ngày 05 tháng 12 năm 2026". */
    public Text placeAndDate(LocalDate day) {
        Object[] args = {place, String.format("%02d", day.getDayOfMonth()), String.format("%02d", day.getMonthValue()),
                String.valueOf(day.getYear())};
        return Text.of("documents", "doc.place_date", args);
    }

    /** "Số:        -BC/VPTU": the number is written in when the document is registered, unless it has one. */
    public Text number(String kind, String documentNo) {
        return documentNo != null && !documentNo.isBlank() ? new Text("Số: " + documentNo, "No. " + documentNo)
                : Text.of("documents", "doc.number", kind, issuerCode);
    }

    public Heading heading(String kind, String documentNo, LocalDate day, Text title, Text subtitle, List<Text> basis,
            List<Text> signatures) {
        return new Heading(superiorBody, issuingBody, number(kind, documentNo), placeAndDate(day), title, subtitle, basis,
                signatures);
    }

    /** Người lập biểu, trưởng phòng, lãnh đạo văn phòng: who signs a report before it goes up the chain. */
    public static List<Text> reportSignatures() {
        return List.of(Text.of("documents", "doc.preparer"), Text.of("documents", "doc.department_head"),
                Text.of("documents", "doc.office_leader"));
    }

    public static String formatDate(LocalDate d, Locale locale) {
        return d == null ? "" : Messages.EN.getLanguage().equals(locale.getLanguage()) ? d.toString()
                : String.format("%02d/%02d/%d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
    }
}
