package vn.hatang.ops;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import vn.hatang.platform.config.Env;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.snmp.service.SnmpOptions;

/**
 * Running the service for years: where backups go and how long they are kept, when the daily backup runs, how much
 * free disk the data directory needs, where the audit key lives. Read from the environment; defaults here only.
 *
 * @param backupDir    {@code HATANG_BACKUP_DIR}; null: no scheduled backups ({@code backup} then writes to ./backups)
 * @param keepDays     {@code HATANG_BACKUP_KEEP_DAYS} (14): older scheduled backups are deleted after a new one succeeds
 * @param backupAt     {@code HATANG_BACKUP_TIME} (02:30, UTC): when the daily backup runs
 * @param minFreeBytes {@code HATANG_DISK_MIN_FREE_MB} (512): below this the data disk is reported down
 * @param auditKeyFile {@code HATANG_AUDIT_KEY_FILE} (data dir/audit.key); kept out of backups like the SNMP key
 * @param snmpKeyFile  {@code HATANG_SNMP_KEY_FILE} (data dir/snmp-secret.key)
 */
public record OpsOptions(Path dataDir, Path backupDir, int keepDays, LocalTime backupAt, long minFreeBytes,
        Path auditKeyFile, Path snmpKeyFile) {
    public static final int DEFAULT_KEEP_DAYS = 14;
    /** A backup older than this is an alert ({@code HatangBackupTooOld}) and a {@code doctor} finding. */
    public static final java.time.Duration MAX_BACKUP_AGE = java.time.Duration.ofHours(26);

    /** From the service's configuration: the audit key file is the security options', the SNMP one SNMP's. */
    public static OpsOptions of(HatangConfig config) {
        Env env = config.environment();
        // Without a data directory (an external database in tests) the disk checked is the temporary one.
        Path data = config.database().dataDir() != null ? config.database().dataDir()
                : Path.of(System.getProperty("java.io.tmpdir"));
        String dir = env.text("HATANG_BACKUP_DIR");
        LocalTime at;
        try {
            at = LocalTime.parse(env.text("HATANG_BACKUP_TIME", "02:30").trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("HATANG_BACKUP_TIME phải có dạng HH:MM / must be HH:MM: "
                    + env.text("HATANG_BACKUP_TIME"));
        }
        return new OpsOptions(data, dir == null ? null : Path.of(dir).toAbsolutePath(),
                env.integer("HATANG_BACKUP_KEEP_DAYS", DEFAULT_KEEP_DAYS, 1, 36_500), at,
                env.integer("HATANG_DISK_MIN_FREE_MB", 512, 0, 1_000_000) * 1024L * 1024L,
                config.security().auditKeyFile(), SnmpOptions.fromEnv(config.env(), config.database().dataDir()).keyFile);
    }

    /** Where {@code backup} writes without {@code --out}. */
    public Path backupDirOrDefault() {
        return backupDir != null ? backupDir : Path.of("backups").toAbsolutePath();
    }
}
