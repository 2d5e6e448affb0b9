package vn.hatang.platform.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import vn.hatang.security.Permission;

/**
 * The OpenAPI 3.0 description, made from the declared {@link Operation}s: the paths, the permission each needs
 * ({@code x-permission} and the security requirement), parameters with their types, body schemas, and the error
 * answers every operation can give. Nothing is written by hand, so it cannot drift from the routes.
 */
public final class OpenApi {
    private static final String PROBLEM = "#/components/responses/Problem";

    private OpenApi() {
    }

    public static JsonObject document(List<Operation> operations, String version) {
        Map<String, JsonObject> paths = new TreeMap<>();
        for (Operation op : operations) {
            paths.computeIfAbsent(op.openApiPath(), p -> new JsonObject())
                    .put(op.method().name().toLowerCase(Locale.ROOT), operation(op));
        }
        JsonObject pathsJson = new JsonObject();
        paths.forEach(pathsJson::put);
        return new JsonObject()
                .put("openapi", "3.0.3")
                .put("info", new JsonObject().put("title", "hatang API").put("version", version)
                        .put("description", DESCRIPTION))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/api/v1")))
                .put("security", new JsonArray().add(new JsonObject().put("bearer", new JsonArray()))
                        .add(new JsonObject().put("session", new JsonArray())))
                .put("tags", tags(operations))
                .put("paths", pathsJson)
                .put("components", components());
    }

    public static String yaml(JsonObject document) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setWidth(120);
        o.setSplitLines(false);
        try {
            // Plain maps and lists (the document's JsonObject/JsonArray values are not YAML types).
            Object plain = new com.fasterxml.jackson.databind.ObjectMapper().readValue(document.encode(), Map.class);
            return new Yaml(o).dump(plain);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonArray tags(List<Operation> operations) {
        JsonArray tags = new JsonArray();
        operations.stream().map(Operation::tag).distinct().sorted()
                .forEach(t -> tags.add(new JsonObject().put("name", t)));
        return tags;
    }

    private static JsonObject operation(Operation op) {
        JsonObject o = new JsonObject().put("operationId", op.operationId()).put("tags", new JsonArray().add(op.tag()));
        if (op.summary() != null) {
            o.put("summary", op.summary());
        }
        o.put("description", (op.description() == null ? "" : op.description() + "\n\n") + "Quyền / permission: `"
                + op.permission().code() + "`" + (op.wholeTree() ? " (toàn tỉnh / whole tree)" : ""));
        o.put("x-permission", op.permission().code());
        if (op.permission() == Permission.PUBLIC) {
            o.put("security", new JsonArray().add(new JsonObject()));
        }
        JsonArray params = new JsonArray();
        boolean readOne = op.method() == HttpMethod.GET && op.operationId().startsWith("get") && op.path().endsWith("/:id");
        for (String p : op.pathParams()) {
            JsonObject schema = op.pathValues().containsKey(p)
                    ? new JsonObject().put("type", "string").put("enum", new JsonArray(op.pathValues().get(p)))
                    : readOne && p.equals("id")
                    ? new JsonObject().put("type", "string").put("maxLength", Param.MAX_TEXT)
                            .put("description", "id hoặc mã / id or code")
                    : p.equals("id") || p.endsWith("_id")
                    ? new JsonObject().put("type", "integer").put("format", "int64").put("minimum", 1)
                    : new JsonObject().put("type", "string").put("maxLength", Param.MAX_TEXT);
            params.add(new JsonObject().put("name", p).put("in", "path").put("required", true).put("schema", schema));
        }
        op.query().forEach(p -> params.add(p.openApi()));
        if (op.paged()) {
            params.add(new JsonObject().put("$ref", "#/components/parameters/limit"));
            params.add(new JsonObject().put("$ref", "#/components/parameters/cursor"));
        }
        if (op.method() == HttpMethod.PATCH || op.method() == HttpMethod.PUT) {
            params.add(new JsonObject().put("$ref", "#/components/parameters/ifMatch"));
        }
        if (!params.isEmpty()) {
            o.put("parameters", params);
        }
        if (op.body() != null || !op.uploads().isEmpty()) {
            JsonObject content = new JsonObject();
            for (String type : op.uploads()) {
                JsonObject file = new JsonObject().put("type", "string").put("format", "binary");
                content.put(type, new JsonObject().put("schema", type.startsWith("multipart/")
                        ? new JsonObject().put("type", "object").put("properties", new JsonObject().put("files",
                                new JsonObject().put("type", "array").put("items", file))) : file));
            }
            if (op.body() != null) {
                content.put("application/json", new JsonObject().put("schema", op.body()));
            }
            o.put("requestBody", new JsonObject().put("required", !op.bodyOptional()).put("content", content));
        }
        JsonObject responses = new JsonObject();
        JsonObject answer = op.answer() == null ? new JsonObject().put("type", "object") : op.answer();
        switch (op.answerKind()) {
            case PAGE -> responses.put("200", json("một trang / one page", new JsonObject().put("type", "object")
                    .put("properties", new JsonObject().put("items", new JsonObject().put("type", "array")
                            .put("items", answer)).put("next", new JsonObject().put("type", "string").put("nullable", true)))));
            case CREATED -> responses.put("201", json("đã tạo / created", answer));
            case FILE -> responses.put("200", new JsonObject().put("description", "tệp / file").put("content",
                    new JsonObject().put("application/octet-stream", new JsonObject().put("schema",
                            new JsonObject().put("type", "string").put("format", "binary")))));
            case NO_CONTENT -> responses.put("204", new JsonObject().put("description", "xong / done"));
            case REDIRECT -> responses.put("302", new JsonObject().put("description", "chuyển hướng / redirect")
                    .put("headers", new JsonObject().put("Location", new JsonObject().put("schema",
                            new JsonObject().put("type", "string").put("format", "uri")))));
            case PAGE_REDIRECT -> responses.put("200", new JsonObject().put("description", "trang chuyển tiếp / a page"
                    + " that sends the browser on").put("content", new JsonObject().put("text/html",
                    new JsonObject().put("schema", new JsonObject().put("type", "string")))));
            default -> responses.put("200", json("kết quả / result", answer));
        }
        for (String code : errorCodes(op)) {
            responses.put(code, new JsonObject().put("$ref", PROBLEM));
        }
        return o.put("responses", responses);
    }

    private static List<String> errorCodes(Operation op) {
        var codes = new java.util.ArrayList<>(List.of("400"));
        if (op.permission() != Permission.PUBLIC) {
            codes.add("401");
        }
        if (op.permission().scoped() || op.writes()) {
            codes.add("403");
        }
        if (!op.pathParams().isEmpty()) {
            codes.add("404");
        }
        if (op.writes()) {
            codes.add("409");
        }
        if (op.method() == HttpMethod.PATCH || op.method() == HttpMethod.PUT) {
            codes.add("412");
        }
        if (op.body() != null || !op.uploads().isEmpty()) {
            codes.add("413");
        }
        codes.addAll(op.problems());
        codes.add("503");
        return codes;
    }

    private static JsonObject json(String description, JsonObject schema) {
        return new JsonObject().put("description", description)
                .put("content", new JsonObject().put("application/json", new JsonObject().put("schema", schema)));
    }

    private static JsonObject components() {
        JsonObject problem = new JsonObject().put("type", "object").put("required", new JsonArray().add("type")
                .add("title").add("status")).put("properties", new JsonObject()
                .put("type", str()).put("title", str()).put("status", new JsonObject().put("type", "integer"))
                .put("detail", str()).put("instance", str())
                .put("field", str().put("description", "trường gây lỗi / the field at fault"))
                .put("missing_step", str().put("description", "bước vòng đời còn thiếu / lifecycle step missing"))
                .put("errors", new JsonObject().put("type", "array").put("items", new JsonObject().put("type", "object"))));
        return new JsonObject()
                .put("securitySchemes", new JsonObject()
                        .put("bearer", new JsonObject().put("type", "http").put("scheme", "bearer")
                                .put("description", "Mã API / API token (htg_…)"))
                        .put("session", new JsonObject().put("type", "apiKey").put("in", "cookie")
                                .put("name", "hatang_session").put("description", "Phiên đăng nhập; mọi yêu cầu ghi "
                                        + "cần thêm X-CSRF-Token / browser session; writes also need X-CSRF-Token")))
                .put("parameters", new JsonObject()
                        .put("limit", new JsonObject().put("name", "limit").put("in", "query").put("schema",
                                new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", Page.MAX_LIMIT)
                                        .put("default", Page.DEFAULT_LIMIT)))
                        .put("cursor", new JsonObject().put("name", "cursor").put("in", "query").put("schema", str()))
                        .put("ifMatch", new JsonObject().put("name", "If-Match").put("in", "header")
                                .put("description", "ETag đã đọc; 412 nếu đã bị sửa / ETag read; 412 when stale")
                                .put("schema", str())))
                .put("schemas", new JsonObject().put("Problem", problem))
                .put("responses", new JsonObject().put("Problem", new JsonObject().put("description",
                        "lỗi (RFC 9457) / problem (RFC 9457)").put("content", new JsonObject()
                        .put("application/problem+json", new JsonObject().put("schema",
                                new JsonObject().put("$ref", "#/components/schemas/Problem"))))));
    }

    private static JsonObject str() {
        return new JsonObject().put("type", "string");
    }

    private static final String DESCRIPTION = """
            Hạ tầng — thiết bị, mạng, chữ ký số và chỉ tiêu chuyển đổi số của Văn phòng Tỉnh ủy.
            Infrastructure and device-fleet service of a provincial Party Committee Office.

            Conventions: JSON bodies with snake_case fields; lists answer `{"items": [...], "next": cursor|null}`
            (`?limit=` 1–500, default 100; `?cursor=` from `next`); a reference is written as `<x>_id` (number) or
            by code (`unit_code`, `person_code`, `device_serial`, …); writes answer the row with an `ETag` (its
            `version`) and honour `If-Match` (412 when stale); every error is `application/problem+json` naming the
            `field`; unknown query parameters and body fields are refused; messages are Vietnamese unless
            `Accept-Language` prefers English.

            Access: an API token (`Authorization: Bearer htg_…`) or the browser session cookie (writes then need the
            `X-CSRF-Token` header from `GET /auth/me`). Each operation names its permission; a grant gives a role on a
            unit's subtree, and rows outside it answer 404 as if they did not exist.
            """;
}
