package dev.ccproxy.routes;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;

/**
 * A failing upstream is not hammered: with a budget of 3 retries in 10 s (and no share of the traffic on top), the
 * first request gets its 2 retries, the second only the 1 left, the third none; each still gets the upstream's error
 * in Anthropic's form, with {@code x-should-retry: true} so that the client may retry later.
 */
class RetryBudgetRouteTest extends ProxyRouteTestSupport {

    private static final String REQUEST =
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.upstream.retry-budget-min", "3", "proxy.upstream.retry-budget-percent", "0");
    }

    @Test
    void retries_stop_when_the_budget_is_spent() throws Exception {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}")));

        for (int expectedCalls : new int[] {3, 5, 6}) {
            assertAnthropicError(postMessages(REQUEST), 529, "overloaded_error", "busy");
            upstream.verify(expectedCalls, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
        }
    }
}
