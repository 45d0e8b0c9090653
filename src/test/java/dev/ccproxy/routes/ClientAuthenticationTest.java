package dev.ccproxy.routes;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** With ANTHROPIC_API_KEY set, clients must present it, as x-api-key or as a bearer token. */
class ClientAuthenticationTest extends ProxyRouteTestSupport {

    private static final String KEY = "client-secret-key";
    private static final String HELLO =
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.client.api-key", KEY);
    }

    @BeforeEach
    void upstreamAnswers() {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(okJson(upstreamAnswer("text-only"))));
    }

    @Test
    void accepts_the_key_as_x_api_key() {
        assertThat(postMessages(HELLO, "x-api-key", KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void accepts_the_key_as_a_bearer_token() {
        assertThat(postMessages(HELLO, "Authorization", "Bearer " + KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void refuses_a_wrong_key_without_calling_the_upstream() throws IOException {
        assertAnthropicError(postMessages(HELLO, "x-api-key", "wrong"), 401, "authentication_error",
                "Invalid API key");
        assertAnthropicError(postMessages(HELLO, "Authorization", "Bearer " + KEY + "x"), 401,
                "authentication_error", "Invalid API key");
        upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void refuses_a_missing_key() throws IOException {
        assertAnthropicError(postMessages(HELLO), 401, "authentication_error", "Missing API key");
        assertAnthropicError(postMessages(HELLO, "Authorization", "Basic " + KEY), 401,
                "authentication_error", "Missing API key");
    }

    @Test
    void refuses_before_reading_the_body() throws IOException {
        assertAnthropicError(postMessages("not json at all", "x-api-key", "wrong"), 401,
                "authentication_error", "Invalid API key");
    }
}
