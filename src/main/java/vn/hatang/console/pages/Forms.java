package vn.hatang.console.pages;

import io.vertx.core.Future;
import java.util.Map;
import java.util.function.Function;
import vn.hatang.console.Form;
import vn.hatang.console.Reply;
import vn.hatang.console.Req;
import vn.hatang.platform.http.ApiException;

/**
 * Post/redirect/get for every console form: on success, back to the page with a notice; when the service refuses
 * (4xx), the page again with the form as sent and the service's message next to the field it names.
 */
final class Forms {
    private Forms() {
    }

    static Future<Reply> submit(Req r, String formId, Future<?> action, String done,
            Function<Form, Future<Reply>> page) {
        Map<String, String> values = r.form();
        return action.map(x -> Reply.redirect(done)).recover(e -> {
            if (e instanceof ApiException a && a.status() >= 400 && a.status() < 500 && a.status() != 401
                    && a.status() != 404) {
                return page.apply(Form.refused(formId, values, a, r.text())).map(reply -> reply instanceof
                        Reply.Html h ? new Reply.Html(a.status(), h.body()) : reply);
            }
            return Future.failedFuture(e);
        });
    }

    /** Runs a service call that may throw before it returns a future (input checked eagerly). */
    static Future<?> attempt(java.util.function.Supplier<Future<?>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
