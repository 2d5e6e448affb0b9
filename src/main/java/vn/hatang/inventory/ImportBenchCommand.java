package vn.hatang.inventory;

import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.postgresql.PGConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.hatang.audit.AuditChain;
import vn.hatang.audit.AuditTrail;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Database;
import vn.hatang.platform.db.Db;
import vn.hatang.security.Scope;
import vn.hatang.snmp.bench.PostgresCpu;

/**
 * {@code bench import}: a generated devices file (one province, its communes, officials holding the endpoints; every
 * device in service with its security check, so each row walks the whole lifecycle) imported into a throwaway
 * embedded PostgreSQL (temp dir, deleted afterwards; never the user's data) — then, in the same run, PostgreSQL's own
 * {@code COPY} of the same file into a table of the same columns, the floor any import stands on.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Đo thời gian nhập kiểm kê thiết bị so với COPY của PostgreSQL (CSDL tạm).",
                "Times a device inventory import against PostgreSQL COPY of the same rows (throwaway database)."})
public final class ImportBenchCommand implements Callable<Integer> {
    @Option(names = "--devices", defaultValue = "100000", description = "số dòng thiết bị / device rows")
    int devices;

    @Option(names = "--people", defaultValue = "20000", description = "số cán bộ (nạp trước) / officials (loaded first)")
    int people;

    @Option(names = "--units", defaultValue = "100", description = "số đơn vị / units")
    int units;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("hatang-bench-import");
        Path files = Files.createDirectories(dir.resolve("files"));
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
                .setServerConfig("timezone", "UTC").start();
        Vertx vertx = Vertx.vertx();
        try (Database database = Database.open(new HatangConfig.DatabaseOptions(pg.getJdbcUrl("postgres", "postgres"),
                "postgres", "", null, 2))) {
            // A throwaway audit key: the bench's database is deleted afterwards.
            AuditTrail audit = new AuditTrail(new AuditChain(new SecureRandom().generateSeed(32)), Clock.systemUTC(), "bench");
            InventoryImporter importer = new InventoryImporter(new Db(database.dsl(), new Blocking(vertx), audit), audit);
            Scope scope = Scope.system("bench");
            SyntheticInventory inventory = new SyntheticInventory(units, people);
            inventory.writeOrganisation(files);
            ImportResult setup = importer.importDirectory(scope, files, false);
            if (setup.hasErrors()) {
                System.err.println(setup.report(false));
                return 1;
            }
            System.out.printf("bench import: loaded %d units, %d people (people: validate_ms=%d apply_ms=%d)%n", units, people,
                    setup.validateMillis(), setup.applyMillis());
            Path devicesDir = Files.createDirectories(dir.resolve("devices"));
            Path csv = inventory.writeDevices(devicesDir.resolve("devices.csv"), devices);

            ImportResult cold = importer.importDirectory(scope, devicesDir, true);
            System.out.printf("bench import (dry run, fresh JVM): rows=%d validate_ms=%d apply_ms=%d%n",
                    cold.countsOf(InventoryKind.DEVICES).added(), cold.validateMillis(), cold.applyMillis());
            PostgresCpu pgCpu = PostgresCpu.of(dir.resolve("pg"));
            long cpu0 = cpuMillis(pgCpu);
            long pg0 = pgCpu == null ? 0 : pgCpu.cpuMillis();
            long t0 = System.nanoTime();
            ImportResult result = importer.importDirectory(scope, devicesDir, false);
            long total = (System.nanoTime() - t0) / 1_000_000;
            long importCpu = cpuMillis(pgCpu) - cpu0;
            long importPgCpu = (pgCpu == null ? 0 : pgCpu.cpuMillis()) - pg0;
            if (result.hasErrors()) {
                System.err.println(result.report(false));
                return 1;
            }
            int rows = result.countsOf(InventoryKind.DEVICES).added();
            long importMs = result.validateMillis() + result.applyMillis();
            System.out.printf("bench import: rows=%d validate_ms=%d apply_ms=%d rows_per_s=%.0f cpu_ms=%d (postgres %d; "
                    + "wall %d ms)%n", rows, result.validateMillis(), result.applyMillis(),
                    rows * 1000.0 / Math.max(1, importMs), importCpu, importPgCpu, total);

            ImportResult again = importer.importDirectory(scope, devicesDir, false);
            System.out.printf("bench import (same file again, %d unchanged): validate_ms=%d apply_ms=%d%n",
                    again.countsOf(InventoryKind.DEVICES).unchanged(), again.validateMillis(), again.applyMillis());

            long cpu1 = cpuMillis(pgCpu);
            long copyMs = copy(database, csv);
            long copyCpu = cpuMillis(pgCpu) - cpu1;
            System.out.printf("bench copy: rows=%d copy_ms=%d rows_per_s=%.0f cpu_ms=%d ratio=%.1f cpu_ratio=%.1f "
                    + "(import / COPY)%n", rows, copyMs, rows * 1000.0 / Math.max(1, copyMs), copyCpu,
                    importMs / (double) Math.max(1, copyMs), importCpu / (double) Math.max(1, copyCpu));
            return 0;
        } finally {
            vertx.close();
            pg.close();
            vn.hatang.platform.FileTrees.delete(dir);
        }
    }

    /**
     * CPU time of this process and of the PostgreSQL server (postmaster and backends): on a shared machine it says
     * what the work costs where wall time says how long others kept the CPU.
     */
    private static long cpuMillis(PostgresCpu pg) {
        long own = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        return own + (pg == null ? 0 : pg.cpuMillis());
    }

    /** PostgreSQL alone: COPY of the same CSV into a table of its columns (references as text, no checks). */
    private static long copy(Database database, Path csv) throws Exception {
        database.dsl().execute("create table bench_copy (serial varchar(100), category varchar(32), unit_code varchar(64), "
                + "person_code varchar(64), status varchar(20), asset_tag varchar(100), manufacturer varchar(200), "
                + "model varchar(200), acquired_on date, os varchar(100), ram_gb integer, cpu varchar(200), "
                + "security_checked_on date, security_checked_by varchar(200))");
        try (var c = database.dataSource().getConnection(); Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            long t0 = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_copy FROM STDIN (FORMAT csv, HEADER)", r);
            return (System.nanoTime() - t0) / 1_000_000;
        }
    }

}
