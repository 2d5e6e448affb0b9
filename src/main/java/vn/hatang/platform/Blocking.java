package vn.hatang.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * The one way to run blocking work (JDBC, certificate path building, file IO) off the event loop.
 * Unordered: independent requests must not queue behind each other.
 */
public final class Blocking {
    private final Vertx vertx;

    public Blocking(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Future<T> run(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }

    public Vertx vertx() {
        return vertx;
    }
}
