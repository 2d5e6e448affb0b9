package vn.hatang.console;

import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.http.Operation;
import vn.hatang.platform.http.Param;
import vn.hatang.security.AccessControl;
import vn.hatang.security.Principal;
import vn.hatang.security.Scope;

/**
 * One console request: who asks (the session's principal), in which language, and — the one place where a page gets
 * at data — the caller's {@link Scope} for the API operation whose data or action the page shows. The scope comes
 * from the same access check as that operation's route, so a page reaches exactly what the API call would.
 */
public final class Req {
    private final Console console;
    private final RoutingContext ctx;
    private final Principal principal;
    private final Text text;

    Req(Console console, RoutingContext ctx) {
        this.console = console;
        this.ctx = ctx;
        this.principal = AccessControl.principal(ctx);
        this.text = Text.of(principal != null ? principal.language() : guestLanguage(ctx));
    }

    /** Before login: Vietnamese, unless the login page's switch asked for English ({@code ?lang=en}). */
    private static String guestLanguage(RoutingContext ctx) {
        String q = ctx.request().getParam("lang");
        if (q == null && ctx.request().isExpectMultipart()) {
            q = ctx.request().getFormAttribute("lang");
        }
        return "en".equals(q) ? "en" : "vi";
    }

    /** The caller's scope for an API operation (by its operationId): 401 without a session, 403 without the grant. */
    public Scope scope(String operationId) {
        Operation op = console.operation(operationId);
        return console.access().admit(ctx, op);
    }

    /** Whether the caller may do an operation at all (to show its button); the service still decides. */
    public boolean may(String operationId) {
        try {
            console.access().admit(ctx, console.operation(operationId));
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    public RoutingContext ctx() {
        return ctx;
    }

    public Principal principal() {
        return principal;
    }

    public Text text() {
        return text;
    }

    public View view(String section) {
        String path = ctx.request().uri();
        return new View(text, principal, console.assets(), section, path.length() > 1000 ? "/" : path)
                .notice(query("done"));
    }

    /** A query parameter, trimmed; null when absent or blank. Checked like the API's text parameters. */
    public String query(String name) {
        return clean(name, ctx.request().getParam(name));
    }

    /** A path parameter. */
    public String path(String name) {
        String v = clean(name, ctx.pathParam(name));
        if (v == null) {
            throw ApiException.notFound(name, "");
        }
        return v;
    }

    /** A numeric id from the path; anything else is a 404 (no such page). */
    public long id(String name) {
        String v = path(name);
        if (!v.matches("\\d{1,18}") || Long.parseLong(v) == 0) {
            throw ApiException.notFound(name, v);
        }
        return Long.parseLong(v);
    }

    /** The fields of a submitted form (the CSRF token left out), trimmed, blank ones dropped. */
    public Map<String, String> form() {
        Map<String, String> out = new LinkedHashMap<>();
        ctx.request().formAttributes().forEach(e -> {
            if (!e.getKey().equals(AccessControl.CSRF_FIELD)) {
                String v = clean(e.getKey(), e.getValue());
                if (v != null) {
                    out.put(e.getKey(), v);
                }
            }
        });
        return out;
    }

    private static String clean(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String v = raw.strip();
        if (v.length() > 10_000 || v.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            throw ApiException.invalid(name, "error.control_chars");
        }
        return v;
    }

    /** The filters of a list page: the declared names only, like the API's {@link Param}s. */
    public Map<String, String> filters(String... names) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String n : names) {
            String v = query(n);
            if (v != null) {
                if (v.length() > Param.MAX_TEXT) {
                    throw ApiException.invalid(n, "error.too_long", Param.MAX_TEXT);
                }
                f.put(n, v);
            }
        }
        return f;
    }

    public String render(String template, Object... params) {
        return console.render(template, params);
    }
}
