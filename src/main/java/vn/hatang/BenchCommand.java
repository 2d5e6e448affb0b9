package vn.hatang;

import picocli.CommandLine.Command;
import vn.hatang.pki.bench.CertBenchCommand;

/** Benchmarks that print figures; each subsystem adds its own subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Đo hiệu năng, in số liệu.", "Benchmarks that print figures."},
        subcommands = {CertBenchCommand.class, vn.hatang.snmp.bench.SnmpBenchCommand.class,
                vn.hatang.coverage.KpiBenchCommand.class,
                vn.hatang.security.AccessBenchCommand.class, vn.hatang.ops.bench.BackupBenchCommand.class,
                vn.hatang.inventory.ImportBenchCommand.class, vn.hatang.console.ConsoleBenchCommand.class,
                vn.hatang.cluster.bench.ClusterBenchCommand.class})
public final class BenchCommand {
}
