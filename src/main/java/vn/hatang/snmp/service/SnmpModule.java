package vn.hatang.snmp.service;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.db.Database;
import vn.hatang.platform.db.Db;

/** Builds the SNMP part of the service from the environment; null when HATANG_SNMP_ENABLED=false. */
public final class SnmpModule {
    private static final Logger LOG = LoggerFactory.getLogger(SnmpModule.class);

    private SnmpModule() {
    }

    /** Blocking (reads the assignments): call while the service starts, off the event loop. */
    public static SnmpService start(Map<String, String> env, Path dataDir, Db db, Database database,
                                    PrometheusRegistry registry) {
        Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("java.io.tmpdir"), "hatang-snmp");
        SnmpOptions options = SnmpOptions.fromEnv(env, dir);
        if (!options.enabled) {
            LOG.info("SNMP tắt / SNMP disabled (HATANG_SNMP_ENABLED=false)");
            return null;
        }
        SnmpService service = new SnmpService(db, database.dataSource(), options, registry);
        int devices = service.reload();
        LOG.info("SNMP: thăm dò {} thiết bị, nhận trap ở cổng {} / polling {} devices, traps on port {}", devices,
                service.trapPort(), devices, service.trapPort());
        return service;
    }
}
