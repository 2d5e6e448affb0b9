package vn.hatang.console;

/** What a console handler answers: a page, or a redirect after a successful form (post/redirect/get). */
public sealed interface Reply {
    record Html(int status, String body) implements Reply {
    }

    record Redirect(String location) implements Reply {
    }

    static Reply ok(String body) {
        return new Html(200, body);
    }

    static Reply redirect(String location) {
        return new Redirect(location);
    }
}
