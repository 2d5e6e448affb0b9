package vn.hatang.platform.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;

/** Rows to JSON: column names as they are, dates and instants as ISO text, jsonb as objects. */
public final class Json {
    private Json() {
    }

    public static JsonObject of(Record r) {
        JsonObject o = new JsonObject();
        for (Field<?> f : r.fields()) {
            o.put(f.getName(), value(r.get(f)));
        }
        return o;
    }

    public static JsonArray array(Collection<? extends Record> records) {
        JsonArray a = new JsonArray();
        records.forEach(r -> a.add(of(r)));
        return a;
    }

    public static Object value(Object v) {
        if (v instanceof LocalDate || v instanceof Instant) {
            return v.toString();
        }
        if (v instanceof BigDecimal b) {
            return b.stripTrailingZeros().scale() <= 0 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        if (v instanceof JSONB j) {
            String data = j.data();
            return data.startsWith("[") ? new JsonArray(data) : new JsonObject(data);
        }
        return v;
    }
}
