package dev.ccproxy.routes;

import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;

/** An upstream nobody listens on: retried, then a 502 api_error that names the upstream. */
class UnreachableUpstreamTest extends ProxyRouteTestSupport {

    private final int closedPort = AvailablePortFinder.getNextAvailable();

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.upstream.base-url", "http://127.0.0.1:" + closedPort + "/v1");
    }

    @Test
    void answers_502_api_error() throws IOException {
        assertAnthropicError(postMessages(
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                502, "api_error", "cannot be reached");
    }
}
