package dev.ccproxy.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;

import java.util.Map;

/**
 * The OpenTelemetry SDK as the standard {@code OTEL_*} environment variables (or {@code -Dotel.*} properties)
 * configure it: where spans go ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, OTLP by default), sampling, resource attributes.
 * Built only when tracing is on.
 *
 * <p>Three defaults differ from the SDK's, each still overridden by its variable: the service is named
 * {@value #SERVICE_NAME} rather than {@code unknown_service:java}, and no metrics or logs are exported through it (the
 * proxy's metrics and logs have their own ways out; an OTLP metrics exporter would otherwise push to a collector that
 * may not be there every minute).
 */
public final class TracingSdk {

    static final String SERVICE_NAME = "claude-code-proxy";
    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");

    private TracingSdk() {
    }

    /**
     * The SDK from the environment, not registered as the global one (nothing else in the process is meant to use
     * it) and without the SDK's own shutdown hook: it is closed after Camel has stopped, so that the spans of the
     * requests drained at shutdown are sent too.
     */
    public static OpenTelemetrySdk fromEnvironment() {
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of("otel.metrics.exporter", "none", "otel.logs.exporter", "none"))
                .addResourceCustomizer((resource, config) -> named(resource))
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
    }

    /** The proxy's name unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES gave one. */
    static Resource named(Resource resource) {
        String name = resource.getAttribute(SERVICE);
        if (name != null && !name.startsWith("unknown_service")) {
            return resource;
        }
        return resource.merge(Resource.create(io.opentelemetry.api.common.Attributes.of(SERVICE, SERVICE_NAME)));
    }
}
