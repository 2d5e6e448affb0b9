package vn.hatang.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where uploaded files wait while a request is read: one directory per process ({@code <base>/<pid>}), so that on
 * start the files of processes that are gone — a killed import leaves its uploads behind — can be deleted without
 * touching those of another process still running beside this one.
 */
public final class Uploads {
    private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);

    private Uploads() {
    }

    /** Creates this process's directory under {@code base} and deletes what dead processes left there. */
    public static Path prepare(Path base) {
        try {
            Files.createDirectories(base);
            int removed = 0;
            try (var entries = Files.list(base)) {
                for (Path p : entries.toList()) {
                    String name = p.getFileName().toString();
                    boolean deadProcess = Files.isDirectory(p) && name.matches("[0-9]+")
                            && ProcessHandle.of(Long.parseLong(name)).map(h -> !h.isAlive()).orElse(true);
                    // The previous release kept every upload directly in the base directory.
                    boolean legacyFile = Files.isRegularFile(p)
                            && Files.getLastModifiedTime(p).toInstant().isBefore(Instant.now().minus(Duration.ofHours(1)));
                    if (deadProcess || legacyFile) {
                        removed += count(p);
                        vn.hatang.platform.FileTrees.delete(p);
                    }
                }
            }
            if (removed > 0) {
                LOG.info("Đã xoá {} tệp tải lên còn sót / removed {} uploaded files left behind in {}", removed, removed, base);
            }
            Path own = base.resolve(String.valueOf(ProcessHandle.current().pid()));
            Files.createDirectories(own);
            return own;
        } catch (IOException e) {
            throw new UncheckedIOException("Không tạo được thư mục tải lên / cannot create upload directory " + base, e);
        }
    }

    private static int count(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            return (int) walk.filter(Files::isRegularFile).count();
        }
    }
}
