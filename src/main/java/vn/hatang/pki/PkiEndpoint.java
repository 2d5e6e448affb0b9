package vn.hatang.pki;

import static vn.hatang.db.Tables.PKI_CERTIFICATE;
import static vn.hatang.db.Tables.PKI_EVENT;
import static vn.hatang.db.Tables.PKI_REQUEST;
import static vn.hatang.db.Tables.PKI_VERDICT;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.hatang.platform.db.RecordSpec;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Call;
import vn.hatang.platform.http.Param;
import vn.hatang.platform.http.Routes;
import vn.hatang.platform.http.Schema;
import vn.hatang.platform.json.Input;
import vn.hatang.pki.certs.CertificateService;
import vn.hatang.pki.exports.PkiExports;
import vn.hatang.platform.report.ReportWriter;
import vn.hatang.pki.validation.Verdict;
import vn.hatang.pki.workflow.RequestService;
import vn.hatang.security.Permission;

/**
 * Certificates, certificate requests, signers lacking a certificate and the PKI exports. (Tokens are a
 * {@link vn.hatang.platform.http.CrudEndpoint} plus {@link TokenEndpoint}.)
 */
final class PkiEndpoint implements vn.hatang.platform.http.Endpoint {
    private static final Param UNIT = Param.text("unit", "mã đơn vị: cây con / unit code: subtree");
    private final CertificateService certs;
    private final RequestService requests;
    private final PkiExports exports;

    PkiEndpoint(CertificateService certs, RequestService requests, PkiExports exports) {
        this.certs = certs;
        this.requests = requests;
        this.exports = exports;
    }

    @Override
    public void addRoutes(Routes routes) {
        routes.tag("certificates");
        routes.post("/certificates/revalidate", "revalidateCertificates", Permission.PKI_WRITE)
                .doc("Kiểm tra lại mọi chứng thư", "Re-validate every certificate in scope now")
                .answers(Schema.object().required("validated", Schema.integer(0, Integer.MAX_VALUE)).json())
                .json(c -> certs.revalidateAllAsync(c.scope()).map(n -> new JsonObject().put("validated", n)));
        routes.post("/certificates", "uploadCertificate", Permission.PKI_WRITE)
                .doc("Nạp chứng thư (PEM, DER, PKCS#7)", "Upload a certificate file (PEM, DER or PKCS#7; holder and "
                        + "token as query parameters), or JSON {pem, person_code, token_serial}")
                .query(Param.id("person_id"), Param.text("person_code", null), Param.id("token_id"),
                        Param.text("token_serial", null))
                .uploads("application/x-pem-file", "application/pkix-cert", "application/pkcs7-mime",
                        "application/octet-stream")
                .body(holder().required("pem", Schema.text(1_000_000)).json())
                .answers(Schema.object().required("imported", Schema.arrayOf(CERTIFICATE))
                        .required("duplicates", Schema.arrayOf(Schema.anyObject())).json())
                .created(this::upload);
        routes.get("/certificates", "listCertificates", Permission.READ).doc("Sổ chứng thư", "The certificate register")
                .query(UNIT, Param.oneOf("verdict", java.util.Arrays.stream(Verdict.values()).map(Verdict::code)
                                .toList(), null),
                        Param.integer("expiring_within_days", 0, 3650, "hết hạn trong N ngày / expiring within N days"),
                        Param.id("person_id"), Param.oneOf("match", List.copyOf(CertificateService.MATCHES), null))
                .paged().answers(CERTIFICATE).json(c -> certs.list(c.scope(), c.filters(), c.page()));
        routes.get("/certificates/:id", "getCertificate", Permission.READ).doc("Một chứng thư", "One certificate")
                .answers(Schema.extending(CERTIFICATE).required("pem", Schema.text(1_000_000)).json())
                .json(c -> certs.get(c.scope(), c.id("id")));
        routes.patch("/certificates/:id", "updateCertificate", Permission.PKI_WRITE)
                .doc("Xác nhận người giữ, thiết bị", "Confirm the holder and the token")
                .body(holder().optional("person_match", Schema.oneOf(CertificateService.MATCHES)).json())
                .answers(CERTIFICATE)
                .json(c -> certs.update(c.scope(), c.id("id"), c.ifMatch(), c.input()));
        routes.post("/certificates/:id/validate", "validateCertificate", Permission.PKI_WRITE)
                .doc("Kiểm tra lại một chứng thư", "Validate one certificate now").answers(CERTIFICATE)
                .json(c -> certs.validate(c.scope(), c.id("id")));
        routes.get("/certificates/:id/verdicts", "getCertificateVerdicts", Permission.READ)
                .doc("Các lần kiểm tra", "Verdict history").answers(Schema.arrayOf(RecordSpec.tableSchema(PKI_VERDICT))).json(c -> certs.verdicts(c.scope(), c.id("id")));
        routes.get("/certificate-events", "listCertificateEvents", Permission.READ)
                .doc("Cảnh báo hết hạn, đổi kết quả", "Expiry warnings and verdict changes")
                .answers(Schema.arrayOf(RecordSpec.tableSchema(PKI_EVENT)))
                .query(Param.oneOf("kind", List.of("expiry_warning", "verdict_changed"), null))
                .json(c -> certs.events(c.scope(), c.filters()));
        routes.get("/signers-without-valid-certificate", "listSignersWithoutCertificate", Permission.READ)
                .doc("Người ký chưa có chứng thư hợp lệ", "Signers without a valid certificate").query(UNIT)
                .answers(Schema.object().required("signers", Schema.integer(0, Integer.MAX_VALUE))
                        .required("lacking", Schema.integer(0, Integer.MAX_VALUE))
                        .required("items", Schema.arrayOf(Schema.object().required("person_id", Schema.id())
                                .required("person_code", Schema.text(64)).required("full_name", Schema.text(200))
                                .optional("title", Schema.text(200)).required("unit_code", Schema.code())
                                .required("unit_name", Schema.text(300)).optional("certificate_id", Schema.id())
                                .required("certificate_verdict", Schema.text(32))
                                .optional("certificate_not_after", Schema.instant()).open().json())).json())
                .json(c -> certs.signersLacking(c.scope(), c.query("unit")));

        routes.tag("certificate-requests");
        routes.post("/certificate-requests/proposals", "proposeCertificateRequests", Permission.PKI_WRITE)
                .doc("Đề xuất đề nghị theo hồ sơ", "Propose the requests the records call for")
                .answers(Schema.arrayOf(REQUEST))
                .created(c -> requests.propose(c.scope()));
        routes.post("/certificate-requests", "createCertificateRequest", Permission.PKI_WRITE)
                .doc("Lập đề nghị", "Create a request (kind, reason, person, certificate_id)")
                .body(Schema.object().required("kind", Schema.oneOf(RequestService.KINDS))
                        .optional("reason", Schema.oneOf(RequestService.REASONS)).optional("person_id", Schema.id())
                        .optional("person_code", Schema.text(64)).optional("certificate_id", Schema.id())
                        .optional("secret_level", Schema.bool()).optional("note", Schema.text(1000)).json())
                .answers(REQUEST)
                .created(c -> requests.create(c.scope(), c.input()));
        routes.get("/certificate-requests", "listCertificateRequests", Permission.READ).doc("Đề nghị", "Requests")
                .query(UNIT, Param.oneOf("state", RequestService.STATES, null),
                        Param.oneOf("kind", RequestService.KINDS, null))
                .paged().answers(REQUEST).json(c -> requests.list(c.scope(), c.filters(), c.page()));
        routes.post("/certificate-requests/:id/:action", "moveCertificateRequest", Permission.PKI_WRITE)
                .doc("Gửi, hoàn tất, từ chối", "submit | complete | reject (note)")
                .pathValues("action", RequestService.ACTIONS)
                .optionalBody(Schema.object().optional("note", Schema.text(1000)).json()).answers(REQUEST)
                .json(c -> requests.transition(c.scope(), c.id("id"), c.path("action"), c.optionalInput()));

        routes.post("/crls", "uploadCrl", Permission.PKI_WRITE).wholeTree()
                .doc("Nạp CRL (mạng không tới được CA)", "Upload CRL files signed by a configured CA")
                .uploads("application/pkix-crl", "application/octet-stream")
                .answers(Schema.arrayOf(Schema.object().required("issuer", Schema.text(1000))
                        .required("this_update", Schema.instant()).optional("next_update", Schema.instant())
                        .optional("crl_number", Schema.text(100)).required("entries", Schema.integer(0, Integer.MAX_VALUE))
                        .json()))
                .created(c -> certs.importCrls(c.scope(), c.bytes("file")));
        routes.get("/exports/pki/:file", "exportPki", Permission.READ).audited()
                .doc("Xuất danh sách (CSV, XLSX)", "certificate-requests | handovers | revocations, .csv or .xlsx")
                .pathValues("file", PkiExports.LISTS.stream().flatMap(l -> java.util.stream.Stream.of(l, l + ".csv",
                        l + ".xlsx")).toList())
                .query(UNIT, Param.oneOf("state", RequestService.STATES, null))
                .file(this::export);
    }

    /** A certificate as answered: its columns (not the DER), the lists split into arrays. */
    private static final JsonObject CERTIFICATE = certificate();
    private static final JsonObject REQUEST = RecordSpec.tableSchema(PKI_REQUEST);

    private static JsonObject certificate() {
        Schema s = Schema.extending(RecordSpec.tableSchema(PKI_CERTIFICATE, "der", "key_usage", "extended_key_usage",
                "policies", "crl_urls", "ocsp_urls"));
        for (String list : List.of("key_usage", "extended_key_usage", "policies", "crl_urls", "ocsp_urls")) {
            s.required(list, Schema.arrayOf(Schema.text(2000)));
        }
        return s.open().json();
    }

    /** Who holds a certificate and on which token: by id or by code, each optional. */
    private static Schema holder() {
        return Schema.object().optional("person_id", Schema.id()).optional("person_code", Schema.text(64))
                .optional("token_id", Schema.id()).optional("token_serial", Schema.text(100));
    }

    /**
     * A certificate file as the body (PEM, DER or PKCS#7; holder and token as query parameters), or JSON
     * {@code {"pem": "...", "person_code": ..., "token_serial": ...}}.
     */
    private Future<?> upload(Call c) {
        String type = c.header("Content-Type");
        byte[] bytes = c.bytes("file");
        if (type != null && type.startsWith("application/json")) {
            JsonObject body = c.body();
            String pem = body.getString("pem");
            if (pem == null || pem.isBlank()) {
                throw ApiException.invalid("pem", "error.required");
            }
            return certs.importFile(c.scope(), pem.getBytes(StandardCharsets.UTF_8), Input.of(body));
        }
        Map<String, String> q = new HashMap<>(c.filters());
        return certs.importFile(c.scope(), bytes, Input.ofStrings(q));
    }

    private Future<Routes.Download> export(Call c) {
        String file = c.path("file");
        int dot = file.lastIndexOf('.');
        String list = dot < 0 ? file : file.substring(0, dot);
        String format = dot < 0 ? "csv" : file.substring(dot + 1);
        if (!PkiExports.LISTS.contains(list)) {
            throw ApiException.invalid("file", "error.one_of", String.join(", ", PkiExports.LISTS));
        }
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw ApiException.invalid("file", "error.one_of", "csv, xlsx");
        }
        return exports.report(c.scope(), list, c.filters())
                .map(r -> new Routes.Download(list + "." + format, ReportWriter.contentType(format),
                        ReportWriter.render(r, format, c.locale())));
    }
}
