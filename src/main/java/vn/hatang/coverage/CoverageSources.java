package vn.hatang.coverage;

/** Where KPI inputs that other subsystems own come from; swap one here when its branch lands. */
public record CoverageSources(CertificateVerdicts certificates, LinkStatus links) {
    /** Today's sources: the inventory alone. */
    public static CoverageSources inventory() {
        return new CoverageSources(CertificateVerdicts.NO_REGISTER, LinkStatus.INVENTORY);
    }
}
