package vn.hatang.platform;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import vn.hatang.platform.http.Endpoint;

/**
 * One domain package as the service runs it: its endpoints, its metrics, its schedules. {@code App} builds each module
 * from the {@link Platform} and asks it for these, the same way for every module.
 */
public interface Module {
    List<Endpoint> endpoints();

    /** Registers what the module exposes on {@code /metrics}. */
    default void metrics(PrometheusRegistry registry) {
    }

    /** Schedules the module's background work. */
    default void jobs(Jobs jobs) {
    }

    /** Stops what the module started (threads, sockets); called once, in reverse order of start. */
    default void close() {
    }
}
