package vn.hatang.pki.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.hatang.pki.certs.ImportException;
import vn.hatang.pki.certs.PkiFileReader;
import vn.hatang.pki.validation.CertificateValidator;
import vn.hatang.pki.validation.Purpose;
import vn.hatang.pki.validation.RevocationPolicy;
import vn.hatang.pki.validation.TrustStore;
import vn.hatang.pki.validation.ValidationResult;
import vn.hatang.pki.validation.ValidatorOptions;
import vn.hatang.pki.validation.Verdict;

/**
 * {@code hatang certs validate [--trust PEM]... [--intermediate PEM]... [--crl FILE]... [--at INSTANT] FILE...}:
 * prints {@code FILE: verdict — reason} per certificate; exit status 0 when all are acceptable, 1 when any is
 * not, 2 when an input file cannot be read or an option is wrong (one line in the chosen language, naming the
 * file or option; never a stack trace).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Kiểm tra hiệu lực chứng thư số / Validate certificates",
        "Mã thoát / exit status: 0 = tất cả hợp lệ / all valid, 1 = có chứng thư không hợp lệ / some not valid,"
            + " 2 = lỗi đọc tệp hoặc tùy chọn / unreadable input or bad option"})
public final class ValidateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--trust", paramLabel = "PEM", required = true,
        description = "Chứng thư CA gốc tin cậy / trust anchor certificate(s) (PEM, DER, PKCS#7)")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--intermediate", paramLabel = "PEM",
        description = "Chứng thư CA trung gian / intermediate CA certificate(s)")
    List<Path> intermediates = new ArrayList<>();

    @Option(names = "--crl", paramLabel = "FILE", description = "Tệp CRL (PEM hoặc DER) / CRL file(s)")
    List<Path> crls = new ArrayList<>();

    @Option(names = "--at", paramLabel = "INSTANT",
        description = "Thời điểm kiểm tra (ISO-8601, mặc định: bây giờ) / validation instant, e.g. 2026-01-31T00:00:00Z")
    String at;

    @Option(names = "--soft-fail",
        description = "Không xác định được tình trạng thu hồi thì vẫn chấp nhận / accept unknown revocation status")
    boolean softFail;

    @Option(names = "--offline", description = "Không tải CRL, không hỏi OCSP / no CRL download, no OCSP")
    boolean offline;

    @Option(names = "--no-revocation", description = "Bỏ qua kiểm tra thu hồi / skip revocation checking")
    boolean noRevocation;

    @Option(names = "--any-key-usage",
        description = "Không kiểm tra mục đích sử dụng / do not check the purpose (default: fit for signing)")
    boolean anyKeyUsage;

    @Option(names = "--eku", paramLabel = "OID",
        description = "Mục đích sử dụng mở rộng bắt buộc / required extended key usage, e.g. 1.3.6.1.5.5.7.3.2"
            + " (clientAuth); repeatable")
    List<String> ekus = new ArrayList<>();

    @Option(names = "--max-depth", paramLabel = "N", defaultValue = "" + ValidatorOptions.DEFAULT_MAX_DEPTH,
        description = "Số chứng thư CA trung gian tối đa / maximum intermediate CA certificates (default ${DEFAULT-VALUE})")
    int maxDepth;

    @Option(names = "--policy", paramLabel = "OID", description = "Chính sách ban đầu / initial policy OID(s)")
    List<String> policies = new ArrayList<>();

    @Option(names = "--require-explicit-policy") boolean explicitPolicy;
    @Option(names = "--inhibit-policy-mapping") boolean inhibitMapping;
    @Option(names = "--inhibit-any-policy") boolean inhibitAny;

    @Option(names = "--lang", paramLabel = "vi|en|both", defaultValue = "both",
        description = "Ngôn ngữ lý do / language of reasons (default: both, Vietnamese first)")
    String lang;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Chứng thư cần kiểm tra / certificate files")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** What makes a --crl file useless as a CRL, rather than a file the operator must fix (missing, unreadable). */
    private static final Set<String> READ_FAILURES = Set.of("bad_crl", "no_crl", "empty", "not_pki", "truncated_pem",
        "unsupported");

    private int run(PrintWriter out, PrintWriter err) {
        PkiFileReader reader = PkiFileReader.lenient();
        Instant instant;
        try {
            instant = parseInstant(at);
        } catch (DateTimeParseException e) {
            err.println("--at: " + reason("thời điểm không hợp lệ: " + at, "invalid instant: " + at));
            return 2;
        }
        Purpose purpose;
        try {
            if (!ekus.isEmpty() && anyKeyUsage) {
                err.println("--eku, --any-key-usage: " + reason("chỉ chọn một trong hai", "choose one of them"));
                return 2;
            }
            purpose = anyKeyUsage ? Purpose.ANY : ekus.isEmpty() ? Purpose.SIGNING : Purpose.eku(ekus);
        } catch (IllegalArgumentException e) {
            err.println("--eku: " + reason("OID không hợp lệ: " + e.getMessage(), "invalid OID: " + e.getMessage()));
            return 2;
        }
        if (maxDepth < 0) {
            err.println("--max-depth: " + reason("phải là số không âm", "must not be negative"));
            return 2;
        }
        List<X509Certificate> anchors = new ArrayList<>();
        List<X509Certificate> inter = new ArrayList<>();
        List<X509CRL> crlList = new ArrayList<>();
        Path current = null;
        String option = "--trust";
        try {
            for (Path p : trust) {
                current = p;
                anchors.addAll(reader.readCertificates(p));
            }
            option = "--intermediate";
            for (Path p : intermediates) {
                current = p;
                inter.addAll(reader.readCertificates(p));
            }
            option = "--crl";
            for (Path p : crls) {
                current = p;
                try {
                    crlList.addAll(reader.readCrls(p));
                } catch (ImportException e) {
                    if (!READ_FAILURES.contains(e.code())) {
                        throw e;
                    }
                    // A CRL that cannot be decoded is no revocation information: the certificates it would cover
                    // get their verdict without it (unknown revocation, fail closed) instead of none at all.
                    err.println(option + " " + p + ": " + reason(e.messageVi() + " — bỏ qua",
                        e.messageEn() + " — ignored"));
                }
            }
        } catch (ImportException e) {
            err.println(option + " " + current + ": " + reason(e.messageVi(), e.messageEn()));
            return 2;
        }
        ValidatorOptions options = ValidatorOptions.defaults()
            .withPolicy(softFail ? RevocationPolicy.SOFT_FAIL : RevocationPolicy.HARD_FAIL)
            .withNetwork(!offline, !offline)
            .withRevocationChecking(!noRevocation)
            .withPurpose(purpose)
            .withMaxDepth(maxDepth)
            .withPolicySettings(Set.copyOf(policies), explicitPolicy, inhibitMapping, inhibitAny);
        CertificateValidator validator = new CertificateValidator(new TrustStore(anchors, inter), options,
            Clock.systemUTC());
        validator.crls().importCrls(crlList);

        int status = 0;
        for (Path file : files) {
            List<X509Certificate> certs;
            try {
                certs = reader.readCertificates(file);
            } catch (ImportException e) {
                if (PkiFileReader.NONCONFORMING.equals(e.code())) {
                    // a certificate, but one no path can be built on: a verdict, as for any other profile breach
                    out.println(file + ": " + Verdict.UNTRUSTED_CHAIN.code() + " — " + reason(e.messageVi(), e.messageEn()));
                    if (status == 0) status = 1;
                } else {
                    out.println(file + ": error — " + reason(e.messageVi(), e.messageEn()));
                    status = 2;
                }
                continue;
            }
            List<X509Certificate> targets = leaves(certs);
            for (int i = 0; i < targets.size(); i++) {
                X509Certificate target = targets.get(i);
                List<X509Certificate> extra = new ArrayList<>(certs);
                extra.remove(target);
                ValidationResult r = validator.validate(target, extra, instant);
                String label = targets.size() == 1 ? file.toString() : file + "[" + (i + 1) + "]";
                out.println(label + ": " + r.verdict().code() + " — " + reason(r.reasonVi(), r.reasonEn()));
                if (!r.acceptable() && status == 0) status = 1;
            }
        }
        return status;
    }

    private String reason(String vi, String en) {
        return switch (lang) {
            case "vi" -> vi;
            case "en" -> en;
            default -> vi + " / " + en;
        };
    }

    /**
     * Now, or an ISO-8601 instant ({@code 2026-01-31T00:00:00Z}, an offset such as {@code +07:00}, a space for the
     * {@code T}, fractions of a second), a date (midnight UTC), or seconds since the epoch.
     */
    static Instant parseInstant(String s) {
        if (s == null || s.isBlank()) return Instant.now();
        String v = s.trim();
        if (v.chars().allMatch(Character::isDigit) && v.length() < 19) {
            return Instant.ofEpochSecond(Long.parseLong(v));
        }
        if (v.length() == 10) return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        v = v.replace(' ', 'T');
        try {
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            return java.time.LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        }
    }

    /** The certificates of a file that issued no other certificate in it: the ones to validate. */
    static List<X509Certificate> leaves(List<X509Certificate> certs) {
        if (certs.size() == 1) return certs;
        Set<Object> issuers = new HashSet<>();
        for (X509Certificate c : certs) {
            if (!c.getIssuerX500Principal().equals(c.getSubjectX500Principal())) issuers.add(c.getIssuerX500Principal());
        }
        List<X509Certificate> out = new ArrayList<>();
        for (X509Certificate c : certs) if (!issuers.contains(c.getSubjectX500Principal())) out.add(c);
        return out.isEmpty() ? certs : out;
    }
}
