package vn.hatang.inventory;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import vn.hatang.coverage.report.ReportWriter;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Http;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.platform.json.Input;
import vn.hatang.security.Scope;

/**
 * {@code POST /imports?dry_run=true}: the same import as the CLI, from a multipart upload of inventory files (each
 * part's file name is the inventory file's, e.g. {@code devices.csv} or {@code people.xlsx}). The uploaded files are
 * read where the upload put them and deleted with the request. 200 with the report when applied or a clean dry run;
 * 422 {@code application/problem+json} with the same report and its {@code errors} when nothing was imported.
 *
 * <p>{@code GET /exports/inventory/{kind}.{csv|xlsx}?under=CODE}: what hatang holds, in the import's columns.
 */
public final class InventoryEndpoint implements Endpoint {
    private final Db db;
    private final InventoryImporter importer;
    private final InventoryExport export;

    public InventoryEndpoint(Db db) {
        this.db = db;
        this.importer = new InventoryImporter(db);
        this.export = new InventoryExport(db);
    }

    @Override
    public void addRoutes(Router api) {
        Scope scope = Scope.WHOLE_TREE;
        api.post("/imports").handler(Http.json(ctx -> {
            boolean dryRun = Boolean.TRUE.equals(Input.ofStrings(queryOf(ctx, "dry_run")).bool("dry_run", false));
            Locale locale = Messages.fromAcceptLanguage(ctx.request().getHeader("Accept-Language"));
            Map<String, Path> files = uploads(ctx);
            return db.blocking().run(() -> {
                ImportResult result = importer.importFiles(files, dryRun);
                JsonObject report = result.toJson(locale, dryRun);
                if (result.hasErrors()) {
                    ApiException refused = ApiException.of(422, "import-rejected", "import.rejected",
                            String.valueOf(result.errors().size()));
                    report.forEach(e -> refused.with(e.getKey(), e.getValue()));
                    throw refused;
                }
                return report;
            });
        }));
        api.get("/exports/inventory/:file").handler(ctx -> {
            String file = ctx.pathParam("file");
            try {
                InventoryKind kind = InventoryExport.kindOf(file);
                String format = file.substring(file.lastIndexOf('.') + 1);
                Locale locale = Messages.fromAcceptLanguage(ctx.request().getHeader("Accept-Language"));
                String under = Http.query(ctx, "under");
                db.read(dsl -> export.render(dsl, scope, kind, format, under, locale))
                        .onSuccess(bytes -> ctx.response().putHeader("Content-Type", ReportWriter.contentType(format))
                                .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"")
                                .end(Buffer.buffer(bytes)))
                        .onFailure(ctx::fail);
            } catch (RuntimeException e) {
                ctx.fail(e);
            }
        });
    }

    private static Map<String, String> queryOf(RoutingContext ctx, String name) {
        String v = Http.query(ctx, name);
        return v == null ? Map.of() : Map.of(name, v);
    }

    /** The uploaded parts under their file names; a part that is no inventory file is refused before anything is read. */
    private static Map<String, Path> uploads(RoutingContext ctx) {
        if (ctx.fileUploads().isEmpty()) {
            throw ApiException.invalid("files", "import.no_files", InventoryKind.accepted());
        }
        Map<String, Path> files = new LinkedHashMap<>();
        for (FileUpload upload : ctx.fileUploads()) {
            String given = upload.fileName() == null ? "" : upload.fileName();
            String name = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1);
            if (InventoryKind.ofFile(name).isEmpty()) {
                throw ApiException.invalid("files", "import.unknown_file", name, InventoryKind.accepted());
            }
            if (files.put(name, Path.of(upload.uploadedFileName())) != null) {
                throw ApiException.invalid("files", "import.same_file_twice", name);
            }
        }
        return files;
    }
}
