package vn.hatang.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A strict reader of the Prometheus text format 0.0.4 for tests: families with their HELP and TYPE, and every sample
 * with its full label set (quoted values may contain commas, braces and escaped quotes, as unit names do).
 */
final class Exposition {
    record Sample(String name, Map<String, String> labels, double value) {
        String series() {
            return name + labels;
        }
    }

    final Map<String, String> help = new HashMap<>();
    final Map<String, String> type = new HashMap<>();
    final List<Sample> samples = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    static Exposition parse(String text) {
        Exposition e = new Exposition();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String[] p = line.substring(7).split(" ", 2);
                if (e.help.put(p[0], p.length > 1 ? p[1] : "") != null) {
                    e.problems.add("line " + lineNo + ": second HELP for " + p[0]);
                }
            } else if (line.startsWith("# TYPE ")) {
                String[] p = line.substring(7).split(" ");
                if (e.type.put(p[0], p[1]) != null) {
                    e.problems.add("line " + lineNo + ": second TYPE for " + p[0]);
                }
            } else if (line.startsWith("#")) {
                continue;
            } else {
                try {
                    e.samples.add(sample(line));
                } catch (RuntimeException ex) {
                    e.problems.add("line " + lineNo + ": " + ex.getMessage() + ": " + line);
                }
            }
        }
        e.checkFamiliesAndDuplicates();
        return e;
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq);
                if (line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("unquoted label value");
                }
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char n = line.charAt(++j);
                        v.append(n == 'n' ? '\n' : n);
                    } else {
                        v.append(c);
                    }
                }
                if (labels.put(label, v.toString()) != null) {
                    throw new IllegalArgumentException("label " + label + " twice");
                }
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        String[] rest = line.substring(i).trim().split(" ");
        return new Sample(name, labels, Double.parseDouble(rest[0]));
    }

    /** The family a sample belongs to: its own name, or without the suffix its family type adds. */
    String family(String sampleName) {
        if (type.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : List.of("_bucket", "_count", "_sum", "_created", "_total", "_info")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                if (type.containsKey(base)) {
                    return base;
                }
            }
        }
        return null;
    }

    private void checkFamiliesAndDuplicates() {
        Set<String> seen = new LinkedHashSet<>();
        for (Sample s : samples) {
            String family = family(s.name());
            if (family == null) {
                problems.add("no TYPE for " + s.name());
            } else if (!help.containsKey(family) || help.get(family).isBlank()) {
                problems.add("no HELP for " + family);
            }
            if (!seen.add(s.series())) {
                problems.add("duplicate series " + s.series());
            }
        }
    }

    List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    double sum(String name, Map<String, String> match) {
        return samples(name).stream().filter(s -> s.labels().entrySet().containsAll(match.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    Set<String> families() {
        return type.keySet();
    }
}
