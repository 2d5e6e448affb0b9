package vn.hatang.coverage;

/** Where KPI inputs that other subsystems own come from; swap one here when its branch lands. */
public record CoverageSources(CertificateVerdicts certificates, LinkStatus links) {
    /** The running service's sources: certificates from the certificate register, links as SNMP sees them. */
    public static CoverageSources service() {
        return new CoverageSources(new vn.hatang.pki.certs.PkiCertificateVerdicts(), vn.hatang.snmp.links.LiveLinkStatus.INSTANCE);
    }

    /** The inventory alone (no certificate register). */
    public static CoverageSources inventory() {
        return new CoverageSources(CertificateVerdicts.NO_REGISTER, LinkStatus.INVENTORY);
    }
}
