package vn.hatang.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hatang.ops.backup.Backups;
import vn.hatang.ops.backup.Manifest;
import vn.hatang.platform.Jobs;
import vn.hatang.platform.Module;
import vn.hatang.platform.Platform;
import vn.hatang.platform.db.Database;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.snmp.service.SnmpService;

/**
 * Running the service for years: the daily backup of the embedded database with its retention, the readiness report
 * ({@code /health/ready}: database, disk, SNMP, scheduler), and their figures in {@code /metrics} (disk space, last
 * backup and its size, which part is down).
 */
public final class OpsModule implements Module {
    private static final Logger LOG = LoggerFactory.getLogger(OpsModule.class);
    /** How often the parts are checked for {@code hatang_component_up}: also the scheduler's heartbeat. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(10);
    /** Without a heartbeat for this long, the scheduler (timers and the blocking helper) is reported down. */
    private static final Duration HEARTBEAT_LATE = Duration.ofMinutes(1);

    private final OpsOptions options;
    private final Database database;
    private final Clock clock;
    private final Readiness readiness;
    private final Path uploads;
    private final Instant started;
    private volatile boolean jobsEnabled;
    private volatile Instant heartbeat;
    private volatile Instant nextBackupAt;
    private volatile String lastBackupError;
    private Counter backupFailures;

    private OpsModule(OpsOptions options, Database database, SnmpService snmp, Clock clock) {
        this.options = options;
        this.database = database;
        this.clock = clock;
        this.started = clock.instant();
        this.uploads = Uploads.prepare(options.dataDir().resolve("uploads"));
        this.readiness = new Readiness(List.of(
                new Readiness.Check("database", this::checkDatabase),
                new Readiness.Check("disk", this::checkDisk),
                new Readiness.Check("snmp", () -> snmp == null ? Readiness.Status.disabled() : checkSnmp(snmp)),
                new Readiness.Check("scheduler", this::checkScheduler)));
    }

    /** Prepares the upload directory; schedules come with {@link #jobs}. */
    public static OpsModule start(Platform platform, SnmpService snmp) {
        return new OpsModule(OpsOptions.of(platform.config()), platform.database(), snmp, platform.clock());
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of();
    }

    @Override
    public void metrics(PrometheusRegistry registry) {
        backupFailures = Counter.builder().name("hatang_backup_failures_total").help("Scheduled backups that failed")
                .register(registry);
        registerGauges(registry);
    }

    /**
     * The daily backup (embedded database and {@code HATANG_BACKUP_DIR} set): checked every minute against its slot,
     * so a clock change or a suspended machine does not skip it; after a stop of more than a day it runs five minutes
     * after start. The readiness check every 10 s is also the scheduler's heartbeat.
     */
    @Override
    public void jobs(Jobs jobs) {
        jobsEnabled = jobs.enabled();
        jobs.every("health", CHECK_EVERY, CHECK_EVERY, scope -> {
            heartbeat = clock.instant();
            readiness.checkNow();
            return null;
        });
        if (options.backupDir() == null) {
            LOG.warn("Chưa bật sao lưu hằng ngày (đặt HATANG_BACKUP_DIR) / daily backups are off (set HATANG_BACKUP_DIR)");
            return;
        }
        if (!database.isEmbedded()) {
            LOG.info("CSDL ngoài: sao lưu do quản trị CSDL thực hiện / external database: backups are its administrator's");
            return;
        }
        boolean overdue = Backups.newest(options.backupDir())
                .map(b -> b.createdAt().isBefore(clock.instant().minus(Duration.ofHours(24)))).orElse(true);
        nextBackupAt = overdue ? clock.instant().plus(Duration.ofMinutes(5)) : nextSlot();
        LOG.info("Lần sao lưu tới / next backup: {} → {}", nextBackupAt, options.backupDir());
        jobs.every("backup", Duration.ofMinutes(1), Duration.ofMinutes(1), scope -> {
            if (clock.instant().isBefore(nextBackupAt)) {
                return null;
            }
            nextBackupAt = nextSlot();
            return backupNow().map(m -> m.id() + ", next " + nextBackupAt).orElse(null);
        });
    }

    /** Where uploaded files wait while a request is read (this process's own directory). */
    public Path uploads() {
        return uploads;
    }

    public Readiness readiness() {
        return readiness;
    }

    /** The next daily slot ({@code HATANG_BACKUP_TIME}, UTC) after now. */
    Instant nextSlot() {
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        ZonedDateTime slot = now.toLocalDate().atTime(options.backupAt()).atZone(ZoneOffset.UTC);
        return (slot.isAfter(now) ? slot : slot.plusDays(1)).toInstant();
    }

    /** One scheduled backup with its retention; a failure is logged, counted and retried at the next slot. */
    Optional<Manifest> backupNow() {
        try {
            Manifest m = Backups.take(Backups.Source.of(database.embedded()), options.backupDir(), null, clock);
            Backups.prune(options.backupDir(), options.keepDays(), clock);
            lastBackupError = null;
            return Optional.of(m);
        } catch (Exception e) {
            lastBackupError = String.valueOf(e.getMessage());
            if (backupFailures != null) {
                backupFailures.inc();
            }
            LOG.error("Sao lưu thất bại / backup failed", e);
            return Optional.empty();
        }
    }

    private Readiness.Status checkDatabase() {
        try {
            return Readiness.Status.up(Map.of("latency_ms", database.probe().toMillis()));
        } catch (Exception e) {
            return Readiness.Status.down(String.valueOf(e.getMessage()), Map.of());
        }
    }

    private Readiness.Status checkDisk() throws IOException {
        FileStore store = Files.getFileStore(existing(options.dataDir()));
        long free = store.getUsableSpace();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("path", options.dataDir().toString());
        d.put("free_bytes", free);
        d.put("min_free_bytes", options.minFreeBytes());
        return free < options.minFreeBytes()
                ? Readiness.Status.down("đĩa dữ liệu sắp đầy / data disk almost full", d) : Readiness.Status.up(d);
    }

    private static Readiness.Status checkSnmp(SnmpService snmp) {
        Map<String, Object> h = snmp.health();
        return "failed".equals(h.get("traps"))
                ? Readiness.Status.down("không mở được cổng nhận trap / trap port could not be opened", h)
                : Readiness.Status.up(h);
    }

    private Readiness.Status checkScheduler() {
        Map<String, Object> d = new LinkedHashMap<>();
        if (options.backupDir() != null && database.isEmbedded()) {
            d.put("next_backup", String.valueOf(nextBackupAt));
            Backups.newest(options.backupDir()).ifPresent(b -> d.put("last_backup", b.createdAt().toString()));
            if (lastBackupError != null) {
                d.put("last_backup_error", lastBackupError);
            }
        }
        if (!jobsEnabled) {
            return new Readiness.Status("disabled", d);
        }
        Instant beat = heartbeat != null ? heartbeat : started;
        d.put("heartbeat", String.valueOf(heartbeat));
        if (beat.isBefore(clock.instant().minus(HEARTBEAT_LATE))) {
            return Readiness.Status.down("tác vụ định kỳ không chạy / scheduled jobs do not run", d);
        }
        return Readiness.Status.up(d);
    }

    private void registerGauges(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("hatang_disk_free_bytes").unit(Unit.BYTES)
                .help("Free space on the disk of the data directory and of the backup directory")
                .labelNames("volume")
                .callback(cb -> volumes().forEach((v, p) -> space(p).ifPresent(s -> cb.call(s[0], v))))
                .register(registry);
        GaugeWithCallback.builder().name("hatang_disk_size_bytes").unit(Unit.BYTES)
                .help("Size of the disk of the data directory and of the backup directory")
                .labelNames("volume")
                .callback(cb -> volumes().forEach((v, p) -> space(p).ifPresent(s -> cb.call(s[1], v))))
                .register(registry);
        GaugeWithCallback.builder().name("hatang_backup_last_success_timestamp_seconds").unit(Unit.SECONDS)
                .help("When the newest complete backup in HATANG_BACKUP_DIR was taken (Unix time)")
                .callback(cb -> newest().ifPresent(m -> cb.call(m.createdAt().toEpochMilli() / 1000.0)))
                .register(registry);
        GaugeWithCallback.builder().name("hatang_backup_last_size_bytes").unit(Unit.BYTES)
                .help("Size of the newest complete backup")
                .callback(cb -> newest().ifPresent(m -> cb.call(m.bytes())))
                .register(registry);
        GaugeWithCallback.builder().name("hatang_component_up")
                .help("1 when the part of the service is up (or disabled), 0 when /health/ready reports it down")
                .labelNames("component")
                .callback(cb -> readiness.lastStatus().forEach((name, s) -> cb.call(s.isDown() ? 0 : 1, name)))
                .register(registry);
    }

    private Optional<Manifest> newest() {
        return options.backupDir() == null ? Optional.empty() : Backups.newest(options.backupDir());
    }

    private Map<String, Path> volumes() {
        Map<String, Path> v = new LinkedHashMap<>();
        v.put("data", options.dataDir());
        if (options.backupDir() != null) {
            v.put("backup", options.backupDir());
        }
        return v;
    }

    /** {free, total} of the disk holding {@code p} (or its nearest existing parent). */
    private static Optional<long[]> space(Path p) {
        try {
            FileStore s = Files.getFileStore(existing(p));
            return Optional.of(new long[] {s.getUsableSpace(), s.getTotalSpace()});
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path existing(Path p) {
        Path q = p.toAbsolutePath();
        while (q != null && !Files.exists(q)) {
            q = q.getParent();
        }
        return q == null ? Path.of("/") : q;
    }

    @Override
    public void close() {
        readiness.close();
    }
}
