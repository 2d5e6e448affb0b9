package vn.hatang.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The sample province cut down to a size that loads in seconds: every unit, rack, information system, investment
 * line, target and the PKI sample, the first hundred people, and the devices and links that refer only to what is
 * kept. Tests that send many requests use it as their fixture.
 */
final class SmallProvince {
    private static final Path SAMPLE = Path.of("inventory");

    private SmallProvince() {
    }

    static Path create() {
        try {
            Path dir = vn.hatang.testing.TempDirs.create("hatang-small-province");
            for (String f : List.of("units.yaml", "racks.yaml", "information_systems.yaml", "targets.yaml",
                    "investment_lines.csv")) {
                Files.copy(SAMPLE.resolve(f), dir.resolve(f));
            }
            copyTree(SAMPLE.resolve("pki"), dir.resolve("pki"));
            List<String> people = Files.readAllLines(SAMPLE.resolve("people.csv"));
            List<String> keptPeople = people.subList(0, Math.min(people.size(), 101));
            Files.write(dir.resolve("people.csv"), keptPeople);
            Set<String> personCodes = new HashSet<>();
            keptPeople.stream().skip(1).forEach(l -> personCodes.add(l.substring(0, l.indexOf(','))));
            Map<String, List<Map<String, Object>>> links = new Yaml().load(Files.readString(SAMPLE.resolve("links.yaml")));
            links.put("links", new ArrayList<>(links.get("links").subList(0, 16)));
            Set<String> linked = new HashSet<>();
            links.get("links").forEach(l -> linked.add(String.valueOf(l.get("device_serial"))));
            List<String> devices = Files.readAllLines(SAMPLE.resolve("devices.csv"));
            List<String> keptDevices = new ArrayList<>(List.of(devices.get(0)));
            int held = 0;
            for (String line : devices.subList(1, devices.size())) {
                String[] cells = line.split(",", -1);
                if (linked.contains(cells[0]) || personCodes.contains(cells[3]) && held++ < 150) {
                    keptDevices.add(line);
                }
            }
            Files.write(dir.resolve("devices.csv"), keptDevices);
            Files.writeString(dir.resolve("links.yaml"), new Yaml().dump(links));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
