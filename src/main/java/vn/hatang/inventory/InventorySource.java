package vn.hatang.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The inventory files of one import, at most one per kind: the files of a directory (others, such as
 * {@code targets.yaml} or {@code pki/}, are left to their own readers) or the parts of an upload.
 */
final class InventorySource {
    /** A file under the name the office gave it. */
    record File(String name, Path path) {
    }

    private final Map<InventoryKind, File> files = new EnumMap<>(InventoryKind.class);

    Map<InventoryKind, File> files() {
        return files;
    }

    /** Adds a file; a second file of the same kind ({@code people.csv} and {@code people.xlsx}) is an error. */
    void add(InventoryKind kind, String name, Path path, ImportResult result) {
        File other = files.putIfAbsent(kind, new File(name, path));
        if (other != null) {
            result.error(new RowError(name, 0, null, "import.two_files", other.name(), name));
        }
    }

    static InventorySource of(Path dir, ImportResult result) {
        InventorySource source = new InventorySource();
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            result.error(new RowError(dir.toString(), 0, null, "import.unreadable", String.valueOf(e.getMessage())));
            return source;
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            InventoryKind.ofFile(name).ifPresent(k -> source.add(k, name, p, result));
        }
        return source;
    }
}
