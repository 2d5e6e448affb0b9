package vn.hatang.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/** Verifies that every QR code of full label sheets reads back, whatever the address (ports, ids, an https base). */
class AssetLabelsTest {
    @Test
    void testEveryQrCodeOfFiveSheetsDecodes() throws Exception {
        List<AssetLabels.Label> labels = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 5 * AssetLabels.COLUMNS * AssetLabels.ROWS; i++) {
            String url = (i % 2 == 0 ? "http://127.0.0.1:" + (20000 + 7 * i) : "https://hatang.tinhuy-hoason.dcs.vn")
                    + "/devices/" + (1 + i * 977L % 100_003);
            urls.add(url);
            labels.add(new AssetLabels.Label(url, "TS-2026-" + i, "SN-" + i, "máy tính để bàn HP ProDesk 400 G9",
                    "Đảng ủy xã Đồng Lạc, huyện cũ Hòa Bình (đã sáp nhập)"));
        }
        List<String> decoded = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(AssetLabels.render(labels, "test"))) {
            assertEquals(5, doc.getNumberOfPages());
            for (int p = 0; p < 5; p++) {
                decoded.addAll(DocumentsTest.qrCodes(doc, p));
            }
        }
        assertEquals(urls, decoded);
    }

    /**
     * Verifies that an address whose usual symbol (the lowest-penalty mask) ZXing's detector cannot find in a clean
     * image is printed with another mask that it reads, and that any other address keeps its usual symbol.
     */
    @Test
    void testASymbolTheDetectorMissesGetsAnotherMask() throws Exception {
        for (String url : List.of("http://127.0.0.1:43296/devices/16", "http://127.0.0.1:40499/devices/22",
                "http://127.0.0.1:20182/devices/25403")) {
            assertNull(detect(usual(url)), url + ": the usual symbol is one the detector misses");
            assertEquals(url, detect(AssetLabels.symbol(url)));
        }
        String url = "http://127.0.0.1:8080/devices/1";
        assertEquals(url, detect(usual(url)));
        assertEquals(usual(url), AssetLabels.symbol(url));
    }

    private static BitMatrix usual(String url) throws Exception {
        return new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q, EncodeHintType.MARGIN, 4));
    }

    /** What ZXing's detector reads from an image of {@code m} at 5 pixels a module, or null. */
    private static String detect(BitMatrix m) {
        int scale = 5;
        BitMatrix big = new BitMatrix(m.getWidth() * scale);
        for (int y = 0; y < big.getHeight(); y++) {
            for (int x = 0; x < big.getWidth(); x++) {
                if (m.get(x / scale, y / scale)) {
                    big.set(x, y);
                }
            }
        }
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(MatrixToImageWriter.toBufferedImage(big))))).getText();
        } catch (ReaderException e) {
            return null;
        }
    }
}
