package vn.hatang.documents;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.platform.report.Letterhead;

/**
 * Biên bản bàn giao (or thu hồi) as a PDF: the title block of the issuing office, the two parties, the items with
 * serial, asset tag, model and condition, the document number and date, and a signature block for each party.
 */
public record HandoverMinutes(String kind, String subject, String documentNo, LocalDate date, Party giver, Party receiver,
        List<Item> items, String note) {
    public static final String HANDOVER = "handover";
    public static final String RETURN = "return";

    /** A party: a person with title and unit, or the office represented by an official. */
    public record Party(String name, String title, String unit) {
    }

    public record Item(String description, String model, String serial, String assetTag, String condition) {
    }

    private static String t(Locale locale, String key, Object... args) {
        return Messages.get("documents", locale, key, args);
    }

    public byte[] render(Letterhead letterhead, Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 56, 42, 42, 42);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            writer.setPdfVersion(PdfWriter.VERSION_1_7);
            doc.addTitle(t(locale, "minutes.title." + subject + "." + kind) + " " + documentNo);
            doc.addCreator("hatang");
            doc.open();
            PdfPTable head = new PdfPTable(new float[] {45, 55});
            head.setWidthPercentage(100);
            head.addCell(Pdf.cell(Element.ALIGN_CENTER, letterhead.superiorBody().in(locale).toUpperCase(locale), Pdf.regular(11),
                    letterhead.issuingBody().in(locale).toUpperCase(locale), Pdf.bold(11), "*", Pdf.regular(11),
                    letterhead.number("BB", documentNo).in(locale), Pdf.regular(11)));
            Paragraph party = new Paragraph(new Chunk(t(locale, "doc.party"), Pdf.bold(12)).setUnderline(0.6f, -2f));
            var right = Pdf.cell(Element.ALIGN_CENTER);
            party.setAlignment(Element.ALIGN_CENTER);
            right.addElement(party);
            Paragraph place = new Paragraph(letterhead.placeAndDate(date).in(locale), Pdf.italic(11));
            place.setAlignment(Element.ALIGN_CENTER);
            place.setSpacingBefore(6);
            right.addElement(place);
            head.addCell(right);
            doc.add(head);

            Paragraph title = new Paragraph(t(locale, "minutes.title." + subject + "." + kind).toUpperCase(locale), Pdf.bold(14));
            title.setAlignment(Element.ALIGN_CENTER);
            title.setSpacingBefore(18);
            doc.add(title);
            Paragraph sub = new Paragraph(t(locale, "minutes.intro", Letterhead.formatDate(date, locale),
                    letterhead.issuingBody().in(locale)), Pdf.regular(12));
            sub.setSpacingBefore(12);
            doc.add(sub);
            party(doc, locale, "minutes.giver", giver);
            party(doc, locale, "minutes.receiver", receiver);
            doc.add(new Paragraph(t(locale, "minutes.items." + kind), Pdf.regular(12)));

            PdfPTable table = new PdfPTable(new float[] {7, 21, 17, 19, 17, 19});
            table.setWidthPercentage(100);
            table.setSpacingBefore(6);
            table.setHeaderRows(1);
            for (String h : List.of("stt", "description", "model", "serial", "asset_tag", "condition")) {
                table.addCell(Pdf.boxed(t(locale, "minutes.col." + h), Pdf.bold(9.5f), Element.ALIGN_CENTER));
            }
            int i = 0;
            for (Item item : items) {
                table.addCell(Pdf.boxed(String.valueOf(++i), Pdf.regular(9.5f), Element.ALIGN_CENTER));
                table.addCell(Pdf.boxed(item.description(), Pdf.regular(9.5f), Element.ALIGN_LEFT));
                table.addCell(Pdf.boxed(item.model(), Pdf.regular(9.5f), Element.ALIGN_LEFT));
                table.addCell(Pdf.boxed(item.serial(), Pdf.regular(9.5f), Element.ALIGN_LEFT));
                table.addCell(Pdf.boxed(item.assetTag(), Pdf.regular(9.5f), Element.ALIGN_LEFT));
                table.addCell(Pdf.boxed(item.condition(), Pdf.regular(9.5f), Element.ALIGN_LEFT));
            }
            doc.add(table);
            if (note != null && !note.isBlank()) {
                Paragraph n = new Paragraph(t(locale, "minutes.note", note), Pdf.regular(12));
                n.setSpacingBefore(8);
                doc.add(n);
            }
            Paragraph duty = new Paragraph(t(locale, "minutes.duty." + kind), Pdf.regular(12));
            duty.setSpacingBefore(8);
            doc.add(duty);
            doc.add(new Paragraph(t(locale, "minutes.copies"), Pdf.regular(12)));

            PdfPTable sign = new PdfPTable(2);
            sign.setWidthPercentage(100);
            sign.setSpacingBefore(18);
            sign.setKeepTogether(true);
            for (var p : List.of(java.util.Map.entry("minutes.sign_giver", giver), java.util.Map.entry("minutes.sign_receiver", receiver))) {
                sign.addCell(Pdf.cell(Element.ALIGN_CENTER, t(locale, p.getKey()).toUpperCase(locale), Pdf.bold(12),
                        t(locale, "doc.sign_hint"), Pdf.italic(11), "\n\n\n\n", Pdf.regular(12), p.getValue().name(), Pdf.bold(12)));
            }
            doc.add(sign);
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("minutes " + documentNo + " could not be laid out", e);
        }
        return out.toByteArray();
    }

    private static void party(Document doc, Locale locale, String key, Party p) {
        Paragraph head = new Paragraph(new Phrase(t(locale, key), Pdf.bold(12)));
        head.setSpacingBefore(6);
        doc.add(head);
        doc.add(new Paragraph(t(locale, "minutes.party_name", p.name()), Pdf.regular(12)));
        if (p.title() != null && !p.title().isBlank()) {
            doc.add(new Paragraph(t(locale, "minutes.party_title", p.title()), Pdf.regular(12)));
        }
        doc.add(new Paragraph(t(locale, "minutes.party_unit", p.unit()), Pdf.regular(12)));
    }
}
