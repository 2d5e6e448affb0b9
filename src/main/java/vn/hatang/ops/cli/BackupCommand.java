package vn.hatang.ops.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(names = "--with-keys", description = "kèm khoá SNMP và khoá nhật ký, mã hoá bằng cụm mật khẩu / "
            + "include the SNMP and audit keys, encrypted with a passphrase")
    boolean withKeys;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "cụm mật khẩu ở dòng đầu / passphrase on the first line")
    Path passphraseFile;

    @Option(names = "--lang", defaultValue = "vi", description = "vi | en")
    String lang;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        HatangConfig config = HatangConfig.fromEnv(env);
        Locale locale = Locale.forLanguageTag(lang);
        if (!config.database().embedded()) {
            System.err.println(Messages.get(locale, "ops.backup.external"));
            return 2;
        }
        OpsOptions ops = OpsOptions.fromEnv(env, config.database().dataDir());
        Backups.Keys keys = withKeys ? new Backups.Keys(Map.of("snmp-secret.key", ops.snmpKeyFile(),
                "audit.key", ops.auditKeyFile()), Passphrase.read(passphraseFile, env, true)) : null;
        Path root = out != null ? out.toAbsolutePath() : ops.backupDirOrDefault();
        long t0 = System.nanoTime();
        Manifest m;
        var running = Backups.Source.running(config.database().dataDir());
        if (running.isPresent()) {
            m = Backups.take(running.get(), root, keys, Clock.systemUTC());
        } else {
            try (Database db = Database.openUnmigrated(config.database())) {
                m = Backups.take(Backups.Source.of(db.embedded()), root, keys, Clock.systemUTC());
            }
        }
        System.out.println(Messages.get(locale, "ops.backup.done", root.resolve(m.id()), m.tables().size(), m.rows(),
                m.schemaVersion(), String.format(Locale.ROOT, "%.1f", m.bytes() / 1e6),
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9)));
        return 0;
    }
}
