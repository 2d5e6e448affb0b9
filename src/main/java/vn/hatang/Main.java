package vn.hatang;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.hatang.cli.ImportCommand;
import vn.hatang.cli.ServeCommand;
import vn.hatang.pki.cli.CertsCommand;
import vn.hatang.coverage.ReportCommand;

/** {@code java -jar hatang.jar [serve | import DIR | …]}; with no command it serves. */
@Command(name = "hatang", mixinStandardHelpOptions = true, version = "hatang 0.1.0",
        description = {"Hạ tầng: thiết bị, mạng, chữ ký số và chỉ tiêu chuyển đổi số.",
                "Infrastructure, device fleet, signatures and coverage KPIs."},
        subcommands = {ServeCommand.class, ImportCommand.class, vn.hatang.cli.ExportCommand.class, BenchCommand.class, CertsCommand.class,
                vn.hatang.snmp.sim.SimulateCommand.class, ReportCommand.class, vn.hatang.cli.UsersCommand.class,
                vn.hatang.cli.TokensCommand.class, vn.hatang.cli.AuditCommand.class, vn.hatang.ops.cli.BackupCommand.class,
                vn.hatang.ops.cli.RestoreCommand.class, vn.hatang.ops.cli.DoctorCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        String[] effective = args.length == 0 ? new String[] {"serve"} : args;
        // `certs validate` is run once per file by scripts and conformance suites: build only its own command, not
        // every command's options (which costs a noticeable part of a second).
        boolean certs = effective[0].equals("certs");
        CommandLine cli = certs ? new CommandLine(new CertsCommand()).setCommandName("hatang certs")
                : new CommandLine(new Main());
        if (certs) {
            effective = java.util.Arrays.copyOfRange(effective, 1, effective.length);
        }
        // A failure a person can act on is one clear line, not a stack trace (the log has the details).
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", e);
            StringBuilder msg = new StringBuilder("Lỗi / error: ").append(e.getMessage());
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                msg.append(" — ").append(c.getMessage());
            }
            cmd.getErr().println(msg);
            return 1;
        });
        System.exit(cli.execute(effective));
    }

    @Override
    public void run() {
        new ServeCommand().call();
    }
}
