package dev.ccproxy.config;

import org.apache.camel.spi.PropertiesComponent;

/**
 * Whether the proxy traces its requests with OpenTelemetry ({@code proxy.tracing.enabled}, off by default). Where the
 * spans go is the OpenTelemetry SDK's own configuration ({@code OTEL_*} variables), not the proxy's.
 */
public record TracingSettings(boolean enabled) {

    public static TracingSettings load(PropertiesComponent properties) {
        return load(SettingsReader.of(properties));
    }

    static TracingSettings load(SettingsReader read) {
        return new TracingSettings(read.booleanValue("proxy.tracing.enabled", false));
    }
}
