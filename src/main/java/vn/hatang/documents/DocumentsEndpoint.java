package vn.hatang.documents;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Call;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Param;
import vn.hatang.platform.http.Routes;
import vn.hatang.platform.http.Schema;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.security.Permission;

/**
 * {@code /device-handovers} (record, read, the minutes PDF), {@code /devices/:id/handovers},
 * {@code /token-events/:id/minutes.pdf} and {@code /labels.pdf?unit=|devices=}.
 */
public final class DocumentsEndpoint implements Endpoint {
    private static final Param LANG = Param.oneOf("lang", List.of("vi", "en"),
            "en: bản dịch tiếng Anh (không lưu) / an English translation (not kept)");
    /** What {@link HandoverService#record} reads; it checks the rest (a device by id or serial, a known person). */
    private static final JsonObject HANDOVER_IN = Schema.object().required("kind", Schema.oneOf(HandoverService.KINDS))
            .required("document_no", Schema.text(100)).required("document_date", Schema.date())
            .required("office_official", Schema.text(200)).optional("note", Schema.text(1000))
            .optional("person_id", Schema.id()).optional("person_code", Schema.text(64))
            .required("items", Schema.array(Schema.object().optional("device_id", Schema.id())
                    .optional("device_serial", Schema.text(100)).required("condition", Schema.text(500)).json(),
                    HandoverService.MAX_ITEMS)).json();
    /** A recorded handover or return as answered, with the codes and names of its person and unit. */
    private static final JsonObject HANDOVER = Schema.object().required("id", Schema.id())
            .required("kind", Schema.oneOf(HandoverService.KINDS)).required("person_id", Schema.id())
            .required("person_code", Schema.text(64)).required("person_name", Schema.text(200))
            .required("unit_id", Schema.id()).required("unit_code", Schema.text(64)).required("unit_name", Schema.text(300))
            .required("document_no", Schema.text(100)).required("document_date", Schema.date())
            .required("office_official", Schema.text(200)).optional("note", Schema.text(1000))
            .required("actor", Schema.text(100)).required("recorded_at", Schema.instant())
            .required("items", Schema.arrayOf(Schema.object().required("device_id", Schema.id())
                    .required("device_serial", Schema.text(100)).optional("asset_tag", Schema.text(100))
                    .required("condition", Schema.text(500)).json()))
            .required("minutes", Schema.text(200)).json();
    private final HandoverService handovers;
    private final LabelService labels;

    public DocumentsEndpoint(HandoverService handovers, LabelService labels) {
        this.handovers = handovers;
        this.labels = labels;
    }

    @Override
    public void addRoutes(Routes routes) {
        routes.tag("documents");
        routes.post("/device-handovers", "recordDeviceHandover", Permission.INVENTORY_WRITE)
                .doc("Bàn giao thiết bị cho cán bộ, hoặc thu hồi (kèm biên bản)",
                        "Hand devices over to an official, or take them back (kind handover|return, person_code, "
                                + "document_no, document_date, office_official, note, items [{device_serial|device_id, condition}])")
                .body(HANDOVER_IN).answers(HANDOVER).created(c -> handovers.record(c.scope(), c.body()));
        routes.get("/device-handovers/:id", "getDeviceHandover", Permission.READ)
                .doc("Một lần bàn giao hoặc thu hồi", "A handover or return with its items and its minutes")
                .answers(HANDOVER).json(c -> handovers.get(c.scope(), c.id("id")));
        routes.get("/device-handovers/:id/minutes.pdf", "printDeviceHandoverMinutes", Permission.READ)
                .doc("Biên bản bàn giao / thu hồi (PDF, bản đã lưu)", "The handover minutes as first printed (PDF)")
                .query(LANG).file(c -> pdf(handovers.minutes(c.scope(), HandoverRepository.DEVICE_SOURCE, c.id("id"), locale(c)),
                        "bien-ban-ban-giao-" + c.path("id")));
        routes.get("/devices/:id/handovers", "listDeviceHandovers", Permission.READ)
                .doc("Các lần bàn giao, thu hồi một thiết bị", "The handovers and returns of a device, oldest first")
                .answers(Schema.arrayOf(HANDOVER)).json(c -> handovers.ofDevice(c.scope(), c.id("id")));
        routes.get("/token-events/:id/minutes.pdf", "printTokenHandoverMinutes", Permission.READ)
                .doc("Biên bản bàn giao / thu hồi token, SIM ký số (PDF)",
                        "The minutes of a token or SIM handover or return (an event of GET /tokens/{id}/history), kept on first print")
                .query(LANG).file(c -> pdf(handovers.minutes(c.scope(), HandoverRepository.TOKEN_SOURCE, c.id("id"), locale(c)),
                        "bien-ban-token-" + c.path("id")));
        routes.get("/labels.pdf", "printAssetLabels", Permission.READ)
                .doc("Tem tài sản (A4, 3 × 8 nhãn, mã QR mở trang thiết bị)",
                        "Asset label sheets (A4, 3 × 8 labels, a QR code opening the device page) for a unit or a selection")
                .query(Param.text("unit", "mã đơn vị: cả cây con / unit code: its whole subtree"),
                        Param.text("devices", "id thiết bị, cách nhau bởi dấu phẩy / device ids, comma separated"))
                .file(c -> pdf(labels.labels(c.scope(), c.query("unit"), ids(c)), "tem-tai-san"));
    }

    private static Locale locale(Call c) {
        return c.query("lang") != null ? Messages.fromAcceptLanguage(c.query("lang")) : c.locale();
    }

    /** {@code devices=12,13,14}. */
    private static List<Long> ids(Call c) {
        String raw = c.query("devices");
        if (raw == null) {
            return null;
        }
        List<Long> ids = new ArrayList<>();
        for (String part : raw.split(",")) {
            try {
                long id = Long.parseLong(part.trim());
                if (id > 0) {
                    ids.add(id);
                    continue;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw ApiException.invalid("devices", "error.bad_id", part);
        }
        return ids;
    }

    private static Future<Routes.Download> pdf(Future<byte[]> bytes, String file) {
        return bytes.map(b -> new Routes.Download(file.replaceAll("[^A-Za-z0-9_-]", "_") + ".pdf", "application/pdf", b));
    }
}
