package vn.hatang.ops;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

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

    public static OpsOptions fromEnv(Map<String, String> env, Path dataDir) {
        Path data = dataDir != null ? dataDir : Path.of(env.getOrDefault("HATANG_DATA_DIR", "data")).toAbsolutePath();
        String dir = env.get("HATANG_BACKUP_DIR");
        int keep = positive(env, "HATANG_BACKUP_KEEP_DAYS", DEFAULT_KEEP_DAYS);
        LocalTime at;
        try {
            at = LocalTime.parse(env.getOrDefault("HATANG_BACKUP_TIME", "02:30").trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("HATANG_BACKUP_TIME phải có dạng HH:MM / must be HH:MM: "
                    + env.get("HATANG_BACKUP_TIME"));
        }
        long minFree = positive(env, "HATANG_DISK_MIN_FREE_MB", 512) * 1024L * 1024L;
        return new OpsOptions(data, dir == null || dir.isBlank() ? null : Path.of(dir).toAbsolutePath(), keep, at,
                minFree, file(env, "HATANG_AUDIT_KEY_FILE", data.resolve("audit.key")),
                file(env, "HATANG_SNMP_KEY_FILE", data.resolve("snmp-secret.key")));
    }

    /** Where {@code backup} writes without {@code --out}. */
    public Path backupDirOrDefault() {
        return backupDir != null ? backupDir : Path.of("backups").toAbsolutePath();
    }

    private static Path file(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : Path.of(v).toAbsolutePath();
    }

    private static int positive(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " phải là số nguyên không âm / must be a non-negative integer: " + v);
        }
    }
}
