package vn.hatang.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.hatang.db.Tables.DEVICE;
import static vn.hatang.db.Tables.SECURITY_CHECK;
import static vn.hatang.db.Tables.UNIT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.hatang.coverage.CoverageService;
import vn.hatang.testing.ServerTest;
import vn.hatang.testing.TestDatabase;

/** The device list's {@code modern} filter (the KPIs' rule) and its sorted, keyset-paged order. */
class DeviceListTest extends ServerTest {
    private static final LocalDate TODAY = LocalDate.now(CoverageService.ZONE);

    @BeforeEach
    void fixture() {
        server.post("/api/v1/units", new JsonObject().put("code", "TU").put("name", "Tỉnh ủy").put("kind", "provincial_committee"));
        server.post("/api/v1/units", new JsonObject().put("code", "DC").put("name", "Trung tâm dữ liệu").put("kind", "office")
                .put("parent_code", "TU"));
        server.post("/api/v1/units", new JsonObject().put("code", "XA").put("name", "Xã A").put("kind", "commune")
                .put("parent_code", "TU"));
        var rules = server.send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/kpis/rules", new JsonObject()
                .put("modern_device", new JsonArray().add(new JsonObject().put("category", "pc").put("max_age_years", 7)
                        .put("min_ram_gb", 8).put("require_security_check", true).put("supported_os", new JsonArray()
                                .add(new JsonObject().put("name", "Windows 11").put("pattern", "^Windows 11")))))
                .put("equipment_rule", new JsonObject()), java.util.Map.of());
        assertEquals(200, rules.statusCode(), rules.bodyAsString());
    }

    private static long device(DSLContext dsl, String serial, String category, String unit, String status,
            LocalDate acquired, String os, Integer ram, boolean checked, String model) {
        long unitId = dsl.select(UNIT.ID).from(UNIT).where(UNIT.CODE.eq(unit)).fetchSingle(UNIT.ID);
        long id = dsl.insertInto(DEVICE).set(DEVICE.SERIAL, serial).set(DEVICE.CATEGORY, category)
                .set(DEVICE.UNIT_ID, unitId).set(DEVICE.STATUS, status).set(DEVICE.ACQUIRED_ON, acquired)
                .set(DEVICE.OS, os).set(DEVICE.RAM_GB, ram).set(DEVICE.MODEL, model).returning(DEVICE.ID)
                .fetchSingle(DEVICE.ID);
        if (checked) {
            dsl.insertInto(SECURITY_CHECK).set(SECURITY_CHECK.DEVICE_ID, id).set(SECURITY_CHECK.CHECKED_ON, acquired == null ? TODAY : acquired)
                    .set(SECURITY_CHECK.CHECKED_BY, "CĐS").set(SECURITY_CHECK.PASSED, true).execute();
        }
        return id;
    }

    private static List<String> serials(String query) {
        var r = server.get("/api/v1/devices?" + query);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        List<String> out = new ArrayList<>();
        r.bodyAsJsonObject().getJsonArray("items").forEach(o -> out.add(((JsonObject) o).getString("serial")));
        return out;
    }

    @Test
    void modernIsTheKpiRuleAndComposesWithTheOtherFilters() {
        TestDatabase.dsl().transaction(c -> {
            DSLContext dsl = c.dsl();
            LocalDate recent = TODAY.minusYears(1);
            device(dsl, "OK", "pc", "DC", "in_service", recent, "Windows 11 Pro", 16, true, null);
            device(dsl, "OLD", "pc", "DC", "in_service", TODAY.minusYears(10), "Windows 11 Pro", 16, true, null);
            device(dsl, "LOWRAM", "pc", "DC", "in_service", recent, "Windows 11 Pro", 4, true, null);
            device(dsl, "UNCHECKED", "pc", "DC", "in_service", recent, "Windows 11 Pro", 16, false, null);
            device(dsl, "OLDOS", "pc", "DC", "in_service", recent, "Windows 7", 16, true, null);
            device(dsl, "REPAIR", "pc", "DC", "in_repair", recent, "Windows 11 Pro", 16, true, null);
            device(dsl, "UNKNOWN", "pc", "DC", "in_service", null, "Windows 11 Pro", null, true, null);
            device(dsl, "PRINTER", "printer", "DC", "in_service", null, null, null, false, null);
            device(dsl, "PRINTER-NEW", "printer", "DC", "ordered", null, null, null, false, null);
            device(dsl, "XA-OK", "pc", "XA", "in_service", recent, "Windows 11 Pro", 16, true, null);
        });
        assertEquals(Set.of("OK", "PRINTER", "XA-OK"), Set.copyOf(serials("modern=true")),
                "in service and meeting the pc rule; a printer (no rule) in service counts");
        assertEquals(Set.of("OLD", "LOWRAM", "UNCHECKED", "OLDOS", "REPAIR", "UNKNOWN", "PRINTER-NEW"),
                Set.copyOf(serials("modern=false")), "every other device, also one whose age and RAM are unknown");
        assertEquals(List.of("OK"), serials("modern=true&under=DC&category=pc"));
        assertEquals(List.of("XA-OK"), serials("modern=TRUE&under=XA"));

        var bad = server.get("/api/v1/devices?modern=maybe");
        assertEquals(400, bad.statusCode());
        assertEquals("modern", bad.bodyAsJsonObject().getString("field"));
    }

    /** Walks every page with limit=3; returns the rows in the order visited. */
    private static List<JsonObject> walk(String sort) {
        List<JsonObject> rows = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var r = server.get("/api/v1/devices?limit=3&sort=" + sort
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertEquals(200, r.statusCode(), r.bodyAsString());
            JsonObject page = r.bodyAsJsonObject();
            page.getJsonArray("items").forEach(o -> rows.add((JsonObject) o));
            cursor = page.getString("next");
            assertTrue(++pages < 20, "the walk ends");
        } while (cursor != null);
        return rows;
    }

    private static List<Long> ids(List<JsonObject> rows) {
        return rows.stream().map(o -> o.getLong("id")).toList();
    }

    @Test
    void pagingThroughASortedListVisitsEveryRowOnceWithEqualAndEmptyValuesLast() {
        List<Long> all = new ArrayList<>();
        TestDatabase.dsl().transaction(c -> {
            DSLContext dsl = c.dsl();
            String[] models = {"B", null, "A", "B", "C", null, "B", "A", null, "B", "D"};
            for (int i = 0; i < models.length; i++) {
                all.add(device(dsl, "S" + i, i % 2 == 0 ? "pc" : "printer", i % 3 == 0 ? "XA" : "DC", "received",
                        i % 4 == 0 ? null : TODAY.minusDays(i % 3), null, null, false, models[i]));
            }
        });
        for (String column : List.of("model", "acquired_on", "category", "unit_code", "unit_name")) {
            for (boolean descending : List.of(false, true)) {
                List<JsonObject> rows = walk((descending ? "-" : "") + column);
                assertEquals(all.size(), rows.size(), column);
                assertEquals(new HashSet<>(all), new HashSet<>(ids(rows)), column + ": every row once");
                Comparator<String> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
                List<JsonObject> expected = rows.stream().sorted(Comparator
                        .comparing((JsonObject o) -> o.getValue(column) == null ? null : o.getValue(column).toString(),
                                Comparator.nullsLast(values))
                        .thenComparing(o -> o.getLong("id"))).toList();
                assertEquals(ids(expected), ids(rows), (descending ? "-" : "") + column + ": nulls last, ties by id");
            }
        }
        List<JsonObject> byModelDesc = walk("-model");
        assertEquals("D", byModelDesc.get(0).getString("model"));
        assertEquals(null, byModelDesc.get(byModelDesc.size() - 1).getString("model"));
    }

    @Test
    void anUnknownColumnOrACursorOfAnotherSortIsRefused() {
        TestDatabase.dsl().transaction(c -> {
            for (int i = 0; i < 3; i++) {
                device(c.dsl(), "S" + i, "pc", "DC", "received", null, null, null, false, "M" + i);
            }
        });
        var unknown = server.get("/api/v1/devices?sort=notes");
        assertEquals(400, unknown.statusCode());
        assertEquals("sort", unknown.bodyAsJsonObject().getString("field"));

        String byModel = server.get("/api/v1/devices?limit=1&sort=model").bodyAsJsonObject().getString("next");
        String byId = server.get("/api/v1/devices?limit=1").bodyAsJsonObject().getString("next");
        // A forged cursor whose value no column can hold (a NUL byte) is refused like any other bad cursor.
        String forged = java.util.Base64.getUrlEncoder().encodeToString("key:[\"model\",\"M\\u0000\",1]"
                .getBytes(StandardCharsets.UTF_8));
        for (String q : List.of("sort=-model&cursor=" + byModel, "sort=serial&cursor=" + byModel, "cursor=" + byModel,
                "sort=model&cursor=" + byId, "sort=model&cursor=" + forged)) {
            var r = server.get("/api/v1/devices?limit=1&" + q);
            assertEquals(400, r.statusCode(), q);
            assertEquals("cursor", r.bodyAsJsonObject().getString("field"), q);
        }
        assertEquals(List.of("S1"), serials("limit=1&sort=model&cursor=" + byModel));
        assertEquals(List.of("S1"), serials("limit=1&cursor=" + byId), "no sort: by id as before");
    }
}
