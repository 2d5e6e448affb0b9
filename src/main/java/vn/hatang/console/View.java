package vn.hatang.console;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.hatang.security.Permission;
import vn.hatang.security.Principal;

/**
 * What every template gets besides its own data: the language, the user, the session's CSRF token, the navigation,
 * the asset URLs and the formats. One per request.
 */
public final class View {
    /** The nine sections of the navigation, in order: key, path, permission that shows it. */
    public record Section(String key, String path, Permission permission) {
    }

    public static final List<Section> SECTIONS = List.of(
            new Section("dashboard", "/", Permission.READ),
            new Section("units", "/units", Permission.READ),
            new Section("devices", "/devices", Permission.READ),
            new Section("people", "/people", Permission.READ),
            new Section("network", "/network", Permission.READ),
            new Section("pki", "/pki", Permission.READ),
            new Section("coverage", "/coverage", Permission.READ),
            new Section("imports", "/imports", Permission.IMPORT),
            new Section("admin", "/admin", Permission.USERS_MANAGE),
            new Section("audit", "/audit", Permission.AUDIT_READ));

    private final Text text;
    private final Principal principal;
    private final Assets assets;
    private final String section;
    private final String path;
    private String notice;
    private boolean simulated;

    public View(Text text, Principal principal, Assets assets, String section, String path) {
        this.text = text;
        this.principal = principal;
        this.assets = assets;
        this.section = section;
        this.path = path;
    }

    public String t(String key, Object... args) {
        return text.get(key, args);
    }

    /** A value's label when the bundle has one ({@code status.in_service}), else the value itself. */
    public String label(String prefix, Object value) {
        if (value == null) {
            return "";
        }
        String key = prefix + "." + value;
        return text.has(key) ? text.get(key) : value.toString();
    }

    public Text text() {
        return text;
    }

    public String lang() {
        return text.language();
    }

    public boolean english() {
        return text.english();
    }

    public String date(Object v) {
        return Text.date(v);
    }

    public String dateTime(Object v) {
        return Text.dateTime(v);
    }

    public String num(Object v) {
        return Text.num(v);
    }

    public String pct(Object v) {
        return Text.pct(v);
    }

    /** A ratio (0.423) as a percentage ({@code 42,3 %}); a dash when unknown. */
    public String ratio(Object r) {
        return r instanceof Number n ? Text.pct(n.doubleValue() * 100) : "—";
    }

    /** Bits per second in the unit a network operator reads: {@code 950 kbit/s}, {@code 12,5 Mbit/s}, {@code 1 Gbit/s}. */
    public String bps(Object v) {
        if (!(v instanceof Number n)) {
            return "—";
        }
        double b = n.doubleValue();
        return b >= 1e9 ? Text.num(b / 1e9) + " Gbit/s" : b >= 1e6 ? Text.num(b / 1e6) + " Mbit/s"
                : Text.num(b / 1e3) + " kbit/s";
    }

    /** A duration in seconds in words ({@code 3 ngày 4 giờ 5 phút}); a dash when unknown. */
    public String duration(Object seconds) {
        if (!(seconds instanceof Number n)) {
            return "—";
        }
        long s = n.longValue();
        return t("duration.value", s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    }

    /** A unit's name in the chosen language (the English name when there is one). */
    public String unitName(JsonObject unit) {
        if (unit == null) {
            return "";
        }
        String en = unit.getString("name_en");
        return english() && en != null && !en.isBlank() ? en : unit.getString("name");
    }

    /** A KPI's title in the chosen language. */
    public String kpiTitle(JsonObject kpi) {
        return english() ? kpi.getString("title_en") : kpi.getString("title_vi");
    }

    public String asset(String name) {
        return assets.url(name);
    }

    public Principal user() {
        return principal;
    }

    public String csrf() {
        return principal == null ? "" : principal.csrfToken();
    }

    public boolean can(Permission p) {
        return principal != null && principal.has(p);
    }

    public List<Section> sections() {
        return SECTIONS.stream().filter(s -> can(s.permission())).toList();
    }

    public boolean current(Section s) {
        return s.key().equals(section);
    }

    public String path() {
        return path;
    }

    public String notice() {
        return notice;
    }

    public View notice(String key) {
        this.notice = key == null || !text.has("notice." + key) ? null : text.get("notice." + key);
        return this;
    }

    public boolean simulated() {
        return simulated;
    }

    public View simulated(boolean s) {
        this.simulated = s;
        return this;
    }

    /** A URL with query parameters, blank ones left out: {@code url("/devices", "q", "máy", "cursor", c)}. */
    public String url(String base, Object... pairs) {
        Map<String, String> q = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !pairs[i + 1].toString().isBlank()) {
                q.put(pairs[i].toString(), pairs[i + 1].toString());
            }
        }
        StringBuilder sb = new StringBuilder(base);
        char sep = base.contains("?") ? '&' : '?';
        for (var e : q.entrySet()) {
            sb.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    /**
     * The link of a sortable column's header: sorted by it ascending, or descending when it already is ascending;
     * the list's filters kept, its cursor dropped (a cursor belongs to one sort).
     */
    public String sortUrl(String base, Map<String, String> filters, String sort, String column) {
        java.util.List<Object> q = new java.util.ArrayList<>();
        filters.forEach((k, x) -> {
            q.add(k);
            q.add(x);
        });
        q.add("sort");
        q.add(column.equals(sort) ? "-" + column : column);
        return url(base, q.toArray());
    }

    /** The header's {@code aria-sort}: null (no attribute) unless the list is sorted by {@code column}. */
    public static String ariaSort(String sort, String column) {
        return column.equals(sort) ? "ascending" : ("-" + column).equals(sort) ? "descending" : null;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
