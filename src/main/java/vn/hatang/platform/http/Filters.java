package vn.hatang.platform.http;

import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** The query parameters a list endpoint understands, blank ones dropped. */
public final class Filters {
    private Filters() {
    }

    public static Map<String, String> of(RoutingContext ctx, String... names) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String n : names) {
            String v = Http.query(ctx, n);
            if (v != null) {
                f.put(n, v);
            }
        }
        return f;
    }
}
