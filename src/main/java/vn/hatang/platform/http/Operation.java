package vn.hatang.platform.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import vn.hatang.security.Permission;

/**
 * One HTTP operation as its endpoint declares it: the route, who may call it, what it takes and answers. The router,
 * the access check, the audit and the OpenAPI description are all made from these, so they cannot disagree.
 *
 * @param path       Vert.x form, relative to {@code /api/v1} ({@code /devices/:id})
 * @param wholeTree  the caller's reach for {@code permission} must be the whole tree (settings that act everywhere)
 * @param audited    a read that must still leave an audit row (exports of personal data)
 * @param body       the request body's JSON schema, or null when it takes none; enforced by {@link SchemaCheck}
 * @param bodyOptional the body may be left out altogether (an action whose fields are all optional)
 * @param uploads    media types of a file the body may be instead (PEM, DER, multipart), in order
 * @param pathValues the values a path parameter may take, when they are a closed set (an action's name)
 * @param answer     the response body's JSON schema, or null for "a JSON object"
 * @param otherQuery query parameters other than the declared ones are ignored, not refused (what another system
 *                   sends back, e.g. an OAuth 2.0 authorization response, RFC 6749 §4.1.2)
 * @param problems   further problem statuses beyond those every operation of its kind has (an import's 422 report)
 */
public record Operation(HttpMethod method, String path, String operationId, Permission permission, String tag,
        String summary, String description, List<Param> query, boolean paged, JsonObject body, boolean bodyOptional,
        List<String> uploads, java.util.Map<String, List<String>> pathValues, Answer answerKind, JsonObject answer,
        boolean wholeTree, boolean audited, boolean otherQuery, List<String> problems) {

    /** What a successful call answers; PAGE_REDIRECT is a 200 HTML page that sends the browser on (same-site hop). */
    public enum Answer { JSON, CREATED, PAGE, FILE, NO_CONTENT, REDIRECT, PAGE_REDIRECT }

    /** Writes leave an audit row; so do audited reads. */
    public boolean writes() {
        return method != HttpMethod.GET && method != HttpMethod.HEAD;
    }

    /** {@code /devices/{id}}: the OpenAPI form of the path. */
    public String openApiPath() {
        return path.replaceAll(":([A-Za-z_]+)", "{$1}");
    }

    public List<String> pathParams() {
        return java.util.regex.Pattern.compile(":([A-Za-z_]+)").matcher(path).results().map(m -> m.group(1)).toList();
    }

    public Param param(String name) {
        for (Param p : query) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return method.name() + " " + path + " (" + operationId + ", " + permission.code() + ")";
    }
}
