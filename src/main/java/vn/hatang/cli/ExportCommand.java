package vn.hatang.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.hatang.platform.report.ReportWriter;
import vn.hatang.inventory.InventoryExport;
import vn.hatang.inventory.InventoryKind;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.EmbeddedDatabaseBusyException;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.security.Scope;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Xuất kiểm kê hiện có ra tệp (cùng cột với tệp nhập) để sửa rồi nhập lại.",
                "Export what hatang holds as inventory files (the import's columns), to edit and import back."})
public final class ExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "KIND", arity = "0..*", description = "units, investment_lines, people, racks, devices, links, "
            + "information_systems, tokens (mặc định tất cả / default all)")
    List<String> kinds = new ArrayList<>();

    @Option(names = "--format", defaultValue = "csv", description = "csv | xlsx")
    String format;

    @Option(names = "--dir", required = true, description = "thư mục ghi tệp / directory to write the files to")
    Path dir;

    @Option(names = "--under", description = "chỉ cây đơn vị này / only this unit's subtree (code)")
    String under;

    @Override
    public Integer call() throws Exception {
        if (!ReportWriter.FORMATS.contains(format)) {
            System.err.println("--format: csv | xlsx");
            return 2;
        }
        List<InventoryKind> chosen = new ArrayList<>();
        for (String k : kinds) {
            var kind = InventoryKind.ofFile(k + ".csv");
            if (kind.isEmpty()) {
                System.err.println("Không có loại / no kind “" + k + "”: " + String.join(", ",
                        Arrays.stream(InventoryKind.values()).map(InventoryKind::baseName).toList()));
                return 2;
            }
            chosen.add(kind.get());
        }
        if (chosen.isEmpty()) {
            chosen.addAll(List.of(InventoryKind.values()));
        }
        Offline offline;
        try {
            offline = Offline.open(HatangConfig.fromEnv());
        } catch (EmbeddedDatabaseBusyException e) {
            System.err.println(e.getMessage().replace("POST /api/v1/imports", "GET /api/v1/exports/inventory/<kind>." + format));
            return 3;
        }
        try (offline) {
            var p = offline.platform();
            Scope scope = Scope.system("export");
            InventoryExport export = new InventoryExport(p.db());
            Files.createDirectories(dir);
            for (InventoryKind kind : chosen) {
                byte[] bytes = p.db().readNow(scope, dsl -> export.render(dsl, scope, kind, format, under, Messages.VI));
                Path file = dir.resolve(kind.baseName() + "." + format);
                Files.write(file, bytes);
                System.out.println(file);
            }
            return 0;
        } catch (ApiException e) {
            System.err.println(Messages.get(Messages.VI, e.messageKey(), e.args()));
            return 2;
        }
    }
}
