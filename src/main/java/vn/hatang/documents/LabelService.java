package vn.hatang.documents;

import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.report.DocumentOptions;
import vn.hatang.platform.report.Text;
import vn.hatang.security.Scope;

/** Asset labels for a unit's devices (its whole subtree) or for a selection of devices. */
public final class LabelService {
    static final int MAX_DEVICES = 2400;

    private final Db db;
    private final DocumentOptions options;

    public LabelService(Db db, DocumentOptions options) {
        this.db = db;
        this.options = options;
    }

    /** {@code unitCode}: every device of the subtree not yet disposed of; else the {@code deviceIds}, in that order. */
    public Future<byte[]> labels(Scope scope, String unitCode, List<Long> deviceIds) {
        if ((unitCode == null) == (deviceIds == null || deviceIds.isEmpty()) || deviceIds != null && deviceIds.size() > MAX_DEVICES) {
            throw ApiException.invalid(unitCode == null ? "devices" : "unit", "doc.labels_selection", String.valueOf(MAX_DEVICES));
        }
        return db.read(scope, dsl -> {
            Condition which;
            String title;
            if (unitCode != null) {
                var unit = dsl.select(UNIT.PATH, UNIT.NAME).from(UNIT).where(UNIT.CODE.eq(unitCode)).and(scope.covers(UNIT.ID))
                        .fetchOptional().orElseThrow(() -> ApiException.invalid("unit", "error.unknown_ref", unitCode));
                which = DEVICE.UNIT_ID.in(dsl.select(UNIT.ID).from(UNIT).where(UNIT.PATH.startsWith(unit.value1())))
                        .and(DEVICE.STATUS.ne("disposed"));
                title = unit.value2();
            } else {
                which = DEVICE.ID.in(deviceIds);
                title = deviceIds.size() + " devices";
            }
            var rows = dsl.select(DEVICE.ID, DEVICE.ASSET_TAG, DEVICE.SERIAL, DEVICE.CATEGORY, DEVICE.MODEL, UNIT.NAME)
                    .from(DEVICE).join(UNIT).on(UNIT.ID.eq(DEVICE.UNIT_ID))
                    .where(which).and(scope.covers(DEVICE.UNIT_ID)).orderBy(UNIT.PATH, DEVICE.CATEGORY, DEVICE.ASSET_TAG, DEVICE.SERIAL)
                    .limit(MAX_DEVICES + 1).fetch();
            if (deviceIds != null && rows.size() != deviceIds.stream().distinct().count()) {
                List<Long> found = rows.map(r -> r.value1());
                Long missing = deviceIds.stream().filter(id -> !found.contains(id)).findFirst().orElse(null);
                throw ApiException.invalid("devices", "error.unknown_ref", String.valueOf(missing));
            }
            if (rows.size() > MAX_DEVICES) {
                throw ApiException.invalid("unit", "doc.labels_selection", String.valueOf(MAX_DEVICES));
            }
            List<AssetLabels.Label> labels = new ArrayList<>();
            for (var r : rows) {
                String what = Text.of("coverage", "category." + r.value4()).vi();
                labels.add(new AssetLabels.Label(options.devicePage(r.value1()), r.value2(), r.value3(),
                        r.value5() == null ? what : what + " " + r.value5(), r.value6()));
            }
            if (deviceIds != null) {
                labels.sort(java.util.Comparator.comparingInt(l -> deviceIds.indexOf(Long.parseLong(l.url().substring(l.url().lastIndexOf('/') + 1)))));
            }
            return AssetLabels.render(labels, title);
        });
    }
}
