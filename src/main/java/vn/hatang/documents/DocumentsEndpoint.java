package vn.hatang.documents;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Endpoint;
import vn.hatang.platform.http.Http;
import vn.hatang.platform.i18n.Messages;
import vn.hatang.security.Scope;

/**
 * {@code /device-handovers} (record, read, the minutes PDF), {@code /devices/:id/handovers},
 * {@code /token-events/:id/minutes.pdf} and {@code /labels.pdf?unit=|devices=}.
 */
public final class DocumentsEndpoint implements Endpoint {
    private final HandoverService handovers;
    private final LabelService labels;

    public DocumentsEndpoint(HandoverService handovers, LabelService labels) {
        this.handovers = handovers;
        this.labels = labels;
    }

    @Override
    public void addRoutes(Router api) {
        Scope scope = Scope.WHOLE_TREE;
        api.post("/device-handovers").handler(Http.created(ctx -> handovers.record(scope, Http.body(ctx), "api")));
        api.get("/device-handovers/:id").handler(Http.json(ctx -> handovers.get(scope, Http.id(ctx, "id"))));
        api.get("/device-handovers/:id/minutes.pdf").handler(ctx -> pdf(ctx, () -> handovers.minutes(scope,
                HandoverRepository.DEVICE_SOURCE, Http.id(ctx, "id"), locale(ctx)), "bien-ban-ban-giao-" + ctx.pathParam("id")));
        api.get("/devices/:id/handovers").handler(Http.json(ctx -> handovers.ofDevice(scope, Http.id(ctx, "id"))));
        api.get("/token-events/:id/minutes.pdf").handler(ctx -> pdf(ctx, () -> handovers.minutes(scope,
                HandoverRepository.TOKEN_SOURCE, Http.id(ctx, "id"), locale(ctx)), "bien-ban-token-" + ctx.pathParam("id")));
        api.get("/labels.pdf").handler(ctx -> pdf(ctx, () -> labels.labels(scope, Http.query(ctx, "unit"), ids(ctx)), "nhan-tai-san"));
    }

    private static Locale locale(RoutingContext ctx) {
        String lang = Http.query(ctx, "lang");
        return Messages.fromAcceptLanguage(lang != null ? lang : ctx.request().getHeader("Accept-Language"));
    }

    /** {@code devices=12,13,14}. */
    private static List<Long> ids(RoutingContext ctx) {
        String raw = Http.query(ctx, "devices");
        if (raw == null) {
            return null;
        }
        List<Long> ids = new ArrayList<>();
        for (String part : raw.split(",")) {
            try {
                long id = Long.parseLong(part.trim());
                if (id > 0) {
                    ids.add(id);
                    continue;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw ApiException.invalid("devices", "error.bad_id", part);
        }
        return ids;
    }

    private static void pdf(RoutingContext ctx, java.util.function.Supplier<Future<byte[]>> work, String file) {
        try {
            work.get().onSuccess(bytes -> ctx.response().putHeader("Content-Type", "application/pdf")
                    .putHeader("Content-Disposition", "inline; filename=\"" + file.replaceAll("[^A-Za-z0-9_-]", "_") + ".pdf\"")
                    .end(Buffer.buffer(bytes))).onFailure(ctx::fail);
        } catch (RuntimeException e) {
            ctx.fail(e);
        }
    }
}
