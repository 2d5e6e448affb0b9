package vn.hatang.audit;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.platform.Jobs;
import vn.hatang.platform.Module;
import vn.hatang.platform.Platform;
import vn.hatang.platform.config.KeyFile;
import vn.hatang.platform.http.Schema;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Param;
import vn.hatang.platform.http.Routes;
import vn.hatang.security.Permission;
import vn.hatang.security.Scope;

/**
 * The audit as a module: {@code GET /audit} and its exports, the chain's state in {@code /metrics}
 * ({@code hatang_audit_chain_ok}), and the check of the chain's tail when the service starts and every hour.
 */
public final class AuditModule implements Module, Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AuditModule.class);
    /** Rows the periodic check re-verifies (the CLI's {@code audit verify} checks them all). */
    static final long TAIL = 1000;

    private final Platform platform;
    private final AuditVerifier verifier;
    private final AtomicReference<AuditVerifier.Result> last = new AtomicReference<>();

    public AuditModule(Platform platform, AuditChain chain) {
        this.platform = platform;
        this.verifier = new AuditVerifier(chain);
    }

    /** The chain with the configured key (the environment's, or the key file, created 0600 on first use). */
    public static AuditChain chain(vn.hatang.platform.config.HatangConfig.SecurityOptions options) {
        return new AuditChain(KeyFile.load(options.auditKey(), options.auditKeyFile(), "HATANG_AUDIT_KEY"));
    }

    /** Checks the tail now (blocking); logs and remembers the outcome for the metric. */
    public AuditVerifier.Result checkTail() {
        AuditVerifier.Result r = platform.db().readNow(Scope.system("audit-check"),
                dsl -> verifier.verifyTail(dsl, TAIL));
        last.set(r);
        if (r.ok()) {
            LOG.info("Nhật ký kiểm toán nguyên vẹn / audit chain intact: {} rows checked, head {}", r.checked(),
                    r.headSeq());
        } else {
            LOG.error("NHẬT KÝ KIỂM TOÁN BỊ SỬA tại số {} / AUDIT CHAIN BROKEN at seq {} ({})", r.firstBad(),
                    r.firstBad(), r.reason());
        }
        return r;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(this);
    }

    @Override
    public void metrics(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("hatang_audit_chain_ok")
                .help("1 when the last check of the audit chain's tail found it intact, 0 when a row was altered, "
                        + "removed or inserted")
                .callback(cb -> {
                    AuditVerifier.Result r = last.get();
                    if (r != null) {
                        cb.call(r.ok() ? 1 : 0);
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("hatang_audit_head_seq")
                .help("Sequence number of the newest audit row at the last check")
                .callback(cb -> {
                    AuditVerifier.Result r = last.get();
                    if (r != null) {
                        cb.call(r.headSeq());
                    }
                }).register(registry);
    }

    @Override
    public void jobs(Jobs jobs) {
        jobs.every("audit-check", Duration.ofHours(1), Duration.ofHours(1), scope -> checkTail().ok() ? null
                : "audit chain broken");
    }

    @Override
    public void addRoutes(Routes routes) {
        routes.tag("audit");
        Param[] filters = {Param.text("actor", "tên đăng nhập hoặc system:<tác vụ> / login or system:<job>"),
                Param.text("action", "operationId hoặc sự kiện / operationId or event"),
                Param.text("object_type", "bảng / table"), Param.text("object_id", "id"), Param.under(),
                Param.instant("from", "từ (gồm) / from (inclusive)"), Param.instant("to", "đến (không gồm) / to")};
        routes.get("/audit", "listAudit", Permission.AUDIT_READ)
                .doc("Nhật ký kiểm toán, mới nhất trước", "The audit log, newest first").query(filters).paged()
                .answers(Schema.object().required("seq", Schema.integer(1, Long.MAX_VALUE)).required("at", Schema.instant())
                        .required("actor", Schema.text(200)).required("action", Schema.text(200))
                        .optional("object_type", Schema.text(100)).optional("object_id", Schema.text(100))
                        .optional("unit_id", Schema.id()).optional("before", Schema.anyObject())
                        .optional("after", Schema.anyObject()).required("hmac", Schema.text(100)).open().json())
                .json(c -> platform.db().read(c.scope(), dsl -> AuditLog.page(dsl, c.scope(), c.filters(), c.page())));
        routes.get("/audit/export", "exportAudit", Permission.AUDIT_READ)
                .doc("Xuất nhật ký (JSON Lines hoặc syslog RFC 5424)", "Export as JSON Lines or RFC 5424 syslog")
                .query(filters).query(Param.oneOf("format", List.of("jsonl", "syslog"), "jsonl (mặc định) | syslog"))
                .audited().file(c -> {
                    String format = c.query("format") == null ? "jsonl" : c.query("format");
                    var filtersGiven = c.filters();
                    filtersGiven.remove("format");
                    return platform.db().read(c.scope(), dsl -> {
                        StringBuilder sb = new StringBuilder();
                        AuditLog.export(dsl, c.scope(), filtersGiven, format, line -> sb.append(line).append('\n'));
                        return new Routes.Download("hatang-audit." + ("syslog".equals(format) ? "log" : "jsonl"),
                                "syslog".equals(format) ? "text/plain; charset=utf-8" : "application/x-ndjson",
                                sb.toString().getBytes(StandardCharsets.UTF_8));
                    });
                });
        routes.get("/audit/status", "getAuditStatus", Permission.AUDIT_READ).wholeTree()
                .doc("Trạng thái chuỗi kiểm toán", "State of the audit chain (checks its tail now)")
                .answers(Schema.object().required("ok", Schema.bool()).required("head_seq", Schema.integer(0, Long.MAX_VALUE))
                        .required("checked", Schema.integer(0, Long.MAX_VALUE))
                        .optional("first_bad_seq", Schema.integer(0, Long.MAX_VALUE)).optional("reason", Schema.text(1000))
                        .json())
                .json(c -> platform.blocking().run(() -> {
                    AuditVerifier.Result r = checkTail();
                    return new JsonObject().put("ok", r.ok()).put("head_seq", r.headSeq()).put("checked", r.checked())
                            .put("first_bad_seq", r.firstBad()).put("reason", r.reason());
                }));
    }
}
