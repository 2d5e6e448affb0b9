package vn.hatang.platform.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list answer: {@code {"items": [...], "next": "<cursor>" | null}}. Lists are ordered by id and the
 * cursor is the last id seen (opaque to clients), so pages stay stable while rows are added. A list sorted by a column
 * ({@link Sort}) is ordered by (that column, nulls last; id) and its cursor carries the last row's value and id, and
 * the sort it belongs to: a cursor is refused under another sort.
 */
public record Page(List<JsonObject> items, String next) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    /** {@code column} ascending, or descending for {@code -column}; the column is also the rows' JSON key. */
    public record Sort(String column, boolean descending) {
        /** null: the default order (by id). */
        public static Sort parse(String spec) {
            if (spec == null) {
                return null;
            }
            return spec.startsWith("-") ? new Sort(spec.substring(1), true) : new Sort(spec, false);
        }

        public String spec() {
            return (descending ? "-" : "") + column;
        }
    }

    /**
     * What a client asked for: at most {@code limit} rows after the one with id {@code after} (0: from the start). For
     * a sorted list, {@code afterValue} is that row's value of the sort column (null: it had none).
     */
    public record Request(int limit, long after, Sort sort, String afterValue) {
        public Request(int limit, long after) {
            this(limit, after, null, null);
        }

        public static Request of(RoutingContext ctx) {
            return of(Http.query(ctx, "limit"), Http.query(ctx, "cursor"));
        }

        public static Request of(String l, String cursor) {
            return of(l, cursor, null);
        }

        /** @param sort {@code column} or {@code -column}, already checked against the list's sortable columns */
        public static Request of(String l, String cursor, String sort) {
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
            Sort s = Sort.parse(sort);
            if (cursor == null) {
                return new Request(limit, 0, s, null);
            }
            Key key = decode(cursor);
            if (!java.util.Objects.equals(key.sort(), s == null ? null : s.spec())) {
                throw ApiException.invalid("cursor", "error.cursor_other_sort");
            }
            return new Request(limit, key.id(), s, key.value());
        }

        /** Builds the page from up to {@code limit + 1} rows fetched (the extra row says whether there is more). */
        public Page page(List<JsonObject> rows) {
            if (rows.size() <= limit) {
                return new Page(rows, null);
            }
            List<JsonObject> items = rows.subList(0, limit);
            JsonObject last = items.get(limit - 1);
            if (sort == null) {
                return new Page(items, encode(last.getLong("id")));
            }
            Object v = last.getValue(sort.column());
            return new Page(items, encode(new Key(sort.spec(), v == null ? null : v.toString(), last.getLong("id"))));
        }
    }

    /** What a cursor holds: the sort it continues (null: by id), the last row's sort value and its id. */
    private record Key(String sort, String value, long id) {
    }

    public JsonObject toJson() {
        return new JsonObject().put("items", new JsonArray(items)).put("next", next);
    }

    /** The cursor that continues after (or, for newest-first lists, before) {@code lastId}. */
    public static String cursor(long lastId) {
        return encode(lastId);
    }

    static String encode(long lastId) {
        return base64("id:" + lastId);
    }

    private static String encode(Key k) {
        return base64("key:" + new JsonArray().add(k.sort()).add(k.value()).add(k.id()).encode());
    }

    private static String base64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Key decode(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith("id:")) {
                long id = Long.parseLong(s.substring(3));
                if (id >= 0) {
                    return new Key(null, null, id);
                }
            } else if (s.startsWith("key:")) {
                JsonArray a = new JsonArray(s.substring(4));
                if (a.size() == 3 && a.getValue(0) instanceof String sort && (a.getValue(1) == null
                        || a.getValue(1) instanceof String) && a.getValue(2) instanceof Number n && n.longValue() > 0) {
                    if (a.getString(1) != null) {
                        Http.checkText(a.getString(1), "cursor"); // a forged one: its value goes to the database
                    }
                    return new Key(sort, a.getString(1), n.longValue());
                }
            }
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            // fall through
        }
        throw ApiException.invalid("cursor", "error.bad_cursor");
    }
}
