package vn.hatang.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.pki.certs.ImportException;
import vn.hatang.pki.certs.PkiFileReader;
import vn.hatang.pki.validation.CertificateValidator;
import vn.hatang.pki.validation.TrustStore;
import vn.hatang.pki.validation.ValidatorOptions;

/**
 * Builds the validator from the configuration directory of {@link PkiOptions#dir()}: {@code trust/} (government CA
 * roots), {@code intermediates/} and {@code crls/} (CRL files, for networks that cannot reach the CA), plus CRLs
 * uploaded through the API (kept under the data directory, {@code <data>/pki-crls}). Files may be PEM, DER or
 * PKCS#7; an unreadable one is logged and skipped.
 */
public final class PkiTrust {
    private static final Logger LOG = LoggerFactory.getLogger(PkiTrust.class);

    private PkiTrust() {}

    /** {@code uploadedCrls} (may be null) holds CRL files uploaded through the API, read as well. */
    public static CertificateValidator load(PkiOptions options, Path uploadedCrls, Clock clock) {
        Path dir = options.dir();
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
        CertificateValidator v = new CertificateValidator(new TrustStore(anchors, inter), options.validatorOptions(),
            clock);
        v.crls().importCrls(crls);
        LOG.info("PKI: {} trust anchors, {} intermediates, {} CRLs from {}", anchors.size(), inter.size(), crls.size(), dir);
        return v;
    }

    /** A validator that trusts nothing (for wiring without configuration, e.g. listing the routes). */
    public static CertificateValidator none() {
        return new CertificateValidator(new TrustStore(List.of(), List.of()), ValidatorOptions.defaults(),
            Clock.systemUTC());
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
