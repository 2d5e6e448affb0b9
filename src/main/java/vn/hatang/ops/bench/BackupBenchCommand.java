package vn.hatang.ops.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.hatang.cli.Offline;
import vn.hatang.coverage.BenchInventory;
import vn.hatang.inventory.InventoryImporter;
import vn.hatang.ops.OpsOptions;
import vn.hatang.ops.backup.Backups;
import vn.hatang.ops.backup.Manifest;
import vn.hatang.ops.backup.Restore;
import vn.hatang.platform.FileTrees;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.config.HatangConfig.DatabaseOptions;
import vn.hatang.security.Scope;

/**
 * {@code bench backup [--scale N]}: backup and restore times in throwaway directories. Scale 1 is the sample province
 * (imported from {@code inventory/}); scale N is N times its units, people and devices, generated. Beside them, the
 * peer: zipping the same data directory with the same settings, without PostgreSQL (what the file copy alone costs).
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Đo thời gian sao lưu và khôi phục.", "Backup and restore times."})
public final class BackupBenchCommand implements Callable<Integer> {
    @Option(names = "--scale", defaultValue = "1", description = "1 = tỉnh mẫu / the sample province; N = N lần / N times")
    int scale;

    @Option(names = "--inventory", defaultValue = "inventory", description = "thư mục kiểm kê mẫu / sample inventory")
    Path inventory;

    @Override
    public Integer call() throws Exception {
        Path root = Files.createTempDirectory("hatang-bench-backup");
        try {
            HatangConfig source = HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", root.resolve("source").toString()));
            Manifest m;
            long backupMs;
            long zipMs;
            try (Offline offline = Offline.open(source)) {
                var p = offline.platform();
                if (scale == 1) {
                    var r = new InventoryImporter(p.db(), p.audit()).importDirectory(Scope.system("bench"), inventory,
                            false);
                    if (r.hasErrors()) {
                        throw new IllegalStateException(r.report(false));
                    }
                } else {
                    BenchInventory.generate(p.db().dsl(), 55 * scale, 690 * scale, 1434 * scale, 42);
                }
                p.db().dsl().execute("CHECKPOINT");
                long t0 = System.nanoTime();
                m = Backups.take(Backups.Source.of(p.database().embedded()), root.resolve("backups"), null,
                        Clock.systemUTC());
                backupMs = (System.nanoTime() - t0) / 1_000_000;
                t0 = System.nanoTime();
                zip(p.database().embedded().pgDir(), root.resolve("plain.zip"));
                zipMs = (System.nanoTime() - t0) / 1_000_000;
            }
            Path backup = root.resolve("backups").resolve(m.id());
            OpsOptions ops = OpsOptions.of(HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", root.resolve("restored").toString())));
            long t0 = System.nanoTime();
            Restore.intoEmbedded(backup, HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", root.resolve("restored").toString()))
                    .database(), ops, null);
            long restoreMs = (System.nanoTime() - t0) / 1_000_000;
            long externalMs;
            try (EmbeddedPostgres external = EmbeddedPostgres.builder().setDataDirectory(root.resolve("external"))
                    .setCleanDataDirectory(true).start()) {
                t0 = System.nanoTime();
                Restore.intoExternal(backup, new DatabaseOptions(external.getJdbcUrl("postgres", "postgres"), "postgres",
                        "", null, 2), OpsOptions.of(HatangConfig.fromEnv(Map.of("HATANG_DATA_DIR", root.resolve("ext-data").toString()))), null);
                externalMs = (System.nanoTime() - t0) / 1_000_000;
            }
            System.out.printf(Locale.ROOT, "bench backup: scale=%d rows=%d backup_ms=%d backup_mb=%.1f restore_ms=%d "
                    + "restore_external_ms=%d plain_zip_ms=%d ratio=%.1f%n", scale, m.rows(), backupMs, m.bytes() / 1e6,
                    restoreMs, externalMs, zipMs, backupMs / (double) Math.max(1, zipMs));
            return 0;
        } finally {
            FileTrees.delete(root);
        }
    }

    private static void zip(Path dir, Path zipFile) throws Exception {
        try (var out = new java.util.zip.ZipOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(zipFile), 1 << 16));
             var walk = Files.walk(dir)) {
            out.setLevel(java.util.zip.Deflater.BEST_SPEED);
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new java.util.zip.ZipEntry(dir.relativize(p).toString()));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }
}
