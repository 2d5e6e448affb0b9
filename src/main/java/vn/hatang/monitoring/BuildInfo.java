package vn.hatang.monitoring;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code hatang_build_info{version,built,java_version} 1}, the version read from the build's filtered properties. */
public final class BuildInfo {
    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/vn/hatang/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    public static String version() {
        return PROPERTIES.getProperty("version", "dev");
    }

    public static void register(PrometheusRegistry registry) {
        Info info = Info.builder()
                .name("hatang_build")
                .help("Version of the running hatang build (value is always 1)")
                .labelNames("version", "built", "java_version")
                .register(registry);
        info.setLabelValues(version(), PROPERTIES.getProperty("built", "unknown"), System.getProperty("java.version"));
    }
}
