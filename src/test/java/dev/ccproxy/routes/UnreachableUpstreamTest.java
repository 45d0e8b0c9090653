package dev.ccproxy.routes;

import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.Map;

import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static org.assertj.core.api.Assertions.assertThat;

/** An upstream nobody listens on: retried, then a 502 api_error that names the upstream. */
class UnreachableUpstreamTest extends ProxyRouteTestSupport {

    private final int closedPort = AvailablePortFinder.getNextAvailable();

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.upstream.base-url", "http://127.0.0.1:" + closedPort + "/v1");
    }

    @BeanInject
    CamelContext camelContext;

    @Test
    void readiness_does_not_depend_on_the_upstream_unless_asked_to() {
        // proxy.health.check-upstream is off by default: no upstream check, ready all the same
        assertThat(send(HttpRequest.newBuilder(proxy("/health/ready")).GET().build()).statusCode()).isEqualTo(200);
        assertThat(HealthCheckHelper.invokeReadiness(camelContext))
                .noneMatch(result -> result.getCheck().getId().equals("upstream"));
    }

    @Test
    void answers_502_api_error() throws IOException {
        assertAnthropicError(postMessages(
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                502, "api_error", "cannot be reached");
    }
}
