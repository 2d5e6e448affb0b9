package vn.hatang.snmp.poll;

/** Hooks for metrics; see {@code vn.hatang.snmp.metrics.SnmpPrometheusMetrics}. */
public interface PollMetrics {
    /** Outcome of a poll: "ok", "timeout", "auth", "error". */
    void polled(String outcome, long durationNanos);

    /** A poll that could not start within its interval, or was skipped because the previous one still ran. */
    void missed();

    PollMetrics NONE = new PollMetrics() {
        @Override
        public void polled(String outcome, long durationNanos) {
        }

        @Override
        public void missed() {
        }
    };
}
