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
        return answer(r, formId, action, x -> Future.succeededFuture(Reply.redirect(done)), page);
    }

    /**
     * As {@link #submit}, but a success answers a page of its own rather than a redirect: for what is shown once (a
     * generated password, a new API token), which must not travel in a URL.
     */
    static <T> Future<Reply> answer(Req r, String formId, Future<T> action, Function<T, Future<Reply>> done,
            Function<Form, Future<Reply>> page) {
        Map<String, String> values = r.form();
        return action.compose(done).recover(e -> {
            if (e instanceof ApiException a && a.status() >= 400 && a.status() < 500 && a.status() != 401
                    && a.status() != 404) {
                return page.apply(Form.refused(formId, values, a, r.text())).map(reply -> reply instanceof
                        Reply.Html h ? new Reply.Html(a.status(), h.body()) : reply);
            }
            return Future.failedFuture(e);
        });
    }

    /** Runs a service call that may throw before it returns a future (input checked eagerly). */
    static <T> Future<T> attempt(java.util.function.Supplier<Future<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
