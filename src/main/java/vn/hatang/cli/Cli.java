package vn.hatang.cli;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import vn.hatang.platform.config.HatangConfig;
import vn.hatang.platform.db.EmbeddedDatabaseBusyException;
import vn.hatang.platform.http.ApiException;
import vn.hatang.platform.i18n.Messages;

/** What the administrative commands share: the offline platform, and errors as one clear line with an exit code. */
final class Cli {
    private Cli() {
    }

    /** Exit 3 when a server holds the embedded database, 1 for a refused input, else what {@code work} says. */
    static int run(Function<Offline, Integer> work) {
        Offline offline;
        try {
            offline = Offline.open(HatangConfig.fromEnv());
        } catch (EmbeddedDatabaseBusyException e) {
            System.err.println(e.getMessage());
            return 3;
        }
        try (offline) {
            return work.apply(offline);
        } catch (ApiException e) {
            System.err.println((e.field() == null ? "" : e.field() + ": ") + Messages.vi(e.messageKey(), e.args())
                    + " / " + Messages.get(Messages.EN, e.messageKey(), e.args()));
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    static <T> T await(Future<T> f) {
        try {
            return f.await(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
