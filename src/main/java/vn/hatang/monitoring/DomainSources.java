package vn.hatang.monitoring;

/**
 * The optional domain modules whose figures monitoring computes at scrape time; each one is wired in {@code App} when
 * it exists. (The SNMP poller registers its own counters and per-link/per-device gauges on the same registry as polls
 * happen; monitoring adds {@code hatang_link_info} and {@code hatang_device_info} so alerts can name the unit.)
 */
public final class DomainSources {
    private final KpiSource kpis;
    private final CertificateSource certificates;

    private DomainSources(KpiSource kpis, CertificateSource certificates) {
        this.kpis = kpis;
        this.certificates = certificates;
    }

    public static DomainSources none() {
        return new DomainSources(null, null);
    }

    public DomainSources withKpis(KpiSource s) {
        return new DomainSources(s, certificates);
    }

    public DomainSources withCertificates(CertificateSource s) {
        return new DomainSources(kpis, s);
    }

    KpiSource kpis() {
        return kpis;
    }

    CertificateSource certificates() {
        return certificates;
    }
}
