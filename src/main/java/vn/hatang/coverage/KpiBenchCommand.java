package vn.hatang.coverage;

import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.Database;

/**
 * {@code bench kpi}: generates a national-scale inventory in a throwaway embedded PostgreSQL (temp dir, deleted
 * afterwards; never the user's data), then times the full roll-up of every KPI over the whole tree, the same tables'
 * bare {@code count(*) … GROUP BY unit}, and one commune's drill-down (values and every gap list). Medians of runs.
 */
@Command(name = "kpi", mixinStandardHelpOptions = true,
        description = {"Đo thời gian tính chỉ tiêu trên dữ liệu quy mô toàn quốc (CSDL tạm).",
                "Times KPI roll-up and drill-down on a national-scale inventory (throwaway database)."})
public final class KpiBenchCommand implements Callable<Integer> {
    @Option(names = "--units", defaultValue = "5000")
    int units;

    @Option(names = "--people", defaultValue = "100000")
    int people;

    @Option(names = "--devices", defaultValue = "200000")
    int devices;

    @Option(names = "--runs", defaultValue = "7", description = "lần đo / timed runs (median)")
    int runs;

    @Option(names = "--explain", description = "in kế hoạch truy vấn / print the roll-up query plan")
    boolean explain;

    @Option(names = "--keep-data", description = {"giữ CSDL sinh ra trong thư mục này để dùng lại lần sau",
            "keep the generated database in this directory and reuse it next time (generation is slow at national size)"})
    Path keepData;

    @Option(names = "--targets", defaultValue = "inventory", description = "thư mục có targets.yaml / directory with targets.yaml")
    Path targetsDir;

    @Override
    public Integer call() throws Exception {
        TargetsFile.Content targets = TargetsFile.read(targetsDir);
        if (!targets.errors().isEmpty() || targets.rules() == null) {
            System.err.println("targets.yaml: " + (targets.errors().isEmpty() ? "không có / missing in " + targetsDir : targets.errors()));
            return 2;
        }
        Path dir = keepData != null ? Files.createDirectories(keepData) : Files.createTempDirectory("hatang-bench-pg");
        boolean reuse = keepData != null && Files.exists(dir.resolve("PG_VERSION"));
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(keepData == null)
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                .setServerConfig("timezone", "UTC").setServerConfig("shared_buffers", "256MB")
                .setServerConfig("work_mem", "64MB").start();
        Vertx vertx = Vertx.vertx();
        try (Database database = Database.open(new HatangConfig.DatabaseOptions(pg.getJdbcUrl("postgres", "postgres"),
                "postgres", "", null, 2))) {
            DSLContext dsl = database.dsl();
            // A throwaway database: writes are attributed to the bench, and not captured one by one by the audit.
            dsl.execute("alter database postgres set hatang.actor = 'system:bench'");
            dsl.execute("alter database postgres set hatang.audit_detail = 'summary'");
            database.pool().getHikariPoolMXBean().softEvictConnections();
            long t0 = System.nanoTime();
            if (!reuse) {
                BenchInventory.generate(dsl, units, people, devices, 2026);
                // What autovacuum does soon after a bulk load: the visibility map lets both the roll-up and the bare
                // GROUP BY read indexes alone, so a fresh run measures what a reused one (and production) does.
                dsl.execute("vacuum (analyze)");
            }
            System.out.printf("bench kpi: " + (reuse ? "reused" : "generated") + " %d units, %d people, %d devices in %d ms%n", dsl.fetchCount(vn.hatang.db.Tables.UNIT),
                    dsl.fetchCount(vn.hatang.db.Tables.PERSON), dsl.fetchCount(vn.hatang.db.Tables.DEVICE), ms(t0));
            dsl.transaction(c -> targets.apply(c.dsl(), e -> {
                throw new IllegalStateException(e.toString());
            }, s -> { }));
            CoverageService service = new CoverageService(CoverageSources.inventory(), Clock.systemUTC());
            List<KpiDefinition> kpis = service.targets().definitions(dsl);
            CoverageRules rules = service.targets().rules(dsl);
            KpiCalculator calc = service.calculator();
            if (explain) {
                String sql = dsl.renderInlined(calc.ownQuery(dsl, kpis, rules, service.today(), KpiSql.Units.ALL));
                dsl.fetch("explain (analyze, costs off, timing on) " + sql).forEach(r -> System.out.println(r.get(0)));
            }
            int[] size = new int[1];
            double rollup = median(() -> {
                size[0] = calc.compute(dsl, kpis, rules, service.today(), null).size();
                return null;
            });
            double groupBy = median(() -> {
                for (String sql : List.of("select unit_id, count(*) from person group by unit_id",
                        "select unit_id, count(*) from device group by unit_id",
                        "select unit_id, count(*) from investment_line group by unit_id",
                        "select unit_id, count(*) from link group by unit_id",
                        "select owner_unit_id, count(*) from information_system group by owner_unit_id",
                        "select parent_id, count(*) from unit group by parent_id")) {
                    dsl.fetch(sql);
                }
                return null;
            });
            String commune = (String) dsl.fetchValue("select u.code from unit u join person p on p.unit_id = u.id "
                    + "where u.kind = 'commune' group by u.code order by count(*) desc, u.code limit 1");
            int[] gaps = new int[1];
            double drill = median(() -> {
                service.values(dsl, vn.hatang.security.Scope.system("bench"), commune, true);
                UnitRef unit = service.unit(dsl, vn.hatang.security.Scope.system("bench"), commune);
                gaps[0] = 0;
                for (KpiDefinition k : kpis) {
                    gaps[0] += service.gapList(dsl, k, rules, unit, false).size();
                }
                return null;
            });
            // One device changes (a commune's videoconference system in and out of service); its unit's and the
            // root's values are read back from the cache, against the full recomputation above (rollup_ms).
            var system = vn.hatang.security.Scope.system("bench");
            UnitRef root = service.unit(dsl, system, null);
            var device = dsl.fetchOne("select d.id, u.code from device d join unit u on u.id = d.unit_id where u.kind = 'commune' "
                    + "and u.status = 'active' and d.category = 'videoconference' and d.status = 'in_service' order by d.id limit 1");
            UnitRef unit = service.unit(dsl, system, device.get(1, String.class));
            long id = device.get(0, Long.class);
            boolean[] out = {false};
            double change = median(() -> {
                out[0] = !out[0];
                dsl.execute("update device set status = ? where id = ?", out[0] ? "retired" : "in_service", id);
                service.current(dsl, kpis, rules, service.today(), unit, 0);
                service.current(dsl, kpis, rules, service.today(), root, 0);
                return null;
            });
            KpiCalculator.Values full = calc.compute(dsl, kpis, rules, service.today(), null);
            KpiCalculator.Values cached = service.current(dsl, kpis, rules, service.today(), root, 0);
            for (KpiDefinition k : kpis) {
                if (!full.get(k.code(), root.id()).equals(cached.get(k.code(), root.id()))) {
                    throw new IllegalStateException("cached " + k.code() + " differs from a full computation");
                }
            }
            System.out.printf("bench kpi: %d KPIs, %d unit values; drill-down of %s lists %d gaps; device %d of %s toggled%n",
                    kpis.size(), size[0], commune, gaps[0], id, unit.code());
            System.out.printf("bench kpi: rollup_ms=%.1f groupby_ms=%.1f ratio=%.2f drilldown_ms=%.1f change_ms=%.1f%n", rollup,
                    groupBy, rollup / groupBy, drill, change);
            return 0;
        } finally {
            vertx.close();
            pg.close();
            if (keepData == null) {
                vn.hatang.platform.FileTrees.delete(dir);
            }
        }
    }

    private double median(Supplier<Void> work) {
        work.get(); // warm-up: plans, caches
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < Math.max(1, runs); i++) {
            long t0 = System.nanoTime();
            work.get();
            times.add((System.nanoTime() - t0) / 1e6);
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }


}
