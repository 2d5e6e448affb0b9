package vn.hatang.snmp.poll;

/**
 * Where a poll's uptime came from. Counter rates need to know whether the agent restarted between two polls; an
 * agent without sysUpTime.0 (some embedded stacks, proxies) still has a clock we can use, and if none answers the
 * poll's own clock stands in (no restart detection then: a counter going backwards is taken as a reset).
 */
public enum UptimeSource {
    /** SNMPv2-MIB sysUpTime.0, hundredths of a second since the agent (re)started. */
    SYS_UPTIME("sysUpTime"),
    /** SNMP-FRAMEWORK-MIB snmpEngineTime.0, seconds since the SNMP engine's boot count last changed. */
    ENGINE_TIME("snmpEngineTime"),
    /** HOST-RESOURCES-MIB hrSystemUptime.0, hundredths of a second since the host booted. */
    HR_SYSTEM_UPTIME("hrSystemUptime"),
    /** No uptime at all: the time between polls as measured here. */
    POLL_CLOCK("poll_clock");

    private final String label;

    UptimeSource(String label) {
        this.label = label;
    }

    /** The name shown in the API ({@code uptime_source}). */
    public String label() {
        return label;
    }
}
