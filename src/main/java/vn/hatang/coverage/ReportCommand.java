package vn.hatang.coverage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.hatang.coverage.report.Report;
import vn.hatang.coverage.report.ReportWriter;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.cli.Offline;
import vn.hatang.security.Scope;
import vn.hatang.platform.db.EmbeddedDatabaseBusyException;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.i18n.Messages;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Xuất báo cáo chỉ tiêu: coverage (mức độ đạt), shortfall (nhu cầu mua sắm), allocation (cấp phát thiết bị), monthly (báo cáo tháng).",
                "Export a coverage report: coverage, shortfall (procurement), allocation (device allocation list), monthly."})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "coverage | shortfall | allocation | monthly")
    String name;

    @Option(names = "--unit", paramLabel = "CODE", description = "đơn vị (mặc định: cả tỉnh) / unit (default: the whole tree)")
    String unit;

    @Option(names = "--format", paramLabel = "csv|xlsx", description = "mặc định theo đuôi --out, nếu không: csv / default from --out, else csv")
    String format;

    @Option(names = "--lang", paramLabel = "vi|en", defaultValue = "vi", description = "ngôn ngữ tiêu đề / header language")
    String lang;

    @Option(names = "--out", paramLabel = "FILE", description = "tệp kết quả (mặc định: stdout) / output file (default: stdout)")
    Path out;

    @Option(names = "--period", paramLabel = "YYYY-MM", description = "báo cáo tháng đã lưu / a kept monthly report")
    String period;

    @Option(names = "--keep", description = "lưu báo cáo tháng vừa tạo / keep the generated monthly report")
    boolean keep;

    @Override
    public Integer call() {
        String fmt = format != null ? format.toLowerCase(Locale.ROOT)
                : out != null && out.toString().toLowerCase(Locale.ROOT).endsWith(".xlsx") ? ReportWriter.XLSX : ReportWriter.CSV;
        if (!CoverageReports.NAMES.contains(name) || !ReportWriter.FORMATS.contains(fmt)) {
            System.err.println(Messages.vi(!CoverageReports.NAMES.contains(name) ? "kpi.bad_report" : "kpi.bad_format",
                    !CoverageReports.NAMES.contains(name) ? "NAME" : "--format", !CoverageReports.NAMES.contains(name) ? name : fmt));
            return 2;
        }
        if (fmt.equals(ReportWriter.XLSX) && out == null) {
            System.err.println("Cần --out FILE cho xlsx / --out FILE is needed for xlsx");
            return 2;
        }
        Offline offline;
        try {
            offline = Offline.open(HatangConfig.fromEnv());
        } catch (EmbeddedDatabaseBusyException e) {
            System.err.println(e.getMessage());
            return 3;
        }
        try (offline) {
            var db = offline.platform().db();
            // Offline: the certificate register is read as stored (its verdicts), links as the inventory says.
            CoverageService service = new CoverageService(new CoverageSources(new vn.hatang.pki.certs.PkiCertificateVerdicts(),
                    LinkStatus.SNMP), Clock.systemUTC());
            CoverageReports reports = new CoverageReports(service);
            Scope scope = Scope.system("report");
            Report report = db.inTransaction(scope, dsl -> {
                if (period != null) {
                    return reports.kept(dsl, name, period).orElseThrow(() -> ApiException.notFound("report", name + " " + period));
                }
                return keep && name.equals(CoverageReports.MONTHLY) ? reports.keepMonthly(dsl, scope)
                        : reports.build(dsl, scope, name, unit);
            });
            byte[] bytes = ReportWriter.render(report, fmt, CoverageText.locale(lang));
            if (out == null) {
                System.out.write(bytes);
                System.out.flush();
            } else {
                try (OutputStream os = Files.newOutputStream(out)) {
                    os.write(bytes);
                }
                System.err.println("Đã ghi / written: " + out.toAbsolutePath() + " (" + bytes.length + " bytes)");
            }
            return 0;
        } catch (ApiException e) {
            System.err.println(Messages.vi(e.messageKey(), e.args()) + " / " + Messages.get(Messages.EN, e.messageKey(), e.args()));
            return 1;
        } catch (IOException e) {
            System.err.println("Không ghi được / cannot write " + out + ": " + e.getMessage());
            return 1;
        }
    }
}
