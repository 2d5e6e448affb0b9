package vn.hatang.ops.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hatang.ops.OpsOptions;
import vn.hatang.ops.backup.Backups;
import vn.hatang.ops.backup.Manifest;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Database;
import vn.hatang.platform.i18n.Messages;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Sao lưu CSDL nhúng (kể cả khi dịch vụ đang chạy): pg_backup_start/stop + WAL, có bản kê.",
                "Back up the embedded database (also while the service runs): pg_backup_start/stop + WAL, with a manifest."})
public final class BackupCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR",
            description = "thư mục chứa bản sao lưu / where to write (default HATANG_BACKUP_DIR, else ./backups)")
    Path out;

    @Mixin
    KeyOptions keys = new KeyOptions();

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        HatangConfig config = HatangConfig.fromEnv(env);
        Locale locale = keys.locale();
        if (!config.database().embedded()) {
            System.err.println(Messages.get(locale, "ops.backup.external"));
            return 2;
        }
        OpsOptions ops = OpsOptions.of(config);
        char[] passphrase = keys.passphrase(env, true);
        Backups.Keys withKeys = passphrase == null ? null : new Backups.Keys(Map.of("snmp-secret.key",
                ops.snmpKeyFile(), "audit.key", ops.auditKeyFile()), passphrase);
        Path root = out != null ? out.toAbsolutePath() : ops.backupDirOrDefault();
        long t0 = System.nanoTime();
        Manifest m;
        var running = Backups.Source.running(config.database().dataDir());
        if (running.isPresent()) {
            m = Backups.take(running.get(), root, withKeys, Clock.systemUTC());
        } else {
            try (Database db = Database.openUnmigrated(config.database())) {
                m = Backups.take(Backups.Source.of(db.embedded()), root, withKeys, Clock.systemUTC());
            }
        }
        System.out.println(Messages.get(locale, "ops.backup.done", root.resolve(m.id()), m.tables().size(), m.rows(),
                m.schemaVersion(), String.format(Locale.ROOT, "%.1f", m.bytes() / 1e6),
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9)));
        return 0;
    }
}
