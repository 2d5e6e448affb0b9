package vn.hatang.inventory;

import java.nio.file.Files;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.Module;
import vn.hatang.platform.Platform;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.security.Scope;

/** Inventory files: the upload route, and the sample province loaded into an empty database. */
public final class InventoryModule implements Module {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryModule.class);

    private final Platform platform;

    public InventoryModule(Platform platform) {
        this.platform = platform;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new InventoryEndpoint(platform.db(), new InventoryImporter(platform.db(), platform.audit())));
    }

    /** On an empty database, imports the configured inventory (the embedded default: the sample province). */
    public static void importSampleIfEmpty(Platform platform) {
        var db = platform.db();
        Scope scope = Scope.system("sample-import");
        var config = platform.config();
        int units = db.readNow(scope, dsl -> dsl.fetchCount(vn.hatang.db.Tables.UNIT));
        if (units > 0) {
            db.readNow(scope, dsl -> {
                int people = dsl.fetchCount(vn.hatang.db.Tables.PERSON);
                int devices = dsl.fetchCount(vn.hatang.db.Tables.DEVICE);
                LOG.info("Cơ sở dữ liệu có {} đơn vị, {} người, {} thiết bị / database holds {} units, {} people, {} "
                        + "devices", units, people, devices, units, people, devices);
                return null;
            });
            return;
        }
        if (!Files.isDirectory(config.inventoryDir())) {
            LOG.warn("Không có thư mục kiểm kê / no inventory directory at {}", config.inventoryDir());
            return;
        }
        var result = new InventoryImporter(db, platform.audit()).importDirectory(scope, config.inventoryDir(), false);
        if (result.hasErrors()) {
            result.errors().forEach(e -> LOG.error("{}", e));
            throw new IllegalStateException("Dữ liệu kiểm kê mẫu có lỗi / sample inventory has errors");
        }
        LOG.info("Đã nạp kiểm kê mẫu / sample inventory loaded from {}: {}", config.inventoryDir(), result.summary());
    }
}
