package dev.ccproxy.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conversation too long for its model gets Anthropic's own {@code prompt is too long: N tokens > M maximum} (400
 * invalid_request_error), streamed or not: refused by the proxy when the profile knows the window, translated when
 * the upstream says so in its own words.
 */
class ContextWindowRouteTest extends ProxyRouteTestSupport {

    private static final String OPENAI_OVERFLOW = "{\"error\":{\"message\":\"This model's maximum context length is "
            + "128000 tokens. However, your messages resulted in 130001 tokens. Please reduce the length of the "
            + "messages.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}";

    @Override
    protected Map<String, String> settings() {
        // claude-tiny -> a model whose profile gives it a 40-token window
        return Map.of("proxy.models.map[0].match", "claude-tiny",
                "proxy.models.map[0].model", "tiny-window",
                "proxy.profiles[0].match", "tiny-window",
                "proxy.profiles[0].context-window", "40");
    }

    private static String request(String model, boolean stream, String text) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private int countTokens(String body) throws IOException {
        HttpResponse<String> counted = send(HttpRequest.newBuilder(proxy("/v1/messages/count_tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(counted.statusCode()).isEqualTo(200);
        return ProxyJson.mapper().readTree(counted.body()).path("input_tokens").asInt();
    }

    @Test
    void a_request_over_the_profiles_window_is_refused_without_calling_the_upstream() throws IOException {
        for (boolean stream : new boolean[] {false, true}) {
            String body = request("claude-tiny", stream, "Tell me about the weather in Lisbon. ".repeat(20));
            int tokens = countTokens(body);
            assertThat(tokens).isGreaterThan(40);

            HttpResponse<String> response = postMessages(body);

            assertAnthropicError(response, 400, "invalid_request_error",
                    "prompt is too long: " + tokens + " tokens > 40 maximum");
        }
        upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void a_request_under_the_window_goes_through() {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(WireMock.okJson(upstreamAnswer("text-only"))));

        HttpResponse<String> response = postMessages(request("claude-tiny", false, "hi"));

        assertThat(response.statusCode()).isEqualTo(200);
        upstream.verify(1, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void the_upstreams_context_length_error_becomes_anthropics_prompt_too_long() throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(OPENAI_OVERFLOW)));

        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> response = postMessages(request("claude-sonnet-4-5", stream, "hi"));

            // the upstream's own count and window: 130001 > 128000
            JsonNode error = assertAnthropicError(response, 400, "invalid_request_error",
                    "prompt is too long: 130001 tokens > 128000 maximum");
            assertThat(error.path("error").path("message").asText())
                    .isEqualTo("prompt is too long: 130001 tokens > 128000 maximum");
        }
        // a 400 is not retried
        upstream.verify(2, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void an_overflow_without_figures_takes_the_window_from_the_profile() throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"the input length "
                        + "exceeds the context length\",\"type\":\"api_error\"}}")));

        // gpt-4o (the default big model): a 128,000-token window in the built-in profiles; the proxy counts a few
        // tokens, but the upstream says the prompt is over, so the count shown is just over the window
        assertAnthropicError(postMessages(request("claude-sonnet-4-5", false, "hi")), 400, "invalid_request_error",
                "prompt is too long: 128001 tokens > 128000 maximum");
    }
}
