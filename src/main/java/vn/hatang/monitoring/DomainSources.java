package vn.hatang.monitoring;

/** The optional domain modules that contribute metrics; each one is wired in {@code App} when it exists. */
public final class DomainSources {
    private final KpiSource kpis;
    private final CertificateSource certificates;
    private final NetworkStatusSource network;

    private DomainSources(KpiSource kpis, CertificateSource certificates, NetworkStatusSource network) {
        this.kpis = kpis;
        this.certificates = certificates;
        this.network = network;
    }

    public static DomainSources none() {
        return new DomainSources(null, null, null);
    }

    public DomainSources withKpis(KpiSource s) {
        return new DomainSources(s, certificates, network);
    }

    public DomainSources withCertificates(CertificateSource s) {
        return new DomainSources(kpis, s, network);
    }

    public DomainSources withNetwork(NetworkStatusSource s) {
        return new DomainSources(kpis, certificates, s);
    }

    KpiSource kpis() {
        return kpis;
    }

    CertificateSource certificates() {
        return certificates;
    }

    NetworkStatusSource network() {
        return network;
    }
}
