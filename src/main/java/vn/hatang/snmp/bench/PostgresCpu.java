package vn.hatang.snmp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time of an embedded PostgreSQL: the postmaster and its backends, read from /proc. */
public final class PostgresCpu {
    private final long postmaster;

    private PostgresCpu(long postmaster) {
        this.postmaster = postmaster;
    }

    /** From {@code <pgdata>/postmaster.pid}; null when not found (external database). */
    public static PostgresCpu of(Path pgData) {
        try {
            String first = Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim();
            return new PostgresCpu(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public long cpuMillis() {
        long total = ChildProcess.cpuMillis(postmaster);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[1]) == postmaster) {
                        total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
                    }
                } catch (IOException | RuntimeException e) {
                    // process ended
                }
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }
}
