package vn.hatang.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import vn.hatang.App;
import vn.hatang.platform.config.HatangConfig;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Chạy dịch vụ (mặc định: PostgreSQL nhúng, kiểm kê mẫu).",
                "Run the service (default: embedded PostgreSQL, sample inventory)."})
public final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        App app = App.start(HatangConfig.fromEnv());
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
}
