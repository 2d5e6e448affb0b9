package vn.hatang.cluster.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One hatang instance in its own JVM ({@code Main serve}, the same class path), for the tests and the benchmark of
 * several instances on one database: started with its environment, its output in a log file; killed with SIGKILL,
 * paused with SIGSTOP and resumed with SIGCONT as an operating system would.
 */
public final class NodeProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("ready at http://[^:]+:(\\d+)/");

    private final String name;
    private final Process process;
    private final Path log;

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code Main serve} with {@code env} added to this process's environment. */
    public static NodeProcess start(String name, Map<String, String> env, Path log, String... jvmArgs)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of(jvmArgs));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("vn.hatang.Main");
        cmd.add("serve");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new NodeProcess(name, pb.start(), log);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the instance serves HTTP; returns its port. */
    public int awaitReady(long timeoutSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            Matcher m = READY.matcher(Files.readString(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                String out = Files.readString(log);
                throw new IllegalStateException(name + " stopped before serving: "
                        + out.substring(Math.max(0, out.length() - 3000)));
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException(name + " not ready after " + timeoutSeconds + " s; see " + log);
    }

    /** SIGKILL: no shutdown hook, no last write. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the process is frozen (a stalled VM, a long GC) until {@link #resume}. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        int rc = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
        if (rc != 0) {
            throw new IOException("kill " + signal + " " + process.pid() + " failed: " + rc);
        }
    }

    /** User + system CPU time in milliseconds, from /proc (clock ticks of 10 ms); -1 once it has gone. */
    public long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Stops it cleanly (SIGTERM: it gives its leases back), forcibly after 20 s; resumes it first if paused. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                signal("-CONT");
            }
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
