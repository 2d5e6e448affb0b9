package vn.hatang.snmp.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import vn.hatang.snmp.api.SnmpCredentials;
import vn.hatang.snmp.api.SnmpTarget;

/**
 * A real net-snmp {@code snmpd} (Debian package snmpd) on a free loopback UDP port, with a generated config in a
 * temp dir: v2c community "public" and two v3 authPriv users (SHA/AES-128 and SHA-256/AES-256).
 */
public final class Snmpd extends AgentProcess {
    public static final String COMMUNITY = "public";
    public static final SnmpCredentials.Usm SHA_AES = SnmpCredentials.usm("shaaes",
            vn.hatang.snmp.api.SecurityLevel.AUTH_PRIV, vn.hatang.snmp.api.AuthProtocol.SHA1, "authpass123",
            vn.hatang.snmp.api.PrivProtocol.AES128, "privpass123", "");
    public static final SnmpCredentials.Usm SHA256_AES256 = SnmpCredentials.usm("sha256",
            vn.hatang.snmp.api.SecurityLevel.AUTH_PRIV, vn.hatang.snmp.api.AuthProtocol.SHA256, "authpass456",
            vn.hatang.snmp.api.PrivProtocol.AES256, "privpass456", "");
    public static final String SYS_NAME = "core-sw-01";

    private Snmpd(Path dir, Process process, int port) {
        super("snmpd", dir, process, port, dir.resolve("snmpd.log"));
    }

    /** Starts snmpd with extra config lines appended, and waits until it answers. */
    public static Snmpd start(String... extraConfig) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("snmpd");
        int port = freeUdpPort();
        StringBuilder conf = new StringBuilder();
        conf.append("agentAddress udp:127.0.0.1:").append(port).append('\n')
                .append("rocommunity ").append(COMMUNITY).append(" 127.0.0.1\n")
                .append("createUser shaaes SHA \"authpass123\" AES \"privpass123\"\n")
                .append("createUser sha256 SHA-256 \"authpass456\" AES-256 \"privpass456\"\n")
                .append("rouser shaaes authPriv\n")
                .append("rouser sha256 authPriv\n")
                .append("sysLocation Ha Noi DC\n")
                .append("sysContact noc@example.vn\n")
                .append("sysName ").append(SYS_NAME).append('\n')
                .append("trapcommunity public\n");
        for (String line : extraConfig) {
            conf.append(line).append('\n');
        }
        Files.writeString(dir.resolve("snmpd.conf"), conf);
        ProcessBuilder pb = new ProcessBuilder("snmpd", "-f", "-C", "-c", dir.resolve("snmpd.conf").toString(),
                "-Lf", dir.resolve("snmpd.log").toString(), "-p", dir.resolve("snmpd.pid").toString(), "-r")
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile());
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        pb.environment().put("MIBS", "");
        Snmpd snmpd = new Snmpd(dir, pb.start(), port);
        snmpd.awaitReady(COMMUNITY, Duration.ofSeconds(15));
        return snmpd;
    }

    public SnmpTarget target(SnmpCredentials credentials) {
        return SnmpTarget.of("127.0.0.1", port, credentials).withTimeout(1000, 1);
    }
}
