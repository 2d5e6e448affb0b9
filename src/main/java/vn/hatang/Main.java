package vn.hatang;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.hatang.cli.ImportCommand;
import vn.hatang.cli.ServeCommand;
import vn.hatang.coverage.ReportCommand;

/** {@code java -jar hatang.jar [serve | import DIR | …]}; with no command it serves. */
@Command(name = "hatang", mixinStandardHelpOptions = true, version = "hatang 0.1.0",
        description = {"Hạ tầng: thiết bị, mạng, chữ ký số và chỉ tiêu chuyển đổi số.",
                "Infrastructure, device fleet, signatures and coverage KPIs."},
        subcommands = {ServeCommand.class, ImportCommand.class, BenchCommand.class, ReportCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        String[] effective = args.length == 0 ? new String[] {"serve"} : args;
        System.exit(new CommandLine(new Main()).execute(effective));
    }

    @Override
    public void run() {
        new ServeCommand().call();
    }
}
