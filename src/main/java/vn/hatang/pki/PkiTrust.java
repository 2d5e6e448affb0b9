package vn.hatang.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.pki.certs.ImportException;
import vn.hatang.pki.certs.PkiFileReader;
import vn.hatang.pki.validation.CertificateValidator;
import vn.hatang.pki.validation.RevocationPolicy;
import vn.hatang.pki.validation.TrustStore;
import vn.hatang.pki.validation.ValidatorOptions;

/**
 * Builds the validator from a configuration directory: {@code trust/} (government CA roots), {@code intermediates/}
 * and {@code crls/} (CRL files, for networks that cannot reach the CA), plus CRLs uploaded through the API (kept under
 * the data directory, {@code <data>/pki-crls}). Files may be PEM, DER or PKCS#7.
 * Environment: {@code HATANG_PKI_DIR} (default {@code <inventory>/pki}), {@code HATANG_PKI_REVOCATION}
 * ({@code hard_fail} default, or {@code soft_fail}), {@code HATANG_PKI_FETCH} ({@code true} default: download CRLs
 * and ask OCSP responders).
 */
public final class PkiTrust {
    private static final Logger LOG = LoggerFactory.getLogger(PkiTrust.class);

    private PkiTrust() {}

    public static CertificateValidator load(Path dir, RevocationPolicy policy, boolean fetch, Clock clock) {
        return load(dir, null, policy, fetch, clock);
    }

    /** As above; {@code uploadedCrls} (may be null) holds CRL files uploaded through the API, read as well. */
    public static CertificateValidator load(Path dir, Path uploadedCrls, RevocationPolicy policy, boolean fetch,
                                            Clock clock) {
        PkiFileReader reader = new PkiFileReader();
        List<X509Certificate> anchors = certs(reader, dir.resolve("trust"));
        List<X509Certificate> inter = certs(reader, dir.resolve("intermediates"));
        List<X509CRL> crls = new ArrayList<>();
        List<Path> crlFiles = new ArrayList<>(files(dir.resolve("crls")));
        if (uploadedCrls != null) crlFiles.addAll(files(uploadedCrls));
        for (Path f : crlFiles) {
            try {
                crls.addAll(reader.readCrls(f));
            } catch (ImportException e) {
                LOG.error("Bỏ qua tệp CRL / skipping CRL file {}: {}", f, e.getMessage());
            }
        }
        CertificateValidator v = new CertificateValidator(new TrustStore(anchors, inter),
            ValidatorOptions.defaults().withPolicy(policy).withNetwork(fetch, fetch), clock);
        v.crls().importCrls(crls);
        LOG.info("PKI: {} trust anchors, {} intermediates, {} CRLs from {}", anchors.size(), inter.size(), crls.size(), dir);
        return v;
    }

    /** A validator that trusts nothing (for wiring without configuration, e.g. listing the routes). */
    public static CertificateValidator none() {
        return new CertificateValidator(new TrustStore(List.of(), List.of()), ValidatorOptions.defaults(),
            Clock.systemUTC());
    }

    /** The configuration directory: {@code HATANG_PKI_DIR}, else {@code <inventory>/pki}. */
    public static Path dir(Map<String, String> env, Path inventoryDir) {
        String dir = env.get("HATANG_PKI_DIR");
        return dir != null ? Path.of(dir) : inventoryDir.resolve("pki");
    }

    public static CertificateValidator fromEnv(Map<String, String> env, Path inventoryDir, Path uploadedCrls) {
        String policy = env.getOrDefault("HATANG_PKI_REVOCATION", "hard_fail");
        boolean fetch = !"false".equalsIgnoreCase(env.getOrDefault("HATANG_PKI_FETCH", "true"));
        return load(dir(env, inventoryDir), uploadedCrls,
            RevocationPolicy.valueOf(policy.toUpperCase(Locale.ROOT)), fetch, Clock.systemUTC());
    }

    private static List<X509Certificate> certs(PkiFileReader reader, Path dir) {
        List<X509Certificate> out = new ArrayList<>();
        for (Path f : files(dir)) {
            try {
                out.addAll(reader.readCertificates(f));
            } catch (ImportException e) {
                LOG.error("Bỏ qua tệp chứng thư / skipping certificate file {}: {}", f, e.getMessage());
            }
        }
        return out;
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            LOG.error("Không đọc được thư mục / cannot list {}", dir);
            return List.of();
        }
    }
}
