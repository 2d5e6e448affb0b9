package vn.hatang.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The files in {@code monitoring/} as an office's Prometheus would load them, checked by promtool. */
class PromtoolRulesTest {
    static final Path MONITORING = Path.of("monitoring");
    static final Set<String> REQUIRED_ALERTS = Set.of("HatangLinkDown", "HatangDeviceUnreachable",
            "HatangCertificateExpiringSoon", "HatangKpiBelowTargetAfterDeadline", "HatangKpiAtRisk",
            "HatangSnmpPollingOverdue", "HatangSnmpSamplesDropped", "HatangDown", "HatangKpiUnitBelowTarget", "HatangLinkSuspended");

    static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(MONITORING.resolve("rules"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static String[] args(String first, String second, List<Path> files) {
        List<String> a = new ArrayList<>(List.of(first, second));
        files.forEach(f -> a.add(MONITORING.relativize(f).toString()));
        return a.toArray(String[]::new);
    }

    /** Verifies that the scrape configuration and every rule file it names are valid for Prometheus. */
    @Test
    void testConfigIsValid() {
        var r = Promtool.run(MONITORING, null, "check", "config", "prometheus.yml");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("rule files found"), r.output());
    }

    /** Verifies that the rule files parse and hold the alerts the office relies on. */
    @Test
    void testRulesAreValidAndComplete() throws IOException {
        var r = Promtool.run(MONITORING, null, args("check", "rules", files(".rules.yml")));
        assertEquals(0, r.exit(), r.output());
        assertTrue(alerts().containsAll(REQUIRED_ALERTS), "alerts: " + alerts());
    }

    /** Verifies that each alert's unit tests pass, and that every alert is tested both firing and not firing. */
    @Test
    void testRuleUnitTestsPassAndCoverEveryAlert() throws IOException {
        List<Path> tests = files("_test.yml");
        assertTrue(tests.size() >= 4, "rule unit tests: " + tests);
        var r = Promtool.run(MONITORING, null, args("test", "rules", tests));
        assertEquals(0, r.exit(), r.output());

        Set<String> fires = new HashSet<>();
        Set<String> silent = new HashSet<>();
        for (Path t : tests) {
            Map<String, Object> doc = load(t);
            for (Map<String, Object> test : list(doc.get("tests"))) {
                for (Map<String, Object> a : list(test.get("alert_rule_test"))) {
                    String name = (String) a.get("alertname");
                    (list(a.get("exp_alerts")).isEmpty() ? silent : fires).add(name);
                }
            }
        }
        for (String alert : alerts()) {
            assertTrue(fires.contains(alert), alert + " is never tested firing");
            assertTrue(silent.contains(alert), alert + " is never tested staying silent");
        }
    }

    static Set<String> alerts() throws IOException {
        Set<String> names = new HashSet<>();
        for (Path f : files(".rules.yml")) {
            for (Map<String, Object> group : list(load(f).get("groups"))) {
                for (Map<String, Object> rule : list(group.get("rules"))) {
                    if (rule.get("alert") != null) {
                        names.add((String) rule.get("alert"));
                    }
                }
            }
        }
        return names;
    }

    static Map<String, Object> load(Path f) throws IOException {
        try (Reader in = Files.newBufferedReader(f)) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }
}
