package vn.hatang.pki.bench;

import picocli.CommandLine;

/** Standalone entry until {@code vn.hatang.Main} registers the command under {@code bench}. */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new CertBenchCommand()).execute(args));
    }
}
