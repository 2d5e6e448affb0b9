package vn.hatang.console.pages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.hatang.console.Console;
import vn.hatang.console.Reply;
import vn.hatang.console.Req;
import vn.hatang.inventory.InventoryEndpoint;
import vn.hatang.inventory.InventoryImporter;
import vn.hatang.platform.Blocking;
import vn.hatang.platform.FileTrees;
import vn.hatang.platform.http.ApiException;
import vn.hatang.security.Secrets;

/**
 * {@code /imports}: upload the inventory files, see the dry run (added / changed / unchanged per file, errors at
 * file:line), then apply the very files that were checked — the same all-or-nothing import as
 * {@code POST /api/v1/imports} ({@code importInventory}). Checked files wait for their user for 30 minutes.
 */
public final class ImportsPage implements Console.Page {
    static final Duration KEPT = Duration.ofMinutes(30);

    /** Files that passed their dry run, copied out of the request (its uploads are deleted when it ends). */
    private record Checked(long userId, Path dir, Map<String, Path> files, Instant at) {
    }

    private final InventoryImporter importer;
    private final Blocking blocking;
    private final Clock clock;
    private final Path uploads;
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    /** @param uploads the service's uploads directory: what a crash leaves there is deleted on the next start */
    public ImportsPage(InventoryImporter importer, Blocking blocking, Clock clock, Path uploads) {
        this.importer = importer;
        this.uploads = uploads;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Override
    public void addRoutes(Console.Pages console) {
        console.get("/imports", r -> {
            r.scope("importInventory");
            return Future.succeededFuture(Reply.ok(page(r, null, null, null)));
        });
        console.post("/imports", this::check);
        console.post("/imports/apply", this::apply);
    }

    private String page(Req r, JsonObject result, String ticket, String message) {
        return r.render("imports.jte", "v", r.view("imports"), "result", result, "ticket", ticket, "message",
                message);
    }

    /** Dry run of the uploaded files; clean files are kept for the apply button. */
    private Future<Reply> check(Req r) {
        var scope = r.scope("importInventory");
        long user = r.principal().userId();
        forgetOld();
        return blocking.run(() -> {
            Map<String, Path> uploaded = InventoryEndpoint.uploads(r.ctx());
            var result = importer.importFiles(scope, uploaded, true);
            String ticket = null;
            if (!result.hasErrors()) {
                ticket = Secrets.random(12);
                checked.put(ticket, keep(user, uploaded));
            }
            return (Reply) new Reply.Html(result.hasErrors() ? 422 : 200, page(r, result.toJson(r.text().locale(), true),
                    ticket, null));
        }).recover(e -> refused(r, e));
    }

    private Future<Reply> apply(Req r) {
        var scope = r.scope("importInventory");
        String ticket = r.form().get("ticket");
        Checked c = ticket == null ? null : checked.remove(ticket);
        if (c == null || c.userId() != r.principal().userId()) {
            return Future.succeededFuture(new Reply.Html(409, page(r, null, null, r.text().get("imports.expired"))));
        }
        return blocking.run(() -> {
            try {
                var result = importer.importFiles(scope, c.files(), false);
                return (Reply) new Reply.Html(result.hasErrors() ? 422 : 200, page(r, result.toJson(r.text().locale(), false),
                        null, null));
            } finally {
                FileTrees.delete(c.dir());
            }
        });
    }

    private Checked keep(long user, Map<String, Path> uploaded) throws IOException {
        Path dir = Files.createTempDirectory(uploads, "console-import");
        Map<String, Path> files = new LinkedHashMap<>();
        for (var e : uploaded.entrySet()) {
            files.put(e.getKey(), Files.copy(e.getValue(), dir.resolve(e.getKey())));
        }
        return new Checked(user, dir, files, clock.instant());
    }

    private Future<Reply> refused(Req r, Throwable e) {
        if (e instanceof ApiException a && a.status() == 400) {
            return Future.succeededFuture(new Reply.Html(400, page(r, null, null,
                    vn.hatang.platform.i18n.Messages.get(r.text().locale(), a.messageKey(), a.args()))));
        }
        return Future.failedFuture(e);
    }

    private void forgetOld() {
        Instant limit = clock.instant().minus(KEPT);
        checked.entrySet().removeIf(e -> {
            if (e.getValue().at().isBefore(limit)) {
                FileTrees.delete(e.getValue().dir());
                return true;
            }
            return false;
        });
    }
}
