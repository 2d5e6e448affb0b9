package vn.hatang.pki.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hatang certs ...}: certificate tools that work without a server. */
@Command(name = "certs", mixinStandardHelpOptions = true,
    description = {"Công cụ chứng thư số (không cần máy chủ) / Certificate tools (no server needed)"},
    subcommands = {ValidateCommand.class})
public final class CertsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    /** Standalone entry point, e.g. {@code java -cp hatang.jar vn.hatang.pki.cli.CertsCommand validate ...}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new CertsCommand()).execute(args));
    }
}
