package vn.hatang.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.hatang.audit.AuditLog;
import vn.hatang.audit.AuditModule;
import vn.hatang.audit.AuditVerifier;
import vn.hatang.security.Scope;

/** {@code audit verify} (exit 0 intact, 1 broken, printing the first bad sequence number) and {@code audit export}. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Nhật ký kiểm toán: kiểm tra chuỗi, xuất.", "The audit log: verify the chain, export."},
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
public final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true, description = {"Kiểm tra toàn bộ chuỗi HMAC.",
            "Check the whole HMAC chain."})
    static final class Verify implements Callable<Integer> {
        @Override
        public Integer call() {
            return Cli.run(o -> {
                var p = o.platform();
                AuditVerifier.Result r = p.db().readNow(Scope.system("audit-verify"),
                        dsl -> new AuditVerifier(AuditModule.chain(p.config().security())).verify(dsl));
                if (r.ok()) {
                    System.out.println("OK: " + r.checked() + " dòng nguyên vẹn / rows intact, head " + r.headSeq());
                    return 0;
                }
                System.out.println("HỎNG / BROKEN at seq " + r.firstBad() + " (" + reason(r.reason()) + "); "
                        + r.checked() + " rows intact before it");
                return 1;
            });
        }

        private static String reason(String code) {
            return switch (code) {
                case "missing" -> "dòng bị xoá / a row was removed";
                case "altered" -> "dòng bị sửa hoặc chèn / a row was edited or inserted";
                default -> "đầu chuỗi không khớp / the head does not match";
            };
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = {"Xuất nhật ký (JSON Lines hoặc syslog "
            + "RFC 5424).", "Export as JSON Lines or RFC 5424 syslog lines."})
    static final class Export implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "jsonl", description = "jsonl | syslog")
        String format;
        @Option(names = "--out", description = "tệp (mặc định: đầu ra chuẩn) / file (default: standard output)")
        Path out;

        @Override
        public Integer call() {
            if (!format.equals("jsonl") && !format.equals("syslog")) {
                System.err.println("--format: jsonl | syslog");
                return 2;
            }
            return Cli.run(o -> {
                try (BufferedWriter w = out == null
                        ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                        : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    Scope scope = Scope.system("audit-export");
                    o.platform().db().readNow(scope, dsl -> {
                        AuditLog.export(dsl, scope, Map.of(), format, line -> {
                            try {
                                w.write(line);
                                w.newLine();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                        return null;
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return 0;
            });
        }
    }
}
