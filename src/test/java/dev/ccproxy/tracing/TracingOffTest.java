package dev.ccproxy.tracing;

import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.RecordedSpans;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.CamelTracingService;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracing off (the default), even with an OpenTelemetry SDK at hand in the registry: nothing traces, nothing is
 * installed that would run per request, and no trace context reaches the upstream, not even the client's own.
 */
class TracingOffTest extends ScriptedRouteTestSupport {

    private final RecordedSpans spans = new RecordedSpans();

    @BeanInject
    CamelContext camelContext;

    @Configure
    protected void offerAnSdk(MainConfigurationProperties configuration) {
        spans.bindInto(configuration);
    }

    @ParameterizedTest(name = "stream: {0}")
    @ValueSource(booleans = {false, true})
    void no_span_is_recorded_and_the_clients_trace_context_stays_with_the_proxy(boolean stream) {
        nextReply.set(stream ? ScriptedUpstream.sse(Duration.ZERO, Chunks.answer("Hi"))
                : ScriptedUpstream.json(200, upstreamAnswer("text-only")));

        assertThat(postMessages("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "tracestate", "vendor=opaque", "baggage", "user=someone").statusCode()).isEqualTo(200);

        ScriptedUpstream.Request sent = scripted.requests().get(requestsBefore);
        assertThat(sent.headers()).doesNotContainKeys("traceparent", "tracestate", "baggage");
        assertThat(spans.ended()).isEmpty();
        // nothing of tracing is in place to run: no tracer, and none of the route policies, event notifiers or
        // processor wrappers it installs
        assertThat(camelContext.hasService(CamelTracingService.class)).isNull();
        assertThat(camelContext.getRoutePolicyFactories()).noneMatch(TracingOffTest::tracing);
        assertThat(camelContext.getRoutes()).allSatisfy(route ->
                assertThat(route.getRoutePolicyList()).noneMatch(TracingOffTest::tracing));
        assertThat(camelContext.getManagementStrategy().getEventNotifiers()).noneMatch(TracingOffTest::tracing);
        assertThat(camelContext.getCamelContextExtension().getInterceptStrategies()).noneMatch(TracingOffTest::tracing);
    }

    /** Camel's telemetry tracer's parts (org.apache.camel.telemetry) and the proxy's own (dev.ccproxy.camel.Traced*). */
    private static boolean tracing(Object part) {
        String name = part.getClass().getName();
        return name.startsWith("org.apache.camel.telemetry.") || name.startsWith("org.apache.camel.opentelemetry")
                || name.startsWith("dev.ccproxy.camel.Traced");
    }
}
