package vn.hatang.ops.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import vn.hatang.ops.OpsOptions;
import vn.hatang.ops.backup.Restore;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.EmbeddedDatabaseBusyException;
import vn.hatang.platform.i18n.Messages;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Khôi phục bản sao lưu vào thư mục dữ liệu trống (HATANG_DATA_DIR) hoặc CSDL ngoài trống (HATANG_DB_URL).",
                "Restore a backup into an empty data directory (HATANG_DATA_DIR) or an empty external database (HATANG_DB_URL)."})
public final class RestoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "thư mục bản sao lưu / backup directory")
    Path dir;

    @Mixin
    KeyOptions keys = new KeyOptions();

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        HatangConfig config = HatangConfig.fromEnv(env);
        Locale locale = keys.locale();
        OpsOptions ops = OpsOptions.of(config);
        char[] passphrase = keys.passphrase(env, false);
        long t0 = System.nanoTime();
        Restore.Result r;
        try {
            r = config.database().embedded()
                    ? Restore.intoEmbedded(dir.toAbsolutePath(), config.database(), ops, passphrase)
                    : Restore.intoExternal(dir.toAbsolutePath(), config.database(), ops, passphrase);
        } catch (Restore.RefusedException | EmbeddedDatabaseBusyException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.out.println(Messages.get(locale, "ops.restore.done", r.manifest().id(), r.counts().size(),
                r.manifest().rows(), r.manifest().schemaVersion(),
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9)));
        if (!r.keysRestored().isEmpty()) {
            System.out.println(Messages.get(locale, "ops.restore.keys", String.join(", ", r.keysRestored())));
        } else if (r.manifest().keysIncluded() && passphrase == null) {
            System.out.println(Messages.get(locale, "ops.restore.keys_skipped"));
        }
        return 0;
    }
}
