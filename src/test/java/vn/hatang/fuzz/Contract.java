package vn.hatang.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of a served OpenAPI description, as the fuzzer needs them: method, path template, the schemas of
 * the path and query parameters and of the request body. Nothing here knows the service's routes: what the
 * description says is all the fuzzer sends.
 */
record Contract(List<Op> operations, JsonObject document) {

    /** One operation; {@code body} is null when it takes none. */
    record Op(String method, String path, String operationId, List<JsonObject> pathParams,
            List<JsonObject> queryParams, JsonObject body, boolean ifMatch, String permission,
            Map<Integer, JsonObject> answers) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Contract parse(String yaml) {
        Object plain = new Yaml().load(yaml);
        @SuppressWarnings("unchecked")
        JsonObject doc = new JsonObject((Map<String, Object>) plain);
        JsonObject params = doc.getJsonObject("components").getJsonObject("parameters");
        List<Op> ops = new ArrayList<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                JsonObject o = item.getJsonObject(method);
                List<JsonObject> inPath = new ArrayList<>();
                List<JsonObject> inQuery = new ArrayList<>();
                boolean ifMatch = false;
                for (Object p : o.getJsonArray("parameters", new JsonArray())) {
                    JsonObject param = (JsonObject) p;
                    if (param.containsKey("$ref")) {
                        String ref = param.getString("$ref");
                        param = params.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
                    }
                    switch (param.getString("in")) {
                        case "path" -> inPath.add(param);
                        case "query" -> inQuery.add(param);
                        case "header" -> ifMatch |= "If-Match".equals(param.getString("name"));
                        default -> { }
                    }
                }
                JsonObject body = o.containsKey("requestBody") ? o.getJsonObject("requestBody")
                        .getJsonObject("content").getJsonObject("application/json", new JsonObject())
                        .getJsonObject("schema") : null;
                Map<Integer, JsonObject> answers = new java.util.HashMap<>();
                o.getJsonObject("responses").forEach(e -> {
                    if (e.getKey().startsWith("2") && e.getValue() instanceof JsonObject r
                            && r.getJsonObject("content", new JsonObject()).getValue("application/json") instanceof JsonObject c) {
                        answers.put(Integer.valueOf(e.getKey()), c.getJsonObject("schema"));
                    }
                });
                ops.add(new Op(method.toUpperCase(java.util.Locale.ROOT), path, o.getString("operationId"), inPath,
                        inQuery, body, ifMatch, o.getString("x-permission"), answers));
            }
        }
        return new Contract(List.copyOf(ops), doc);
    }
}
