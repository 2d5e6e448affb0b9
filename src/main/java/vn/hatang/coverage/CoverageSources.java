package vn.hatang.coverage;

/** Where KPI inputs that other modules own come from: ports owned by coverage, implemented there, wired by App. */
public record CoverageSources(CertificateVerdicts certificates, LinkStatus links) {
    /** The inventory alone (no certificate register). */
    public static CoverageSources inventory() {
        return new CoverageSources(CertificateVerdicts.NO_REGISTER, LinkStatus.INVENTORY);
    }
}
