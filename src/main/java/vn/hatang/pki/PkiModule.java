package vn.hatang.pki;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import vn.hatang.coverage.CertificateVerdicts;
import vn.hatang.platform.Jobs;
import vn.hatang.platform.Module;
import vn.hatang.platform.Platform;
import vn.hatang.platform.http.CrudEndpoint;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Param;
import vn.hatang.pki.certs.CertificateMetricsSource;
import vn.hatang.pki.certs.CertificateService;
import vn.hatang.pki.certs.PkiCertificateVerdicts;
import vn.hatang.pki.exports.PkiExports;
import vn.hatang.pki.tokens.TokenService;
import vn.hatang.pki.validation.CertificateValidator;
import vn.hatang.pki.workflow.RequestService;
import vn.hatang.security.Permission;

/**
 * Tokens, certificates, validation, paperwork: the services, their endpoints, the re-validation schedule, the
 * certificate figures of {@code /metrics}, and the register as the source of KPI SIGNER_CERT.
 */
public final class PkiModule implements Module {
    private final Platform platform;
    private final CertificateService certificates;
    private final TokenService tokens;
    private final RequestService requests;
    private final PkiExports exports;
    private final Duration revalidateEvery;

    public PkiModule(Platform platform) {
        this(platform, options(platform), null);
    }

    /** With a validator of the caller's (tests); the other settings still come from the configuration. */
    public PkiModule(Platform platform, CertificateValidator validator) {
        this(platform, options(platform), validator);
    }

    private PkiModule(Platform platform, PkiOptions options, CertificateValidator validator) {
        this.platform = platform;
        CertificateValidator v = validator != null ? validator
            : PkiTrust.load(options, uploadedCrls(platform), platform.clock());
        this.certificates = new CertificateService(platform.db(), v, platform.clock(), uploadedCrls(platform));
        this.tokens = new TokenService(platform.db());
        this.requests = new RequestService(platform.db(), platform.clock());
        this.exports = new PkiExports(platform.db(), requests);
        this.revalidateEvery = options.revalidateEvery();
        PkiSampleLoader.loadIfEmpty(platform.db(), certificates, platform.config().inventoryDir().resolve("pki"));
    }

    private static PkiOptions options(Platform platform) {
        return PkiOptions.from(platform.config().environment(), platform.config().inventoryDir());
    }

    /** Uploaded CRL files are kept under the data directory (in memory only when there is none). */
    private static Path uploadedCrls(Platform platform) {
        Path data = platform.config().database().dataDir();
        return data == null ? null : data.resolve("pki-crls");
    }

    public CertificateService certificates() {
        return certificates;
    }

    public TokenService tokens() {
        return tokens;
    }

    public RequestService requests() {
        return requests;
    }

    /** For {@code DomainSources.withCertificates}: hatang_certificates{unit,verdict} and soonest expiries. */
    public vn.hatang.monitoring.CertificateSource metricsSource() {
        return new CertificateMetricsSource(platform.db(), platform.clock());
    }

    /** Who holds a valid signing certificate: the register, for the coverage KPIs (one definition, used by both). */
    public CertificateVerdicts signerCertificates() {
        return new PkiCertificateVerdicts();
    }

    /** Certificate login: a presented certificate judged as the register judges it, and its confirmed holder. */
    public vn.hatang.security.CertificateCheck certificateLogin() {
        return new vn.hatang.pki.certs.RegisterCertificateCheck(platform.db(), certificates.validator(),
                platform.clock());
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new TokenEndpoint(tokens),
                new CrudEndpoint("/tokens", "Token", "Tokens", tokens, Permission.PKI_WRITE, Param.text("unit",
                        "mã đơn vị: cây con / unit code: subtree"), Param.oneOf("state", TokenService.STATES, null),
                        Param.oneOf("kind", TokenService.KINDS, null), Param.id("holder_id")),
                new PkiEndpoint(certificates, requests, exports));
    }

    /**
     * Re-validates every certificate, raises expiry warnings and proposes the requests the records call for, every
     * {@code HATANG_PKI_REVALIDATE_MINUTES} (default 360).
     */
    @Override
    public void jobs(Jobs jobs) {
        jobs.every("pki-revalidate", revalidateEvery, revalidateEvery, scope -> {
            int n = certificates.revalidateAll(scope);
            int proposed = requests.proposeNow(scope).size();
            return n + " certificates re-validated, " + proposed + " requests proposed";
        });
    }
}
