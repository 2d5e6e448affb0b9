package vn.hatang.inventory;

import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Http;
import vn.hatang.platform.i18n.Messages;

/**
 * {@code POST /imports?dry_run=true}: the same import as the CLI, from a multipart upload of the inventory files
 * (each part's file name is the inventory file name, e.g. {@code devices.csv}). 200 when applied or a clean dry run,
 * 422 with the per-row errors when nothing was imported.
 */
public final class InventoryEndpoint implements Endpoint {
    private static final Set<String> FILE_NAMES = Arrays.stream(InventoryKind.values()).map(InventoryKind::file)
            .collect(Collectors.toSet());

    private final Db db;
    private final InventoryImporter importer;

    public InventoryEndpoint(Db db) {
        this.db = db;
        this.importer = new InventoryImporter(db);
    }

    @Override
    public void addRoutes(Router api) {
        api.post("/imports").handler(ctx -> {
            boolean dryRun = "true".equalsIgnoreCase(Http.query(ctx, "dry_run"));
            var locale = Messages.fromAcceptLanguage(ctx.request().getHeader("Accept-Language"));
            db.blocking().run(() -> {
                Path dir = stage(ctx);
                try {
                    return importer.importDirectory(dir, dryRun);
                } finally {
                    deleteTree(dir);
                }
            }).onSuccess(result -> Http.send(ctx, result.hasErrors() ? 422 : 200, result.toJson(locale, dryRun)))
                    .onFailure(ctx::fail);
        });
    }

    /** Copies the uploaded parts into a fresh directory under their inventory file names. */
    private static Path stage(RoutingContext ctx) throws IOException {
        if (ctx.fileUploads().isEmpty()) {
            throw ApiException.invalid("files", "import.no_files", String.join(", ", FILE_NAMES));
        }
        Path dir = Files.createTempDirectory("hatang-import");
        for (FileUpload upload : ctx.fileUploads()) {
            String name = Path.of(upload.fileName()).getFileName().toString();
            if (!FILE_NAMES.contains(name)) {
                deleteTree(dir);
                throw ApiException.invalid("files", "import.unknown_file", name, String.join(", ", FILE_NAMES));
            }
            Files.copy(Path.of(upload.uploadedFileName()), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
