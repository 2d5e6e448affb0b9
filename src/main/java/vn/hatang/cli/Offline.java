package vn.hatang.cli;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import vn.hatang.audit.AuditModule;
import vn.hatang.audit.AuditTrail;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.Platform;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Database;
import vn.hatang.platform.db.Db;

/**
 * The platform for a command-line tool: the same database (embedded under {@code HATANG_DATA_DIR}, or external), the
 * same audit and blocking helper as the service, without HTTP. While a server holds the embedded database, opening
 * it fails with {@link vn.hatang.platform.db.EmbeddedDatabaseBusyException}.
 */
public final class Offline implements AutoCloseable {
    private final Platform platform;

    private Offline(Platform platform) {
        this.platform = platform;
    }

    public static Offline open(HatangConfig config) {
        Database database = Database.open(config.database());
        Vertx vertx = Vertx.vertx();
        try {
            AuditTrail audit = new AuditTrail(AuditModule.chain(config.security()), Clock.systemUTC(),
                    config.cluster().nodeId() != null ? config.cluster().nodeId()
                            : vn.hatang.cluster.ClusterModule.host() + ":cli");
            Db db = new Db(database.dsl(), new Blocking(vertx), audit);
            return new Offline(new Platform(config, vertx, database, db, audit, Clock.systemUTC(),
                    new PrometheusRegistry()));
        } catch (RuntimeException e) {
            vertx.close();
            database.close();
            throw e;
        }
    }

    public Platform platform() {
        return platform;
    }

    @Override
    public void close() {
        platform.vertx().close();
        platform.database().close();
    }
}
