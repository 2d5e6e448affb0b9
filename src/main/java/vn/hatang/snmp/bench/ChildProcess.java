package vn.hatang.snmp.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A helper process of the benchmark (simulator JVM, snmp_exporter) whose CPU time we can read from /proc. */
final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader stdout;

    private ChildProcess(Process process) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ChildProcess start(List<String> command, Path stderrLog) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderrLog.toFile());
        return new ChildProcess(pb.start());
    }

    /** Starts this application's own main class in a fresh JVM with the same class path. */
    static ChildProcess java(String mainClass, List<String> args, Path stderrLog, String... jvmArgs)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(List.of(jvmArgs));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return start(cmd, stderrLog);
    }

    /** Waits for a stdout line starting with prefix. */
    String awaitLine(String prefix, long timeoutSeconds) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                String l;
                while ((l = stdout.readLine()) != null) {
                    if (l.startsWith(prefix)) {
                        return l;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String l = line.get(timeoutSeconds, TimeUnit.SECONDS);
        if (l == null) {
            throw new IllegalStateException("child exited before printing '" + prefix + "'");
        }
        return l;
    }

    long pid() {
        return process.pid();
    }

    /** User + system CPU time in milliseconds, from /proc/&lt;pid&gt;/stat (clock ticks of 10 ms). */
    long cpuMillis() {
        return cpuMillis(process.pid());
    }

    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(new File("/proc/" + pid + "/stat").toPath());
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // ignore
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
