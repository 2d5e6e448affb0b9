package vn.hatang.snmp.service;

import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.Module;
import vn.hatang.platform.Platform;
import vn.hatang.platform.http.Endpoint;

/** The SNMP part of the service: poller, trap receiver, API. {@link #start} answers null when SNMP is off. */
public final class SnmpModule implements Module {
    private static final Logger LOG = LoggerFactory.getLogger(SnmpModule.class);

    private final Platform platform;
    private final SnmpService service;

    private SnmpModule(Platform platform, SnmpService service) {
        this.platform = platform;
        this.service = service;
    }

    /** Blocking (reads the assignments): call while the service starts, off the event loop. */
    public static SnmpModule start(Platform platform) {
        Path dataDir = platform.config().database().dataDir();
        Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("java.io.tmpdir"), "hatang-snmp");
        SnmpOptions options = SnmpOptions.fromEnv(platform.config().env(), dir);
        if (!options.enabled) {
            LOG.info("SNMP tắt / SNMP disabled (HATANG_SNMP_ENABLED=false)");
            return null;
        }
        SnmpService service = new SnmpService(platform.db(), platform.database().dataSource(), options,
                platform.registry());
        int devices = service.reload();
        LOG.info("SNMP: thăm dò {} thiết bị, nhận trap ở cổng {} / polling {} devices, traps on port {}", devices,
                service.trapPort(), devices, service.trapPort());
        return new SnmpModule(platform, service);
    }

    public SnmpService service() {
        return service;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new SnmpEndpoint(service, platform.db()));
    }

    @Override
    public void close() {
        service.close();
    }
}
