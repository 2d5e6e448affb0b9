package vn.hatang.platform.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import vn.hatang.platform.db.RecordSpec;
import vn.hatang.security.Permission;
import vn.hatang.security.Scope;

/**
 * Where endpoints declare their operations. Each declaration becomes a route whose first step is the access check
 * (the caller's {@link Scope} for the declared permission, or 401/403), then the checked inputs ({@link Call}), then
 * the handler; the same declarations produce the OpenAPI description and the authorization matrix test.
 * <pre>
 * routes.get("/devices/:id", "getDevice", Permission.READ).doc("Một thiết bị", "One device")
 *       .json(call -&gt; service.get(call.scope(), call.id("id")));
 * </pre>
 */
public final class Routes {
    /** The access check and its bookkeeping, supplied by the security module. */
    public interface Policy {
        /** The caller's scope for this operation; throws 401 (no identity) or 403 (no grant for it). */
        Scope admit(RoutingContext ctx, Operation op);

        /** After a successful write or audited read: makes sure it left its audit row. */
        Future<Void> settle(Call call);
    }

    /** An answer whose status is not the operation's usual one (e.g. 422 for an import report with errors). */
    public record Reply(int status, Object body) {
    }

    /** A file to download. */
    public record Download(String fileName, String contentType, byte[] bytes) {
    }

    private final Router router;
    private final Policy policy;
    private final List<Operation> operations;
    private String tag = "hatang";

    public Routes(Router router, Policy policy, List<Operation> operations) {
        this.router = router;
        this.policy = policy;
        this.operations = operations;
    }

    /** The OpenAPI tag of the operations declared next (one per endpoint). */
    public Routes tag(String tag) {
        this.tag = tag;
        return this;
    }

    public Builder get(String path, String operationId, Permission permission) {
        return new Builder(HttpMethod.GET, path, operationId, permission);
    }

    public Builder post(String path, String operationId, Permission permission) {
        return new Builder(HttpMethod.POST, path, operationId, permission);
    }

    public Builder put(String path, String operationId, Permission permission) {
        return new Builder(HttpMethod.PUT, path, operationId, permission);
    }

    public Builder patch(String path, String operationId, Permission permission) {
        return new Builder(HttpMethod.PATCH, path, operationId, permission);
    }

    public Builder delete(String path, String operationId, Permission permission) {
        return new Builder(HttpMethod.DELETE, path, operationId, permission);
    }

    public List<Operation> operations() {
        return operations;
    }

    /** The methods declared for a request path ({@code /api/v1/…}), as an {@code Allow} header value; null if none. */
    public static String allowed(List<Operation> operations, String requestPath) {
        if (requestPath == null || !requestPath.startsWith("/api/v1/")) {
            return null;
        }
        String path = requestPath.substring("/api/v1".length());
        var methods = new java.util.TreeSet<String>();
        for (Operation op : operations) {
            if (path.matches(op.path().replaceAll(":[A-Za-z_]+", "[^/]+"))) {
                methods.add(op.method().name());
                if (op.method() == HttpMethod.GET) {
                    methods.add("HEAD");
                }
            }
        }
        return methods.isEmpty() ? null : String.join(", ", methods);
    }

    /** One declaration in progress; it takes effect with its terminal call ({@link #json}, {@link #file}, …). */
    public final class Builder {
        private final HttpMethod method;
        private final String path;
        private final String operationId;
        private final Permission permission;
        private String summary;
        private String description;
        private final List<Param> query = new ArrayList<>();
        private boolean paged;
        private JsonObject body;
        private boolean bodyOptional;
        private final List<String> problems = new ArrayList<>();
        private final List<String> uploads = new ArrayList<>();
        private final java.util.Map<String, List<String>> pathValues = new java.util.LinkedHashMap<>();
        private JsonObject answer;
        private boolean wholeTree;
        private boolean audited;
        private boolean nothing;
        private boolean otherQuery;

        private Builder(HttpMethod method, String path, String operationId, Permission permission) {
            this.method = method;
            this.path = path;
            this.operationId = operationId;
            this.permission = permission;
        }

        /** Summary in Vietnamese, description in English. */
        public Builder doc(String vi, String en) {
            this.summary = vi;
            this.description = en;
            return this;
        }

        public Builder query(Param... params) {
            query.addAll(List.of(params));
            return this;
        }

        /** {@code ?limit=&cursor=}, answering {@code {"items": [...], "next": …}}. */
        public Builder paged() {
            this.paged = true;
            return this;
        }

        /** The JSON body and its schema, checked before the handler runs ({@link SchemaCheck}). */
        public Builder body(JsonObject schema) {
            this.body = schema;
            return this;
        }

        /** A JSON body that may be left out (then the handler sees no fields); when sent, it is checked. */
        public Builder optionalBody(JsonObject schema) {
            this.bodyOptional = true;
            return body(schema);
        }

        /** The body may be a file of these media types (a certificate, a CRL, inventory files as multipart). */
        public Builder uploads(String... mediaTypes) {
            uploads.addAll(List.of(mediaTypes));
            return this;
        }

        /** A path parameter that takes one of a closed set of values (an action); anything else is a 400. */
        public Builder pathValues(String name, java.util.Collection<String> values) {
            pathValues.put(name, List.copyOf(values));
            return this;
        }

        /** The body is the writable fields of a resource. */
        public Builder body(RecordSpec<?> spec, boolean creating) {
            return body(spec.schema(creating));
        }

        public Builder answers(JsonObject schema) {
            this.answer = schema;
            return this;
        }

        public Builder answers(RecordSpec<?> spec) {
            return answers(spec.rowSchema());
        }

        /** The operation answers 204 with no body (its handler's value is null). */
        public Builder answersNothing() {
            this.nothing = true;
            return this;
        }

        /** Only callers whose reach for the permission is the whole tree (settings that act everywhere). */
        public Builder wholeTree() {
            this.wholeTree = true;
            return this;
        }

        /** A read that leaves an audit row (exports of personal data). */
        public Builder audited() {
            this.audited = true;
            return this;
        }

        /** Problem statuses this operation answers beyond the usual ones (documented in the API description). */
        public Builder problems(int... statuses) {
            for (int st : statuses) {
                problems.add(String.valueOf(st));
            }
            return this;
        }

        /** Query parameters other than the declared ones are ignored (an answer another system sends back). */
        public Builder otherQuery() {
            this.otherQuery = true;
            return this;
        }

        /** Answers the future's value as JSON: 200 (a page when {@link #paged}, 204 for null). */
        public void json(Function<Call, Future<?>> work) {
            register(nothing ? Operation.Answer.NO_CONTENT : paged ? Operation.Answer.PAGE : Operation.Answer.JSON,
                    work, 200);
        }

        /** Answers 201 with the created row, and {@code Location} when the row can be read back. */
        public void created(Function<Call, Future<?>> work) {
            register(Operation.Answer.CREATED, work, 201);
        }

        public void file(Function<Call, Future<Download>> work) {
            register(Operation.Answer.FILE, work::apply, 200);
        }

        /** Answers 302 Found to the URI the future gives (a browser sent on to a sign-on provider, or back home). */
        public void redirect(Function<Call, Future<java.net.URI>> work) {
            register(Operation.Answer.REDIRECT, work::apply, 302);
        }

        /**
         * Sends the browser on to the URI by a page of our own (200, a meta refresh and a link) rather than a 302: the
         * next request is then made from our site, so a SameSite=Strict session cookie set on the way back from a
         * sign-on provider is sent with it.
         */
        public void sameSiteRedirect(Function<Call, Future<java.net.URI>> work) {
            register(Operation.Answer.PAGE_REDIRECT, work::apply, 200);
        }

        private void register(Operation.Answer kind, Function<Call, Future<?>> work, int status) {
            Operation op = new Operation(method, path, operationId, permission, tag, summary, description,
                    List.copyOf(query), paged, body, bodyOptional, List.copyOf(uploads), java.util.Map.copyOf(pathValues),
                    kind, answer, wholeTree, audited, otherQuery, List.copyOf(problems));
            if (operations.stream().anyMatch(o -> o.operationId().equals(operationId))) {
                throw new IllegalStateException("duplicate operationId " + operationId);
            }
            operations.add(op);
            router.route(method, path).setName(path).handler(ctx -> run(ctx, op, work, status));
            if (method == HttpMethod.GET) {
                router.route(HttpMethod.HEAD, path).setName(path).handler(ctx -> run(ctx, op, work, status));
            }
        }
    }

    private void run(RoutingContext ctx, Operation op, Function<Call, Future<?>> work, int status) {
        Call call;
        Future<?> result;
        try {
            Scope scope = policy.admit(ctx, op);
            call = new Call(ctx, op, scope, Call.checkedQuery(ctx, op));
            checkPathValues(ctx, op);
            checkBody(ctx, op);
            result = work.apply(call);
        } catch (RuntimeException e) {
            ctx.fail(e);
            return;
        }
        result.compose(value -> op.writes() || op.audited() ? policy.settle(call).map(v -> value)
                        : Future.succeededFuture(value))
                .onSuccess(value -> answer(ctx, op, status, value))
                .onFailure(ctx::fail);
    }

    private static void checkPathValues(RoutingContext ctx, Operation op) {
        op.pathValues().forEach((name, values) -> {
            if (!values.contains(ctx.pathParam(name))) {
                throw ApiException.invalid(name, "error.path_one_of", ctx.pathParam(name), String.join(", ", values));
            }
        });
    }

    /**
     * A JSON body is held to the declared schema; a file upload (a media type the operation lists) is the handler's.
     * An operation that declares neither takes no body, and one sent anyway is ignored.
     */
    private static void checkBody(RoutingContext ctx, Operation op) {
        if (op.body() == null || op.bodyOptional() && !Http.hasBody(ctx)) {
            return;
        }
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && !op.uploads().isEmpty() && op.uploads().stream().anyMatch(u -> type.regionMatches(true, 0, u, 0,
                u.length())) && !type.regionMatches(true, 0, "application/json", 0, 16)) {
            return;
        }
        SchemaCheck.check(op.body(), Http.body(ctx));
    }

    private void answer(RoutingContext ctx, Operation op, int status, Object value) {
        if (value instanceof Download d) {
            ctx.response().putHeader("Content-Type", d.contentType())
                    .putHeader("Content-Disposition", "attachment; filename=\"" + d.fileName() + "\"")
                    .end(Buffer.buffer(d.bytes()));
            return;
        }
        if (value instanceof java.net.URI location && status == 200) {
            String to = location.toASCIIString().replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
            ctx.response().setStatusCode(200).putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .putHeader("Content-Security-Policy", "default-src 'none'")
                    .end("<!doctype html><meta charset=utf-8><meta http-equiv=refresh content=\"0;url=" + to
                            + "\"><title>hatang</title><a href=\"" + to + "\">Tiếp tục / Continue</a>");
            return;
        }
        if (value instanceof java.net.URI location) {
            ctx.response().setStatusCode(status).putHeader("Location", location.toASCIIString())
                    .putHeader("Cache-Control", "no-store").end();
            return;
        }
        if (value instanceof Reply r) {
            Http.send(ctx, r.status(), r.body());
            return;
        }
        if (status == 201 && value instanceof JsonObject o && o.getValue("id") instanceof Number id
                && readable(op.path() + "/:id")) {
            ctx.response().putHeader("Location", "/api/v1" + op.path() + "/" + id);
        }
        Http.send(ctx, status, value);
    }

    private boolean readable(String path) {
        return operations.stream().anyMatch(o -> o.method() == HttpMethod.GET && o.path().equals(path));
    }
}
