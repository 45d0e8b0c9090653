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

import static dev.ccproxy.testsupport.AnthropicErrorAssertions.assertAnthropicError;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /test-connection} through the real routes: a tiny request to the small model on the default provider's
 * Chat Completions, reported as provider, API, model, reply and latency; an upstream failure comes back as the
 * Anthropic error it maps to, without the upstream's key.
 */
class TestConnectionRouteTest extends ProxyRouteTestSupport {

    private static final String CLIENT_KEY = "client-key-for-probes";

    @Override
    protected Map<String, String> settings() {
        return Map.of("proxy.client.api-key", CLIENT_KEY);
    }

    private HttpResponse<String> testConnection(String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy("/test-connection")).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    @Test
    void asks_the_small_model_for_a_few_tokens_and_reports_its_answer() throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(okJson(upstreamAnswer("text-only"))));

        HttpResponse<String> response = testConnection("x-api-key", CLIENT_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode report = ProxyJson.mapper().readTree(response.body());
        assertThat(report.path("status").asText()).isEqualTo("ok");
        assertThat(report.path("provider").asText()).isEqualTo("default");
        assertThat(report.path("api").asText()).isEqualTo("chat");
        assertThat(report.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(report.path("reply").asText()).isEqualTo("Hello! How can I help you today?");
        assertThat(report.path("latency_ms").isIntegralNumber()).isTrue();
        assertThat(report.path("latency_ms").asLong()).isNotNegative();
        assertThat(response.body()).doesNotContain(UPSTREAM_KEY);
        // the probe: the small model, a few output tokens, one user message, no stream, the proxy's own credentials
        JsonNode sent = onlyUpstreamRequest("/v1/chat/completions");
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(16);
        assertThat(sent.path("messages")).hasSize(1);
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("ping");
        assertThat(sent.path("stream").asBoolean(false)).isFalse();
        upstream.verify(WireMock.postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + UPSTREAM_KEY))
                .withoutHeader("x-api-key"));
    }

    @Test
    void a_rejected_upstream_key_is_an_authentication_error_without_the_key() throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
                        + "\"param\":null,\"code\":\"invalid_api_key\"}}")));

        HttpResponse<String> response = testConnection("Authorization", "Bearer " + CLIENT_KEY);

        JsonNode error = assertAnthropicError(response, 401, "authentication_error",
                "Incorrect API key provided");
        assertThat(error.path("request_id").asText()).startsWith("req_");
        assertThat(response.body()).doesNotContain(UPSTREAM_KEY).doesNotContain("\"status\":\"ok\"");
        upstream.verify(1, WireMock.postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void an_overloaded_upstream_is_retried_then_reported_as_overloaded() throws IOException {
        upstream.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(503)
                .withBody("{\"error\":{\"message\":\"overloaded\"}}")));

        assertAnthropicError(testConnection("x-api-key", CLIENT_KEY), 529, "overloaded_error",
                "overloaded");
        upstream.verify(3, WireMock.postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void needs_the_client_key() throws IOException {
        assertAnthropicError(testConnection(), 401, "authentication_error", "Missing API key");
        assertAnthropicError(testConnection("x-api-key", "wrong"), 401, "authentication_error",
                "Invalid API key");
        upstream.verify(0, WireMock.anyRequestedFor(WireMock.anyUrl()));
    }
}
