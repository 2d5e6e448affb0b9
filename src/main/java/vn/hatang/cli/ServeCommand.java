package vn.hatang.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.flywaydb.core.api.MigrationInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.hatang.App;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Database;
import vn.hatang.platform.db.EmbeddedDatabaseBusyException;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Chạy dịch vụ (mặc định: PostgreSQL nhúng, kiểm kê mẫu).",
                "Run the service (default: embedded PostgreSQL, sample inventory)."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--dry-run", description = {"chỉ in các migration sẽ áp dụng rồi thoát, không thay đổi gì",
            "print the migrations that would apply and exit, changing nothing"})
    boolean dryRun;

    @Override
    public Integer call() {
        HatangConfig config = HatangConfig.fromEnv();
        if (dryRun) {
            return dryRun(config);
        }
        App app = App.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C / SIGTERM: drain HTTP, close the pool, stop the embedded database.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "hatang-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Before an upgrade: which migrations the new release would apply to this database. */
    private static int dryRun(HatangConfig config) {
        try (Database db = Database.openUnmigrated(config.database())) {
            var pending = db.pendingMigrations();
            System.out.println("Lược đồ hiện tại / current schema: " + db.schemaVersion()
                    + "; phiên bản này có tới / this release goes up to: " + Database.latestMigration());
            if (pending.isEmpty()) {
                System.out.println("Không có migration nào cần áp dụng / no migration to apply");
            }
            for (MigrationInfo m : pending) {
                System.out.println("  V" + m.getVersion() + " — " + m.getDescription() + " (" + m.getScript() + ")");
            }
            System.out.println(pending.size() + " migration sẽ được áp dụng khi khởi động / would apply on start");
            return 0;
        } catch (EmbeddedDatabaseBusyException e) {
            System.err.println(e.getMessage());
            return 3;
        }
    }
}
