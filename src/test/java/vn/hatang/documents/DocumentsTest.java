package vn.hatang.documents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.testing.TestServer;

/**
 * Verifies the documents an office prints, read back as a person would: handover minutes of devices and tokens (PDF
 * text extracted and compared, fonts embedded, a reprint is the document first printed) and asset label sheets (QR
 * codes decoded back to the device pages).
 */
class DocumentsTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void fixture() {
        DocumentsFixture.load(server.app().db());
    }

    private static long deviceId(String serial) {
        return server.get("/api/v1/devices?q=" + serial).bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getLong("id");
    }

    private static JsonObject device(String serial) {
        return server.get("/api/v1/devices/" + deviceId(serial)).bodyAsJsonObject();
    }

    private static long personId(String code) {
        return server.get("/api/v1/people?q=" + code).bodyAsJsonObject().getJsonArray("items").stream().map(o -> (JsonObject) o)
                .filter(p -> code.equals(p.getString("code"))).findFirst().orElseThrow().getLong("id");
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " "); // lines wrap inside table cells
        }
    }

    /**
     * The QR code of each label of a page, in reading order, read as a phone camera would: from renderings of the page
     * at 300 dpi and then at other resolutions, as a camera moving closer or away does. At each resolution the left
     * part of the label (as tall as the label) is searched with two binarizers, and then the square where the label
     * draws the symbol is decoded. The labels print only symbols the detector finds in a clean image
     * ({@link AssetLabels#symbol}), but anti-aliased module edges still make a single rendering miss a symbol now and
     * then (about one in a thousand at 300, 240 and 200 dpi together). An empty slot reads as nothing.
     */
    static List<String> qrCodes(PDDocument doc, int page) throws IOException {
        Map<Integer, BufferedImage> renderings = new java.util.HashMap<>();
        List<String> out = new java.util.ArrayList<>();
        for (int row = 0; row < AssetLabels.ROWS; row++) {
            for (int col = 0; col < AssetLabels.COLUMNS; col++) {
                String text = null;
                for (int dpi : new int[] {300, 240, 200, 360, 420}) {
                    BufferedImage image = renderings.computeIfAbsent(dpi, d -> render(doc, page, d));
                    int w = image.getWidth() / AssetLabels.COLUMNS;
                    int h = image.getHeight() / AssetLabels.ROWS;
                    BufferedImage label = image.getSubimage(col * w + 2, row * h + 2, Math.min(w, h) - 4, h - 4);
                    int pad = Math.round(AssetLabels.PAD / 72f * dpi);
                    int size = Math.round((AssetLabels.LABEL_H - 2 * AssetLabels.PAD) / 72f * dpi);
                    BufferedImage square = image.getSubimage(col * w + pad, row * h + pad, size, size);
                    text = decode(new HybridBinarizer(new BufferedImageLuminanceSource(label)), false);
                    text = text != null ? text : decode(new GlobalHistogramBinarizer(new BufferedImageLuminanceSource(label)), false);
                    text = text != null ? text : decode(new HybridBinarizer(new BufferedImageLuminanceSource(square)), true);
                    if (text != null) {
                        out.add(text);
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static String decode(Binarizer image, boolean pure) {
        try {
            return new QRCodeReader().decode(new BinaryBitmap(image),
                    pure ? Map.of(DecodeHintType.PURE_BARCODE, true) : Map.of(DecodeHintType.TRY_HARDER, true)).getText();
        } catch (com.google.zxing.ReaderException e) {
            return null;
        }
    }

    private static BufferedImage render(PDDocument doc, int page, int dpi) {
        try {
            return new PDFRenderer(doc).renderImageWithDPI(page, dpi, org.apache.pdfbox.rendering.ImageType.GRAY);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every font used on every page is embedded (a subset): the PDF prints the same on any machine. */
    static void assertFontsEmbedded(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int fonts = 0;
            for (PDPage page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont f = page.getResources().getFont(name);
                    assertTrue(f.isEmbedded(), f.getName() + " is not embedded");
                    assertTrue(f.getName().contains("DejaVuSerif"), f.getName());
                    fonts++;
                }
            }
            assertTrue(fonts > 0, "no font at all");
        }
    }

    private static JsonObject handover(String documentNo, String... serials) {
        JsonArray items = new JsonArray();
        for (String s : serials) {
            items.add(new JsonObject().put("device_serial", s).put("condition", "Mới 100%, đủ sạc và túi"));
        }
        return new JsonObject().put("kind", "handover").put("person_code", "CB01").put("document_no", documentNo)
                .put("document_date", "2026-03-10").put("office_official", "Lê Văn Đức").put("items", items)
                .put("note", "Cấp theo Quyết định số 12-QĐ/TU");
    }

    private static void save(String name, byte[] pdf) throws IOException {
        Path dir = Files.createDirectories(Path.of("target/documents"));
        Files.write(dir.resolve(name), pdf);
    }

    /**
     * Verifies that handing two devices to an official records the holder, and that its minutes name the parties,
     * list each item with serial, asset tag, model and condition, carry the number and date, and have both
     * signature blocks; a reprint after the official's name changed is still the document that was signed.
     */
    @Test
    void testDeviceHandoverMinutesReadBack() throws IOException {
        HttpResponse<Buffer> r = server.post("/api/v1/device-handovers", handover("15/BB-VPTU", "SN-LT-001", "SN-PC-002"));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        JsonObject h = r.bodyAsJsonObject();
        assertEquals(2, h.getJsonArray("items").size());
        assertEquals(personId("CB01"), device("SN-LT-001").getLong("person_id"), "the official now holds the laptop");
        assertEquals(1, server.get("/api/v1/devices/" + deviceId("SN-PC-002") + "/handovers").bodyAsJsonArray().size());

        HttpResponse<Buffer> pdf = server.get(h.getString("minutes"));
        assertEquals(200, pdf.statusCode(), pdf.bodyAsString());
        assertEquals("application/pdf", pdf.getHeader("Content-Type"));
        byte[] original = pdf.body().getBytes();
        save("minutes-device.pdf", original);
        assertFontsEmbedded(original);
        String text = text(original);
        for (String part : List.of("TỈNH ỦY HÒA SƠN", "VĂN PHÒNG TỈNH ỦY", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số: 15/BB-VPTU",
                "Hòa Sơn, ngày 10 tháng 03 năm 2026", "BIÊN BẢN BÀN GIAO THIẾT BỊ", "Hôm nay, ngày 10/03/2026, tại Văn phòng Tỉnh ủy",
                "BÊN GIAO (Bên A):", "Ông/Bà: Lê Văn Đức", "BÊN NHẬN (Bên B):", "Ông/Bà: Nguyễn Thị Ngọc Ánh",
                "Chức vụ: Phó Bí thư Thường trực", "Đơn vị: Đảng ủy xã Đồng Lạc", "Máy tính xách tay Dell", "Latitude 5440",
                "SN-LT-001", "TS-2026-0001", "ProDesk 400 G9", "SN-PC-002", "TS-2026-0002", "Mới 100%, đủ sạc và túi",
                "Ghi chú: Cấp theo Quyết định số 12-QĐ/TU", "ĐẠI DIỆN BÊN GIAO", "ĐẠI DIỆN BÊN NHẬN", "(Ký, ghi rõ họ tên)")) {
            assertTrue(text.contains(part), "«" + part + "» in the minutes:\n" + text);
        }
        long cb01 = personId("CB01");
        var renamed = server.patch("/api/v1/people/" + cb01, new JsonObject().put("full_name", "Nguyễn Thị Ngọc Ánh (đã đổi)"), Map.of());
        assertEquals(200, renamed.statusCode(), renamed.bodyAsString());
        assertArrayEquals(original, server.get(h.getString("minutes")).body().getBytes(), "a reprint is the signed document");
        assertTrue(text(server.get(h.getString("minutes") + "?lang=en").body().getBytes()).contains("DEVICE HANDOVER MINUTES"));

        JsonObject back = new JsonObject().put("kind", "return").put("document_no", "21/BB-VPTU").put("document_date", "2026-06-01")
                .put("office_official", "Lê Văn Đức").put("items", new JsonArray().add(new JsonObject()
                        .put("device_serial", "SN-LT-001").put("condition", "Trầy xước nhẹ, hoạt động tốt")));
        HttpResponse<Buffer> ret = server.post("/api/v1/device-handovers", back);
        assertEquals(201, ret.statusCode(), ret.bodyAsString());
        assertNull(device("SN-LT-001").getValue("person_id"), "returned: nobody holds the laptop");
        assertEquals(personId("CB01"), ret.bodyAsJsonObject().getLong("person_id"), "the holder is the one returning it");
        String returned = text(server.get(ret.bodyAsJsonObject().getString("minutes")).body().getBytes());
        assertTrue(returned.contains("BIÊN BẢN THU HỒI THIẾT BỊ") && returned.contains("Trầy xước nhẹ, hoạt động tốt")
                && returned.indexOf("Nguyễn Thị Ngọc Ánh") < returned.indexOf("BÊN NHẬN"), returned);
    }

    private static void assertRefused(HttpResponse<Buffer> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertTrue(r.getHeader("Content-Type").startsWith("application/problem+json"), r.getHeader("Content-Type"));
        if (field != null) {
            assertEquals(field, r.bodyAsJsonObject().getString("field"), r.bodyAsString());
        }
    }

    /** Verifies that a wrong handover is refused naming the field, and changes nothing. */
    @Test
    void testBadHandoversAreRefusedAndChangeNothing() {
        assertRefused(server.post("/api/v1/device-handovers", handover("1/BB").put("items", new JsonArray())), 400, "items");
        assertRefused(server.post("/api/v1/device-handovers", handover("1/BB", "SN-NOPE")), 400, "items[0].device_serial");
        assertRefused(server.post("/api/v1/device-handovers", handover("1/BB", "SN-LT-001").put("document_date", "2999-01-01")),
                400, "document_date");
        JsonObject noCondition = handover("1/BB", "SN-LT-001");
        noCondition.getJsonArray("items").getJsonObject(0).remove("condition");
        assertRefused(server.post("/api/v1/device-handovers", noCondition), 400, "items[0].condition");
        assertRefused(server.post("/api/v1/device-handovers", handover("1/BB", "SN-LT-001", "SN-TB-003")), 409, null);
        assertNull(device("SN-LT-001").getValue("person_id"), "the refused handover left the laptop alone");
        assertEquals(201, server.post("/api/v1/device-handovers", handover("2/BB", "SN-LT-001")).statusCode());
        assertRefused(server.post("/api/v1/device-handovers", handover("2/BB", "SN-PC-002")), 409, "document_no");
        assertRefused(server.post("/api/v1/device-handovers", handover("3/BB", "SN-LT-001").put("person_code", "CB02")), 409, null);
        assertRefused(server.get("/api/v1/device-handovers/999/minutes.pdf"), 404, null);
        assertRefused(server.get("/api/v1/token-events/999/minutes.pdf"), 404, null);
    }

    /** Verifies that a token handed to an official gets minutes from its handover record, kept as first printed. */
    @Test
    void testTokenHandoverMinutes() throws IOException {
        HttpResponse<Buffer> t = server.post("/api/v1/tokens", new JsonObject().put("serial", "VNPT-CA-778812").put("kind", "usb_token")
                .put("model", "ePass2003").put("unit_code", "XDL"));
        assertEquals(201, t.statusCode(), t.bodyAsString());
        long token = t.bodyAsJsonObject().getLong("id");
        HttpResponse<Buffer> a = server.post("/api/v1/tokens/" + token + "/assign", new JsonObject().put("person_code", "CB02")
                .put("document_no", "07/BB-CY").put("document_date", "2026-02-02").put("handed_by", "Lê Văn Đức"));
        assertEquals(200, a.statusCode(), a.bodyAsString());
        JsonArray history = server.get("/api/v1/tokens/" + token + "/history").bodyAsJsonArray();
        long event = history.getJsonObject(history.size() - 1).getLong("id");
        byte[] pdf = server.get("/api/v1/token-events/" + event + "/minutes.pdf").body().getBytes();
        save("minutes-token.pdf", pdf);
        assertFontsEmbedded(pdf);
        String text = text(pdf);
        for (String part : List.of("BIÊN BẢN BÀN GIAO THIẾT BỊ CHỮ KÝ SỐ", "Số: 07/BB-CY", "Hòa Sơn, ngày 02 tháng 02 năm 2026",
                "Ông/Bà: Trần Quốc Hưởng", "Ông/Bà: Lê Văn Đức", "USB Token", "ePass2003", "VNPT-CA-778812")) {
            assertTrue(text.contains(part), "«" + part + "» in:\n" + text);
        }
        assertArrayEquals(pdf, server.get("/api/v1/token-events/" + event + "/minutes.pdf").body().getBytes());
    }

    /**
     * Verifies that the label sheets of a unit hold one label per device, 24 to an A4 page, each QR code opening
     * that device's page in the console; and that a selection prints only the devices chosen.
     */
    @Test
    void testLabelSheetsDecodeToTheDevicePages() throws Exception {
        HttpResponse<Buffer> r = server.get("/api/v1/labels.pdf?unit=XDL");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        byte[] pdf = r.body().getBytes();
        save("labels.pdf", pdf);
        assertFontsEmbedded(pdf);
        Set<String> expected = new HashSet<>();
        for (Object o : server.get("/api/v1/devices?under=XDL&limit=500").bodyAsJsonObject().getJsonArray("items")) {
            expected.add("http://127.0.0.1:" + server.port() + "/devices/" + ((JsonObject) o).getLong("id"));
        }
        assertEquals(30, expected.size());
        Set<String> decoded = new HashSet<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(2, doc.getNumberOfPages(), "30 labels: 24 on the first sheet, 6 on the second");
            assertTrue(doc.getPage(0).getMediaBox().getWidth() > 594 && doc.getPage(0).getMediaBox().getWidth() < 596, "A4");
            for (int p = 0; p < doc.getNumberOfPages(); p++) {
                List<String> codes = qrCodes(doc, p);
                assertEquals(p == 0 ? 24 : 6, codes.size(), "QR codes on page " + (p + 1));
                decoded.addAll(codes);
            }
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("TS-2026-0001") && text.contains("S/N: SN-LT-001") && text.contains("Đảng ủy xã Đồng Lạc"), text);
        }
        assertEquals(expected, decoded);

        long a = deviceId("SN-PC-002");
        long b = deviceId("SN-LT-001");
        byte[] two = server.get("/api/v1/labels.pdf?devices=" + a + "," + b).body().getBytes();
        try (PDDocument doc = Loader.loadPDF(two)) {
            assertEquals(List.of("http://127.0.0.1:" + server.port() + "/devices/" + a, "http://127.0.0.1:" + server.port() + "/devices/" + b),
                    qrCodes(doc, 0), "the selection, in the order asked");
        }
        assertRefused(server.get("/api/v1/labels.pdf"), 400, "devices");
        assertRefused(server.get("/api/v1/labels.pdf?devices=12,x"), 400, "devices");
        assertRefused(server.get("/api/v1/labels.pdf?devices=99999"), 400, "devices");
        assertRefused(server.get("/api/v1/labels.pdf?unit=NOPE"), 400, "unit");
    }
}
