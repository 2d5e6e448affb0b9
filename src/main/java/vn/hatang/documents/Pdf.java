package vn.hatang.documents;

import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The fonts of hatang's PDFs: DejaVu Serif (shipped in {@code fonts/}, with its licence), embedded as Identity-H
 * subsets so every Vietnamese letter prints and is extractable as text, on any machine, without system fonts.
 */
final class Pdf {
    static final BaseFont REGULAR = load("fonts/DejaVuSerif.ttf");
    static final BaseFont BOLD = load("fonts/DejaVuSerif-Bold.ttf");
    static final BaseFont ITALIC = load("fonts/DejaVuSerif-Italic.ttf");

    private Pdf() {
    }

    private static BaseFont load(String resource) {
        try (InputStream in = Pdf.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the build: " + resource);
            }
            return BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Font regular(float size) {
        return new Font(REGULAR, size);
    }

    static Font bold(float size) {
        return new Font(BOLD, size);
    }

    static Font italic(float size) {
        return new Font(ITALIC, size);
    }

    /** A borderless cell with one or more lines, each in its font, aligned. */
    static PdfPCell cell(int align, Object... linesAndFonts) {
        PdfPCell c = new PdfPCell();
        c.setBorder(PdfPCell.NO_BORDER);
        for (int i = 0; i + 1 < linesAndFonts.length; i += 2) {
            com.lowagie.text.Paragraph p = new com.lowagie.text.Paragraph(new Phrase((String) linesAndFonts[i], (Font) linesAndFonts[i + 1]));
            p.setAlignment(align);
            c.addElement(p);
        }
        c.setHorizontalAlignment(align);
        return c;
    }

    /** A bordered table cell. */
    static PdfPCell boxed(String text, Font font, int align) {
        PdfPCell c = new PdfPCell(new Phrase(text == null ? "" : text, font));
        c.setHorizontalAlignment(align);
        c.setVerticalAlignment(Element.ALIGN_MIDDLE);
        c.setPadding(4);
        return c;
    }
}
