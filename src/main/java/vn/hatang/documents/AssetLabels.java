package vn.hatang.documents;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.lowagie.text.Document;
import com.lowagie.text.PageSize;
import com.lowagie.text.Utilities;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

/**
 * Sheets of asset labels on A4: 3 × 8 labels of 70 × 37 mm (the common 24-up label paper), each with a QR code that
 * opens the device's page in the console, the asset tag large, the serial, the category and model, and the unit.
 * The QR code is drawn as vector squares, so it stays sharp at any printer resolution.
 */
public final class AssetLabels {
    public static final int COLUMNS = 3;
    public static final int ROWS = 8;
    static final float LABEL_W = Utilities.millimetersToPoints(70);
    static final float LABEL_H = PageSize.A4.getHeight() / ROWS;
    static final float PAD = Utilities.millimetersToPoints(3);

    /** What one label shows. */
    public record Label(String url, String assetTag, String serial, String what, String unit) {
    }

    private AssetLabels() {
    }

    public static byte[] render(List<Label> labels, String title) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 0, 0, 0, 0);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        doc.addTitle(title);
        doc.addCreator("hatang");
        doc.open();
        PdfContentByte cb = writer.getDirectContent();
        float left = (PageSize.A4.getWidth() - COLUMNS * LABEL_W) / 2;
        for (int i = 0; i < labels.size(); i++) {
            int slot = i % (COLUMNS * ROWS);
            if (i > 0 && slot == 0) {
                doc.newPage();
            }
            float x = left + (slot % COLUMNS) * LABEL_W;
            float y = PageSize.A4.getHeight() - (slot / COLUMNS + 1) * LABEL_H;
            label(cb, labels.get(i), x, y);
        }
        if (labels.isEmpty()) {
            cb.beginText();
            cb.setFontAndSize(Pdf.REGULAR, 12);
            cb.showTextAligned(PdfContentByte.ALIGN_CENTER, title, PageSize.A4.getWidth() / 2, PageSize.A4.getHeight() / 2, 0);
            cb.endText();
        }
        doc.close();
        return out.toByteArray();
    }

    private static void label(PdfContentByte cb, Label l, float x, float y) {
        // a light cutting guide around the label
        cb.setLineWidth(0.2f);
        cb.setGrayStroke(0.8f);
        cb.rectangle(x, y, LABEL_W, LABEL_H);
        cb.stroke();
        float qr = LABEL_H - 2 * PAD;
        qr(cb, l.url(), x + PAD, y + PAD, qr);
        float tx = x + PAD + qr + PAD;
        float width = LABEL_W - (tx - x) - PAD;
        float line = y + LABEL_H - PAD - 9;
        line = text(cb, Pdf.BOLD, 7, l.unit(), tx, line, width, 2);
        line = text(cb, Pdf.BOLD, 11, l.assetTag() == null ? "—" : l.assetTag(), tx, line - 4, width, 1);
        line = text(cb, Pdf.REGULAR, 7.5f, "S/N: " + l.serial(), tx, line - 2, width, 2);
        text(cb, Pdf.REGULAR, 7, l.what(), tx, line - 1, width, 2);
    }

    /** Writes {@code s} in at most {@code lines} lines of {@code width}; returns the baseline under the last line. */
    private static float text(PdfContentByte cb, BaseFont font, float size, String s, float x, float y, float width, int lines) {
        if (s == null || s.isBlank()) {
            return y;
        }
        List<String> wrapped = wrap(font, size, s, width, lines);
        cb.beginText();
        cb.setFontAndSize(font, size);
        cb.setGrayFill(0);
        for (String w : wrapped) {
            cb.setTextMatrix(x, y);
            cb.showText(w);
            y -= size * 1.2f;
        }
        cb.endText();
        return y;
    }

    static List<String> wrap(BaseFont font, float size, String s, float width, int maxLines) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (font.getWidthPoint(candidate, size) <= width || line.isEmpty()) {
                line.setLength(0);
                line.append(candidate);
            } else {
                out.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty()) {
            out.add(line.toString());
        }
        if (out.size() > maxLines) {
            List<String> cut = new java.util.ArrayList<>(out.subList(0, maxLines));
            cut.set(maxLines - 1, cut.get(maxLines - 1) + "…");
            return cut;
        }
        return out;
    }

    /**
     * The QR code of {@code url} as filled squares: error correction Q (a label gets scratched), the quiet zone of four
     * modules ISO/IEC 18004 asks for, and no ECI header (the address is ASCII; old phone readers stumble on ECI).
     */
    private static void qr(PdfContentByte cb, String url, float x, float y, float size) {
        BitMatrix m = symbol(url);
        float module = size / m.getWidth();
        cb.setGrayFill(0);
        for (int row = 0; row < m.getHeight(); row++) {
            for (int col = 0; col < m.getWidth(); col++) {
                if (m.get(col, row)) {
                    int run = 1; // one rectangle per horizontal run of dark modules: no hairline seams between them
                    while (col + run < m.getWidth() && m.get(col + run, row)) {
                        run++;
                    }
                    cb.rectangle(x + col * module, y + size - (row + 1) * module - 0.01f, run * module, module + 0.02f);
                    col += run - 1;
                }
            }
        }
        cb.fill();
    }

    /**
     * The symbol of {@code url}, with the mask ISO/IEC 18004 chooses (lowest penalty) unless ZXing's detector cannot find
     * that symbol in a clean image of it. About one address in 220 hits that (the detector reports no symbol, or
     * misreads it), and many phone scanner apps are built on ZXing. Another of the eight masks is then used; any
     * mask is valid, and every reader is told which one in the format information.
     */
    static BitMatrix symbol(String url) {
        BitMatrix first = encode(url, -1);
        if (readable(first, url)) {
            return first;
        }
        for (int mask = 0; mask < 8; mask++) {
            BitMatrix m = encode(url, mask);
            if (readable(m, url)) {
                return m;
            }
        }
        return first;
    }

    private static BitMatrix encode(String url, int mask) {
        Map<EncodeHintType, Object> hints = new java.util.EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q);
        hints.put(EncodeHintType.MARGIN, 4);
        if (mask >= 0) {
            hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
        }
        try {
            return new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("QR code for " + url, e);
        }
    }

    /** Whether ZXing's detector (not told where the symbol is) reads {@code url} back from an image of 4 pixels a module. */
    private static boolean readable(BitMatrix m, String url) {
        int scale = 4;
        int side = m.getWidth() * scale;
        int[] pixels = new int[side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = m.get(i % side / scale, i / side / scale) ? 0xFF000000 : 0xFFFFFFFF;
        }
        try {
            BinaryBitmap image = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)));
            return url.equals(new QRCodeReader().decode(image).getText());
        } catch (ReaderException e) {
            return false;
        }
    }
}
