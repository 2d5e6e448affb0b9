package vn.hatang.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
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
}
