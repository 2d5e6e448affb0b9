package vn.hatang.inventory;

import io.vertx.ext.web.FileUpload;
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
import vn.hatang.platform.http.Schema;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Param;
import vn.hatang.platform.http.Routes;
import vn.hatang.security.Permission;

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

    public InventoryEndpoint(Db db, InventoryImporter importer) {
        this.db = db;
        this.importer = importer;
    }

    @Override
    public void addRoutes(Routes routes) {
        routes.tag("imports");
        routes.post("/imports", "importInventory", Permission.IMPORT)
                .doc("Nhập kiểm kê (multipart, tất cả hoặc không)", "Upload inventory files (multipart; all or nothing; "
                        + "?dry_run=true only validates and shows the diff)")
                .query(Param.flag("dry_run", "chỉ kiểm tra / validate only")).uploads("multipart/form-data")
                .answers(Schema.object().required("dry_run", Schema.bool()).required("applied", Schema.bool())
                        .required("files", Schema.anyObject()).required("changes", Schema.arrayOf(Schema.text(1000)))
                        .required("errors", Schema.arrayOf(Schema.object().optional("file", Schema.text(200))
                                .optional("line", Schema.integer(0, Integer.MAX_VALUE)).optional("field", Schema.text(200))
                                .required("message", Schema.text(2000)).json())).json())
                .json(c -> {
                    boolean dryRun = c.flag("dry_run", false);
                    var locale = c.locale();
                    return db.blocking().run(() -> {
                        Path dir = stage(c.ctx());
                        try {
                            return importer.importDirectory(c.scope(), dir, dryRun);
                        } finally {
                            deleteTree(dir);
                        }
                    }).map(result -> new Routes.Reply(result.hasErrors() ? 422 : 200, result.toJson(locale, dryRun)));
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
