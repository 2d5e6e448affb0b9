package vn.hatang.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list answer: {@code {"items": [...], "next": "<cursor>" | null}}. Lists are ordered by id and the
 * cursor is the last id seen (opaque to clients), so pages stay stable while rows are added.
 */
public record Page(List<JsonObject> items, String next) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    /** What a client asked for: at most {@code limit} rows with id greater than {@code after}. */
    public record Request(int limit, long after) {
        public static Request of(RoutingContext ctx) {
            return of(Http.query(ctx, "limit"), Http.query(ctx, "cursor"));
        }

        public static Request of(String l, String cursor) {
            int limit = DEFAULT_LIMIT;
            if (l != null) {
                try {
                    limit = Integer.parseInt(l);
                } catch (NumberFormatException e) {
                    throw ApiException.invalid("limit", "error.range", "1", String.valueOf(MAX_LIMIT));
                }
                if (limit < 1 || limit > MAX_LIMIT) {
                    throw ApiException.invalid("limit", "error.range", "1", String.valueOf(MAX_LIMIT));
                }
            }
            return new Request(limit, decode(cursor));
        }

        /** Builds the page from up to {@code limit + 1} rows fetched (the extra row says whether there is more). */
        public Page page(List<JsonObject> rows) {
            if (rows.size() <= limit) {
                return new Page(rows, null);
            }
            List<JsonObject> items = rows.subList(0, limit);
            return new Page(items, encode(items.get(limit - 1).getLong("id")));
        }
    }

    public JsonObject toJson() {
        return new JsonObject().put("items", new JsonArray(items)).put("next", next);
    }

    /** The cursor that continues after (or, for newest-first lists, before) {@code lastId}. */
    public static String cursor(long lastId) {
        return encode(lastId);
    }

    static String encode(long lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("id:" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    static long decode(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith("id:")) {
                long id = Long.parseLong(s.substring(3));
                if (id >= 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw ApiException.invalid("cursor", "error.bad_cursor");
    }
}
