package vn.hatang.pki.certs;

import static vn.hatang.db.Tables.PKI_CERTIFICATE;

import java.time.Clock;
import java.util.List;
import org.jooq.impl.DSL;
import vn.hatang.monitoring.CertificateSource;
import vn.hatang.platform.db.Db;

/** Certificate counts per unit and verdict, and each unit's soonest expiry of a valid certificate, for /metrics. */
public final class CertificateMetricsSource implements CertificateSource {
    private final Db db;
    private final Clock clock;

    public CertificateMetricsSource(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public List<VerdictCount> verdicts() {
        return db.dsl().select(PKI_CERTIFICATE.UNIT_ID, PKI_CERTIFICATE.VERDICT, DSL.count())
            .from(PKI_CERTIFICATE)
            .where(PKI_CERTIFICATE.UNIT_ID.isNotNull()).and(PKI_CERTIFICATE.VERDICT.isNotNull())
            .groupBy(PKI_CERTIFICATE.UNIT_ID, PKI_CERTIFICATE.VERDICT)
            .fetch(r -> new VerdictCount(r.value1(), r.value2(), r.value3()));
    }

    @Override
    public List<SoonestExpiry> soonestExpiries() {
        return db.dsl().select(PKI_CERTIFICATE.UNIT_ID, DSL.min(PKI_CERTIFICATE.NOT_AFTER))
            .from(PKI_CERTIFICATE)
            .where(PKI_CERTIFICATE.UNIT_ID.isNotNull()).and(PKI_CERTIFICATE.VERDICT.eq("valid"))
            .and(PKI_CERTIFICATE.NOT_AFTER.gt(clock.instant()))
            .groupBy(PKI_CERTIFICATE.UNIT_ID)
            .fetch(r -> new SoonestExpiry(r.value1(), r.value2()));
    }
}
