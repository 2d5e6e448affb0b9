package vn.hatang.pki;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.CrudEndpoint;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.pki.certs.CertificateService;
import vn.hatang.pki.exports.PkiExports;
import vn.hatang.pki.tokens.TokenService;
import vn.hatang.pki.validation.CertificateValidator;
import vn.hatang.pki.workflow.RequestService;

/** Tokens, certificates, validation, paperwork: the services, their endpoints and the re-validation schedule. */
public final class PkiModule {
    private static final Logger LOG = LoggerFactory.getLogger(PkiModule.class);

    private final CertificateService certificates;
    private final TokenService tokens;
    private final RequestService requests;
    private final PkiExports exports;
    private final AtomicBoolean running = new AtomicBoolean();
    private final vn.hatang.pki.certs.CertificateMetricsSource metrics;

    public PkiModule(Db db, CertificateValidator validator, Clock clock) {
        this(db, validator, clock, null);
    }

    /** {@code crlDir}: where uploaded CRL files are kept (the configuration's {@code crls/}); null keeps them in memory. */
    public PkiModule(Db db, CertificateValidator validator, Clock clock, java.nio.file.Path crlDir) {
        this.certificates = new CertificateService(db, validator, clock, crlDir);
        this.tokens = new TokenService(db);
        this.requests = new RequestService(db, clock);
        this.exports = new PkiExports(db, requests);
        this.metrics = new vn.hatang.pki.certs.CertificateMetricsSource(db, clock);
    }

    /** For {@code DomainSources.withCertificates}: hatang_certificates{unit,verdict} and soonest expiries. */
    public vn.hatang.monitoring.CertificateSource metricsSource() { return metrics; }

    public CertificateService certificates() { return certificates; }

    public List<Endpoint> endpoints() {
        return List.of(new TokenEndpoint(tokens),
            new CrudEndpoint("/tokens", tokens, "unit", "state", "kind", "holder_id"),
            new PkiEndpoint(certificates, requests, exports));
    }

    /**
     * Re-validates every certificate, raises expiry warnings and proposes the requests the records call for every {@code every} (env
     * {@code HATANG_PKI_REVALIDATE_MINUTES}, default 360), on a worker thread; a run still going skips the next tick.
     */
    public void schedule(Vertx vertx, Duration every) {
        vertx.setPeriodic(every.toMillis(), every.toMillis(), id -> {
            if (!running.compareAndSet(false, true)) return;
            certificates.revalidateAllAsync()
                .compose(n -> requests.propose("scheduler").map(p -> n + " certificates re-validated, "
                    + p.size() + " requests proposed"))
                .onComplete(r -> {
                    running.set(false);
                    if (r.failed()) LOG.error("Kiểm tra lại chứng thư lỗi / re-validation failed", r.cause());
                    else LOG.info("Đã kiểm tra lại / {}", r.result());
                });
        });
    }
}
