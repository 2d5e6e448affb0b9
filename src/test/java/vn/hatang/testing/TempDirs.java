package vn.hatang.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import vn.hatang.platform.FileTrees;

/**
 * Temporary directories for fixtures shared by several test classes (where JUnit's {@code @TempDir} cannot reach):
 * deleted, with what they hold, when the test JVM exits, so runs do not pile them up in /tmp.
 */
public final class TempDirs {
    private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(FileTrees::delete), "temp-dirs"));
    }

    private TempDirs() {
    }

    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            CREATED.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
