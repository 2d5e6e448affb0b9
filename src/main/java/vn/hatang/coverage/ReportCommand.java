package vn.hatang.coverage;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.hatang.cli.Offline;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.security.Scope;
import vn.hatang.platform.db.EmbeddedDatabaseBusyException;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.platform.report.DocumentOptions;
import vn.hatang.platform.report.Report;
import vn.hatang.platform.report.ReportWriter;

/**
 * {@code report NAME}: asks the running server for the report over its HTTP API (with the API token, when there is
 * one), so it works while the server holds the database; when no server answers it reads the database itself. Data
 * goes to {@code --out} or stdout, every message to stderr, so {@code report coverage > f.csv} is a clean file.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Xuất báo cáo: coverage (mức độ đạt), shortfall (nhu cầu mua sắm), allocation (cấp phát thiết bị), monthly (báo cáo tháng), gaps (danh sách còn thiếu của --kpi).",
                "Export a report: coverage, shortfall (procurement), allocation (device allocation list), monthly, gaps (gap list of --kpi)."})
public final class ReportCommand implements Callable<Integer> {
    static final String GAPS = "gaps";

    @Parameters(index = "0", paramLabel = "NAME", description = "coverage | shortfall | allocation | monthly | gaps")
    String name;

    @Option(names = "--unit", paramLabel = "CODE", description = "đơn vị (mặc định: cả tỉnh) / unit (default: the whole tree)")
    String unit;

    @Option(names = "--kpi", paramLabel = "CODE", description = "chỉ tiêu của danh sách còn thiếu (gaps) / the KPI of a gap list")
    String kpi;

    @Option(names = "--format", paramLabel = "csv|xlsx", description = "mặc định theo đuôi --out, nếu không: csv / default from --out, else csv")
    String format;

    @Option(names = "--lang", paramLabel = "vi|en", defaultValue = "vi", description = "ngôn ngữ / language")
    String lang;

    @Option(names = "--out", paramLabel = "FILE", description = "tệp kết quả (mặc định: stdout) / output file (default: stdout)")
    Path out;

    @Option(names = "--period", paramLabel = "YYYY-MM", description = "báo cáo tháng đã lưu / a kept monthly report")
    String period;

    @Option(names = "--keep", description = "lưu báo cáo tháng vừa tạo / keep the generated monthly report")
    boolean keep;

    @Option(names = "--all", description = "shortfall: mọi dòng, không chỉ dòng đề nghị mua / every row, not only those to buy")
    boolean all;

    @Option(names = "--server", paramLabel = "URL", description = "máy chủ hatang (mặc định HATANG_PUBLIC_URL hoặc HATANG_HTTP_HOST:PORT) / the server")
    String server;

    @Option(names = "--token-file", paramLabel = "FILE", description = "tệp chứa mã truy cập API (hoặc biến HATANG_API_TOKEN) / file holding the API token (or HATANG_API_TOKEN)")
    Path tokenFile;

    private final Map<String, String> env;
    private final PrintStream stdout;
    private final PrintStream stderr;

    public ReportCommand() {
        this(System.getenv(), System.out, System.err);
    }

    ReportCommand(Map<String, String> env, PrintStream stdout, PrintStream stderr) {
        this.env = env;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        String fmt = format != null ? format.toLowerCase(Locale.ROOT)
                : out != null && out.toString().toLowerCase(Locale.ROOT).endsWith(".xlsx") ? ReportWriter.XLSX : ReportWriter.CSV;
        boolean known = CoverageReports.NAMES.contains(name) || GAPS.equals(name);
        if (!known || !ReportWriter.FORMATS.contains(fmt)) {
            stderr.println(Messages.vi(!known ? "kpi.bad_report" : "kpi.bad_format", !known ? "NAME" : "--format", !known ? name : fmt));
            return 2;
        }
        if (GAPS.equals(name) && kpi == null) {
            stderr.println("Cần --kpi CODE cho gaps / --kpi CODE is needed for gaps");
            return 2;
        }
        if (fmt.equals(ReportWriter.XLSX) && out == null) {
            stderr.println("Cần --out FILE cho xlsx / --out FILE is needed for xlsx");
            return 2;
        }
        String token;
        try {
            token = tokenFile != null ? Files.readString(tokenFile).strip() : env.get("HATANG_API_TOKEN");
        } catch (IOException e) {
            stderr.println("Không đọc được / cannot read " + tokenFile + ": " + e.getMessage());
            return 2;
        }
        String base = server != null ? server : DocumentOptions.fromEnv(env).publicUrl();
        try {
            return fromServer(base, token, fmt);
        } catch (ConnectException e) {
            if (server != null) {
                stderr.println("Không kết nối được / cannot connect to " + base);
                return 1;
            }
            stderr.println("Không có máy chủ tại / no server at " + base + ": đọc trực tiếp cơ sở dữ liệu / reading the database");
            return local(fmt);
        } catch (IOException e) {
            stderr.println("Lỗi kết nối / connection failed to " + base + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int fromServer(String base, String token, String fmt) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        if (keep && CoverageReports.MONTHLY.equals(name)) {
            HttpResponse<byte[]> kept = http.send(request(base + "/api/v1/reports/monthly", token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (kept.statusCode() != 201) {
                return failed(kept);
            }
            period = new JsonObject(new String(kept.body(), StandardCharsets.UTF_8)).getString("period");
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("format", fmt);
        q.put("lang", lang);
        q.put("unit", unit);
        q.put("period", period);
        q.put("all", all ? "true" : null);
        String path = GAPS.equals(name) ? "/api/v1/kpis/" + encode(kpi) + "/gaps" : "/api/v1/reports/" + encode(name);
        String query = q.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        HttpResponse<byte[]> r = http.send(request(base + path + "?" + query, token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            return failed(r);
        }
        return write(r.body());
    }

    private static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5));
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** A problem+json answer as one line: its detail (Vietnamese unless --lang en), or the status. */
    private int failed(HttpResponse<byte[]> r) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        String detail = body;
        try {
            JsonObject problem = new JsonObject(body);
            detail = problem.getString("detail", problem.getString("title", body));
        } catch (RuntimeException e) {
            // not JSON: show the body as it came
        }
        stderr.println("HTTP " + r.statusCode() + (r.statusCode() == 401 || r.statusCode() == 403
                ? " — cần mã truy cập hợp lệ (--token-file, HATANG_API_TOKEN) / a valid API token is needed: " : ": ") + detail);
        return 1;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** No server: the embedded database is free (or the database is external), read it directly. */
    private int local(String fmt) {
        Offline offline;
        try {
            offline = Offline.open(HatangConfig.fromEnv(env));
        } catch (EmbeddedDatabaseBusyException e) {
            stderr.println(e.getMessage());
            return 3;
        }
        try (offline) {
            var db = offline.platform().db();
            // Offline: the certificate register is read as stored (its verdicts), links as the inventory says.
            CoverageService service = new CoverageService(new CoverageSources(new vn.hatang.pki.certs.PkiCertificateVerdicts(),
                    LinkStatus.SNMP), Clock.systemUTC());
            CoverageReports reports = new CoverageReports(service, DocumentOptions.from(offline.platform().config()));
            Scope scope = Scope.system("report");
            Report report = db.inTransaction(scope, dsl -> {
                if (GAPS.equals(name)) {
                    return reports.gaps(dsl, scope, kpi, unit, false);
                }
                if (period != null) {
                    return reports.kept(dsl, name, period).orElseThrow(() -> ApiException.notFound("report", name + " " + period));
                }
                return keep && name.equals(CoverageReports.MONTHLY) ? reports.keepMonthly(dsl, scope)
                        : reports.build(dsl, scope, name, unit, all);
            });
            return write(ReportWriter.render(report, fmt, CoverageText.locale(lang)));
        } catch (ApiException e) {
            stderr.println(Messages.vi(e.messageKey(), e.args()) + " / " + Messages.get(Messages.EN, e.messageKey(), e.args()));
            return 1;
        }
    }

    private int write(byte[] bytes) {
        try {
            if (out == null) {
                stdout.write(bytes);
                stdout.flush();
            } else {
                try (OutputStream os = Files.newOutputStream(out)) {
                    os.write(bytes);
                }
                stderr.println("Đã ghi / written: " + out.toAbsolutePath() + " (" + bytes.length + " bytes)");
            }
            return 0;
        } catch (IOException e) {
            stderr.println("Không ghi được / cannot write " + out + ": " + e.getMessage());
            return 1;
        }
    }

}
