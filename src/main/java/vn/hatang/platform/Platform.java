package vn.hatang.platform;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import vn.hatang.audit.AuditTrail;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Database;
import vn.hatang.platform.db.Db;

/**
 * What every module is built from: the configuration, the database and its one blocking helper, the audit, the
 * clock and the metrics registry. {@code App} makes one; the command-line tools make one without HTTP.
 */
public record Platform(HatangConfig config, Vertx vertx, Database database, Db db, AuditTrail audit, Clock clock,
        PrometheusRegistry registry) {

    public Blocking blocking() {
        return db.blocking();
    }
}
