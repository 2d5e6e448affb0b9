package vn.hatang.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.hatang.inventory.ImportResult;
import vn.hatang.inventory.InventoryImporter;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.EmbeddedDatabaseBusyException;
import vn.hatang.security.Scope;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Nhập kiểm kê từ thư mục (YAML/CSV): kiểm tra hết trước, in khác biệt, áp dụng tất cả hoặc không gì cả.",
                "Import an inventory directory: validate everything, print the diff, apply all or nothing."})
public final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "thư mục kiểm kê / inventory directory")
    Path dir;

    @Option(names = "--dry-run", description = "chỉ kiểm tra và in khác biệt / validate and print the diff only")
    boolean dryRun;

    @Override
    public Integer call() {
        Offline offline;
        try {
            offline = Offline.open(HatangConfig.fromEnv());
        } catch (EmbeddedDatabaseBusyException e) {
            System.err.println(e.getMessage());
            return 3;
        }
        try (offline) {
            var p = offline.platform();
            ImportResult result = new InventoryImporter(p.db(), p.audit())
                    .importDirectory(Scope.system("import"), dir.toAbsolutePath(), dryRun);
            System.out.print(result.report(dryRun));
            return result.hasErrors() ? 1 : 0;
        }
    }
}
