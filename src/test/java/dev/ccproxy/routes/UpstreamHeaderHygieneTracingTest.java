package dev.ccproxy.routes;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UpstreamHeaderHygieneTest} with tracing on: the same, plus the W3C trace context of the proxy's own client
 * span (the client's trace continued, never the client's header as it came; never its baggage).
 */
class UpstreamHeaderHygieneTracingTest extends UpstreamHeaderHygieneTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.tracing.enabled", "true", "otel.traces.exporter", "none");
    }

    @Override
    protected Set<String> allowed() {
        Set<String> allowed = new HashSet<>(ALLOWED);
        allowed.add("traceparent");
        allowed.add("tracestate");
        return allowed;
    }

    @Override
    protected void assertTraceContext(LoggedRequest request) {
        String[] traceparent = request.getHeader("traceparent").split("-");
        assertThat(traceparent[1]).as("the client's trace").isEqualTo(CLIENT_TRACE);
        assertThat(traceparent[2]).as("the proxy's span, not the client's").isNotEqualTo("00f067aa0ba902b7");
        assertThat(request.getHeader("tracestate")).isEqualTo("congo=t61rcWkgMzE");
    }
}
