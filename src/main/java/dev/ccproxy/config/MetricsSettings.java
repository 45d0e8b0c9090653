package dev.ccproxy.config;

import org.apache.camel.spi.PropertiesComponent;

/**
 * The proxy's own meters: how many distinct model names each model label may take ({@code
 * proxy.metrics.max-model-labels}; clients choose the names, later ones are counted as "other"). Whether the
 * management server and Camel's meters run at all is Camel's configuration ({@code camel.metrics.*}).
 */
public record MetricsSettings(int maxModelLabels) {

    public MetricsSettings {
        if (maxModelLabels < 0) {
            throw new IllegalStateException("Setting proxy.metrics.max-model-labels must be 0 or more, got: "
                    + maxModelLabels);
        }
    }

    public static MetricsSettings load(PropertiesComponent properties) {
        return load(SettingsReader.of(properties));
    }

    static MetricsSettings load(SettingsReader read) {
        return new MetricsSettings(read.intValue("proxy.metrics.max-model-labels", 100));
    }
}
