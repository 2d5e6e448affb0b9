package vn.hatang.inventory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import vn.hatang.platform.report.ReportWriter;
import vn.hatang.platform.db.Db;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Call;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Param;
import vn.hatang.platform.http.Routes;
import vn.hatang.security.Permission;

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

    public InventoryEndpoint(Db db, InventoryImporter importer) {
        this.db = db;
        this.importer = importer;
        this.export = new InventoryExport(db);
    }

    @Override
    public void addRoutes(Routes routes) {
        routes.tag("imports");
        routes.post("/imports", "importInventory", Permission.IMPORT)
                .doc("Nhập kiểm kê (multipart, tất cả hoặc không)", "Upload inventory files (multipart; .yaml, .csv "
                        + "separated by , or ;, or .xlsx; all or nothing; ?dry_run=true only validates and shows the diff)")
                .query(Param.flag("dry_run", "chỉ kiểm tra / validate only")).uploads("multipart/form-data")
                .answers(ImportResult.schema()).problems(422)
                .json(this::upload);
        routes.get("/exports/inventory/:file", "exportInventory", Permission.READ).audited()
                .doc("Xuất kiểm kê để sửa rồi nhập lại (CSV, XLSX)", "What hatang holds, in the import's columns: "
                        + "units, investment_lines, people, racks, devices, links, information_systems, tokens; .csv or .xlsx")
                .query(Param.under())
                .file(this::download);
    }

    private Future<?> upload(Call c) {
        boolean dryRun = c.flag("dry_run", false);
        Locale locale = c.locale();
        Map<String, Path> files = uploads(c.ctx());
        return db.blocking().run(() -> {
            ImportResult result = importer.importFiles(c.scope(), files, dryRun);
            JsonObject report = result.toJson(locale, dryRun);
            if (result.hasErrors()) {
                ApiException refused = ApiException.of(422, "import-rejected", "import.rejected",
                        String.valueOf(result.errors().size()));
                report.forEach(e -> refused.with(e.getKey(), e.getValue()));
                throw refused;
            }
            return report;
        });
    }

    private Future<Routes.Download> download(Call c) {
        String file = c.path("file");
        InventoryKind kind = InventoryExport.kindOf(file);
        String format = file.substring(file.lastIndexOf('.') + 1);
        return db.read(c.scope(), dsl -> new Routes.Download(file, ReportWriter.contentType(format),
                export.render(dsl, c.scope(), kind, format, c.query("under"), c.locale())));
    }

    /**
     * The uploaded parts under their file names; a part that is no inventory file is refused before anything is read
     * (the console's import form too).
     */
    public static Map<String, Path> uploads(RoutingContext ctx) {
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
