package vn.hatang.snmp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.api.SnmpTarget;

/**
 * snmpsim (Debian package snmpsim: {@code snmpsimd} in 0.4, {@code snmpsim-command-responder} in 1.x) replaying
 * recordings from src/test/resources/snmpsim (plain or gzipped) on a free loopback port. The community is the
 * recording's file name.
 */
public final class Snmpsim extends AgentProcess {
    private Snmpsim(Path dir, Process process, int port) {
        super("snmpsim", dir, process, port, dir.resolve("snmpsim.log"));
    }

    public static Snmpsim start(String... recordings) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("snmpsim");
        Path data = Files.createDirectories(dir.resolve("data"));
        Path cache = Files.createDirectories(dir.resolve("cache"));
        for (String r : recordings) {
            InputStream plain = Snmpsim.class.getResourceAsStream("/snmpsim/" + r + ".snmprec");
            InputStream gzipped = plain != null ? null : Snmpsim.class.getResourceAsStream("/snmpsim/" + r + ".snmprec.gz");
            if (plain == null && gzipped == null) {
                throw new IllegalArgumentException("no recording " + r);
            }
            try (InputStream in = plain != null ? plain : new java.util.zip.GZIPInputStream(gzipped)) {
                Files.copy(in, data.resolve(r + ".snmprec"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // snmpsim drops root privileges to nobody: it must be able to read the data and write the cache.
        for (Path p : List.of(dir, data)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (var files = Files.list(data)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        int port = freeUdpPort();
        List<String> cmd = new ArrayList<>();
        cmd.add(executable());
        cmd.add("--data-dir=" + data);
        cmd.add("--cache-dir=" + cache);
        cmd.add("--agent-udpv4-endpoint=127.0.0.1:" + port);
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("--process-user=nobody");
            cmd.add("--process-group=nogroup");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("snmpsim.log").toFile())
                .start();
        Snmpsim sim = new Snmpsim(dir, p, port);
        sim.awaitReady(recordings[0], Duration.ofSeconds(30));
        return sim;
    }

    private static String executable() {
        for (String name : new String[] {"snmpsim-command-responder", "snmpsimd"}) {
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                if (Files.isExecutable(Path.of(d, name))) {
                    return name;
                }
            }
        }
        throw new IllegalStateException("snmpsim is not installed (apt-get install snmpsim)");
    }

    public SnmpTarget target(String recording) {
        return SnmpTarget.of("127.0.0.1", port, SnmpCredentials.community(recording)).withTimeout(2000, 1);
    }
}
