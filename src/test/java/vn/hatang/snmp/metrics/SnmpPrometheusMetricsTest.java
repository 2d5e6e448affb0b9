package vn.hatang.snmp.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.hatang.snmp.links.LinkState;

/** Verifies the names and labels the monitoring rules rely on appear in a scrape. */
class SnmpPrometheusMetricsTest {
    @Test
    void testScrapeShowsPollOutcomesSamplesAndLinkState() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        SnmpPrometheusMetrics m = new SnmpPrometheusMetrics(registry);
        m.overdue(() -> 3);
        m.polled("ok", 20_000_000);
        m.polled("timeout", 2_000_000_000L);
        m.polled("auth", 5_000_000);
        m.written(48);
        m.dropped(2);
        java.time.Instant now = java.time.Instant.now();
        m.link(new LinkState(1, "WAN-HN-01", 9, LinkState.Status.UP, null, 1, "Gi0/0/0", now, now, now, 0.42, 0.1, 4.2e7,
                1e7, now));
        m.link(new LinkState(2, "WAN-HN-02", 9, LinkState.Status.UNKNOWN, LinkState.Reason.INTERFACE_NOT_FOUND, null,
                null, now, now, now, null, null, null, null, null));
        m.deviceReachable("core-sw-01", false);
        m.traps(registry, () -> 5, () -> 2, () -> 1, () -> 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        String text = out.toString(StandardCharsets.UTF_8);
        for (String line : new String[] {"hatang_snmp_polls_total{outcome=\"ok\"} 1.0",
            "hatang_snmp_timeouts_total 1.0", "hatang_snmp_errors_total{kind=\"auth\"} 1.0",
            "hatang_snmp_poll_duration_seconds_count 3", "hatang_snmp_devices_overdue 3.0",
            "hatang_snmp_samples_written_total 48.0", "hatang_snmp_samples_dropped_total 2.0",
            "hatang_link_up{link=\"WAN-HN-01\"} 1.0",
            "hatang_link_utilisation_ratio{direction=\"in\",link=\"WAN-HN-01\"} 0.42",
            "hatang_device_reachable{device=\"core-sw-01\"} 0.0",
            "hatang_snmp_traps_total{result=\"unknown_sender\"} 2.0"}) {
            assertTrue(text.contains(line), () -> "missing " + line + " in\n" + text);
        }
        assertFalse(text.contains("WAN-HN-02"), "an unknown link state is no series (absent = unknown, not down)");
    }
}
