package vn.hatang.snmp.api;

import java.util.Objects;

/** Where and how to send requests: agent address, credentials, timeout and retries. */
public final class SnmpTarget {
    private final String host;
    private final int port;
    private final SnmpCredentials credentials;
    private final long timeoutMillis;
    private final int retries;
    private final int maxRepetitions;

    private SnmpTarget(String host, int port, SnmpCredentials credentials, long timeoutMillis, int retries,
                       int maxRepetitions) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.timeoutMillis = timeoutMillis;
        this.retries = retries;
        this.maxRepetitions = maxRepetitions;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Cổng không hợp lệ / invalid port: " + port);
        }
        if (timeoutMillis < 1 || retries < 0 || maxRepetitions < 1) {
            throw new IllegalArgumentException("timeout ≥ 1 ms, retries ≥ 0, maxRepetitions ≥ 1");
        }
    }

    /** Defaults: 2 s timeout, 1 retry, 25 repetitions per GETBULK. */
    public static SnmpTarget of(String host, int port, SnmpCredentials credentials) {
        return new SnmpTarget(host, port, credentials, 2000, 1, 25);
    }

    public SnmpTarget withTimeout(long millis, int retries) {
        return new SnmpTarget(host, port, credentials, millis, retries, maxRepetitions);
    }

    public SnmpTarget withMaxRepetitions(int n) {
        return new SnmpTarget(host, port, credentials, timeoutMillis, retries, n);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public SnmpCredentials credentials() {
        return credentials;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    public int retries() {
        return retries;
    }

    public int maxRepetitions() {
        return maxRepetitions;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SnmpTarget)) {
            return false;
        }
        SnmpTarget t = (SnmpTarget) o;
        return host.equals(t.host) && port == t.port && credentials.equals(t.credentials)
                && timeoutMillis == t.timeoutMillis && retries == t.retries && maxRepetitions == t.maxRepetitions;
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, credentials, timeoutMillis, retries, maxRepetitions);
    }

    @Override
    public String toString() {
        return host + ":" + port + " " + credentials;
    }
}
