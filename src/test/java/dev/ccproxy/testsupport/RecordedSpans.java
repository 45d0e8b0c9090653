package dev.ccproxy.testsupport;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.MainConfigurationProperties;

import java.util.List;

/**
 * An OpenTelemetry SDK that keeps every ended span in memory, put in the proxy's registry before its beans are made
 * (the proxy uses an OpenTelemetry it finds there instead of building one from the OTEL_* variables).
 */
public final class RecordedSpans {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();

    /** Call from the test's {@code @Configure} method. */
    public void bindInto(MainConfigurationProperties configuration) {
        configuration.addConfiguration(new CamelConfiguration() {
            @Override
            public void configure(CamelContext context) {
                context.getRegistry().bind("openTelemetry", OpenTelemetry.class, sdk);
            }
        });
    }

    public List<SpanData> ended() {
        return exporter.getFinishedSpanItems();
    }

    public void clear() {
        exporter.reset();
    }
}
